-- name: intervention_measures
-- Every measure of the five multi-impact intervention scorecards (seed 003) with its two latest
-- preferred figures for Northamptonshire (the scorecards report the county only) and its target.
-- Answered at build time: mart_intervention_measures in lybl/build/marts/intervention_measures.sql.
-- params: none

select * from mart_intervention_measures
