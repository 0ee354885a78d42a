-- Synthetic England (python -m lybl synth): every figure below is made up, flagged is_synthetic, and its
-- source document says so. Run by lybl.build.synth inside the build, after the real tables are inserted
-- and before lybl/build/derived.sql and the marts, so the marts are built over it as over real data.
-- Deterministic: every number comes from hash() of its indicator, area, period and sex, never random().
-- Its sizes are the one row of temp table synth_size (indicators, periods, lsoas, wards, icbs,
-- ward_indicators, lsoa_indicators), written by lybl.build.synth.

insert into source_document (source_id, title, publisher, published, file, licence, provenance, is_synthetic)
values ('synthetic-england', 'Synthetic England (made-up figures for testing speed at England scale)',
        'LYBL Insight', date '2026-11-30', 'lybl/build/synth.sql', 'not data: generated',
        'python -m lybl synth: deterministic hashes of indicator, area, period and sex', true);

-- Areas. The LSOAs, wards and ICBs England has beyond the real ones loaded: plausible codes (E01, E05,
-- E54 and a number no loaded area uses), named as synthetic. The real Local authorities, regions,
-- England and the ICS's own areas are kept and get synthetic figures too.
create temp table synth_new_lsoa as
select printf('E01%06d', n) as area_code, row_number() over (order by n) as k
from range(1, 60000) as t(n)
where printf('E01%06d', n) not in (select area_code from area)
qualify k <= (select lsoas from synth_size) - (select count(*) from area where area_type = 'LSOA');

create temp table synth_new_ward as
select printf('E05%06d', n) as area_code, row_number() over (order by n) as k
from range(1, 60000) as t(n)
where printf('E05%06d', n) not in (select area_code from area)
qualify k <= (select wards from synth_size) - (select count(*) from area where area_type = 'Ward');

create temp table synth_districts as  -- the lower-tier authorities a synthetic ward sits in
select area_code, row_number() over (order by area_code) - 1 as k
from area
where area_type = 'Local authority' and regexp_matches(area_code, '^E0[6789]')
  and area_code not in (select area_code from ics_area);

insert into area (area_code, area_name, area_type, parent_code, sort_order, note, source_ref)
select w.area_code, 'Synthetic ward ' || w.k, 'Ward', d.area_code, 5000, 'synthetic', 'lybl/build/synth.sql'
from synth_new_ward as w
inner join synth_districts as d on d.k = w.k % (select count(*) from synth_districts);

insert into area (area_code, area_name, area_type, parent_code, sort_order, note, source_ref)
select l.area_code, 'Synthetic LSOA ' || l.k, 'LSOA', w.area_code, 6000, 'synthetic', 'lybl/build/synth.sql'
from synth_new_lsoa as l
inner join synth_new_ward as w on w.k = 1 + (l.k - 1) % (select count(*) from synth_new_ward);

insert into area (area_code, area_name, area_type, parent_code, sort_order, note, source_ref)
select printf('E54%06d', n), 'Synthetic ICB ' || row_number() over (order by n), 'ICB',
       (select area_code from ics_area where role = 'england'), 4000, 'synthetic', 'lybl/build/synth.sql'
from range(1, 200) as t(n)
where printf('E54%06d', n) not in (select area_code from area)
qualify row_number() over (order by n)
    <= (select icbs from synth_size) - (select count(*) from area where area_type = 'ICB');

-- Indicators: (select indicators from synth_size) made-up proportions; the first (select lsoa_indicators from synth_size) also by LSOA, the first
-- (select ward_indicators from synth_size) by ward. Every one is named synthetic.
create temp table synth_indicator as
select printf('synth%03d', i) as indicator_id, i,  -- 8 characters: DuckDB's zone maps compare the first 8
       case i % 3 when 0 then 'high_is_good' when 1 then 'low_is_good' else 'no_judgement' end as polarity,
       5 + (hash('base', i) % 70)::int as base
from range(1, 10000) as t(i)
where i <= (select indicators from synth_size);

