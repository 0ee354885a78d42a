"""`python -m lybl fetch`: download open data from its publishers, then cut the extracts (lybl.build.extract).

Each adapter downloads a publisher's product into a cache folder (data/cache, git-ignored) and writes the
file the build reads in the layout of the publisher folder (`data/...csv`, `geo/...geojson`); `extract`
then cuts data/extracts from it. Files no adapter makes keep their current extract, and the report says so.

- ONS Open Geography Portal: 2022 ward and 2021 LSOA boundaries (BGC) through ArcGIS REST, paged.
- Nomis: Census 2021 bulk LSOA tables TS037, TS038, TS039, TS011, TS007A (zips).
- MHCLG: English Indices of Deprivation 2025, File 7 (LSOA ranks, scores and deciles).
- OHID Fingertips API: any profile's "all data" CSV and its metadata (`fetch fingertips`), then imported.

Downloads retry with backoff, resume a cut-off transfer (HTTP Range) from its `.part` file, show a progress
bar (tqdm), and stop with one line when there is no network or a publisher has moved a file. Nothing here is
run by the build or the tests against the internet: tests serve recorded responses on 127.0.0.1.
"""
from __future__ import annotations

import csv
import http.client
import io
import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lybl import config
from lybl.errors import LyblError, ValidationError
from lybl.build.extract import sha256
from lybl.build.ingest.mirror import PLACES
from lybl.ics import ics

#: where each publisher serves its files; a test (or a mirror of a publisher) passes others
BASES = {
    "ons_arcgis": "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services",
    "nomis": "https://www.nomisweb.co.uk/output/census/2021",
    "mhclg": "https://assets.publishing.service.gov.uk/media/691ded56d140bbbaa59a2a7d",
    "fingertips": "https://fingertips.phe.org.uk/api",
}
PLACE_NAMES = {p.code: p.name for p in ics().places}
USER_AGENT = "LYBL-Insight (+https://github.com/; python -m lybl fetch)"


class FetchError(LyblError):
    """A download that cannot be done: no network, a moved file, a refused request. One line for a user."""


