-- name: upload_figures
-- The figure the dashboard shows today (the preferred one) for every key of the given indicators and areas
-- (an upload's own), with where it came from: an upload's preview says of each of its figures whether it
-- is new, revised or the same. Asked by area too: at England scale an indicator has a million figures.
-- params: indicators, areas

select indicator_id, area_code, period, sex, age, value, source_id, source_ref
from indicator_value
where is_preferred and category_type = '' and indicator_id = any($indicators)
    and area_code = any($areas)
