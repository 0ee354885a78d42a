-- name: spine_ranges
-- Each indicator's spread across England's upper-tier local authorities (lowest, quartiles, highest)
-- and England's value, where at least 20 authorities have a figure: the range of a spine chart.
-- Answered at build time: mart_spine_ranges in lybl/build/marts/spine_ranges.sql.
-- params: none

select * from mart_spine_ranges
