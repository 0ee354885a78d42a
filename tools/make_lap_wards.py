"""Write geo/lap_wards.csv: the 57 wards of 2021-25 grouped into the 17 Local Area Partnerships.

Run once (python tools/make_lap_wards.py [MIRROR]); the file it writes is committed and is the one the
build reads. A council replaces the provisional rows by editing the file, not by re-running this.

What is known (../shared/geo/LAPS.md) is kept as it is: the structure (8 LAPs under North's four
community wellbeing forums, 9 under West's two localities), the N4 and DSN4 pioneer wards and the
name "Kettering Urban". The rest is a PROVISIONAL grouping: within each community or locality, the
contiguous split of its wards whose LAP populations (Census 2021) are nearest the 30,000-50,000 the
framework asks for, found by trying every contiguous split (few enough here: no LAP above 62,000).
LAP codes and names are those of data/areas.csv; a community's unplaced LAPs take its groups from the
largest down, in the file's order (so "Kettering Urban", a confirmed name, gets a provisional group of
wards: which wards it holds is not published).
"""
from __future__ import annotations

import csv
import itertools
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from lybl.build.geo import neighbours, reached  # noqa: E402  (the build checks contiguity the same way)

ROOT = Path(__file__).resolve().parent.parent
LAPS_MD = "../shared/geo/LAPS.md"
#: former district -> the community wellbeing forum or locality (data/areas.csv) its wards belong to
COMMUNITIES = {"E07000150": "NNC-COR", "E07000152": "NNC-EN", "E07000153": "NNC-KET", "E07000156": "NNC-WEL",
               "E07000154": "WNC-N", "E07000151": "WNC-DSN", "E07000155": "WNC-DSN"}
#: wards a public source places in a LAP (LAPS.md): LAP code -> ward names
KNOWN = {"N4": ["Dallington Spencer", "Castle", "Abington and Phippsville", "St. George"],
         "DSN4": ["Bugbrooke", "Towcester and Roade", "Deanshanger"]}
KNOWN_SOURCE = {"N4": "vcse-ics.co.uk/west-northamptonshire (pioneer LAP N4; 'Kings Heath' is not a 2021 ward name)",
                "DSN4": "vcse-ics.co.uk/west-northamptonshire (pioneer LAP DSN4; list cut off in the source)"}
TARGET = 40_000


def wards(mirror: Path) -> gpd.GeoDataFrame:
    shapes = gpd.read_file(mirror / "geo/wards_wd22_northants_bgc.geojson").to_crs(27700)
    pop = pd.read_csv(mirror / "geo/population_census2021_ward_bestfit.csv").rename(columns={"WDCD": "WD22CD"})
    lookup = pd.read_csv(mirror / "geo/lookup_lsoa21_msoa21_ward_lad.csv")
    people = pd.read_csv(mirror / "geo/population_census2021_lsoa21.csv")[["LSOA21CD", "USUAL_RESIDENTS_CENSUS2021"]]
    # each ward's former district: the one most of its residents lived in (ONS best-fit LSOAs)
    by = lookup.merge(people, on="LSOA21CD").groupby(["WD22CD", "LAD20CD"])["USUAL_RESIDENTS_CENSUS2021"].sum()
    district = by.sort_values().groupby(level=0).tail(1).reset_index()[["WD22CD", "LAD20CD"]]
    out = shapes.merge(pop[["WD22CD", "USUAL_RESIDENTS_CENSUS2021"]], on="WD22CD").merge(district, on="WD22CD")
    return out.rename(columns={"USUAL_RESIDENTS_CENSUS2021": "residents"})


def connected(codes: set[str], adj: dict[str, set[str]]) -> bool:
    return bool(codes) and reached(codes, adj) == codes


CAP = 62_000  # no LAP above this (the public N4 wards alone hold about 55,000)


def grow(seed: frozenset, avail: frozenset, adj, pop, cap: int = CAP) -> set[frozenset]:
    """Every connected set of wards that contains ``seed`` and adds wards from ``avail``, up to ``cap`` residents."""
    found, todo = set(), [seed]
    while todo:
        s = todo.pop()
        if s in found:
            continue
        found.add(s)
        for n in {n for c in s for n in adj[c]} & avail - s:
            t = s | {n}
            if sum(pop[c] for c in t) <= cap:
                todo.append(t)
    return found


