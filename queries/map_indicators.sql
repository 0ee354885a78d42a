-- name: map_indicators
-- The indicators with figures below the Places, and at which levels (LAP, Ward, LSOA).
-- params: none
-- Answered at build time: mart_map_values in lybl/build/marts/map_values.sql.

select indicator_id, i.name as indicator_name, list(distinct level order by level) as levels
from mart_map_values
inner join indicator as i using (indicator_id)
group by indicator_id, i.name
order by i.name
