-- Tables derived from the loaded rows at build time (run after every insert; the data are static).

-- The latest preferred figure of each indicator for each area (persons, no breakdown):
-- what tiles and framework tables show. Precomputed so that pages do not rank on every run.
create table latest_value as
select * exclude (recency)
from (
    select
        v.*,
        row_number() over (partition by v.indicator_id, v.area_code order by v.period_end desc) as recency
    from indicator_value as v
    where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
)
where recency = 1
order by area_code, indicator_id;
