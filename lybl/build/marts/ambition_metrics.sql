-- Every metric of every ambition for each scope, with the latest preferred figure of each area in
-- scope where the metric has data, its benchmark against England (where it has an interval) and its
-- recent trend (where Fingertips' test can run); a metric without data in the scope keeps one row.
-- Reads (and the step that fills each):
--   benchmark: lybl.build.derive.benchmarks
--   trend: lybl.build.derive.trends
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   metric: lybl.build.ingest.local.load_seed000_framework
--   area_scope: lybl/build/derived.sql
--   scope_areas: lybl/build/marts/scopes.sql
--   latest_assessed: lybl/build/marts/scopes.sql
create table mart_ambition_metrics as
with

scopes as (select distinct scope_code from area_scope),

latest as (  -- the scope's areas and Northamptonshire (metrics reported only for the county)
    select s.scope_code, v.*, s.area_name, s.sort_order as area_sort
    from latest_assessed as v
    inner join scope_areas as s on s.area_code = v.area_code and s.area_code <> ics_code('england')
)

select
    sc.scope_code,
    m.ambition_id,
    m.metric_id,
    m.name as metric,
    m.framework,
    m.owner,
    m.indicator_id,
    r.area_name,
    r.area_sort,
    r.period_label,
    r.period_end,
    r.value,
    i.unit,
    r.published_comparison,
    r.benchmark,
    nullif(r.trend, 'Cannot be calculated') as trend,
    coalesce(r.source_ref, m.source_ref) as source_ref
from metric as m
cross join scopes as sc
left join indicator as i on i.indicator_id = m.indicator_id
left join latest as r on r.indicator_id = m.indicator_id and r.scope_code = sc.scope_code
order by sc.scope_code, m.ambition_id, m.metric_id, r.area_sort;
