-- queries/bcf_metrics.sql: the Better Care Fund metrics with North Northamptonshire's figures from the
-- HWB report (seed 002) and their plans.
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   target: lybl.build.ingest.local.load_seed003_lybl / load_seed003_mii / load_seed002_bcf
--   bcf_metric: lybl.build.ingest.local.load_seed002_bcf
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
create table mart_bcf_metrics as
select
    b.metric_id,
    b.name,
    b.indicator_id,
    b.sort_order,
    b.good_is,
    b.words,
    b.note,
    i.name as indicator_name,
    i.unit,
    i.polarity,
    f.period_label,
    f.value,
    f.value_text,
    f.category,
    t.target as plan,
    t.target_text as plan_text,
    coalesce(f.source_ref, b.source_ref) as source_ref
from bcf_metric as b
inner join indicator as i on i.indicator_id = b.indicator_id
left join indicator_value as f
    on f.indicator_id = b.indicator_id and f.area_code = ics_bcf_place() and f.source_id = 'seed002' and f.is_preferred
left join target as t on t.indicator_id = b.indicator_id and t.area_code = ics_bcf_place()
order by b.sort_order, f.category nulls first;
