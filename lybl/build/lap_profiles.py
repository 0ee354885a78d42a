"""LAP profiles built from LSOAs: residents by age band and by national IMD 2025 decile for each LAP,
community, locality, Place and the ICB; and each May 2025 ward's best-fit LAP."""
from __future__ import annotations

from pathlib import Path

from lybl.errors import ValidationError
from lybl.build.ingest import opendata


AGE_FILE = "data/census2021_ts007a_age_5yr_lsoa21.csv"
IMD_FILE = "data/imd2025_lsoa21_domains.csv"
LSOA_LOOKUP = "geo/lookup_lsoa21_msoa21_ward_lad.csv"
PROFILE_TYPES = ("LAP", "Community", "Locality", "Place", "ICB")


def _index_level(cells: dict) -> bool:
    """The IMD rows the profiles read: the overall index (the file has each domain too)."""
    return (cells.get("level") or "").strip() == "index"


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
    if not opendata.exists(mirror, AGE_FILE):
        return tables, [f"{AGE_FILE} (not in the open data: no LAP age profiles)"]
    up = _ancestors(areas)
    if not up:
        return tables, ["LAP profiles: no LSOAs under the Places (no ward lookup in the mirror)"]
    age: dict[tuple, float] = {}
    order: dict[str, int] = {}
    residents: dict[str, float] = {}
    for r in opendata.rows(mirror, AGE_FILE, ["lsoa21_code", "category_order", "category", "count"]):
        lsoa = r.text("lsoa21_code")
        band, n = r.text("category"), r.number("count", True)
        order[band] = r.integer("category_order", True)
        residents[lsoa] = residents.get(lsoa, 0) + n
        for area in up.get(lsoa, []):
            age[(area, band)] = age.get((area, band), 0) + n
    deprivation: dict[tuple, list] = {}
    if opendata.exists(mirror, IMD_FILE):
        for r in opendata.rows(mirror, IMD_FILE, ["lsoa21_code", "level", "decile"], keep=_index_level):
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
    if not opendata.exists(mirror, LSOA_LOOKUP):
        return [], []
    parent = {a["area_code"]: a.get("parent_code") for a in areas}
    kind = {a["area_code"]: a["area_type"] for a in areas}
    shares: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for r in opendata.rows(mirror, LSOA_LOOKUP, ["LSOA21CD", "WD25CD", "WD25NM"]):
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
