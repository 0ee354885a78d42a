-- name: indicator_assessment
-- For $indicator and each area in scope of $area: the latest figure's benchmark against England
-- (Fingertips' method, where it has an interval) and the series' recent trend.
-- params: indicator, area

with

areas as (select area_code from area_scope where scope_code = $area),

latest as (
    select l.area_code, l.period, l.sex, l.age, l.category_type, l.category
    from latest_value as l
    inner join areas as a on a.area_code = l.area_code
    where l.indicator_id = $indicator
)

select
    l.area_code,
    b.benchmark,
    b.benchmark_998,
    b.comparator_value,
    t.trend,
    t.trend_points
from latest as l
left join benchmark as b
    on b.indicator_id = $indicator and b.area_code = l.area_code and b.period = l.period
    and b.comparator_code = 'E92000001'
left join trend as t
    on t.indicator_id = $indicator and t.area_code = l.area_code and t.sex = l.sex and t.age = l.age
    and t.category_type = l.category_type and t.category = l.category
