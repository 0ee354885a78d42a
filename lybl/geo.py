"""Wards to Local Area Partnerships (geo/lap_wards.csv): read, checked, and turned into areas.

The 17 LAPs sit under the four community wellbeing forums of North Northamptonshire and the two
localities of West Northamptonshire (data/areas.csv); each holds whole 2021-25 electoral wards.
Most of the grouping is provisional (tools/make_lap_wards.py; ../shared/geo/LAPS.md says what is
known) and is labelled so in the file, the database and on screen; a council replaces it by editing
the file. The build checks that every ward is in exactly one LAP, that no code is unknown, that each
LAP is one contiguous piece (on the mirror's ward boundaries) and reports each LAP's residents,
flagging those outside the 30,000-50,000 the framework asks for.
"""
from __future__ import annotations

from pathlib import Path

from lybl.errors import ValidationError
from lybl.ingest.local import Context
from lybl.ingest.rows import read_rows

LAP_FILE = Path(__file__).resolve().parent.parent / "geo" / "lap_wards.csv"
LAP_LABEL = "geo/lap_wards.csv"
WARD_SHAPES = "geo/wards_wd22_northants_bgc.geojson"
WARD_RESIDENTS = "geo/population_census2021_ward_bestfit.csv"
STATUSES = {"known", "provisional"}
SIZE = (30_000, 50_000)


def read_lap_wards(path: Path, ctx: Context) -> tuple[dict[str, dict], dict[str, str]]:
    """(LAP -> what the file says of it, ward -> LAP); LAPs, communities and councils checked against areas.csv."""
    laps: dict[str, dict] = {}
    ward_lap: dict[str, str] = {}
    for r in read_rows(path, ["ward_code", "ward_name", "lap_code", "lap_name", "council_code", "community_code",
                              "status", "source"], label=LAP_LABEL):
        ward = r.text("ward_code")
        if ward in ward_lap:
            raise r.fail("ward_code", f"ward {ward} is already in LAP {ward_lap[ward]}: each ward belongs to one LAP")
        lap = r.code("lap_code", ctx.areas, "LAP")
        if ctx.area_types.get(lap) != "LAP":
            raise r.fail("lap_code", f"'{lap}' is a {ctx.area_types.get(lap)} in data/areas.csv, not a LAP")
        community = r.code("community_code", ctx.areas, "community or locality")
        if ctx.parents.get(lap) != community:
            raise r.fail("community_code", f"LAP {lap} sits in {ctx.parents.get(lap)} in data/areas.csv, "
                                           f"not {community}")
        council = r.code("council_code", ctx.areas, "council")
        if ctx.parents.get(community) != council:
            raise r.fail("council_code", f"'{community}' is not in the council {council}")
        if r.text("lap_name") != ctx.area_names[lap]:
            raise r.fail("lap_name", f"'{r.text('lap_name')}' but data/areas.csv names {lap} '{ctx.area_names[lap]}'")
        status = r.choice("status", STATUSES)
        info = laps.setdefault(lap, dict(council=council, wards=0, known=0))
        info["wards"] += 1
        info["known"] += status == "known"
        ward_lap[ward] = lap
    return laps, ward_lap


def place_wards(laps: dict[str, dict], ward_lap: dict[str, str], areas: list[dict]) -> None:
    """Put each ward under its LAP (wards come from the mirror's lookup, under their Place)."""
    wards = {a["area_code"]: a for a in areas if a["area_type"] == "Ward"}
    unknown = sorted(set(ward_lap) - set(wards))
    if unknown:
        raise ValidationError(LAP_LABEL, None, "ward_code", f"unknown ward codes {unknown}: the 2021-25 wards are "
                                                            "those of the mirror's LSOA lookup (WD22CD)")
    missing = sorted(set(wards) - set(ward_lap))
    if missing:
        raise ValidationError(LAP_LABEL, None, "ward_code",
                              f"{len(missing)} wards in no LAP: {', '.join(missing)} (each ward belongs to one LAP)")
    council = {lap: info["council"] for lap, info in laps.items()}
    for code, ward in wards.items():
        lap = ward_lap[code]
        if ward["parent_code"] != council[lap]:
            raise ValidationError(LAP_LABEL, None, "council_code", f"ward {code} is in {ward['parent_code']}, but "
                                                                   f"its LAP {lap} is in {council[lap]}")
        ward["parent_code"] = lap


