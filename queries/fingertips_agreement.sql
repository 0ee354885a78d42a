-- name: fingertips_agreement
-- One row per imported Fingertips figure: Fingertips' comparison with England as published, beside the
-- comparison this build computed from the same value and limits (benchmark, at 95% and 95%/99.8%).
-- params: none

with

imported as (select * from indicator_value where source_id = 'fingertips' and is_preferred),

ours as (select * from benchmark where comparator_code = 'E92000001'),

final as (
    select
        v.indicator_id,
        i.name as indicator,
        v.area_code,
        a.area_name,
        v.period_label,
        v.sex,
        v.age,
        v.value,
        v.published_comparison,
        b.benchmark,
        b.benchmark_998
    from imported as v
    join indicator as i using (indicator_id)
    join area as a using (area_code)
    left join ours as b
        on b.indicator_id = v.indicator_id and b.area_code = v.area_code and b.period = v.period
        and b.sex = v.sex and b.age = v.age and b.category_type = v.category_type and b.category = v.category
)

select * from final
order by indicator_id, area_code, period_label
