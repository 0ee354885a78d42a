-- name: monthly_series
-- The monthly figures of $indicator for $area, oldest first, with the break points that restart
-- SPC limits (series_note): the series a Making Data Count chart is drawn from.
-- params: indicator, area

select
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
where v.indicator_id = $indicator and v.area_code = $area and v.is_preferred and v.sex = 'Persons'
    and v.category_type = '' and date_diff('day', v.period_start, v.period_end) between 27 and 30
order by v.period_end
