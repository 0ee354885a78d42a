-- name: ambition_metrics
-- One row per metric of $ambition x area in scope ($area, plus the Places when $area is the ICB),
-- with the latest preferred figure where the metric has data; metrics without data keep one row.
-- Answered at build time: mart_ambition_metrics in lybl/build/marts/ambition_metrics.sql.
-- params: ambition, area

select * exclude (scope_code, ambition_id)
from mart_ambition_metrics
where scope_code = $area and ambition_id = $ambition
order by metric_id, area_sort
