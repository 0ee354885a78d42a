-- name: figure_revisions
-- The history of $indicator's figures that were uploaded or revised: every version of each figure given by
-- more than one source (a release revising a document's figure, or an earlier release), or by a release,
-- with the source that brought it (a release names its file, sheet and row, who loaded it and when) and
-- whether it is the one shown. A reverted release's figures are gone from the database (Data page lists it).
-- params: indicator

with versions as (
    select v.*, count(*) over (partition by v.area_code, v.period, v.sex, v.age, v.category_type, v.category)
        as versions
    from indicator_value as v
    where v.indicator_id = $indicator
)
select
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
order by a.sort_order, v.period_end desc, v.sex, v.age, v.is_preferred desc, d.published desc
