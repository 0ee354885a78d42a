-- name: figure_revisions
-- The history of $indicator's figures that were uploaded or revised: every version of each figure given by
-- more than one source (a release revising a document's figure, or an earlier release), or by a release,
-- with the source that brought it (a release names its file, sheet and row, who loaded it and when) and
-- whether it is the one shown. A reverted release's figures are gone from the database (Data page lists it).
-- Answered at build time: mart_figure_revisions in lybl/build/marts/figure_revisions.sql.
-- params: indicator

select * exclude (indicator_id)
from mart_figure_revisions
where indicator_id = $indicator
