-- name: objectives
-- One row per breakthrough objective (seed 004: another system's example until Northamptonshire's own are entered), ordered by ref.
-- params: none

with

objectives as (select * from objective),

final as (
    select
        ref,
        strategic_objective,
        objective,
        smart_measure,
        ics_priority,
        supporting_programmes,
        lead,
        partners,
        system_name,
        period_label,
        source_ref
    from objectives
)

select * from final
order by
    try_cast(split_part(ref, '.', 1) as integer) nulls last,
    try_cast(split_part(ref, '.', 2) as integer) nulls last,
    ref