@dataclass
class Client:
    """Downloads with retries, backoff and resume; every file fetched is noted with its URL and sha256."""
    cache: Path
    bases: dict[str, str] = field(default_factory=lambda: dict(BASES))
    retries: int = 4
    backoff: float = 1.0
    timeout: float = 60.0
    progress: bool = True
    fetched: dict[str, tuple[str, str]] = field(default_factory=dict)   # cache-relative path -> (url, sha256)

    def url(self, base: str, path: str = "", params: dict | None = None) -> str:
        url = self.bases[base].rstrip("/") + ("/" + path.lstrip("/") if path else "")
        return url + ("?" + urllib.parse.urlencode(params) if params else "")

    def get(self, url: str, rel: str, data: dict | None = None) -> Path:
        """Download ``url`` (POST ``data`` as a form when given) to cache/rel, resuming from cache/rel.part.

        Always downloads again (a cache file from an earlier run may be an older release); only a cut-off
        transfer's .part is reused, and only for a GET."""
        dest = self.cache / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = dest.with_name(dest.name + ".part")
        body = urllib.parse.urlencode(data).encode() if data else None
        host = urllib.parse.urlsplit(url).netloc
        validator = part.with_name(part.name + ".validator")  # the ETag (or date) the .part was started from
        for attempt in range(self.retries + 1):
            offset = part.stat().st_size if part.exists() and body is None else 0
            headers = {"User-Agent": USER_AGENT}
            if offset:
                headers["Range"] = f"bytes={offset}-"
                if validator.exists():  # the rest only if the file is unchanged, else the whole new file (200)
                    headers["If-Range"] = validator.read_text()
            try:
                with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers),
                                            timeout=self.timeout) as response:
                    resumed = offset and response.status == 206
                    if not resumed and (tag := response.headers.get("ETag") or response.headers.get("Last-Modified")):
                        validator.write_text(tag)
                    length = response.headers.get("Content-Length")
                    total = int(length) + (offset if resumed else 0) if length else None
                    self._copy(response, part, "ab" if resumed else "wb", offset if resumed else 0, total, rel)
                if total is not None and part.stat().st_size != total:
                    raise ConnectionError(f"{part.stat().st_size} of {total} bytes")
                return self._done(part, dest, validator, url, rel)
            except urllib.error.HTTPError as e:
                whole = (e.headers.get("Content-Range") or "").rpartition("/")[2]
                if e.code == 416 and offset and whole.isdigit() and int(whole) == offset:  # the .part is whole
                    return self._done(part, dest, validator, url, rel)
                if e.code == 416:  # a .part the server does not recognise: start again
                    part.unlink(missing_ok=True)
                    validator.unlink(missing_ok=True)
                    continue
                if e.code in (404, 410):
                    raise FetchError(f"{rel}: the publisher has moved or removed this file (HTTP {e.code} at "
                                     f"{url}); update lybl/fetch.py BASES or the adapter") from None
                if e.code not in (408, 425, 429, 500, 502, 503, 504) or attempt == self.retries:
                    raise FetchError(f"{rel}: {host} refused the request (HTTP {e.code} {e.reason}) at {url}") from None
            except (urllib.error.URLError, ConnectionError, TimeoutError, http.client.HTTPException) as e:
                if attempt == self.retries:
                    reason = getattr(e, "reason", e)
                    raise FetchError(f"no network: cannot download {rel} from {host} ({reason}) after "
                                     f"{self.retries + 1} tries; the .part file is kept to resume") from None
            time.sleep(self.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _done(self, part: Path, dest: Path, validator: Path, url: str, rel: str) -> Path:
        os.replace(part, dest)
        validator.unlink(missing_ok=True)
        self.fetched[rel] = (url, sha256(dest))
        return dest

    def _copy(self, response, part: Path, mode: str, done: int, total: int | None, rel: str) -> None:
        from tqdm import tqdm

        with open(part, mode) as out, tqdm(total=total, initial=done, unit="B", unit_scale=True, desc=rel,
                                          disable=not self.progress, leave=False) as bar:
            for block in iter(lambda: response.read(1 << 16), b""):
                out.write(block)
                bar.update(len(block))


# ----------------------------------------------------------------- ONS Open Geography Portal (ArcGIS REST)

#: publisher file -> (ArcGIS service, code field, where clause or None for "codes of the lookup")
BOUNDARIES = {
    "geo/wards_wd22_northants_bgc.geojson": ("Wards_December_2022_Boundaries_UK_BGC", "WD22CD",
                                             "LAD22CD IN (" + ",".join(f"'{code}'" for code in sorted(PLACES)) + ")"),
    "geo/lsoa21_northants_bgc.geojson": ("Lower_layer_Super_Output_Areas_December_2021_Boundaries_EW_BGC_V5",
                                         "LSOA21CD", None),
}


def arcgis_features(client: Client, service: str, where: str, fields: str, order: str, page: int = 1000) -> list:
    """Every feature of an ArcGIS FeatureServer layer matching ``where``, as GeoJSON (WGS84), page by page:
    the server says with exceededTransferLimit (top level, or under "properties" in GeoJSON) that more remain."""
    features, offset = [], 0
    while True:
        form = {"where": where, "outFields": fields, "outSR": 4326, "f": "geojson", "orderByFields": order,
                "resultOffset": offset, "resultRecordCount": page}
        path = client.get(client.url("ons_arcgis", f"{service}/FeatureServer/0/query"),
                          f"raw/ons/{service}/{offset:06d}.geojson", data=form)
        try:
            body = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            raise FetchError(f"{service}: the response at offset {offset} is not GeoJSON ({e})") from None
        if "error" in body:
            raise FetchError(f"{service}: the ArcGIS service says {body['error'].get('message', body['error'])}")
        got = body.get("features", [])
        features += got
        more = body.get("exceededTransferLimit", body.get("properties", {}).get("exceededTransferLimit", False))
        if not more:
            return features
        offset += len(got) or page


def fetch_boundaries(client: Client, out: Path, lsoas: list[str]) -> dict[str, list[str]]:
    """Each boundary file, and the downloads (pages) it was made from."""
    import shapely
    from shapely.geometry import mapping, shape

    written = {}
    for rel, (service, code, where) in BOUNDARIES.items():
        before = set(client.fetched)
        where = where or f"{code} IN ({','.join(repr(c) for c in sorted(lsoas))})"
        features = arcgis_features(client, service, where, code, code)
        codes = [f.get("properties", {}).get(code) for f in features]
        if not features or None in codes:
            raise FetchError(f"{service}: {len(features)} features, {codes.count(None)} without {code}")
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        # a shape the portal serves invalid (a ring crossing itself) is repaired, as the build needs valid ones
        target.write_text(json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {code: f["properties"][code]},
             "geometry": f["geometry"] if shape(f["geometry"]).is_valid else mapping(shapely.make_valid(shape(f["geometry"])))}
            for f in sorted(features, key=lambda f: f["properties"][code])]}), encoding="utf-8")
        written[rel] = sorted(set(client.fetched) - before)
    return written


