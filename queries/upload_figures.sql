-- name: upload_figures
-- The figure the dashboard shows today (the preferred one) for every key of the given indicators, with
-- where it came from: an upload's preview says of each of its figures whether it is new, revised or the same.
-- params: indicators

select indicator_id, area_code, period, sex, age, value, source_id, source_ref
from indicator_value
where is_preferred and category_type = '' and indicator_id = any($indicators)
