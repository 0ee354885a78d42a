-- name: indicator_assessment
-- For $indicator and each area in scope of $area: the latest figure's benchmark against England
-- (Fingertips' method, where it has an interval) and the series' recent trend.
-- Answered at build time: mart_indicator_assessment in lybl/build/marts/indicator_assessment.sql.
-- params: indicator, area

select * exclude (scope_code, indicator_id)
from mart_indicator_assessment
where indicator_id = $indicator and scope_code = $area
