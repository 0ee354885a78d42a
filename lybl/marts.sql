-- Marts: each page question answered at build time for every value of its parameters, so that the
-- named query a page runs is one filter on a table stored in the order it is read (each join a page
-- ran cost DuckDB about 2.5 ms; the target is 10 ms per query). Run after lybl/derived.sql.
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
where a.area_code in ('E54000059', 'E92000001')
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
where a.area_code = 'E12000004';

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
    and b.comparator_code = 'E92000001'
left join trend as t
    on t.indicator_id = l.indicator_id and t.area_code = l.area_code and t.sex = l.sex and t.age = l.age
    and t.category_type = l.category_type and t.category = l.category;

create temp view latest_assessed as select * from latest_assessed_value;

-- queries/scorecard_values.sql: the LYBL outcome scorecard's current and previous figures per scope
-- (the scope's areas and Northamptonshire, for rows reported only for the county).
create table mart_scorecard_values as
select
    s.scope_code,
    m.metric_id,
    m.name as metric,
    m.owner,
    m.good_is,
    m.last_update,
    i.polarity,
    i.unit,
    s.area_code,
    s.area_name,
    s.sort_order as area_sort,
    r.recency,
    r.period_label,
    r.period_end,
    r.value,
    r.value_text,
    r.published_trend,
    r.is_suppressed,
    r.value_note,
    r.source_ref
from metric as m
inner join indicator as i on i.indicator_id = m.indicator_id
inner join ranked_value as r on r.indicator_id = m.indicator_id
inner join scope_areas as s on s.area_code = r.area_code and s.area_code <> 'E92000001'
where m.framework = 'LYBL outcome scorecard (seed 003)'
order by s.scope_code, m.metric_id, s.sort_order, r.recency;

-- queries/intervention_measures.sql: every multi-impact intervention measure with its two latest
-- figures for Northamptonshire (the scorecards report the county only) and its standing target.
create table mart_intervention_measures as
select
    iv.intervention_id,
    iv.name as intervention,
    iv.sort_order,
    m.measure_id,
    m.name as measure,
    m.indicator_id,
    m.good_is,
    m.target_text,
    m.last_update,
    m.note,
    ind.polarity,
    ind.unit,
    t.target,
    r.recency,
    r.period_label,
    r.period_end,
    r.value,
    r.value_text,
    r.is_suppressed,
    r.source_id,
    r.source_ref
from intervention_measure as m
inner join intervention as iv on iv.intervention_id = m.intervention_id
left join indicator as ind on ind.indicator_id = m.indicator_id
left join target as t on t.indicator_id = m.indicator_id and t.area_code = 'E54000059' and t.period is null
left join ranked_value as r on r.indicator_id = m.indicator_id and r.area_code = 'E54000059'
order by iv.sort_order, m.measure_id, r.recency;

-- queries/bcf_metrics.sql: the Better Care Fund metrics with North Northamptonshire's figures from the
-- HWB report (seed 002) and their plans.
create table mart_bcf_metrics as
select
    b.metric_id,
    b.name,
    b.indicator_id,
    b.sort_order,
    b.good_is,
    b.words,
    b.note,
    i.name as indicator_name,
    i.unit,
    i.polarity,
    f.period_label,
    f.value,
    f.value_text,
    f.category,
    t.target as plan,
    t.target_text as plan_text,
    coalesce(f.source_ref, b.source_ref) as source_ref
from bcf_metric as b
inner join indicator as i on i.indicator_id = b.indicator_id
left join indicator_value as f
    on f.indicator_id = b.indicator_id and f.area_code = 'E06000061' and f.source_id = 'seed002' and f.is_preferred
left join target as t on t.indicator_id = b.indicator_id and t.area_code = 'E06000061'
order by b.sort_order, f.category nulls first;

-- queries/indicator_series.sql: every preferred figure of each indicator for each scope's areas,
-- Northamptonshire, England, the former county and the East Midlands, with its source document.
create table mart_indicator_series as
select
    s.scope_code,
    v.indicator_id,
    v.area_code,
    s.area_name,
    s.sort_order as area_sort,
    v.period,
    v.period_label,
    v.period_end,
    v.value,
    v.lci95,
    v.uci95,
    v.count,
    v.denominator,
    v.is_suppressed,
    v.value_note,
    v.published_comparison,
    v.date_of_data,
    v.source_id,
    d.title as source_title,
    v.source_ref,
    v.is_synthetic
from indicator_value as v
inner join series_areas as s on s.area_code = v.area_code
left join source_document as d on d.source_id = v.source_id
where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
order by v.indicator_id, s.scope_code, s.sort_order, v.period_end;

-- queries/indicator_assessment.sql: for each indicator and each area of each scope (and Northamptonshire),
-- the latest figure's benchmark against England and the series' recent trend.
create table mart_indicator_assessment as
select
    s.scope_code,
    l.indicator_id,
    l.area_code,
    l.benchmark,
    l.benchmark_998,
    l.comparator_value,
    l.trend,
    l.trend_points
from latest_assessed as l
inner join scope_areas as s on s.area_code = l.area_code and s.area_code <> 'E92000001'
order by l.indicator_id, s.scope_code;

-- queries/ambition_latest_values.sql and queries/ambition_metrics.sql: the framework questions.
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

latest as (  -- the scope's areas and Northamptonshire (metrics reported only for the county)
    select s.scope_code, v.*, s.area_name, s.sort_order as area_sort
    from latest_assessed as v
    inner join scope_areas as s on s.area_code = v.area_code and s.area_code <> 'E92000001'
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
    r.period_end,
    r.value,
    i.unit,
    r.published_comparison,
    r.benchmark,
    nullif(r.trend, 'Cannot be calculated') as trend,
    coalesce(r.source_ref, m.source_ref) as source_ref
from metric as m
cross join scopes as sc
left join indicator as i on i.indicator_id = m.indicator_id
left join latest as r on r.indicator_id = m.indicator_id and r.scope_code = sc.scope_code
order by sc.scope_code, m.ambition_id, m.metric_id, r.area_sort;

-- queries/compare_latest.sql: every indicator's latest figure for England, Northamptonshire, North and
-- West, with its benchmark against England and, for each Place, against the other Place.
create table mart_compare_latest as
select
    l.indicator_id,
    i.name as indicator_name,
    i.polarity,
    i.unit,
    coalesce(ia.ambition_id, 99) as ambition_id,  -- its first ambition; 99: linked to none
    i.topic,                                        -- for those linked to none: the source's grouping
    l.area_code,
    a.area_name,
    a.sort_order as area_sort,
    l.period_label,
    l.period_end,
    l.value,
    l.lci95,
    l.uci95,
    l.is_suppressed,
    l.published_comparison,
    l.benchmark,
    nw.comparator_code as other_place,
    nw.comparator_value as other_place_value,
    nw.benchmark as against_other_place,
    l.source_id,
    d.title as source_title,
    l.source_ref
from latest_assessed as l
inner join area as a on a.area_code = l.area_code
inner join indicator as i on i.indicator_id = l.indicator_id
left join source_document as d on d.source_id = l.source_id
left join (select indicator_id, min(ambition_id) as ambition_id from indicator_ambition group by indicator_id) as ia
    on ia.indicator_id = l.indicator_id
left join benchmark as nw
    on nw.indicator_id = l.indicator_id and nw.area_code = l.area_code and nw.period = l.period
    and nw.sex = l.sex and nw.age = l.age and nw.category_type = l.category_type and nw.category = l.category
    and nw.comparator_code in ('E06000061', 'E06000062')
where l.area_code in ('E92000001', 'E54000059', 'E06000061', 'E06000062')
order by ambition_id, indicator_name, area_sort;

-- queries/spine_ranges.sql: for each indicator, the spread of the latest figures across England's
-- upper-tier local authorities (the unitary councils, metropolitan districts, London boroughs,
-- counties and the two Northamptonshire Places) in England's latest period: a spine chart's range.
create table mart_spine_ranges as
with

utla as (
    select area_code from area
    where area_type = 'Place'
        or (area_type = 'Local authority' and note like '%UTLA%')
),

england as (
    select indicator_id, period, value as england_value from latest_value where area_code = 'E92000001'
),

spread as (
    select
        e.indicator_id,
        e.england_value,
        count(*) as n_areas,
        min(v.value) as lowest,
        quantile_cont(v.value, 0.25) as q25,
        quantile_cont(v.value, 0.5) as median,
        quantile_cont(v.value, 0.75) as q75,
        max(v.value) as highest
    from england as e
    inner join indicator_value as v
        on v.indicator_id = e.indicator_id and v.period = e.period and v.is_preferred
        and v.sex = 'Persons' and v.category_type = '' and v.value is not null
    inner join utla as u on u.area_code = v.area_code
    group by e.indicator_id, e.england_value
)

select s.*, i.name as indicator_name, i.polarity, i.unit, coalesce(ia.ambition_id, 99) as ambition_id, i.topic
from spread as s
inner join indicator as i on i.indicator_id = s.indicator_id
left join (select indicator_id, min(ambition_id) as ambition_id from indicator_ambition group by indicator_id) as ia
    on ia.indicator_id = s.indicator_id
where s.n_areas >= 20
order by ambition_id, i.topic, i.name;

-- queries/figure_history.sql: every preferred figure of North, West and Northamptonshire with the day it
-- became known (its date of data, else its document's publication date, else its period's end) and its
-- benchmark against England; lybl.compare.changes_since ranks it for a date.
create table mart_figure_history as
select
    v.indicator_id,
    i.name as indicator_name,
    i.polarity,
    i.unit,
    v.area_code,
    a.area_name,
    a.sort_order as area_sort,
    v.period_label,
    v.period_end,
    v.value,
    v.published_comparison,
    b.benchmark,
    v.source_ref,
    coalesce(v.date_of_data, d.published, v.period_end) as known_on
from indicator_value as v
inner join indicator as i on i.indicator_id = v.indicator_id
inner join area as a on a.area_code = v.area_code
left join source_document as d on d.source_id = v.source_id
left join benchmark as b
    on b.indicator_id = v.indicator_id and b.area_code = v.area_code and b.period = v.period
    and b.sex = v.sex and b.age = v.age and b.category_type = v.category_type and b.category = v.category
    and b.comparator_code = 'E92000001'
where v.is_preferred and v.sex = 'Persons' and v.category_type = ''
    and v.area_code in ('E06000061', 'E06000062', 'E54000059')
order by v.indicator_id, v.area_code, v.period_end;

-- queries/map_values.sql: each indicator's latest figure for every LAP, ward and LSOA, with its benchmark
-- against England and against its Place (the map colours by either), read by indicator and level.
create table mart_map_values as
select
    l.indicator_id,
    a.area_type as level,
    l.area_code,
    a.area_name,
    l.period_label,
    l.value,
    l.lci95,
    l.uci95,
    l.count,
    l.denominator,
    l.is_suppressed,
    l.value_note,
    l.is_synthetic,
    l.benchmark as against_england,
    bp.comparator_code as place_code,
    bp.benchmark as against_place,
    l.source_ref
from latest_assessed_value as l
inner join area as a on a.area_code = l.area_code
left join benchmark as bp
    on bp.indicator_id = l.indicator_id and bp.area_code = l.area_code and bp.period = l.period
    and bp.sex = l.sex and bp.age = l.age and bp.category_type = l.category_type and bp.category = l.category
    and bp.comparator_code in ('E06000061', 'E06000062')
where a.area_type in ('LAP', 'Ward', 'LSOA') and l.sex = 'Persons' and l.category_type = ''
order by l.indicator_id, a.area_type, l.area_code;

-- queries/lap_indicators.sql: each LAP's latest figures with their benchmarks against its Place and
-- England, and the Place's and England's values for the same period.
create table mart_lap_indicators as
select
    m.area_code as lap_code,
    m.indicator_id,
    i.name as indicator_name,
    i.unit,
    i.polarity,
    m.area_name,
    m.period_label,
    m.value,
    m.lci95,
    m.uci95,
    m.count,
    m.denominator,
    m.is_suppressed,
    m.against_place,
    m.against_england,
    m.place_code,
    p.value as place_value,
    e.value as england_value,
    m.source_ref
from mart_map_values as m
inner join indicator as i using (indicator_id)
left join latest_assessed_value as p
    on p.indicator_id = m.indicator_id and p.area_code = m.place_code and p.period_label = m.period_label
    and p.sex = 'Persons' and p.category_type = ''
left join latest_assessed_value as e
    on e.indicator_id = m.indicator_id and e.area_code = 'E92000001' and e.period_label = m.period_label
    and e.sex = 'Persons' and e.category_type = ''
where m.level = 'LAP'
order by m.area_code, i.name;

-- Data page (queries/fingertips_agreement.sql): each imported Fingertips figure Fingertips compared, with its
-- words beside our benchmark against England (lybl.derive.benchmarks, filled by lybl.build._derive).
create table mart_fingertips_agreement as
select
    v.indicator_id,
    i.name as indicator,
    v.area_code,
    a.area_name,
    v.period_label,
    v.sex,
    v.age,
    v.value,
    v.published_comparison,
    b.benchmark,
    b.benchmark_998
from indicator_value as v
inner join indicator as i using (indicator_id)
inner join area as a using (area_code)
left join benchmark as b
    on b.indicator_id = v.indicator_id and b.area_code = v.area_code and b.period = v.period
    and b.sex = v.sex and b.age = v.age and b.category_type = v.category_type and b.category = v.category
    and b.comparator_code = 'E92000001'
where v.source_id = 'fingertips' and v.is_preferred
order by v.indicator_id, v.area_code, v.period_label;

-- queries/figure_revisions.sql: every version of each figure that more than one source gives (a release
-- revising a document's figure, or an earlier release), or that a release gives, by indicator.
create table mart_figure_revisions as
with versions as (
    select v.*, count(*) over (partition by v.indicator_id, v.area_code, v.period, v.sex, v.age, v.category_type,
                                            v.category) as versions
    from indicator_value as v
)
select
    v.indicator_id,
    a.area_name,
    v.period_label,
    v.sex,
    v.age,
    v.value,
    v.is_preferred as shown,
    d.title as source_title,
    d.publisher,
    d.published,
    v.source_ref
from versions as v
inner join area as a on a.area_code = v.area_code
left join source_document as d on d.source_id = v.source_id
where v.versions > 1 or v.source_id like 'release-%'
order by v.indicator_id, a.sort_order, v.period_end desc, v.sex, v.age, v.is_preferred desc, d.published desc;