# ----------------------------------------------------------------- Nomis: Census 2021 bulk tables

@dataclass(frozen=True)
class CensusTable:
    rel: str
    universe: str
    total: str                          # the Nomis column of the table's total
    categories: tuple[tuple[str, str], ...]   # (Nomis column, our category), in the table's order


CENSUS = {
    "TS037": CensusTable("data/census2021_ts037_general_health_lsoa21.csv", "All usual residents",
                         "General health: Total: All usual residents", tuple(
                             (f"General health: {c}", c) for c in ("Very good health", "Good health", "Fair health",
                                                                    "Bad health", "Very bad health"))),
    "TS038": CensusTable("data/census2021_ts038_disability_lsoa21.csv", "All usual residents",
                         "Disability: Total: All usual residents", (
        ("Disability: Disabled under the Equality Act: Day-to-day activities limited a lot",
         "Disabled: day-to-day activities limited a lot"),
        ("Disability: Disabled under the Equality Act: Day-to-day activities limited a little",
         "Disabled: day-to-day activities limited a little"),
        ("Disability: Not disabled under the Equality Act: Has long term physical or mental health condition but "
         "day-to-day activities are not limited", "Not disabled: long-term condition, activities not limited"),
        ("Disability: Not disabled under the Equality Act: No long term physical or mental health conditions",
         "Not disabled: no long-term condition"))),
    "TS039": CensusTable("data/census2021_ts039_unpaid_care_lsoa21.csv", "All usual residents aged 5 and over",
                         "Provision of unpaid care: Total: All usual residents aged 5 and over", tuple(
        (f"Provision of unpaid care: {nomis}", ours) for nomis, ours in (
            ("Provides no unpaid care", "Provides no unpaid care"),
            ("Provides 9 hours or less unpaid care a week", "Provides 9 hours or less a week"),
            ("Provides 10 to 19 hours unpaid care a week", "Provides 10 to 19 hours a week"),
            ("Provides 20 to 34 hours unpaid care a week", "Provides 20 to 34 hours a week"),
            ("Provides 35 to 49 hours unpaid care a week", "Provides 35 to 49 hours a week"),
            ("Provides 50 or more hours unpaid care a week", "Provides 50 or more hours a week")))),
    # Nomis writes this table's columns with "; measures: Value" (seen in many readers of census2021-ts011-lsoa.csv)
    "TS011": CensusTable("data/census2021_ts011_household_deprivation_lsoa21.csv", "All households",
                         "Household deprivation: Total: All households; measures: Value", tuple(
        (f"Household deprivation: {c}; measures: Value", c) for c in (
            "Household is not deprived in any dimension", "Household is deprived in one dimension",
            "Household is deprived in two dimensions", "Household is deprived in three dimensions",
            "Household is deprived in four dimensions"))),
    "TS007A": CensusTable("data/census2021_ts007a_age_5yr_lsoa21.csv", "All usual residents", "Age: Total", tuple(
        (f"Age: {band}", band) for band in (
            ["Aged 4 years and under"] + [f"Aged {a} to {a + 4} years" for a in range(5, 85, 5)]
            + ["Aged 85 years and over"]))),
}
CENSUS_COLUMNS = ["lsoa21_code", "lsoa21_name", "lad_code", "lad_name", "census_table", "universe",
                  "reference_date", "category_order", "category", "count", "total", "percent"]