def check_contiguous(ward_lap: dict[str, str], shapes_path: Path) -> None:
    """Each LAP is one piece: its wards' boundaries (grown by 25 m) form a connected set."""
    import geopandas as gpd

    shapes = gpd.read_file(shapes_path).to_crs(27700).set_index("WD22CD").geometry.buffer(25)
    by_lap: dict[str, list[str]] = {}
    for ward, lap in ward_lap.items():
        by_lap.setdefault(lap, []).append(ward)
    for lap, wards in sorted(by_lap.items()):
        missing = [w for w in wards if w not in shapes.index]
        if missing:
            raise ValidationError(LAP_LABEL, None, "ward_code", f"no boundary for wards {missing} in {WARD_SHAPES}")
        seen, todo = set(), [wards[0]]
        while todo:
            w = todo.pop()
            if w not in seen:
                seen.add(w)
                todo += [o for o in wards if o not in seen and shapes[w].intersects(shapes[o])]
        if len(seen) != len(wards):
            apart = sorted(set(wards) - seen)
            raise ValidationError(LAP_LABEL, None, "lap_code", f"LAP {lap} is not one piece: wards {apart} do not "
                                                               f"touch the rest of it")


def residents(ward_lap: dict[str, str], residents_path: Path) -> dict[str, int]:
    """Census 2021 usual residents per LAP, summed over its wards (ONS best-fit LSOAs)."""
    per_ward = {r.text("WDCD"): r.integer("USUAL_RESIDENTS_CENSUS2021", True)
                for r in read_rows(residents_path, ["WDCD", "USUAL_RESIDENTS_CENSUS2021"], label=WARD_RESIDENTS)}
    out: dict[str, int] = {}
    for ward, lap in ward_lap.items():
        out[lap] = out.get(lap, 0) + per_ward.get(ward, 0)
    return out


def load(mirror: Path | None, ctx: Context, tables: dict, path: Path | None = None) -> list[str]:
    """Put each ward under its LAP and say on each LAP how it was made; returns lines for the build report."""
    laps, ward_lap = read_lap_wards(path or LAP_FILE, ctx)
    defined = {a["area_code"] for a in tables["area"] if a["area_type"] == "LAP"}
    if set(laps) != defined:
        raise ValidationError(LAP_LABEL, None, "lap_code", f"LAPs of data/areas.csv without wards: "
                                                           f"{sorted(defined - set(laps))}")
    lines = []
    if any(a["area_type"] == "Ward" for a in tables["area"]):
        place_wards(laps, ward_lap, tables["area"])
    else:
        lines.append(f"{LAP_LABEL}: wards not placed (no ward lookup in the mirror)")
    if mirror is not None and (mirror / WARD_SHAPES).exists():
        check_contiguous(ward_lap, mirror / WARD_SHAPES)
        lines.append(f"{LAP_LABEL}: every LAP is one contiguous piece ({WARD_SHAPES})")
    else:
        lines.append(f"{LAP_LABEL}: contiguity not checked ({WARD_SHAPES} not in the mirror)")
    sizes = {}
    if mirror is not None and (mirror / WARD_RESIDENTS).exists():
        sizes = residents(ward_lap, mirror / WARD_RESIDENTS)
        outside = {lap: n for lap, n in sizes.items() if not SIZE[0] <= n <= SIZE[1]}
        lines.append(f"{LAP_LABEL}: {len(laps)} LAPs of {min(sizes.values()):,} to {max(sizes.values()):,} residents "
                     "(Census 2021); outside 30,000-50,000: "
                     + (", ".join(f"{lap} {n:,}" for lap, n in sorted(outside.items())) or "none"))
    for area in tables["area"]:
        info = laps.get(area["area_code"])
        if info is None or area["area_type"] != "LAP":
            continue
        provisional = info["wards"] - info["known"]
        area["is_provisional"] = provisional > 0
        area["note"] = "; ".join(filter(None, [
            area.get("note"),
            f"{info['wards']} wards of 2021-25: " + (f"{info['known']} placed by a public source, {provisional} "
                                                     "provisional" if info["known"] else "a provisional grouping")
            + f" ({LAP_LABEL})",
            f"{sizes[area['area_code']]:,} residents (Census 2021)" if area["area_code"] in sizes else None]))
    return lines


