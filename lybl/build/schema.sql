-- LYBL Insight database schema (DuckDB).
-- Fingertips-compatible core (indicator, area, indicator_value, target) plus the
-- strategy's own structures (ambition, outcome, metric, intervention, objective,
-- golden thread) and the catalogue of sources. Documented in docs/data-model.md.

create table source_document (
    source_id       varchar primary key,   -- 'seed001', 'mirror:census2021_ts037', ...
    title           varchar not null,
    publisher       varchar,
    published       date,                  -- drives the "newer document is preferred" rule
    file            varchar not null,      -- file the figures were read from
    licence         varchar,
    provenance      varchar,
    is_synthetic    boolean not null default false,
    url             varchar                -- where the publisher offers it, when known
);

create table indicator (
    indicator_id    varchar primary key,
    name            varchar not null,
    definition      varchar,
    unit            varchar,
    value_type      varchar not null,
    multiplier      double,
    polarity        varchar not null check (polarity in ('high_is_good', 'low_is_good', 'no_judgement')),
    source          varchar,
    source_url      varchar,
    fingertips_id   integer,
    source_ref      varchar not null,
    topic           varchar,               -- grouping beside the ambitions ('ONS Health Index: domains', ...)
    owner           varchar                -- who answers for it, when known (an uploaded indicator's owner)
);

create table area (
    area_code       varchar primary key,
    area_name       varchar not null,
    area_type       varchar not null,
    parent_code     varchar,
    sort_order      integer,
    note            varchar,
    source_ref      varchar not null,
    successor_code  varchar,               -- a former area (abolished April 2021): the area that took it over
    is_provisional  boolean                -- a LAP whose wards are (partly) a provisional grouping (geo/lap_wards.csv)
);

create table area_shape (
    area_code       varchar primary key,
    area_type       varchar not null,      -- 'LAP', 'Ward', 'LSOA'
    geometry        varchar not null,      -- GeoJSON geometry, British National Grid metres, simplified
    source_ref      varchar not null
);

create table area_age (
    area_code       varchar not null,      -- a LAP, community, locality, Place or the ICB
    age_band        varchar not null,      -- Census 2021 TS007A five-year band
    band_order      integer not null,
    residents       double not null,
    source_ref      varchar not null,
    primary key (area_code, age_band)
);

create table area_deprivation (
    area_code       varchar not null,
    decile          integer not null,      -- national IMD 2025 decile of the LSOA (1 = most deprived 10%)
    lsoas           integer not null,
    residents       double not null,       -- Census 2021 usual residents of those LSOAs
    source_ref      varchar not null,
    primary key (area_code, decile)
);

create table ward_2025_lap (
    ward_code       varchar primary key,   -- WD25: wards from the May 2025 elections
    ward_name       varchar not null,
    lap_code        varchar not null,      -- the LAP holding most of its residents (LSOA best fit)
    share           double not null,       -- that LAP's share of its residents
    residents       double not null,
    other_laps      varchar,               -- LAPs holding the rest, when split
    source_ref      varchar not null
);

create table indicator_value (
    indicator_id    varchar not null,
    area_code       varchar not null,
    period          varchar not null,      -- ISO 8601 interval 'YYYY-MM-DD/YYYY-MM-DD' ('../end' if open)
    period_label    varchar not null,      -- as published
    period_start    date,
    period_end      date not null,
    sex             varchar not null default 'Persons',
    age             varchar not null default 'All ages',
    category_type   varchar not null default '',
    category        varchar not null default '',
    value           double,
    lci95           double,
    uci95           double,
    lci998          double,
    uci998          double,
    count           double,
    denominator     double,
    value_text      varchar,               -- the figure exactly as printed
    value_note      varchar,
    published_comparison varchar,          -- the document's words against England
    published_trend varchar,               -- the document's trend glyph, kept as text only
    date_of_data    date,
    source_id       varchar not null,
    source_ref      varchar not null,      -- file:line
    is_preferred    boolean not null default true,
    is_synthetic    boolean not null default false,
    is_suppressed   boolean not null default false   -- small-number disclosure control (value_note says why)
    -- Unique by (indicator_id, area_code, period, sex, age, category_type, category, source_id): checked with
    -- the file and row named (lybl.build.database.check_values), not by a primary-key index, which at England
    -- scale (30 M rows, python -m lybl synth) took most of the build's time and most of the file.
);

create table target (
    indicator_id    varchar not null,
    area_code       varchar not null,
    period          varchar,               -- null: a standing target
    target          double not null,
    target_text     varchar,
    source_ref      varchar not null
);

create table ambition (
    ambition_id     integer primary key,   -- the strategy's numbering, 1-10
    name            varchar not null,
    description     varchar,
    framework_name  varchar,               -- the heading used in the outcomes framework (seed 000)
    owner           varchar not null,      -- 'not yet agreed' until the board settles it
    source_ref      varchar not null
);

create table outcome (
    outcome_id      varchar primary key,
    ambition_id     integer not null,
    name            varchar not null,
    source_ref      varchar not null
);

create table metric (
    metric_id       varchar primary key,
    ambition_id     integer not null,
    outcome_id      varchar,               -- seed 000 links metrics to ambitions only
    name            varchar not null,
    indicator_id    varchar,               -- null: no data source yet
    owner           varchar not null,
    owner_source_ref varchar,
    framework       varchar not null,      -- 'ICP outcomes framework (seed 000)' or 'LYBL outcome scorecard (seed 003)'
    good_is         varchar,
    last_update     varchar,
    note            varchar,
    source_ref      varchar not null
);

create table intervention (
    intervention_id varchar primary key,
    name            varchar not null,
    sort_order      integer not null,
    source_ref      varchar not null
);

create table intervention_measure (
    measure_id      varchar primary key,
    intervention_id varchar not null,
    name            varchar not null,
    indicator_id    varchar,               -- null: no data yet
    good_is         varchar,
    target_text     varchar,
    last_update     varchar,
    note            varchar,
    source_ref      varchar not null
);

create table objective (
    ref             varchar primary key,
    strategic_objective varchar not null,
    objective       varchar not null,
    smart_measure   varchar,
    ics_priority    varchar,
    supporting_programmes varchar,
    lead            varchar,
    partners        varchar,
    system_name     varchar not null,      -- whose objective this is (another system's example)
    period_label    varchar not null,
    source_ref      varchar not null
);

create table golden_thread (
    row_id          varchar primary key,
    programme       varchar not null,
    population_outcome varchar not null,
    icp_ambition    varchar not null,
    ambition_id     integer,
    programme_outcome varchar,
    lead_kpi        varchar,
    operational_kpi varchar,
    i_statement     varchar,
    note            varchar,
    source_ref      varchar not null
);

create table build_info (
    key             varchar primary key,
    value           varchar
);

create table loaded_file (
    file            varchar not null,
    source_id       varchar,
    table_name      varchar not null,
    rows            integer not null,
    periods         varchar,
    licence         varchar,
    provenance      varchar,
    primary key (file, table_name)
);

create table indicator_ambition (
    indicator_id    varchar not null,
    ambition_id     integer not null,
    basis           varchar not null,      -- 'metric: ...' (a document links it) or 'editorial: ...' (our mapping)
    primary key (indicator_id, ambition_id)
);

-- Each figure with an interval against its comparators (England; for areas below a Place, also
-- their Place; each Place against the other Place of the ICB: North against West), by Fingertips' "confidence intervals overlapping reference value" (lybl.stats.benchmark).
create table benchmark (
    indicator_id    varchar not null,
    area_code       varchar not null,
    period          varchar not null,
    sex             varchar not null,
    age             varchar not null,
    category_type   varchar not null,
    category        varchar not null,
    comparator_code varchar not null,
    comparator_value double,
    benchmark       varchar not null,      -- better / similar / worse (higher / lower), at 95%
    benchmark_998   varchar not null,      -- the 95% and 99.8% variant: 'better (99.8%)', ...
    primary key (indicator_id, area_code, period, sex, age, category_type, category, comparator_code)
);

-- Fingertips' recent trend of every preferred series (lybl.stats.trend), in its own words.
create table trend (
    indicator_id    varchar not null,
    area_code       varchar not null,
    sex             varchar not null,
    age             varchar not null,
    category_type   varchar not null,
    category        varchar not null,
    trend           varchar not null,
    trend_method    varchar not null,
    trend_chi_square double,
    trend_points    integer not null,
    primary key (indicator_id, area_code, sex, age, category_type, category)
);

-- The Better Care Fund metrics as the North Northamptonshire HWB minutes list them (seed 002, 5 July 2022,
-- item 37), in the document's order. Actuals are indicator_value rows (source seed002, area E06000061),
-- plans are target rows for the same indicator, area and period; a metric without a printed figure
-- has this row only, and its note says why.
create table bcf_metric (
    metric_id       varchar primary key,   -- 'BCF1', ... in the document's order
    name            varchar not null,      -- as printed ('…' marks words left out between two printed parts)
    indicator_id    varchar not null,
    sort_order      integer not null,
    good_is         varchar not null,      -- 'High' or 'Low', as the indicator's polarity
    words           varchar not null,      -- the minutes' own words about the metric
    note            varchar,               -- how the figures were read (periods, plans, what was not loaded)
    source_ref      varchar not null       -- file:line(s)
);

-- Documented break points of a series: where a chart recalculates its SPC limits (recalculate_limits)
-- or at least explains a jump. period_start is the first period of the new phase.
create table series_note (
    indicator_id    varchar not null,
    area_code       varchar not null,
    period_start    date not null,
    recalculate_limits boolean not null,
    note            varchar not null,
    source_ref      varchar not null,      -- mirror file:line(s), e.g. data/README.md:334;335;336
    primary key (indicator_id, area_code, period_start)
);

-- The HWB factsheets of seed 001 as printed: each line's section (Start / Live / Age Well), order and
-- words, so that /factsheet can be rebuilt from the database with newer figures where loaded.
create table factsheet_line (
    area_code       varchar not null,
    section         varchar not null,
    sort_order      integer not null,
    indicator_id    varchar not null,
    statement       varchar not null,      -- the factsheet's own sentence
    period_label    varchar not null,
    source_ref      varchar not null,
    primary key (area_code, sort_order)
);

-- Each open-data file the build read, as data/extracts/manifest.csv describes it (lybl.build.extract): publisher,
-- release, date of data, licence and attribution, release cycle and next expected release, sha256.
create table open_data_source (
    file            varchar primary key,   -- the publisher's file, as the extract was cut from it
    extract         varchar,               -- data/extracts/...parquet (null when built from publisher files)
    source_id       varchar not null,
    publisher       varchar not null,
    product         varchar not null,
    release_date    date,
    date_of_data    varchar,
    licence         varchar not null,
    attribution     varchar not null,
    url             varchar,
    release_cycle   varchar not null,
    next_release    date,
    rows            integer,
    sha256          varchar,
    source_sha256   varchar
);

-- The ICS the database was built for (config/<LYBL_ICS>.toml, lybl.ics): each configured area's role
-- ('england', 'region', 'icb', 'place_1', 'place_2', 'former_county', 'former_district_of_<place>'); the
-- marts read it through the macros of lybl/build/marts/scopes.sql.
create table ics_area (
    area_code varchar not null primary key,
    role varchar not null,
    short_name varchar,
    sort_order integer not null,
    reports_bcf boolean                         -- the Place whose Better Care Fund report is loaded
);
