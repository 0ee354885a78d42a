-- name: build_info
-- One row per fact about the database build (built_at, data_dir, mirror, skipped).
-- params: none

select key, value from build_info order by key
