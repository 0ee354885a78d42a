-- queries/figure_history.sql: every preferred figure of North, West and Northamptonshire with the day it
-- became known (its date of data, else its document's publication date, else its period's end) and its
-- benchmark against England; lybl.read.compare.changes_since ranks it for a date.
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   benchmark: lybl.build.derive.benchmarks
--   area: lybl.build.ingest.local.load_areas, lybl.build.ingest.opendata and lybl.build.geo.load (LAPs and wards)
--   indicator: lybl.build.ingest.local.load_indicators and the open-data readers in lybl.build.ingest
--   source_document: lybl.build.ingest.local.load_sources (and each reader's own source rows)
-- Each row also carries what lets queries/figure_history.sql return, for a date, only the rows
-- changes_since reads: whether it is its indicator and area's latest period (is_latest), and the earliest
-- day a later period of the same indicator and area became known (later_known_on).
create table mart_figure_history as
with history as (
    select
        v.indicator_id,
        i.name as indicator_name,
        i.polarity,
        i.unit,
        v.area_code,
        a.area_name,
        a.sort_order as area_sort,
        v.period_label,
        v.period_end,
        v.value,
        v.published_comparison,
        b.benchmark,
        v.source_ref,
        coalesce(v.date_of_data, d.published, v.period_end) as known_on
    from indicator_value as v
    inner join indicator as i on i.indicator_id = v.indicator_id
    inner join area as a on a.area_code = v.area_code
    left join source_document as d on d.source_id = v.source_id
    left join benchmark as b
        on b.indicator_id = v.indicator_id and b.area_code = v.area_code and b.period = v.period
        and b.sex = v.sex and b.age = v.age and b.category_type = v.category_type and b.category = v.category
        and b.comparator_code = ics_code('england')
    where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
        and v.area_code = any(ics_places() || [ics_code('icb')])
)
select
    *,
    period_end = max(period_end) over (partition by indicator_id, area_code) as is_latest,
    min(known_on) over (partition by indicator_id, area_code order by period_end
                        range between interval 1 day following and unbounded following) as later_known_on
from history
order by indicator_id, area_code, period_end;
