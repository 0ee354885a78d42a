-- name: map_shapes
-- The simplified boundary of every area of $level (LAP, Ward or LSOA) with its name and Place, in
-- British National Grid metres (GeoJSON geometry); none when the build had no boundaries.
-- params: level

select s.area_code, a.area_name, s.geometry, s.source_ref
from area_shape as s
inner join area as a on a.area_code = s.area_code
where s.area_type = $level
order by s.area_code
