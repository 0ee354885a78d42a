-- name: indicator_options
-- Every indicator with at least one figure, for the indicator picker, by name.
-- params: none

select i.indicator_id, i.name
from indicator as i
where exists (select 1 from indicator_value as v where v.indicator_id = i.indicator_id)
order by i.name