insert into indicator (indicator_id, name, definition, unit, value_type, multiplier, polarity, source,
                       source_ref, topic)
select indicator_id, printf('Synthetic indicator %03d', i),
       'Made-up proportion for testing speed at England scale: not data.', '%', 'proportion', 100, polarity,
       'Synthetic England (python -m lybl synth)', 'lybl/build/synth.sql', 'Synthetic England'
from synth_indicator;

create temp table synth_period as
select p, printf('%d-04-01/%d-03-31', 2014 + p, 2015 + p) as period, printf('%d/%02d', 2014 + p, (15 + p) % 100) as label,
       make_date(2014 + p, 4, 1) as period_start, make_date(2015 + p, 3, 31) as period_end
from range(1, 100) as t(p)
where p <= (select periods from synth_size);

create temp table synth_sex as select * from (values ('Persons', 0), ('Male', 1), ('Female', 2)) as s(sex, s);

-- Which areas each indicator covers: every Local authority, region, ICB, England and the ICS's own areas
-- for all; wards and LSOAs for the first few. Denominators by area type.
create temp table synth_area as
select area_code, area_type,
       case area_type when 'England' then 56000000 when 'Region' then 6000000 when 'ICB' then 1300000
                      when 'Local authority' then 150000 when 'Place' then 400000 when 'LAP' then 45000
                      when 'Community' then 150000 when 'Locality' then 150000 when 'Ward' then 8000
                      else 1500 end as people,
       case area_type when 'LSOA' then 2 when 'Ward' then 1 else 0 end as tier
from area
where area_type in ('England', 'Region', 'ICB', 'Local authority', 'Place', 'LAP', 'Community', 'Locality',
                    'Ward', 'LSOA');

-- Counts, then Wilson score 95% limits (the formula of lybl.stats.intervals.wilson, z = 1.959964),
-- stored sorted by indicator, period and area as the real values are.
insert into indicator_value by name
with synth_value as (
    select i.i, p.p, i.indicator_id, a.area_code, p.period, p.label, p.period_start, p.period_end, x.sex,
           -- the area's own level, a drift over the periods, the sex's offset and noise: a proportion in 1-95%
           least(95, greatest(1, i.base + ((hash(a.area_code, i.i) % 2001)::int - 1000) / 100.0
                                   + (p.p - 5) * ((hash('drift', i.i) % 5)::int - 2) / 10.0 + x.s * 0.7
                                   + ((hash(i.i, a.area_code, p.p, x.s) % 201)::int - 100) / 100.0)) as pct,
           round(a.people * (0.8 + (hash('people', a.area_code) % 41)::int / 100.0)) as denominator
    from synth_indicator as i
    cross join synth_area as a
    cross join synth_period as p
    cross join synth_sex as x
    where a.tier = 0 or (a.tier = 1 and i.i <= (select ward_indicators from synth_size))
       or (a.tier = 2 and i.i <= (select lsoa_indicators from synth_size))
)
select indicator_id, area_code, period, period_label, period_start, period_end, sex, value, lci95, uci95, count,
       denominator, date_of_data, source_id, source_ref, is_preferred, is_synthetic, is_suppressed, value_note
from (
    select *, 100.0 * count / denominator as value,
           100.0 * (2 * count + z * z - z * sqrt(z * z + 4 * count * (1 - count / denominator)))
                 / (2 * (denominator + z * z)) as lci95,
           100.0 * (2 * count + z * z + z * sqrt(z * z + 4 * count * (1 - count / denominator)))
                 / (2 * (denominator + z * z)) as uci95,
           label as period_label, period_end + interval 270 day as date_of_data,  -- known 9 months on
           'synthetic-england' as source_id, 'lybl/build/synth.sql' as source_ref,
           true as is_preferred, true as is_synthetic, false as is_suppressed,
           'Synthetic: made up, not data' as value_note
    from (select *, round(pct * denominator / 100.0) as count, 1.959963984540054 as z from synth_value)
)
order by i, p, area_code;  -- indicator_id, period_end, area_code, compared as integers where they can be
