-- name: place_options
-- One row per area the Place filter offers: the ICB (Northamptonshire) and its Places.
-- params: none

select
    area_code,
    area_name,
    area_type
from area
where area_type in ('ICB', 'Place')
order by sort_order
