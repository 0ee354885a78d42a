-- queries/ambition_latest_values.sql and queries/ambition_metrics.sql: the framework questions.
-- Every ambition x related indicator x area of each scope, with its latest preferred figure.
-- Reads (and the step that fills each):
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   indicator_ambition: lybl.build.ingest.local.load_indicator_ambition
--   latest_value: lybl/build/derived.sql
--   area_scope: lybl/build/derived.sql
create table mart_ambition_latest_values as
select
    s.scope_code,
    ia.ambition_id,
    v.area_code,
    s.area_name,
    s.sort_order as area_sort,
    v.indicator_id,
    i.name as indicator_name,
    i.polarity,
    v.period_label,
    v.value,
    i.unit,
    v.published_comparison,
    ia.basis,
    v.source_ref
from latest_value as v
inner join area_scope as s on s.area_code = v.area_code
inner join indicator_ambition as ia on ia.indicator_id = v.indicator_id
inner join indicator as i on i.indicator_id = v.indicator_id
order by s.scope_code, ia.ambition_id, area_sort, indicator_name;
