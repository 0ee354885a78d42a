-- queries/figure_revisions.sql: every version of each figure that more than one source gives (a release
-- revising a document's figure, or an earlier release), or that a release gives, by indicator.
-- Reads (and the step that fills each):
--   indicator_value: lybl.build.database (rows read by lybl.build.ingest.*), intervals and suppression by lybl.build.derive.add_intervals and .disclose
--   area: lybl.build.ingest.local.load_areas, lybl.build.ingest.opendata and lybl.build.geo.load (LAPs and wards)
--   source_document: lybl.build.ingest.local.load_sources (and each reader's own source rows)
create table mart_figure_revisions as
with revisable as (  -- a figure has versions only where its indicator has figures from more than one source
    select indicator_id from indicator_value group by indicator_id having count(distinct source_id) > 1
),
versions as (
    select v.*, count(*) over (partition by v.indicator_id, v.area_code, v.period, v.sex, v.age, v.category_type,
                                            v.category) as versions
    from indicator_value as v
    where v.indicator_id in (select indicator_id from revisable) or v.source_id like 'release-%'
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
