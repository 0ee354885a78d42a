-- name: scorecard_values
-- The LYBL outcome scorecard (seed 003): each metric's two latest preferred figures (current and
-- previous) for the areas in scope of $area and for Northamptonshire (rows reported only for it).
-- Answered at build time: mart_scorecard_values in lybl/build/marts/scorecard_values.sql.
-- params: area

select * exclude (scope_code)
from mart_scorecard_values
where scope_code = $area
order by metric_id, area_sort, recency
