"""Wards to Local Area Partnerships (geo/lap_wards.csv): read, checked, and turned into areas.

The 17 LAPs sit under the four community wellbeing forums of North Northamptonshire and the two
localities of West Northamptonshire (data/areas.csv); each holds whole 2021-25 electoral wards.
Most of the grouping is provisional (tools/make_lap_wards.py; ../shared/geo/LAPS.md says what is
known) and is labelled so in the file, the database and on screen; a council replaces it by editing
the file. The build checks that every ward is in exactly one LAP, that no code is unknown, that each
LAP is one contiguous piece (on the ONS ward boundaries) and reports each LAP's residents,
flagging those outside the 30,000-50,000 the framework asks for. Boundaries: lybl/build/boundaries.py;
age, deprivation and 2025-ward profiles: lybl/build/lap_profiles.py.
"""
from __future__ import annotations

from pathlib import Path

from lybl.config import ROOT
from lybl.errors import ValidationError
from lybl.build.ingest.local import Context
from lybl.build.ingest import opendata
from lybl.build.ingest.rows import read_rows
from lybl.ics import ics

LAP_FILE = ROOT / (ics().laps or "geo/lap_wards.csv")  # the configured ward -> LAP file
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
    """Put each ward under its LAP (wards come from the ONS LSOA lookup, under their Place)."""
    wards = {a["area_code"]: a for a in areas if a["area_type"] == "Ward"}
    unknown = sorted(set(ward_lap) - set(wards))
    if unknown:
        raise ValidationError(LAP_LABEL, None, "ward_code", f"unknown ward codes {unknown}: the 2021-25 wards are "
                                                            "those of the ONS LSOA lookup (WD22CD)")
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


def neighbours(shapes) -> dict[str, set[str]]:
    """Ward -> the wards it touches: boundaries (WD22CD, British National Grid) grown by 25 m intersect."""
    grown = shapes.set_index("WD22CD").geometry.buffer(25)
    return {a: {b for b in grown.index if b != a and grown[a].intersects(grown[b])} for a in grown.index}


def reached(codes: set[str], adj: dict[str, set[str]]) -> set[str]:
    """The wards of ``codes`` reached from one of them through touching wards of ``codes``."""
    seen, todo = set(), [min(codes)] if codes else []
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo += [n for n in adj[c] if n in codes]
    return seen


def check_contiguous(ward_lap: dict[str, str], root: Path) -> None:
    """Each LAP is one piece: its wards' boundaries (grown by 25 m) form a connected set."""
    adj = neighbours(opendata.shapes(root, WARD_SHAPES, "WD22CD"))
    by_lap: dict[str, set[str]] = {}
    for ward, lap in ward_lap.items():
        by_lap.setdefault(lap, set()).add(ward)
    for lap, wards in sorted(by_lap.items()):
        missing = sorted(w for w in wards if w not in adj)
        if missing:
            raise ValidationError(LAP_LABEL, None, "ward_code", f"no boundary for wards {missing} in {WARD_SHAPES}")
        apart = sorted(wards - reached(wards, adj))
        if apart:
            raise ValidationError(LAP_LABEL, None, "lap_code", f"LAP {lap} is not one piece: wards {apart} do not "
                                                               f"touch the rest of it")


def residents(ward_lap: dict[str, str], root: Path) -> dict[str, int]:
    """Census 2021 usual residents per LAP, summed over its wards (ONS best-fit LSOAs)."""
    per_ward = {r.text("WDCD"): r.integer("USUAL_RESIDENTS_CENSUS2021", True)
                for r in opendata.rows(root, WARD_RESIDENTS, ["WDCD", "USUAL_RESIDENTS_CENSUS2021"])}
    out: dict[str, int] = {}
    for ward, lap in ward_lap.items():
        out[lap] = out.get(lap, 0) + per_ward.get(ward, 0)
    return out


def load(mirror: Path | None, ctx: Context, tables: dict, path: Path | None = None) -> tuple[list[str], dict]:
    """Put each ward under its LAP and say on each LAP how it was made; returns lines for the build report
    and the ward -> LAP lookup."""
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
    if opendata.exists(mirror, WARD_SHAPES):
        check_contiguous(ward_lap, mirror)
        lines.append(f"{LAP_LABEL}: every LAP is one contiguous piece ({WARD_SHAPES})")
    else:
        lines.append(f"{LAP_LABEL}: contiguity not checked ({WARD_SHAPES} not in the mirror)")
    sizes = {}
    if opendata.exists(mirror, WARD_RESIDENTS):
        sizes = residents(ward_lap, mirror)
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
    return lines, ward_lap

