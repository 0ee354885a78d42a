-- name: indicator_series
-- Every preferred figure of $indicator (persons, no breakdown) for the areas in scope of $area,
-- Northamptonshire and England, oldest first, with its source document.
-- Answered at build time: mart_indicator_series in lybl/build/marts/indicator_series.sql.
-- params: indicator, area

select * exclude (scope_code, indicator_id)
from mart_indicator_series
where indicator_id = $indicator and scope_code = $area
order by area_sort, period_end, period
