-- name: lap_indicators
-- Every indicator with a figure for LAP $lap: its latest value, 95% interval and count, its benchmarks
-- against its Place and England, and the Place's and England's values for the same period.
-- Answered at build time: mart_lap_indicators in lybl/build/marts/lap_indicators.sql.
-- params: lap

select * exclude (lap_code)
from mart_lap_indicators
where lap_code = $lap
order by indicator_name
