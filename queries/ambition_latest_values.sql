-- name: ambition_latest_values
-- One row per ambition x related indicator x area in scope: the latest preferred figure.
-- Scope: $area itself and, when $area is the ICB, its two Places.
-- Answered at build time: mart_ambition_latest_values in lybl/build/marts/ambition_latest_values.sql.
-- params: area

select * exclude (scope_code)
from mart_ambition_latest_values
where scope_code = $area
order by ambition_id, area_sort, indicator_name
