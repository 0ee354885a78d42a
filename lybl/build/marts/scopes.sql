-- Shared by the marts (lybl.build.database runs this file first, then the others, each after the marts it
-- reads): the filter scopes, their areas and series areas, and each area's latest assessed figure.
-- Reads (and the step that fills each):
--   benchmark: lybl.build.derive.benchmarks
--   trend: lybl.build.derive.trends
--   area: lybl.build.ingest.local.load_areas, lybl.build.ingest.opendata and lybl.build.geo.load (LAPs and wards)
--   target: lybl.build.ingest.local.load_seed003_lybl / load_seed003_mii / load_seed002_bcf
--   latest_value: lybl/build/derived.sql
--   area_scope: lybl/build/derived.sql

-- The configured ICS's codes (table ics_area, written from config/<LYBL_ICS>.toml by lybl.build.database):
-- every mart names areas through these, never by a literal code.
create temp macro ics_code(wanted) as (select area_code from ics_area where role = wanted);
create temp macro ics_places() as
    (select list(area_code order by sort_order) from ics_area where role like 'place_%');
create temp macro ics_bcf_place() as (select area_code from ics_area where reports_bcf);

-- Marts: each page question answered at build time for every value of its parameters, so that the
-- named query a page runs is one filter on a table stored in the order it is read (each join a page
-- ran cost DuckDB about 2.5 ms; the target is 10 ms per query). Run after lybl/build/derived.sql.
-- The queries that read them say so in their headers.

-- The areas each Place-filter scope shows, plus Northamptonshire and England as comparators. A scope
-- is an area the sidebar can filter the pages to (the ICB, a Place, a LAP), not every ward, LSOA or
-- English authority: crossing England's figures with those would multiply the marts for nothing.
create temp table filter_scopes as
select area_code as scope_code from area
where area_type in ('ICB', 'Place', 'LAP');

create temp table scope_areas as
select s.scope_code, s.area_code, s.area_name, s.sort_order
from area_scope as s
inner join filter_scopes using (scope_code)
union
select s.scope_code, a.area_code, a.area_name, a.sort_order
from filter_scopes as s
cross join area as a
where a.area_code in (ics_code('icb'), ics_code('england'))
union  -- a LAP, community, locality or ward is shown beside its Place
select anc.scope_code, p.area_code, p.area_name, p.sort_order
from (
    with recursive up(scope_code, area_code) as (
        select a.area_code, a.parent_code from area as a
        inner join filter_scopes as s on s.scope_code = a.area_code
        where a.parent_code is not null
        union all
        select up.scope_code, a.parent_code from up
        inner join area as a on a.area_code = up.area_code
        where a.parent_code is not null
    )
    select * from up
) as anc
inner join area as p on p.area_code = anc.area_code and p.area_type = 'Place';

-- Series add the areas whose history a scope took over (the former county for the ICB, the former
-- districts for their unitary council, to March 2021) and the East Midlands, after its own areas.
create temp table series_areas as
select * from scope_areas
union
select a.successor_code as scope_code, a.area_code, a.area_name, 900 as sort_order
from area as a
where a.successor_code in (select scope_code from filter_scopes)
union
select s.scope_code, a.area_code, a.area_name, 950 as sort_order
from filter_scopes as s
cross join area as a
where a.area_code = ics_code('region');

-- Each area's latest figure with its benchmark against England and its recent trend (kept as
-- latest_assessed_value for queries that need it by area, e.g. queries/factsheet.sql).
create table latest_assessed_value as
select
    l.*,
    b.benchmark,
    b.benchmark_998,
    b.comparator_value,
    t.trend,
    t.trend_points
from latest_value as l
left join benchmark as b
    on b.indicator_id = l.indicator_id and b.area_code = l.area_code and b.period = l.period
    and b.sex = l.sex and b.age = l.age and b.category_type = l.category_type and b.category = l.category
    and b.comparator_code = ics_code('england')
left join trend as t
    on t.indicator_id = l.indicator_id and t.area_code = l.area_code and t.sex = l.sex and t.age = l.age
    and t.category_type = l.category_type and t.category = l.category;

create temp view latest_assessed as select * from latest_assessed_value;
