-- name: area_age
-- Census 2021 usual residents of $area by five-year age band (summed from its LSOAs), youngest first.
-- params: area

select age_band, band_order, residents, residents / sum(residents) over () * 100 as percent, source_ref
from area_age
where area_code = $area
order by band_order
