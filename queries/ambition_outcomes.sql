-- name: ambition_outcomes
-- One row per outcome of $ambition in the ICP outcomes framework (seed 000).
-- params: ambition

select
    outcome_id,
    name as outcome,
    source_ref
from outcome
where ambition_id = $ambition
order by outcome_id
