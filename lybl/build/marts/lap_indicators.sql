-- queries/lap_indicators.sql: each LAP's latest figures with their benchmarks against its Place and
-- England, and the Place's and England's values for the same period.
-- Reads (and the step that fills each):
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   latest_assessed_value: lybl/build/marts/scopes.sql
--   mart_map_values: lybl/build/marts/map_values.sql
create table mart_lap_indicators as
select
    m.area_code as lap_code,
    m.indicator_id,
    i.name as indicator_name,
    i.unit,
    i.polarity,
    m.area_name,
    m.period_label,
    m.value,
    m.lci95,
    m.uci95,
    m.count,
    m.denominator,
    m.is_suppressed,
    m.against_place,
    m.against_england,
    m.place_code,
    p.value as place_value,
    e.value as england_value,
    m.source_ref
from mart_map_values as m
inner join indicator as i using (indicator_id)
left join latest_assessed_value as p
    on p.indicator_id = m.indicator_id and p.area_code = m.place_code and p.period_label = m.period_label
    and p.sex = 'Persons' and p.category_type = ''
left join latest_assessed_value as e
    on e.indicator_id = m.indicator_id and e.area_code = ics_code('england') and e.period_label = m.period_label
    and e.sex = 'Persons' and e.category_type = ''
where m.level = 'LAP'
order by m.area_code, i.name;
