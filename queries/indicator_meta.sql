-- name: indicator_meta
-- One indicator's definition, unit, value type, polarity and source.
-- params: indicator

select indicator_id, name, definition, unit, value_type, multiplier, polarity, source, source_url, fingertips_id
from indicator
where indicator_id = $indicator
