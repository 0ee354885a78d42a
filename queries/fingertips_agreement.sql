-- name: fingertips_agreement
-- One row per imported Fingertips figure: Fingertips' comparison with England as published, beside the
-- comparison this build computed from the same value and limits (benchmark, at 95% and 95%/99.8%).
-- params: none
-- Answered at build time: mart_fingertips_agreement in lybl/build/marts/fingertips_agreement.sql.

select * from mart_fingertips_agreement
