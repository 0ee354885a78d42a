-- queries/compare_latest.sql: every indicator's latest figure for England, Northamptonshire, North and
-- West, with its benchmark against England and, for each Place, against the other Place.
-- Reads (and the step that fills each):
--   benchmark: lybl.build.derive.benchmarks
--   area: lybl.build.ingest.local.load_areas, lybl.build.ingest.opendata and lybl.build.geo.load (LAPs and wards)
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   indicator_ambition: lybl.build.ingest.local.load_indicator_ambition
--   source_document: lybl.build.ingest.local.load_sources (and each reader's own source rows)
--   ambition: lybl.build.ingest.local.load_seed001_ambitions
--   latest_assessed: lybl/build/marts/scopes.sql
create table mart_compare_latest as
select
    l.indicator_id,
    i.name as indicator_name,
    i.polarity,
    i.unit,
    coalesce(ia.ambition_id, 99) as ambition_id,  -- its first ambition; 99: linked to none
    i.topic,                                        -- for those linked to none: the source's grouping
    l.area_code,
    a.area_name,
    a.sort_order as area_sort,
    l.period_label,
    l.period_end,
    l.value,
    l.lci95,
    l.uci95,
    l.is_suppressed,
    l.published_comparison,
    l.benchmark,
    nw.comparator_code as other_place,
    nw.comparator_value as other_place_value,
    nw.benchmark as against_other_place,
    l.source_id,
    d.title as source_title,
    l.source_ref
from latest_assessed as l
inner join area as a on a.area_code = l.area_code
inner join indicator as i on i.indicator_id = l.indicator_id
left join source_document as d on d.source_id = l.source_id
left join (select indicator_id, min(ambition_id) as ambition_id from indicator_ambition group by indicator_id) as ia
    on ia.indicator_id = l.indicator_id
left join benchmark as nw
    on nw.indicator_id = l.indicator_id and nw.area_code = l.area_code and nw.period = l.period
    and nw.sex = l.sex and nw.age = l.age and nw.category_type = l.category_type and nw.category = l.category
    -- the first Place against the second, every other Place against the first (North against West, West
    -- against North)
    and nw.comparator_code = case when l.area_code = ics_places()[1] then ics_places()[2]
                                  else ics_places()[1] end
where l.area_code = any([ics_code('england'), ics_code('icb')] || ics_places())
order by ambition_id, indicator_name, area_sort;
