-- Tables derived from the loaded rows at build time (run after every insert; the data are static).

-- The two latest preferred figures of each indicator for each area (persons, no breakdown), ranked:
-- recency 1 is what tiles and framework tables show, 2 the figure before it for scorecards.
-- Precomputed so that pages do not rank on every run.
create table ranked_value as
select *
from (
    select
        v.*,
        row_number() over (partition by v.indicator_id, v.area_code order by v.period_end desc) as recency
    from indicator_value as v
    where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
)
where recency <= 2
order by area_code, indicator_id, recency;

create table latest_value as
select * exclude (recency) from ranked_value where recency = 1
order by area_code, indicator_id;

-- The areas a page shows when the Place filter is scope_code: the area itself and, for the ICB,
-- its Places (North and West side by side). One definition for every query that needs it.
create table area_scope as
select a.area_code as scope_code, a.area_code, a.area_name, a.sort_order
from area as a
union all
select p.parent_code as scope_code, p.area_code, p.area_name, p.sort_order
from area as p
where p.area_type = 'Place' and p.parent_code is not null
order by scope_code, sort_order;

-- Every area inside the ICS (its Places and everything under them: communities, localities, LAPs, wards,
-- LSOAs), from the area tree. Maps, LAP pages and the upload's area list show these small areas only,
-- never every ward or LSOA of England (python -m lybl synth loads them all).
create table ics_member as
with recursive down(area_code) as (
    select area_code from ics_area where role = 'icb'
    union
    select a.area_code from area as a inner join down on a.parent_code = down.area_code
)
select area_code from down
order by area_code;
