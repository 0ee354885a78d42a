-- name: changes_since
-- For North, West and Northamptonshire: each indicator whose latest figure became known after $since
-- (its date of data, else its document's publication date), with the latest figure known on $since
-- for comparison, and both figures' benchmarks against England.
-- params: since

with

figures as (
    select
        v.indicator_id,
        v.area_code,
        v.period,
        v.age,
        v.period_label,
        v.period_end,
        v.value,
        v.published_comparison,
        v.source_ref,
        coalesce(v.date_of_data, d.published, v.period_end) as known_on
    from indicator_value as v
    left join source_document as d on d.source_id = v.source_id
    where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
        and v.area_code in ('E06000061', 'E06000062', 'E54000059')
),

ranked as (
    select
        f.*,
        row_number() over (partition by f.indicator_id, f.area_code order by f.period_end desc) as recency_now,
        row_number() over (
            partition by f.indicator_id, f.area_code, f.known_on <= cast($since as date)
            order by f.period_end desc
        ) as recency_then
    from figures as f
),

now_ as (select * from ranked where recency_now = 1 and known_on > cast($since as date)),

then_ as (select * from ranked where recency_then = 1 and known_on <= cast($since as date))

select
    n.indicator_id,
    i.name as indicator_name,
    i.polarity,
    i.unit,
    n.area_code,
    a.area_name,
    a.sort_order as area_sort,
    n.period_label as now_period,
    n.value as now_value,
    n.published_comparison as now_words,
    bn.benchmark as now_benchmark,
    n.known_on,
    t.period_label as then_period,
    t.value as then_value,
    t.published_comparison as then_words,
    bt.benchmark as then_benchmark,
    n.source_ref
from now_ as n
inner join indicator as i on i.indicator_id = n.indicator_id
inner join area as a on a.area_code = n.area_code
left join then_ as t on t.indicator_id = n.indicator_id and t.area_code = n.area_code
left join benchmark as bn
    on bn.indicator_id = n.indicator_id and bn.area_code = n.area_code and bn.period = n.period
    and bn.sex = 'Persons' and bn.age = n.age and bn.category_type = '' and bn.comparator_code = 'E92000001'
left join benchmark as bt
    on bt.indicator_id = t.indicator_id and bt.area_code = t.area_code and bt.period = t.period
    and bt.sex = 'Persons' and bt.age = t.age and bt.category_type = '' and bt.comparator_code = 'E92000001'
order by i.name, a.sort_order
