-- name: indicator_series
-- Every preferred figure of $indicator (persons, no breakdown) for the areas in scope of $area,
-- Northamptonshire and England, oldest first, with its source document.
-- params: indicator, area

with

areas as (
    select area_code, area_name, sort_order from area_scope where scope_code = $area
    union
    select area_code, area_name, sort_order from area where area_code in ('E54000059', 'E92000001')
)

select
    v.area_code,
    a.area_name,
    a.sort_order as area_sort,
    v.period,
    v.period_label,
    v.period_end,
    v.value,
    v.lci95,
    v.uci95,
    v.count,
    v.denominator,
    v.is_suppressed,
    v.value_note,
    v.published_comparison,
    v.date_of_data,
    v.source_id,
    d.title as source_title,
    v.source_ref,
    v.is_synthetic
from indicator_value as v
inner join areas as a on a.area_code = v.area_code
left join source_document as d on d.source_id = v.source_id
where v.indicator_id = $indicator and v.is_preferred and v.sex = 'Persons' and v.category_type = ''
order by a.sort_order, v.period_end
