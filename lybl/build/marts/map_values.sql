-- queries/map_values.sql: each indicator's latest figure for every LAP, ward and LSOA, with its benchmark
-- against England and against its Place (the map colours by either), read by indicator and level.
-- Reads (and the step that fills each):
--   benchmark: lybl.build.derive.benchmarks
--   area: lybl.build.ingest.local.load_areas, lybl.build.ingest.opendata and lybl.build.geo.load (LAPs and wards)
--   latest_assessed_value: lybl/build/marts/scopes.sql
create table mart_map_values as
select
    l.indicator_id,
    a.area_type as level,
    l.area_code,
    a.area_name,
    l.period_label,
    l.value,
    l.lci95,
    l.uci95,
    l.count,
    l.denominator,
    l.is_suppressed,
    l.value_note,
    l.is_synthetic,
    l.benchmark as against_england,
    bp.comparator_code as place_code,
    bp.benchmark as against_place,
    l.source_ref
from latest_assessed_value as l
inner join area as a on a.area_code = l.area_code
left join benchmark as bp
    on bp.indicator_id = l.indicator_id and bp.area_code = l.area_code and bp.period = l.period
    and bp.sex = l.sex and bp.age = l.age and bp.category_type = l.category_type and bp.category = l.category
    and bp.comparator_code = any(ics_places())
where a.area_type in ('LAP', 'Ward', 'LSOA') and l.sex = 'Persons' and l.category_type = ''
    and l.area_code in (select area_code from ics_member)
order by l.indicator_id, a.area_type, l.area_code;
