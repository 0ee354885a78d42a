-- name: bcf_metrics
-- The Better Care Fund metrics as reported to the North Northamptonshire HWB (seed 002), in the
-- document's order, each with its figures for North Northamptonshire from that report and its plan.
-- params: none

with

figures as (
    select
        v.indicator_id,
        v.period_label,
        v.value,
        v.value_text,
        v.category,
        v.source_ref
    from indicator_value as v
    where v.area_code = 'E06000061' and v.source_id = 'seed002' and v.is_preferred
)

select
    b.metric_id,
    b.name,
    b.indicator_id,
    b.sort_order,
    b.good_is,
    b.words,
    b.note,
    i.name as indicator_name,
    i.unit,
    i.polarity,
    f.period_label,
    f.value,
    f.value_text,
    f.category,
    t.target as plan,
    t.target_text as plan_text,
    coalesce(f.source_ref, b.source_ref) as source_ref
from bcf_metric as b
inner join indicator as i on i.indicator_id = b.indicator_id
left join figures as f on f.indicator_id = b.indicator_id
left join target as t on t.indicator_id = b.indicator_id and t.area_code = 'E06000061'
order by b.sort_order, f.category nulls first
