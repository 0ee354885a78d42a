-- queries/spc_series.sql: every monthly series (indicator x area) a Making Data Count chart can be drawn from.
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   area: lybl.build.ingest.local.load_areas, lybl.build.ingest.opendata and lybl.build.geo.load (LAPs and wards)
create table mart_spc_series as
select
    v.indicator_id,
    i.name as indicator_name,
    i.unit,
    i.polarity,
    v.area_code,
    a.area_name,
    a.area_type,
    count(*) as months,
    max(v.period_end) as latest_end
from indicator_value as v
join indicator as i using (indicator_id)
join area as a using (area_code)
where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
    and date_diff('day', v.period_start, v.period_end) between 27 and 30
group by v.indicator_id, i.name, i.unit, i.polarity, v.area_code, a.area_name, a.area_type
having count(*) >= 2
order by indicator_name, case area_type when 'ICB' then 0 when 'NHS trust' then 1 when 'England' then 3 else 2 end,
    area_name
