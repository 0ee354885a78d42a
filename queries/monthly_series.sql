-- name: monthly_series
-- The monthly figures of $indicator for $area, oldest first, with the break points that restart
-- SPC limits (series_note): the series a Making Data Count chart is drawn from.
-- params: indicator, area
-- Answered at build time: mart_monthly_series in lybl/build/marts/monthly_series.sql.

select * exclude (indicator_id, area_code)
from mart_monthly_series
where indicator_id = $indicator and area_code = $area
order by period_end
