-- queries/indicator_options.sql: every indicator with at least one figure, for the indicator picker.
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
create table mart_indicator_options as
select i.indicator_id, i.name
from indicator as i
where i.indicator_id in (select distinct indicator_id from indicator_value)
order by i.name;
