-- name: spc_series
-- One row per monthly series (indicator x area) a Making Data Count chart can be drawn from: the
-- indicator's name, unit and polarity, the area, the number of months and the latest month.
-- Answered at build time: mart_spc_series in lybl/build/marts/spc_series.sql.
-- params: none

select * from mart_spc_series
order by indicator_name, case area_type when 'ICB' then 0 when 'NHS trust' then 1 when 'England' then 3 else 2 end,
    area_name
