-- name: lap_wards
-- The wards of LAP $lap: the 2021-25 wards it is built from (geo/lap_wards.csv), and the May 2025 wards
-- that fall mostly within it (best fit by residents), with the share and any other LAP they straddle.
-- params: lap

select 'Ward 2021-25' as vintage, area_code as ward_code, area_name as ward_name, 1.0 as share,
       null as other_laps
from area
where area_type = 'Ward' and parent_code = $lap
union all
select 'Ward 2025', ward_code, ward_name, share, other_laps
from ward_2025_lap
where lap_code = $lap
order by vintage, ward_name
