-- Data page (queries/fingertips_agreement.sql): each imported Fingertips figure Fingertips compared, with its
-- words beside our benchmark against England (lybl.build.derive.benchmarks, filled by lybl.build.database._derive).
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   benchmark: lybl.build.derive.benchmarks
--   area: lybl.build.ingest.local.load_areas, lybl.build.ingest.opendata and lybl.build.geo.load (LAPs and wards)
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
create table mart_fingertips_agreement as
select
    v.indicator_id,
    i.name as indicator,
    v.area_code,
    a.area_name,
    v.period_label,
    v.sex,
    v.age,
    v.value,
    v.published_comparison,
    b.benchmark,
    b.benchmark_998
from indicator_value as v
inner join indicator as i using (indicator_id)
inner join area as a using (area_code)
left join benchmark as b
    on b.indicator_id = v.indicator_id and b.area_code = v.area_code and b.period = v.period
    and b.sex = v.sex and b.age = v.age and b.category_type = v.category_type and b.category = v.category
    and b.comparator_code = ics_code('england')
where v.source_id = 'fingertips' and v.is_preferred
order by v.indicator_id, v.area_code, v.period_label;