def _zip_member(path: Path, table: str) -> tuple[str, str]:
    """The LSOA CSV of a Nomis bulk zip (census2021-<table>-lsoa.csv), as text."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith("-lsoa.csv")]
            if not names:
                raise FetchError(f"{path.name}: no LSOA file (…-lsoa.csv) in the zip: {archive.namelist()}")
            return names[0], archive.read(names[0]).decode("utf-8-sig")
    except zipfile.BadZipFile:
        raise FetchError(f"{path.name}: not a zip file (a truncated download? delete it and fetch again)") from None


def fetch_census(client: Client, out: Path, lsoa_lad: dict[str, str]) -> dict[str, list[str]]:
    """Each Census LSOA file, and the bulk zip it was made from."""
    written = {}
    for table, spec in CENSUS.items():
        raw = f"raw/nomis/census2021-{table.lower()}.zip"
        path = client.get(client.url("nomis", f"census2021-{table.lower()}.zip"), raw)
        member, text = _zip_member(path, table)
        reader = csv.DictReader(io.StringIO(text))
        label = f"{path.name}:{member}"
        for column in ["geography", "geography code", spec.total, *(n for n, _ in spec.categories)]:
            if column not in (reader.fieldnames or []):
                raise ValidationError(label, 1, column, "column missing: Nomis changed the table's layout")
        rows = []
        for row in reader:
            code = row["geography code"]
            if code not in lsoa_lad:
                continue
            total = int(row[spec.total])
            for order, (nomis, ours) in enumerate(spec.categories, 1):
                count = int(row[nomis])
                rows.append([code, row["geography"], lsoa_lad[code], PLACE_NAMES[lsoa_lad[code]], table,
                             spec.universe, "2021-03-21", order, ours, count, total,
                             f"{round(100 * count / total, 2):g}" if total else ""])
        missing = sorted(set(lsoa_lad) - {r[0] for r in rows})
        if missing:
            raise FetchError(f"{label}: {len(missing)} LSOAs of the Places missing, e.g. {missing[:3]}")
        rows.sort(key=lambda r: (r[0], r[7]))
        _write_csv(out / spec.rel, CENSUS_COLUMNS, rows)
        written[spec.rel] = [raw]
    return written


# ----------------------------------------------------------------- MHCLG: Indices of Deprivation 2025, File 7

IOD_FILE7 = "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv"
IMD_REL = "data/imd2025_lsoa21_domains.csv"
IMD_COLUMNS = ["lsoa21_code", "lsoa21_name", "lad_code", "lad_name", "imd_edition", "level", "parent_domain",
               "domain", "score", "rank", "decile"]
#: (level, parent domain, our name, File 7's name), in our file's order
IMD_MEASURES = [("index", "", "Index of Multiple Deprivation", "Index of Multiple Deprivation (IMD)"),
                ("domain", "", "Income", "Income"), ("domain", "", "Employment", "Employment"),
                ("domain", "", "Education, Skills and Training", "Education, Skills and Training"),
                ("sub-domain", "Education, Skills and Training", "Children and Young People sub-domain",
                 "Children and Young People Sub-domain"),
                ("sub-domain", "Education, Skills and Training", "Adult Skills sub-domain", "Adult Skills Sub-domain"),
                ("domain", "", "Health Deprivation and Disability", "Health Deprivation and Disability"),
                ("domain", "", "Crime", "Crime"),
                ("domain", "", "Barriers to Housing and Services", "Barriers to Housing and Services"),
                ("sub-domain", "Barriers to Housing and Services", "Geographical Barriers sub-domain",
                 "Geographical Barriers Sub-domain"),
                ("sub-domain", "Barriers to Housing and Services", "Wider Barriers sub-domain",
                 "Wider Barriers Sub-domain"),
                ("domain", "", "Living Environment", "Living Environment"),
                ("sub-domain", "Living Environment", "Indoors sub-domain", "Indoors Sub-domain"),
                ("sub-domain", "Living Environment", "Outdoors sub-domain", "Outdoors Sub-domain")]


def _column(header: list[str], start: str, label: str) -> str:
    """The one column whose name (spaces collapsed) starts with ``start``: File 7 cuts some names short."""
    found = [h for h in header if " ".join(h.split()).startswith(start)]
    if len(found) != 1:
        raise ValidationError(label, 1, start, f"{len(found)} columns start so in File 7 (expected one)")
    return found[0]


def fetch_imd(client: Client, out: Path) -> dict[str, list[str]]:
    """The LSOA domains file, and File 7 it was made from."""
    path = client.get(client.url("mhclg", IOD_FILE7), f"raw/mhclg/{IOD_FILE7}")
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        lsoa, name = _column(header, "LSOA code (2021)", IOD_FILE7), _column(header, "LSOA name (2021)", IOD_FILE7)
        lad = _column(header, "Local Authority District code (2024)", IOD_FILE7)
        cols = {ours: (_column(header, f"{f7} Score", IOD_FILE7), _column(header, f"{f7} Rank", IOD_FILE7),
                       _column(header, f"{f7} Decile", IOD_FILE7)) for _, _, ours, f7 in IMD_MEASURES}
        rows = []
        for row in reader:
            if row[lad] not in PLACES:
                continue
            for level, parent, ours, _ in IMD_MEASURES:
                score, rank, decile = (row[c] for c in cols[ours])
                rows.append([row[lsoa], row[name], row[lad], PLACE_NAMES[row[lad]], "IoD2025", level, parent, ours,
                             score, rank, decile])
    if not rows:
        raise FetchError(f"{IOD_FILE7}: no LSOA of {', '.join(sorted(PLACES))}")
    order = {m[2]: i for i, m in enumerate(IMD_MEASURES)}
    rows.sort(key=lambda r: (r[0], order[r[7]]))
    _write_csv(out / IMD_REL, IMD_COLUMNS, rows)
    return {IMD_REL: [f"raw/mhclg/{IOD_FILE7}"]}


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


# ----------------------------------------------------------------- OHID Fingertips

def fetch_fingertips(client: Client, profile: int, area_type: int, parent_area_type: int = 15) -> tuple[Path, Path]:
    """A profile's "all data" CSV and its indicators' metadata CSV, as Fingertips serves them."""
    data = client.get(client.url("fingertips", "all_data/csv/by_profile_id", {
        "child_area_type_id": area_type, "parent_area_type_id": parent_area_type, "profile_id": profile}),
        f"raw/fingertips/profile{profile}_areatype{area_type}_parent{parent_area_type}.csv")
    meta = client.get(client.url("fingertips", "indicator_metadata/csv/by_profile_id", {"profile_id": profile}),
                      f"raw/fingertips/profile{profile}_metadata.csv")
    return data, meta


# ----------------------------------------------------------------- the whole refresh

SOURCES = ("boundaries", "census", "imd2025")
#: publisher file -> the `fetch` source that downloads it; the others are refreshed by hand, then `extract`
ADAPTED = {**{rel: "boundaries" for rel in BOUNDARIES}, **{t.rel: "census" for t in CENSUS.values()},
           IMD_REL: "imd2025"}


def _lsoa_places(extracts: Path) -> dict[str, str]:
    """LSOA -> its Place, from the current ward lookup extract (the lookup has no adapter yet)."""
    import pyarrow.parquet as pq

    table = pq.read_table(extracts / "geo/lookup_lsoa21_msoa21_ward_lad.parquet", columns=["LSOA21CD", "LAD24CD"])
    return dict(zip(table.column("LSOA21CD").to_pylist(), table.column("LAD24CD").to_pylist()))


def fetch(cache: Path | None = None, extracts: Path | None = None, only: list[str] | None = None,
          client: Client | None = None, log: Callable[[str], None] = print) -> list[dict]:
    """Download what the adapters know into ``cache``, then cut the extracts from it; the other files keep
    their current extract. Returns the new manifest."""
    from lybl.build.extract import extract

    cache = Path(cache or config.ROOT / "data" / "cache")
    extracts = Path(extracts or config.EXTRACTS_DIR)
    client = client or Client(cache)
    for name in only or []:
        if name not in SOURCES:
            raise FetchError(f"no source '{name}': choose from {', '.join(SOURCES)} (or `fetch fingertips`)")
    cache.mkdir(parents=True, exist_ok=True)
    # this run's publisher files only: a file made by an earlier run is not cut again as if new
    out = Path(tempfile.mkdtemp(prefix="publisher-", dir=cache))
    try:
        lsoa_places = _lsoa_places(extracts)
        steps = {"boundaries": lambda: fetch_boundaries(client, out, sorted(lsoa_places)),
                 "census": lambda: fetch_census(client, out, lsoa_places),
                 "imd2025": lambda: fetch_imd(client, out)}
        provenance = {}
        for name in only or list(SOURCES):
            for rel, raws in steps[name]().items():
                provenance[rel] = "; ".join(f"{client.fetched[r][0]} sha256:{client.fetched[r][1]}" for r in raws)
                log(f"fetched {rel} ({len(raws)} download{'s' if len(raws) > 1 else ''})")
        return extract(out, out=extracts, fallback=extracts, fetched=provenance, log=log)
    finally:
        shutil.rmtree(out, ignore_errors=True)
