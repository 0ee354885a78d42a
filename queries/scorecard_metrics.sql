-- name: scorecard_metrics
-- Every metric of the LYBL outcome scorecard (seed 003), with or without data, in the document's order.
-- params: none

select
    m.metric_id,
    m.name as metric,
    m.owner,
    m.good_is,
    m.last_update,
    m.indicator_id,
    m.note,
    m.source_ref
from metric as m
where m.framework = 'LYBL outcome scorecard (seed 003)'
order by m.metric_id
