-- name: intervention_measures
-- Every measure of the five multi-impact intervention scorecards (seed 003) with its two latest
-- preferred figures for Northamptonshire (the scorecards report the county only) and its target.
-- params: none

with

ranked as (
    select
        v.indicator_id,
        v.period_label,
        v.period_end,
        v.value,
        v.value_text,
        v.is_suppressed,
        v.source_id,
        v.source_ref,
        row_number() over (partition by v.indicator_id order by v.period_end desc) as recency
    from indicator_value as v
    where v.area_code = 'E54000059' and v.is_preferred and v.sex = 'Persons' and v.category_type = ''
)

select
    i.intervention_id,
    i.name as intervention,
    i.sort_order,
    m.measure_id,
    m.name as measure,
    m.indicator_id,
    m.good_is,
    m.target_text,
    m.last_update,
    m.note,
    ind.polarity,
    ind.unit,
    t.target,
    r.recency,
    r.period_label,
    r.period_end,
    r.value,
    r.value_text,
    r.is_suppressed,
    r.source_id,
    r.source_ref
from intervention_measure as m
inner join intervention as i on i.intervention_id = m.intervention_id
left join indicator as ind on ind.indicator_id = m.indicator_id
left join target as t on t.indicator_id = m.indicator_id and t.area_code = 'E54000059' and t.period is null
left join ranked as r on r.indicator_id = m.indicator_id and r.recency <= 2
order by i.sort_order, m.measure_id, r.recency
