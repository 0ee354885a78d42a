-- name: figure_history
-- Every preferred figure of North, West and Northamptonshire with the day it became known (its date of
-- data, else its document's publication date, else its period's end) and its benchmark against England;
-- lybl.read.compare.changes_since ranks it for a date (What changed on /compare).
-- Answered at build time: mart_figure_history in lybl/build/marts/figure_history.sql.
-- Only the rows that ranking reads for $since: each indicator and area's latest figure if it became known
-- after $since, and the latest figure known on $since (one whose later periods all became known after it).
-- params: since

select * exclude (is_latest, later_known_on)
from mart_figure_history
where (is_latest and known_on > cast($since as date))
    or (known_on <= cast($since as date) and coalesce(later_known_on > cast($since as date), true))
order by indicator_id, area_code, period_end