def partitions(avail: frozenset, k: int, adj, pop):
    """Every split of ``avail`` into ``k`` connected groups (each group listed once, by its smallest ward)."""
    if k == 1:
        if connected(set(avail), adj):
            yield [avail]
        return
    start = min(avail)
    for group in grow(frozenset([start]), avail, adj, pop):
        rest = avail - group
        if rest:
            for others in partitions(rest, k - 1, adj, pop):
                yield [group, *others]


def best_split(codes: list[str], pop: dict[str, int], adj, fixed: dict[str, set[str]],
               laps: list[str]) -> dict[str, str]:
    """Ward -> LAP: the contiguous split of ``codes`` nearest 30,000-50,000 residents per LAP.

    A LAP with known wards (``fixed``) keeps them and may gain neighbours (its published list may be cut off).
    """
    def score(groups):
        sizes = [sum(pop[c] for c in g) for g in groups]
        return sum(max(0, 30_000 - n) + max(0, n - 50_000) for n in sizes), sum((n - TARGET) ** 2 for n in sizes)

    best, best_score = None, None
    everything = frozenset(codes)
    known = [lap for lap in laps if lap in fixed]
    seeds = {lap: frozenset(fixed[lap]) for lap in known}
    others = [lap for lap in laps if lap not in fixed]
    options = [sorted(grow(seeds[lap], everything - frozenset().union(*seeds.values()), adj, pop), key=sorted)
               for lap in known]
    for chosen in itertools.product(*options):
        if len(frozenset().union(*chosen)) != sum(len(g) for g in chosen):
            continue  # two known LAPs claimed one ward
        rest = everything - frozenset().union(*chosen)
        for groups in partitions(rest, len(others), adj, pop):
            groups = sorted(groups, key=lambda g: -sum(pop[c] for c in g))
            candidate = dict(zip(known, chosen)) | dict(zip(others, groups))
            sc = score(candidate.values())
            if best_score is None or sc < best_score:
                best, best_score = candidate, sc
    return {c: lap for lap, g in best.items() for c in g}


def main(mirror: Path = ROOT.parent / "shared") -> None:
    areas = pd.read_csv(ROOT / "data" / "areas.csv")
    w = wards(mirror)
    adj = neighbours(w)
    pop = dict(zip(w["WD22CD"], w["residents"]))
    names = dict(zip(w["WD22CD"], w["WD22NM"]))
    code_of = {v: k for k, v in names.items()}
    rows = []
    for community in dict.fromkeys(COMMUNITIES.values()):
        districts = [d for d, c in COMMUNITIES.items() if c == community]
        codes = sorted(w.loc[w["LAD20CD"].isin(districts), "WD22CD"])
        mine = areas[(areas["area_type"] == "LAP") & (areas["parent_code"] == community)].sort_values("sort_order")
        lap_codes = list(mine["area_code"])
        fixed = {lap: {code_of[n] for n in KNOWN[lap]} for lap in lap_codes if lap in KNOWN}
        assignment = best_split(codes, pop, adj, fixed, lap_codes)
        lap_names = dict(zip(mine["area_code"], mine["area_name"]))
        council = w.loc[w["WD22CD"] == codes[0], "LAD22CD"].iloc[0]
        for code in codes:
            lap = assignment[code]
            known = lap in KNOWN and names[code] in KNOWN[lap]
            source = KNOWN_SOURCE[lap] if known else \
                "provisional: contiguous grouping of whole wards within the community or locality, nearest " \
                "30,000-50,000 residents (Census 2021), tools/make_lap_wards.py"
            rows.append(dict(ward_code=code, ward_name=names[code], lap_code=lap, lap_name=lap_names[lap],
                             council_code=council, community_code=community,
                             status="known" if known else "provisional", source=source))
    rows.sort(key=lambda r: (r["council_code"], r["community_code"], r["lap_code"], r["ward_name"]))
    out = ROOT / "geo" / "lap_wards.csv"
    with open(out, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    sizes = pd.DataFrame(rows).assign(residents=lambda d: d["ward_code"].map(pop)).groupby("lap_code")["residents"].sum()
    print(f"wrote {out}: {len(rows)} wards in {sizes.size} LAPs")
    print(sizes.to_string())


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
