-- name: trust_options
-- Areas with a monthly A&E 4-hour series: the ICB, its two acute trusts and England.
-- params: none

select a.area_code, a.area_name, a.area_type
from area as a
where exists (
    select 1 from indicator_value as v
    where v.indicator_id = 'ae_4hr_performance' and v.area_code = a.area_code
        and date_diff('day', v.period_start, v.period_end) between 27 and 30
)
order by case a.area_type when 'ICB' then 0 when 'NHS trust' then 1 else 2 end, a.area_name
