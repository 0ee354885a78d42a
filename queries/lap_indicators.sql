-- name: lap_indicators
-- Every indicator with a figure for LAP $lap: its latest value, 95% interval and count, its benchmarks
-- against its Place and England, and the Place's and England's values for the same period.
-- params: lap

select
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
where m.level = 'LAP' and m.area_code = $lap
order by i.name
