-- name: trust_options
-- Areas with a monthly A&E 4-hour series: the ICB, its two acute trusts and England.
-- params: none
-- The areas: mart_monthly_series in lybl/build/marts/monthly_series.sql.

select a.area_code, a.area_name, a.area_type
from area as a
where a.area_code in (select area_code from mart_monthly_series where indicator_id = 'ae_4hr_performance')
order by case a.area_type when 'ICB' then 0 when 'NHS trust' then 1 else 2 end, a.area_name