LSOA_SHAPES = "geo/lsoa21_northants_bgc.geojson"
#: simplification tolerance in metres, per level: fine enough to read at 1280 px, small enough to send
TOLERANCE = {"LAP": 60, "Ward": 40, "LSOA": 15}


def shapes(mirror: Path | None, ward_lap: dict[str, str] | None = None) -> list[dict]:
    """area_shape rows: wards and LSOAs from the mirror's ONS boundaries, LAPs dissolved from their wards.

    Coordinates are British National Grid metres (EPSG:27700), rounded to the metre, so the map needs no
    web tiles or projection in the browser. Empty when the mirror has no boundaries (the page then draws
    its tile map).
    """
    import geopandas as gpd
    from shapely.geometry import mapping

    if mirror is None or not (mirror / WARD_SHAPES).exists():
        return []
    ward_lap = ward_lap or {r["ward_code"]: r["lap_code"] for r in _rows(LAP_FILE)}
    wards = gpd.read_file(mirror / WARD_SHAPES).to_crs(27700)[["WD22CD", "geometry"]]
    layers = [("Ward", wards.rename(columns={"WD22CD": "area_code"}), WARD_SHAPES)]
    laps = wards.assign(area_code=wards["WD22CD"].map(ward_lap)).dropna(subset=["area_code"])
    layers.append(("LAP", laps.dissolve(by="area_code").reset_index()[["area_code", "geometry"]],
                   f"{WARD_SHAPES} dissolved by {LAP_LABEL}"))
    if (mirror / LSOA_SHAPES).exists():
        lsoas = gpd.read_file(mirror / LSOA_SHAPES).to_crs(27700)[["LSOA21CD", "geometry"]]
        layers.append(("LSOA", lsoas.rename(columns={"LSOA21CD": "area_code"}), LSOA_SHAPES))
    rows = []
    for kind, frame, ref in layers:
        simple = frame.geometry.simplify(TOLERANCE[kind], preserve_topology=True)
        for code, geom in zip(frame["area_code"], simple):
            rows.append(dict(area_code=code, area_type=kind, geometry=_geojson(mapping(geom)), source_ref=ref))
    return rows


