-- name: upload_indicators
-- Every indicator an upload may give figures for (the Values sheet's drop-down and its checks), with the
-- unit that bounds its values and the Fingertips ID that an upload may use instead of the dashboard's ID.
-- params: none

select indicator_id, name, unit, value_type, polarity, fingertips_id, coalesce(topic, '') as topic
from indicator
order by indicator_id
