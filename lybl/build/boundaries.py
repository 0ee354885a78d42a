"""Boundaries for the maps: wards and LSOAs from ONS's files (their extracts), LAPs dissolved from their wards.

Stored at build time (table area_shape) in British National Grid metres, simplified, so the map page
needs no web tiles and no projection in the browser.
"""
from __future__ import annotations

from pathlib import Path

from lybl.build.geo import LAP_LABEL, WARD_SHAPES
from lybl.build.ingest import opendata


LSOA_SHAPES = "geo/lsoa21_northants_bgc.geojson"
#: simplification tolerance in metres, per level: fine enough to read at 1280 px, small enough to send
TOLERANCE = {"LAP": 60, "Ward": 40, "LSOA": 15}


def shapes(mirror: Path | None, ward_lap: dict[str, str]) -> list[dict]:
    """area_shape rows: wards and LSOAs from the ONS boundaries, LAPs dissolved from their wards.

    Coordinates are British National Grid metres (EPSG:27700), rounded to the metre, so the map needs no
    web tiles or projection in the browser. Empty when the open data has no boundaries (the page then draws
    its tile map).
    """
    from shapely.geometry import mapping

    if not opendata.exists(mirror, WARD_SHAPES):
        return []
    wards = opendata.shapes(mirror, WARD_SHAPES, "WD22CD")
    layers = [("Ward", wards.rename(columns={"WD22CD": "area_code"}), WARD_SHAPES)]
    laps = wards.assign(area_code=wards["WD22CD"].map(ward_lap)).dropna(subset=["area_code"])
    layers.append(("LAP", laps.dissolve(by="area_code").reset_index()[["area_code", "geometry"]],
                   f"{WARD_SHAPES} dissolved by {LAP_LABEL}"))
    if opendata.exists(mirror, LSOA_SHAPES):
        lsoas = opendata.shapes(mirror, LSOA_SHAPES, "LSOA21CD")
        layers.append(("LSOA", lsoas.rename(columns={"LSOA21CD": "area_code"}), LSOA_SHAPES))
    rows = []
    for kind, frame, ref in layers:
        simple = frame.geometry.simplify(TOLERANCE[kind], preserve_topology=True)
        for code, geom in zip(frame["area_code"], simple):
            rows.append(dict(area_code=code, area_type=kind, geometry=_geojson(mapping(geom)), source_ref=ref))
    return rows


def _geojson(geometry: dict) -> str:
    """GeoJSON text with coordinates rounded to the metre."""
    import json

    def rounded(c):
        return [rounded(x) for x in c] if isinstance(c[0], (list, tuple)) else [round(c[0]), round(c[1])]
    return json.dumps({"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])},
                      separators=(",", ":"))
