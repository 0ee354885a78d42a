-- queries/indicator_series.sql: every preferred figure of each indicator for each scope's areas,
-- Northamptonshire, England, the former county and the East Midlands, with its source document.
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   source_document: lybl.build.ingest.local.load_sources (and each reader's own source rows)
--   series_areas: lybl/build/marts/scopes.sql
create table mart_indicator_series as
select
    s.scope_code,
    v.indicator_id,
    v.area_code,
    s.area_name,
    s.sort_order as area_sort,
    v.period,
    v.period_label,
    v.period_end,
    v.value,
    v.lci95,
    v.uci95,
    v.count,
    v.denominator,
    v.is_suppressed,
    v.value_note,
    v.published_comparison,
    v.date_of_data,
    v.source_id,
    d.title as source_title,
    v.source_ref,
    v.is_synthetic
from indicator_value as v
inner join series_areas as s on s.area_code = v.area_code
left join source_document as d on d.source_id = v.source_id
where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
order by v.indicator_id, s.scope_code, s.sort_order, v.period_end;
