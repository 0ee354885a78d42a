-- name: ambition_latest_values
-- One row per ambition x related indicator x area in scope: the latest preferred figure.
-- Scope: $area itself and, when $area is the ICB, its two Places.
-- params: area

with

scope as (
    select area_code, area_name, sort_order from area_scope where scope_code = $area
),

latest as (
    select v.*
    from latest_value as v
    inner join scope as s on s.area_code = v.area_code
),

final as (
    select
        ia.ambition_id,
        r.area_code,
        s.area_name,
        s.sort_order as area_sort,
        r.indicator_id,
        i.name as indicator_name,
        i.polarity,
        r.period_label,
        r.value,
        i.unit,
        r.published_comparison,
        ia.basis,
        r.source_ref
    from latest as r
    inner join indicator_ambition as ia on ia.indicator_id = r.indicator_id
    inner join indicator as i on i.indicator_id = r.indicator_id
    inner join scope as s on s.area_code = r.area_code
)

select * from final
order by ambition_id, area_sort, indicator_name
