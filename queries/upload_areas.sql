-- name: upload_areas
-- Every area an upload may give figures for (the Values sheet's drop-down and its checks), the ICB and
-- its Places first, then LAPs, wards, LSOAs and the comparators.
-- params: none

select area_code, area_name, area_type
from area
where area_type not in ('Ward', 'LSOA') or area_code in (select area_code from ics_member)  -- derived.sql
order by case area_type when 'ICB' then 0 when 'Place' then 1 when 'LAP' then 2 when 'England' then 3
    when 'Region' then 4 when 'Local authority' then 5 else 6 end, sort_order nulls last, area_code
