-- name: upload_scorecard_rows
-- Every row of the LYBL outcome scorecard and of the multi-impact intervention scorecards, with the
-- indicator and area whose figures it shows: an upload's preview lists the rows its figures change.
-- The intervention scorecards report the ICB (Northamptonshire) only, as mart_intervention_measures does.
-- params: none

select 'LYBL outcome scorecard' as scorecard, m.name as row_name, m.indicator_id, s.area_code,
    s.area_name
from metric as m
inner join area as s on s.area_type in ('ICB', 'Place')
where m.framework = 'LYBL outcome scorecard (seed 003)' and m.indicator_id is not null
union all
select 'Multi-impact interventions: ' || iv.name, im.name, im.indicator_id, a.area_code, a.area_name
from intervention_measure as im
inner join intervention as iv using (intervention_id)
inner join area as a on a.area_type = 'ICB'
where im.indicator_id is not null
order by 1, 2, 4
