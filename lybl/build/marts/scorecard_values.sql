-- queries/scorecard_values.sql: the LYBL outcome scorecard's current and previous figures per scope
-- (the scope's areas and Northamptonshire, for rows reported only for the county).
-- Reads (and the step that fills each):
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   metric: lybl.build.ingest.local.load_seed000_framework
--   ranked_value: lybl/build/derived.sql
--   scope_areas: lybl/build/marts/scopes.sql
create table mart_scorecard_values as
select
    s.scope_code,
    m.metric_id,
    m.name as metric,
    m.owner,
    m.good_is,
    m.last_update,
    i.polarity,
    i.unit,
    s.area_code,
    s.area_name,
    s.sort_order as area_sort,
    r.recency,
    r.period_label,
    r.period_end,
    r.value,
    r.value_text,
    r.published_trend,
    r.is_suppressed,
    r.value_note,
    r.source_ref
from metric as m
inner join indicator as i on i.indicator_id = m.indicator_id
inner join ranked_value as r on r.indicator_id = m.indicator_id
inner join scope_areas as s on s.area_code = r.area_code and s.area_code <> ics_code('england')
where m.framework = 'LYBL outcome scorecard (seed 003)'
order by s.scope_code, m.metric_id, s.sort_order, r.recency;
