-- name: bcf_metrics
-- The Better Care Fund metrics as reported to the North Northamptonshire HWB (seed 002), in the
-- document's order, each with its figures for North Northamptonshire from that report and its plan.
-- Answered at build time: mart_bcf_metrics in lybl/build/marts/bcf_metrics.sql.
-- params: none

select * from mart_bcf_metrics
