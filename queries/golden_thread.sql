-- name: golden_thread
-- The iCAN example outcomes scorecard (seed 002): ICS population outcome -> ICP ambition -> programme
-- outcome -> lead KPI -> operational KPI -> "I" statement, one row per thread.
-- params: none

select
    row_id,
    programme,
    population_outcome,
    icp_ambition,
    ambition_id,
    programme_outcome,
    lead_kpi,
    operational_kpi,
    i_statement,
    source_ref
from golden_thread
order by row_id
