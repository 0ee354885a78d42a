-- queries/indicator_assessment.sql: for each indicator and each area of each scope (and Northamptonshire),
-- the latest figure's benchmark against England and the series' recent trend.
-- Reads (and the step that fills each):
--   benchmark: lybl.build.derive.benchmarks
--   trend: lybl.build.derive.trends
--   scope_areas: lybl/build/marts/scopes.sql
--   latest_assessed: lybl/build/marts/scopes.sql
create table mart_indicator_assessment as
select
    s.scope_code,
    l.indicator_id,
    l.area_code,
    l.benchmark,
    l.benchmark_998,
    l.comparator_value,
    l.trend,
    l.trend_points
from latest_assessed as l
inner join scope_areas as s on s.area_code = l.area_code and s.area_code <> ics_code('england')
order by l.indicator_id, s.scope_code;
