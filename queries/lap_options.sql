-- name: lap_options
-- One row per Local Area Partnership the LAP filter offers: its Place, its community wellbeing forum or
-- locality, whether its wards are (partly) a provisional grouping (geo/lap_wards.csv), and its note
-- (how its wards and name are known, its residents).
-- params: none

select
    l.area_code,
    l.area_name,
    c.area_name as community,
    c.parent_code as place_code,
    coalesce(l.is_provisional, true) as is_provisional,
    l.note
from area as l
inner join area as c on c.area_code = l.parent_code
where l.area_type = 'LAP'
order by c.parent_code, c.sort_order, l.sort_order
