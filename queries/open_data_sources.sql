-- name: open_data_sources
-- One row per open-data file the build read: publisher, product, release, date of data, next expected
-- release and whether it has passed ($today), licence and attribution, rows and sha256 of the extract.
-- params: today

with

sources as (select * from open_data_source),

final as (
    select
        publisher,
        product,
        file,
        release_date,
        date_of_data,
        release_cycle,
        next_release,
        coalesce(next_release < cast($today as date), false) as is_stale,
        next_release is null and release_cycle not in ('once', 'ceased') as is_unannounced,
        licence,
        attribution,
        url,
        rows,
        extract,
        sha256,
        source_sha256
    from sources
)

select * from final
order by publisher, product, file
