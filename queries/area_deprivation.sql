-- name: area_deprivation
-- $area's LSOAs and residents by the national IMD 2025 decile of their LSOA (1 = England's most deprived 10%).
-- params: area

select decile, lsoas, residents, residents / sum(residents) over () * 100 as percent, source_ref
from area_deprivation
where area_code = $area
order by decile
