"""Synthetic England (python -m lybl synth), small: deterministic, flagged, the sizes asked for, intervals by
the engine's own Wilson formula, and said on every page."""
from __future__ import annotations

import numpy as np
import pytest

from lybl.build.synth import Size, synth

SMALL = Size(indicators=6, periods=3, lsoas=600, wards=80, icbs=5, ward_indicators=2, lsoa_indicators=1)


@pytest.fixture(scope="module")
def synth_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("synth") / "synth.duckdb"
    synth(path, SMALL, log=lambda line: None)
    return path


def _con(path):
    import duckdb
    return duckdb.connect(str(path), read_only=True)


def test_every_area_level_and_value_is_there_and_flagged(synth_db):
    con = _con(synth_db)
    counts = dict(con.execute("select area_type, count(*) from area group by 1").fetchall())
    assert counts["LSOA"] == SMALL.lsoas and counts["Ward"] == SMALL.wards and counts["ICB"] == SMALL.icbs
    made = con.execute("select count(*), bool_and(is_synthetic), count(distinct indicator_id), count(distinct sex), "
                       "count(distinct period) from indicator_value where source_id = 'synthetic-england'").fetchone()
    national = con.execute("select count(*) from area where area_type in ('England', 'Region', 'ICB', "
                           "'Local authority', 'Place', 'LAP', 'Community', 'Locality')").fetchone()[0]
    cells = SMALL.periods * 3
    assert made == (cells * (SMALL.indicators * national + SMALL.ward_indicators * SMALL.wards
                             + SMALL.lsoa_indicators * SMALL.lsoas), True, SMALL.indicators, 3, SMALL.periods)
    assert con.execute("select bool_and(is_synthetic) from source_document where source_id = 'synthetic-england'"
                       ).fetchone() == (True,)
    names = con.execute("select bool_and(starts_with(name, 'Synthetic')) from indicator "
                        "where indicator_id like 'synth___'").fetchone()
    assert names == (True,)
    assert con.execute("select count(*) from (select indicator_id, area_code, period, sex, age, category_type, "
                       "category, source_id from indicator_value group by all having count(*) > 1)").fetchone() == (0,)
    assert "synthetic England" in dict(con.execute("select * from build_info").fetchall())["synthetic"]


def test_new_codes_look_like_ons_codes_and_never_reuse_a_real_one(synth_db, built_db):
    con, real = _con(synth_db), _con(built_db)
    made = con.execute("select area_code, area_type from area where note = 'synthetic'").fetchall()
    prefix = {"LSOA": "E01", "Ward": "E05", "ICB": "E54"}
    assert made and all(code.startswith(prefix[kind]) and len(code) == 9 for code, kind in made)
    assert not {c for c, _ in made} & {c for (c,) in real.execute("select area_code from area").fetchall()}


def test_it_is_deterministic(synth_db, tmp_path):
    again = tmp_path / "again.duckdb"
    synth(again, SMALL, log=lambda line: None)
    sums = "select count(*), sum(value), sum(lci95), sum(hash(area_code)) from indicator_value where is_synthetic"
    assert _con(synth_db).execute(sums).fetchone() == _con(again).execute(sums).fetchone()


def test_intervals_are_the_engines_wilson_limits(synth_db):
    from lybl.stats.intervals import wilson
    rows = np.array(_con(synth_db).execute(
        "select count, denominator, lci95, uci95, value from indicator_value where is_synthetic "
        "order by hash(area_code, indicator_id, period, sex) limit 500").fetchall())
    lower, upper = wilson(rows[:, 0], rows[:, 1])
    assert np.allclose(rows[:, 2], 100 * lower) and np.allclose(rows[:, 3], 100 * upper)
    assert np.allclose(rows[:, 4], 100 * rows[:, 0] / rows[:, 1])


def test_every_page_says_the_data_is_synthetic(synth_db, monkeypatch):
    from tests.test_app import PAGES, app
    monkeypatch.setenv("LYBL_DB", str(synth_db))
    for page in PAGES:
        at = app(synth_db)
        at.switch_page(page).run()
        assert not at.exception, page
        assert any("Synthetic data" in w.value for w in at.warning), page
