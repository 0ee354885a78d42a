-- name: scorecard_values
-- The LYBL outcome scorecard (seed 003): each metric's two latest preferred figures (current and
-- previous) for the areas in scope of $area and for Northamptonshire (rows reported only for it).
-- params: area

with

areas as (
    select area_code, area_name, sort_order from area_scope where scope_code = $area
    union
    select area_code, area_name, sort_order from area where area_code = 'E54000059'
),

ranked as (
    select
        v.indicator_id,
        v.area_code,
        v.period_label,
        v.value,
        v.value_text,
        v.published_trend,
        v.is_suppressed,
        v.value_note,
        v.source_ref,
        row_number() over (partition by v.indicator_id, v.area_code order by v.period_end desc) as recency
    from indicator_value as v
    inner join areas as a on a.area_code = v.area_code
    where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
)

select
    m.metric_id,
    m.name as metric,
    m.owner,
    m.good_is,
    m.last_update,
    i.polarity,
    i.unit,
    a.area_code,
    a.area_name,
    a.sort_order as area_sort,
    r.recency,
    r.period_label,
    r.value,
    r.value_text,
    r.published_trend,
    r.is_suppressed,
    r.value_note,
    r.source_ref
from metric as m
inner join indicator as i on i.indicator_id = m.indicator_id
inner join ranked as r on r.indicator_id = m.indicator_id and r.recency <= 2
inner join areas as a on a.area_code = r.area_code
where m.framework = 'LYBL outcome scorecard (seed 003)'
order by m.metric_id, a.sort_order, r.recency
