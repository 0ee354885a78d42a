-- name: data_sources
-- One row per file the build loaded into a table: rows, periods covered, provenance and licence.
-- params: none

with

loaded as (select * from loaded_file),

documents as (select * from source_document),

final as (
    select
        l.file,
        l.table_name,
        l.rows,
        l.periods,
        d.title,
        d.publisher,
        d.published,
        coalesce(l.licence, d.licence) as licence,
        coalesce(l.provenance, d.provenance) as provenance,
        coalesce(d.is_synthetic, false) as is_synthetic
    from loaded as l
    left join documents as d on d.source_id = l.source_id
)

select * from final
order by file, table_name
