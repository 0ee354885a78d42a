-- name: factsheet
-- One line per figure of $area's HWB factsheet (seed 001), in the document's order and sections, with
-- the indicator's latest preferred figure now loaded (which may be newer than the factsheet's) and its
-- comparison with England (computed where it has an interval, else the document's words).
-- params: area
-- Reads latest_assessed_value, built in lybl/build/marts/scopes.sql.

select
    f.section,
    f.sort_order,
    f.indicator_id,
    i.name as indicator_name,
    i.unit,
    f.statement,
    f.period_label as printed_period,
    l.period_label,
    l.period_end,
    l.value,
    l.value_text,
    l.published_comparison,
    l.benchmark,
    l.source_ref,
    l.date_of_data,
    s.title as source_title,
    f.source_ref as printed_ref
from factsheet_line as f
inner join indicator as i on i.indicator_id = f.indicator_id
left join latest_assessed_value as l on l.indicator_id = f.indicator_id and l.area_code = f.area_code
left join source_document as s on s.source_id = l.source_id
where f.area_code = $area
order by f.sort_order
