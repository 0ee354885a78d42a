-- queries/spine_ranges.sql: for each indicator, the spread of the latest figures across England's
-- upper-tier local authorities (the unitary councils, metropolitan districts, London boroughs,
-- counties and the two Northamptonshire Places) in England's latest period: a spine chart's range.
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   area: lybl.build.ingest.local.load_areas, lybl.build.ingest.opendata and lybl.build.geo.load (LAPs and wards)
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   indicator_ambition: lybl.build.ingest.local.load_indicator_ambition
--   latest_value: lybl/build/derived.sql
create table mart_spine_ranges as
with

utla as (
    select area_code from area
    where area_type = 'Place'
        or (area_type = 'Local authority' and note like '%UTLA%')
),

england as (
    select indicator_id, period, value as england_value from latest_value where area_code = ics_code('england')
),

spread as (
    select
        e.indicator_id,
        e.england_value,
        count(*) as n_areas,
        min(v.value) as lowest,
        quantile_cont(v.value, 0.25) as q25,
        quantile_cont(v.value, 0.5) as median,
        quantile_cont(v.value, 0.75) as q75,
        max(v.value) as highest
    from england as e
    inner join indicator_value as v
        on v.indicator_id = e.indicator_id and v.period = e.period and v.is_preferred
        and v.sex = 'Persons' and v.category_type = '' and v.value is not null
    inner join utla as u on u.area_code = v.area_code
    group by e.indicator_id, e.england_value
)

select s.*, i.name as indicator_name, i.polarity, i.unit, coalesce(ia.ambition_id, 99) as ambition_id, i.topic
from spread as s
inner join indicator as i on i.indicator_id = s.indicator_id
left join (select indicator_id, min(ambition_id) as ambition_id from indicator_ambition group by indicator_id) as ia
    on ia.indicator_id = s.indicator_id
where s.n_areas >= 20
order by ambition_id, i.topic, i.name;
