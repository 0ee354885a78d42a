-- name: map_values
-- The latest figure of $indicator for every area of $level (LAP, Ward or LSOA), with its 95% interval,
-- count, and benchmarks against England and against its Place.
-- Answered at build time: mart_map_values in lybl/build/marts/map_values.sql.
-- params: indicator, level

select * exclude (indicator_id, level)
from mart_map_values
where indicator_id = $indicator and level = $level
order by area_code
