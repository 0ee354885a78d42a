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

-- Marts: the answers of the two framework questions for every Place-filter scope, joined once at
-- build time so that a page's query is one filter on a sorted table (each join a page would run
-- costs DuckDB about 2.5 ms; the target is 10 ms per query). The queries read them:
-- queries/ambition_latest_values.sql and queries/ambition_metrics.sql.

-- Every ambition x related indicator x area of each scope, with its latest preferred figure.
create table mart_ambition_latest_values as
select
    s.scope_code,
    ia.ambition_id,
    v.area_code,
    s.area_name,
    s.sort_order as area_sort,
    v.indicator_id,
    i.name as indicator_name,
    i.polarity,
    v.period_label,
    v.value,
    i.unit,
    v.published_comparison,
    ia.basis,
    v.source_ref
from latest_value as v
inner join area_scope as s on s.area_code = v.area_code
inner join indicator_ambition as ia on ia.indicator_id = v.indicator_id
inner join indicator as i on i.indicator_id = v.indicator_id
order by s.scope_code, ia.ambition_id, area_sort, indicator_name;

-- Every metric of every ambition for each scope, with the latest preferred figure of each area in
-- scope where the metric has data, its benchmark against England (where it has an interval) and its
-- recent trend (where Fingertips' test can run); a metric without data in the scope keeps one row.
create table mart_ambition_metrics as
with

scopes as (select distinct scope_code from area_scope),

latest as (
    select s.scope_code, v.*, s.area_name, s.sort_order as area_sort
    from latest_value as v
    inner join area_scope as s on s.area_code = v.area_code
)

select
    sc.scope_code,
    m.ambition_id,
    m.metric_id,
    m.name as metric,
    m.framework,
    m.owner,
    m.indicator_id,
    r.area_name,
    r.area_sort,
    r.period_label,
    r.value,
    i.unit,
    r.published_comparison,
    b.benchmark,
    nullif(t.trend, 'Cannot be calculated') as trend,
    coalesce(r.source_ref, m.source_ref) as source_ref
from metric as m
cross join scopes as sc
left join indicator as i on i.indicator_id = m.indicator_id
left join latest as r on r.indicator_id = m.indicator_id and r.scope_code = sc.scope_code
left join benchmark as b
    on b.indicator_id = r.indicator_id and b.area_code = r.area_code and b.period = r.period and b.sex = r.sex
    and b.age = r.age and b.category_type = r.category_type and b.category = r.category
    and b.comparator_code = 'E92000001'
left join trend as t
    on t.indicator_id = r.indicator_id and t.area_code = r.area_code and t.sex = r.sex and t.age = r.age
    and t.category_type = r.category_type and t.category = r.category
order by sc.scope_code, m.ambition_id, m.metric_id, r.area_sort;