def _rows(path: Path) -> list[dict]:
    import csv
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _geojson(geometry: dict) -> str:
    """GeoJSON text with coordinates rounded to the metre."""
    import json

    def rounded(c):
        return [rounded(x) for x in c] if isinstance(c[0], (list, tuple)) else [round(c[0]), round(c[1])]
    return json.dumps({"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])},
                      separators=(",", ":"))


# ----------------------------------------------------------------- LAP profiles

AGE_FILE = "data/census2021_ts007a_age_5yr_lsoa21.csv"
IMD_FILE = "data/imd2025_lsoa21_domains.csv"
LSOA_LOOKUP = "geo/lookup_lsoa21_msoa21_ward_lad.csv"
PROFILE_TYPES = ("LAP", "Community", "Locality", "Place", "ICB")


def _ancestors(areas: list[dict]) -> dict[str, list[str]]:
    """LSOA -> the areas above it of PROFILE_TYPES (its LAP, community, Place, ICB)."""
    parent = {a["area_code"]: a.get("parent_code") for a in areas}
    kind = {a["area_code"]: a["area_type"] for a in areas}
    out = {}
    for code, k in kind.items():
        if k != "LSOA":
            continue
        chain, up = [], parent.get(code)
        while up:
            if kind.get(up) in PROFILE_TYPES:
                chain.append(up)
            up = parent.get(up)
        out[code] = chain
    return out


def profiles(mirror: Path | None, areas: list[dict], threshold: int) -> tuple[dict[str, list[dict]], list[str]]:
    """Residents by age band (Census 2021 TS007A) and by national IMD 2025 decile of their LSOA, summed from
    LSOAs to each LAP, community, locality, Place and the ICB; and the 2025 wards' best-fit LAPs.

    Bands are of 30,000+ residents, so none is small; any count from 1 to ``threshold`` would stop the
    build rather than be shown (these tables carry no suppression).
    """
    tables: dict[str, list[dict]] = {"area_age": [], "area_deprivation": [], "ward_2025_lap": []}
    if mirror is None or not (mirror / AGE_FILE).exists():
        return tables, [f"{AGE_FILE} (not in the mirror: no LAP age profiles)"]
    up = _ancestors(areas)
    if not up:
        return tables, ["LAP profiles: no LSOAs under the Places (no ward lookup in the mirror)"]
    age: dict[tuple, float] = {}
    order: dict[str, int] = {}
    residents: dict[str, float] = {}
    for r in read_rows(mirror / AGE_FILE, ["lsoa21_code", "category_order", "category", "count"], label=AGE_FILE):
        lsoa = r.text("lsoa21_code")
        band, n = r.text("category"), r.number("count", True)
        order[band] = r.integer("category_order", True)
        residents[lsoa] = residents.get(lsoa, 0) + n
        for area in up.get(lsoa, []):
            age[(area, band)] = age.get((area, band), 0) + n
    deprivation: dict[tuple, list] = {}
    if (mirror / IMD_FILE).exists():
        for r in read_rows(mirror / IMD_FILE, ["lsoa21_code", "level", "decile"], label=IMD_FILE):
            if r.text("level") != "index":
                continue
            lsoa, decile = r.text("lsoa21_code"), r.integer("decile", True)
            for area in up.get(lsoa, []):
                cell = deprivation.setdefault((area, decile), [0, 0.0])
                cell[0] += 1
                cell[1] += residents.get(lsoa, 0)
    small = [f"{a} {b}" for (a, b), n in age.items() if 1 <= n <= threshold]
    small += [f"{a} decile {d}" for (a, d), (_, n) in deprivation.items() if 1 <= n <= threshold]
    if small:
        raise ValidationError(AGE_FILE, None, "count", f"small counts in LAP profiles: {small[:5]}")
    tables["area_age"] = [dict(area_code=a, age_band=b, band_order=order[b], residents=n,
                               source_ref=AGE_FILE) for (a, b), n in sorted(age.items())]
    tables["area_deprivation"] = [dict(area_code=a, decile=d, lsoas=k, residents=n, source_ref=IMD_FILE)
                                  for (a, d), (k, n) in sorted(deprivation.items())]
    lines = [f"LAP profiles: residents by age for {len({a for a, _ in age})} areas, by IMD 2025 decile for "
             f"{len({a for a, _ in deprivation})}"]
    ward25, ward_lines = wards_2025(mirror, areas, residents)
    tables["ward_2025_lap"] = ward25
    return tables, lines + ward_lines


def wards_2025(mirror: Path, areas: list[dict], residents: dict[str, float]) -> tuple[list[dict], list[str]]:
    """Each ward of May 2025 (WD25) to the LAP holding most of its residents, through the LSOAs it shares
    with the 2021-25 wards (ONS best fit); wards split between LAPs are listed in the report."""
    if not (mirror / LSOA_LOOKUP).exists():
        return [], []
    parent = {a["area_code"]: a.get("parent_code") for a in areas}
    kind = {a["area_code"]: a["area_type"] for a in areas}
    shares: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for r in read_rows(mirror / LSOA_LOOKUP, ["LSOA21CD", "WD25CD", "WD25NM"], label=LSOA_LOOKUP):
        lsoa = r.text("LSOA21CD")
        lap = parent.get(parent.get(lsoa))
        if kind.get(lap) != "LAP":
            continue
        ward = r.text("WD25CD")
        names[ward] = r.text("WD25NM")
        shares.setdefault(ward, {})
        shares[ward][lap] = shares[ward].get(lap, 0) + residents.get(lsoa, 0)
    rows, split = [], []
    for ward, by_lap in sorted(shares.items()):
        total = sum(by_lap.values())
        lap, n = max(by_lap.items(), key=lambda item: item[1])
        share = n / total if total else 0.0
        if len(by_lap) > 1:
            split.append(f"{names[ward]} ({', '.join(f'{k} {v / total:.0%}' for k, v in sorted(by_lap.items()))})")
        rows.append(dict(ward_code=ward, ward_name=names[ward], lap_code=lap, share=share, residents=total,
                         other_laps=", ".join(sorted(set(by_lap) - {lap})) or None, source_ref=LSOA_LOOKUP))
    return rows, [f"2025 wards: {len(rows)} placed in LAPs by residents' best fit; split between LAPs: "
                  + ("; ".join(split) or "none")]
