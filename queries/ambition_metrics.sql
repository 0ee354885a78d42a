-- name: ambition_metrics
-- One row per metric of $ambition x area in scope ($area, plus the Places when $area is the ICB),
-- with the latest preferred figure where the metric has data; metrics without data keep one row.
-- params: ambition, area

with

scope as (
    select area_code, area_name, sort_order from area_scope where scope_code = $area
),

metrics as (select * from metric where ambition_id = $ambition),

latest as (
    select
        v.*,
        s.area_name,
        s.sort_order as area_sort
    from latest_value as v
    inner join scope as s on s.area_code = v.area_code
),

final as (
    select
        m.metric_id,
        m.name as metric,
        m.framework,
        m.owner,
        m.indicator_id,
        r.area_name,
        r.area_sort,
        r.period_label,
        r.value,
        i.unit,
        r.published_comparison,
        coalesce(r.source_ref, m.source_ref) as source_ref
    from metrics as m
    left join indicator as i on i.indicator_id = m.indicator_id
    left join latest as r on r.indicator_id = m.indicator_id
)

select * from final
order by metric_id, area_sort
