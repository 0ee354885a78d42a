-- queries/intervention_measures.sql: every multi-impact intervention measure with its two latest
-- figures for Northamptonshire (the scorecards report the county only) and its standing target.
-- Reads (and the step that fills each):
--   target: lybl.build.ingest.local.load_seed003_lybl / load_seed003_mii / load_seed002_bcf
--   intervention_measure: lybl.build.ingest.local.load_seed003_mii
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   ranked_value: lybl/build/derived.sql
create table mart_intervention_measures as
select
    iv.intervention_id,
    iv.name as intervention,
    iv.sort_order,
    m.measure_id,
    m.name as measure,
    m.indicator_id,
    m.good_is,
    m.target_text,
    m.last_update,
    m.note,
    ind.polarity,
    ind.unit,
    t.target,
    r.recency,
    r.period_label,
    r.period_end,
    r.value,
    r.value_text,
    r.is_suppressed,
    r.source_id,
    r.source_ref
from intervention_measure as m
inner join intervention as iv on iv.intervention_id = m.intervention_id
left join indicator as ind on ind.indicator_id = m.indicator_id
left join target as t on t.indicator_id = m.indicator_id and t.area_code = ics_code('icb') and t.period is null
left join ranked_value as r on r.indicator_id = m.indicator_id and r.area_code = ics_code('icb')
order by iv.sort_order, m.measure_id, r.recency;
