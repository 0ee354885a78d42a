-- name: map_indicators
-- The indicators with figures below the Places, and at which levels (LAP, Ward, LSOA).
-- params: none
-- Answered at build time: mart_map_indicators in lybl/build/marts/map_indicators.sql.

select indicator_id, indicator_name, levels
from mart_map_indicators
order by indicator_name
