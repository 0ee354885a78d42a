-- name: figure_history
-- Every preferred figure of North, West and Northamptonshire with the day it became known (its date of
-- data, else its document's publication date, else its period's end) and its benchmark against England;
-- lybl.read.compare.changes_since ranks it for a date (What changed on /compare).
-- Answered at build time: mart_figure_history in lybl/build/marts/figure_history.sql.
-- params: none

select * from mart_figure_history
