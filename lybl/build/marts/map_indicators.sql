-- queries/map_indicators.sql: the indicators with figures below the Places, and at which levels.
-- Reads (and the step that fills each):
--   mart_map_values: lybl/build/marts/map_values.sql
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
create table mart_map_indicators as
select indicator_id, i.name as indicator_name, list(distinct level order by level) as levels
from mart_map_values
inner join indicator as i using (indicator_id)
group by indicator_id, i.name
order by i.name;
