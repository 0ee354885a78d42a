-- name: ambitions
-- One row per Live Your Best Life ambition: its owner and how much of its framework has data.
-- params: none

with

ambitions as (select * from ambition),

outcome_counts as (
    select ambition_id, count(*) as n_outcomes
    from outcome
    group by ambition_id
),

metric_counts as (
    select
        ambition_id,
        count(*) as n_metrics,
        count(indicator_id) as n_metrics_with_data
    from metric
    group by ambition_id
),

final as (
    select
        a.ambition_id,
        a.name,
        a.framework_name,
        a.owner,
        coalesce(o.n_outcomes, 0) as n_outcomes,
        coalesce(m.n_metrics, 0) as n_metrics,
        coalesce(m.n_metrics_with_data, 0) as n_metrics_with_data,
        a.source_ref
    from ambitions as a
    left join outcome_counts as o on o.ambition_id = a.ambition_id
    left join metric_counts as m on m.ambition_id = a.ambition_id
)

select * from final
order by ambition_id
