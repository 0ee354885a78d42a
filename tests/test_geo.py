"""Wards to LAPs (geo/lap_wards.csv): the committed grouping, its checks, and Census sums up to the LAPs."""
from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from lybl.build import geo
from lybl.build.database import build
from lybl.config import EXTRACTS_DIR
from lybl.errors import ValidationError


def rows() -> list[dict]:
    return list(csv.DictReader(open(geo.LAP_FILE, newline="", encoding="utf-8")))


def write(tmp_path: Path, changed: list[dict]) -> Path:
    out = tmp_path / "lap_wards.csv"
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(changed[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(changed)
    return out


def test_the_file_puts_57_wards_in_17_laps_with_the_known_pioneer_wards():
    lap = {r["ward_name"]: r for r in rows()}
    assert len(lap) == 57 and len({r["lap_code"] for r in lap.values()}) == 17
    counts = pd.Series([r["council_code"] for r in lap.values()]).value_counts().to_dict()
    assert counts == {"E06000062": 31, "E06000061": 26}  # the 2021-25 wards (LAPS.md)
    for ward in ("Dallington Spencer", "Castle", "Abington and Phippsville", "St. George"):
        assert lap[ward]["lap_code"] == "N4" and lap[ward]["status"] == "known"
    for ward in ("Bugbrooke", "Towcester and Roade", "Deanshanger"):
        assert lap[ward]["lap_code"] == "DSN4" and lap[ward]["status"] == "known"
    assert {r["status"] for r in lap.values()} == {"known", "provisional"}


def test_laps_in_the_database_hold_every_ward_once(con):
    wards = con.execute("""select w.area_code, w.parent_code, l.area_type, l.is_provisional, l.note
                           from area as w join area as l on l.area_code = w.parent_code
                           where w.area_type = 'Ward'""").df()
    assert len(wards) == 57 and set(wards["area_type"]) == {"LAP"}
    assert wards["parent_code"].nunique() == 17
    n4 = con.execute("select is_provisional, note from area where area_code = 'N4'").fetchone()
    assert n4[0] is False and "4 placed by a public source, 0 provisional" in n4[1]
    assert "62,797 residents" in n4[1]  # the public N4 wards: about 62,800 (issue 7)
    cor1 = con.execute("select is_provisional, note from area where area_code = 'COR1'").fetchone()
    assert cor1[0] is True and "a provisional grouping" in cor1[1]


def test_census_sums_climb_wards_laps_communities_to_the_icb(con):
    v = con.execute("""select v.area_code, a.area_type, a.parent_code, v.count, v.denominator
                       from indicator_value as v join area as a using (area_code)
                       where v.indicator_id = 'census_bad_health' and v.source_id = 'census2021'
                         and a.area_type in ('Ward', 'LAP', 'Community', 'Locality', 'ICB')""").df()
    assert v["count"].notna().all()
    for child, parent in (("Ward", "LAP"), ("LAP", ("Community", "Locality"))):
        parts = v[v["area_type"] == child].groupby("parent_code")[["count", "denominator"]].sum()
        totals = v[v["area_type"].isin([parent] if isinstance(parent, str) else parent)].set_index("area_code")
        assert len(parts) == len(totals)
        assert (parts.loc[totals.index] == totals[["count", "denominator"]]).all().all()
    icb = v[v["area_type"] == "ICB"].iloc[0]
    forums = v[v["area_type"].isin(["Community", "Locality"])]
    assert (icb["count"], icb["denominator"]) == (forums["count"].sum(), forums["denominator"].sum())


@pytest.mark.parametrize("change, column, reason", [
    (lambda r: r.__setitem__(1, dict(r[1], ward_code=r[0]["ward_code"])), "ward_code", "already in LAP"),
    (lambda r: r.__setitem__(0, dict(r[0], lap_code="ZZ9")), "lap_code", "unknown LAP code 'ZZ9'"),
    (lambda r: r.__setitem__(0, dict(r[0], community_code="WNC-N")), "community_code", "sits in NNC-COR"),
    (lambda r: r.__setitem__(0, dict(r[0], status="guessed")), "status", "not one of"),
])
def test_bad_rows_name_file_row_and_column(tmp_path, change, column, reason):
    from lybl.build.ingest.local import Context, load_areas
    from lybl.config import DATA_DIR
    ctx = Context()
    load_areas(DATA_DIR / "areas.csv", ctx)
    broken = rows()
    change(broken)
    with pytest.raises(ValidationError) as caught:
        geo.read_lap_wards(write(tmp_path, broken), ctx)
    assert caught.value.file == geo.LAP_LABEL and caught.value.column == column and reason in str(caught.value)
    assert caught.value.row is not None


def test_a_ward_in_no_lap_and_a_lap_in_two_pieces_stop_the_build(tmp_path, monkeypatch):
    every = rows()
    monkeypatch.setattr(geo, "LAP_FILE", write(tmp_path, every[1:]))
    with pytest.raises(ValidationError, match="1 wards in no LAP"):
        build(db=tmp_path / "a.duckdb", log=lambda line: None)
    # Deanshanger (on the Buckinghamshire border) put in DSN1 with the Daventry wards: two pieces
    moved = {r["ward_code"]: ("DSN1" if r["ward_name"] == "Deanshanger" else r["lap_code"]) for r in every}
    with pytest.raises(ValidationError, match="LAP DSN1 is not one piece"):
        geo.check_contiguous(moved, EXTRACTS_DIR)
    assert not (tmp_path / "a.duckdb").exists()


def test_without_a_mirror_the_laps_still_load_and_say_what_was_not_checked(tmp_path):
    report = build(db=tmp_path / "x.duckdb", open_data=None, log=lambda line: None)
    assert any("contiguity not checked" in c for c in report.checks)


def test_the_tile_map_has_one_hexagon_per_lap_and_draws_without_boundaries():
    from lybl.present.maps import choropleth, tile_shapes
    tiles = tile_shapes()
    assert set(tiles["area_code"]) == {r["lap_code"] for r in rows()}
    values = pd.DataFrame({"area_code": ["N4"], "value": [5.0], "lci95": [4.0], "uci95": [6.0], "count": [50.0],
                           "denominator": [1000.0], "is_suppressed": [False], "period_label": ["2021"]})
    figure = choropleth(tiles, values, pd.Series({"N4": "worse"}), {"worse": "#C00000"}, "t", "%", labels=True)
    centres = [t for t in figure.data if t.name == "areas"][0]
    assert len(centres.customdata) == 17
    assert {t.name for t in figure.data if t.fill == "toself"} == {"worse", "no data"}


def test_lap_shapes_are_17_valid_polygons_dissolved_from_wards(con):
    from shapely.geometry import shape
    import json
    laps = con.execute("select area_code, geometry from area_shape where area_type = 'LAP'").df()
    assert len(laps) == 17
    polygons = [shape(json.loads(g)) for g in laps["geometry"]]
    assert all(p.is_valid and not p.is_empty for p in polygons)
    # dissolved from the wards: the LAPs cover the two councils as the wards do (to simplification)
    wards = con.execute("select geometry from area_shape where area_type = 'Ward'").df()
    ward_area = sum(shape(json.loads(g)).area for g in wards["geometry"])
    assert abs(sum(p.area for p in polygons) - ward_area) / ward_area < 0.01
