-- name: lap_spread
-- The latest figure of every indicator for every LAP (for placing one LAP among the 17).
-- params: none
-- Answered at build time: mart_map_values in lybl/build/marts/map_values.sql.

select indicator_id, area_code, value, is_suppressed
from mart_map_values
where level = 'LAP'
order by indicator_id, area_code
