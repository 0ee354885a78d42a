-- name: indicator_options
-- Every indicator with at least one figure, for the indicator picker, by name.
-- params: none
-- Answered at build time: mart_indicator_options in lybl/build/marts/indicator_options.sql.

select indicator_id, name
from mart_indicator_options
order by name
