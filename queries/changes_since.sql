-- name: changes_since
-- For North, West and Northamptonshire: each indicator whose latest figure became known after $since
-- (its date of data, else its document's publication date), with the latest figure known on $since
-- for comparison, and both figures' benchmarks against England.
-- Reads mart_figure_history (lybl/marts.sql), ranked here for the date given.
-- params: since

with

ranked as (
    select
        f.*,
        row_number() over (partition by f.indicator_id, f.area_code order by f.period_end desc) as recency_now,
        row_number() over (
            partition by f.indicator_id, f.area_code, f.known_on <= cast($since as date)
            order by f.period_end desc
        ) as recency_then
    from mart_figure_history as f
),

now_ as (select * from ranked where recency_now = 1 and known_on > cast($since as date)),

then_ as (select * from ranked where recency_then = 1 and known_on <= cast($since as date))

select
    n.indicator_id,
    n.indicator_name,
    n.polarity,
    n.unit,
    n.area_code,
    n.area_name,
    n.area_sort,
    n.period_label as now_period,
    n.value as now_value,
    n.published_comparison as now_words,
    n.benchmark as now_benchmark,
    n.known_on,
    t.period_label as then_period,
    t.value as then_value,
    t.published_comparison as then_words,
    t.benchmark as then_benchmark,
    n.source_ref
from now_ as n
left join then_ as t on t.indicator_id = n.indicator_id and t.area_code = n.area_code
order by n.indicator_name, n.area_sort
