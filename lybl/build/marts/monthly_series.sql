-- queries/monthly_series.sql and queries/trust_options.sql: every monthly figure (persons, no breakdown),
-- with the break points that restart SPC limits, by indicator, area and month.
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   series_note: lybl.build.ingest.local.load_series_notes (data/series_notes.csv)
create table mart_monthly_series as
select
    v.indicator_id,
    v.area_code,
    v.period_label,
    v.period_start,
    v.period_end,
    v.value,
    v.count,
    v.denominator,
    v.value_note,
    v.source_ref,
    n.note as break_note,
    coalesce(n.recalculate_limits, false) as recalculate
from indicator_value as v
left join series_note as n
    on n.indicator_id = v.indicator_id and n.area_code = v.area_code and n.period_start = v.period_start
where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
    and date_diff('day', v.period_start, v.period_end) between 27 and 30
order by v.indicator_id, v.area_code, v.period_end;
