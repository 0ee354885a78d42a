-- name: compare_latest
-- Every indicator's latest figure for England, Northamptonshire, North and West, with its 95% interval,
-- its benchmark against England and, for North and West, against each other.
-- Answered at build time: mart_compare_latest in lybl/build/marts/compare_latest.sql.
-- params: none

select * from mart_compare_latest
