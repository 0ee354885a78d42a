"""`python -m lybl fetch`: publishers' responses served on 127.0.0.1 (pytest-httpserver), never the network.

The adapters must rebuild, from each publisher's own format, exactly the extracts committed today: the Nomis
bulk Census files (recorded, tests/fixtures/publishers), ONS boundaries paged as ArcGIS pages them and MHCLG's
File 7 (both served from the publisher folder's figures in the publishers' layouts)."""
from __future__ import annotations

import csv
import io
import json
import shutil
import socket
from pathlib import Path

import pytest
from werkzeug import Request, Response

from lybl import config
from lybl.build.extract import read_manifest
from lybl.build.fetch import BOUNDARIES, CENSUS, IOD_FILE7, Client, FetchError, fetch, fetch_fingertips
from tests import fingertips_sample as sample

FIXTURES = config.ROOT / "tests" / "fixtures" / "publishers"
EXTRACTS = config.EXTRACTS_DIR


def client_for(httpserver, cache: Path) -> Client:
    base = httpserver.url_for("").rstrip("/")
    return Client(cache, bases={k: f"{base}/{k}" for k in ("ons_arcgis", "nomis", "mhclg", "fingertips")},
                  retries=2, backoff=0.01, timeout=5, progress=False)


def extracts_copy(tmp_path: Path) -> Path:
    target = tmp_path / "extracts"
    shutil.copytree(EXTRACTS, target)
    return target


def manifest_of(folder: Path) -> dict[str, dict]:
    return {m["file"]: m for m in read_manifest(folder)}


# ----------------------------------------------------------------- the downloader

def test_a_failing_server_is_retried_with_backoff(httpserver, tmp_path):
    calls = []

    def flaky(request: Request) -> Response:
        calls.append(1)
        return Response("busy", status=503) if len(calls) < 3 else Response("a,b\n1,2\n")
    httpserver.expect_request("/nomis/x.csv").respond_with_handler(flaky)
    path = client_for(httpserver, tmp_path).get(httpserver.url_for("/nomis/x.csv"), "x.csv")
    assert path.read_text() == "a,b\n1,2\n" and len(calls) == 3


def test_a_cut_off_download_resumes_from_its_part_file(httpserver, tmp_path):
    whole = bytes(range(256)) * 400
    (tmp_path / "big.bin.part").write_bytes(whole[:30_000])
    ranges = []

    def ranged(request: Request) -> Response:
        ranges.append(request.headers.get("Range"))
        start = int(request.headers["Range"].split("=")[1].rstrip("-"))
        return Response(whole[start:], status=206, headers={"Content-Range": f"bytes {start}-{len(whole) - 1}/"
                                                                              f"{len(whole)}"})
    httpserver.expect_request("/mhclg/big.bin").respond_with_handler(ranged)
    path = client_for(httpserver, tmp_path).get(httpserver.url_for("/mhclg/big.bin"), "big.bin")
    assert ranges == ["bytes=30000-"] and path.read_bytes() == whole
    assert not (tmp_path / "big.bin.part").exists()


def test_a_part_file_of_an_older_version_is_not_spliced_onto_the_new_one(httpserver, tmp_path):
    new = b"new,file\n" * 5000
    (tmp_path / "f.csv.part").write_bytes(b"old,file\n" * 100)
    (tmp_path / "f.csv.part.validator").write_text('"v1"')
    seen = []

    def changed(request: Request) -> Response:
        seen.append((request.headers.get("Range"), request.headers.get("If-Range")))
        return Response(new, headers={"ETag": '"v2"'})  # the file changed: the whole new one (200)
    httpserver.expect_request("/mhclg/f.csv").respond_with_handler(changed)
    path = client_for(httpserver, tmp_path).get(httpserver.url_for("/mhclg/f.csv"), "f.csv")
    assert seen == [("bytes=900-", '"v1"')] and path.read_bytes() == new
    assert not (tmp_path / "f.csv.part.validator").exists()


def test_a_moved_file_says_so_in_one_line(httpserver, tmp_path):
    httpserver.expect_request("/nomis/census2021-ts037.zip").respond_with_data("gone", status=404)
    with pytest.raises(FetchError, match=r"census2021-ts037.zip: the publisher has moved or removed this file "
                                         r"\(HTTP 404 at http://localhost:\d+/nomis/census2021-ts037.zip\)"):
        fetch(cache=tmp_path / "cache", extracts=extracts_copy(tmp_path), only=["census"],
              client=client_for(httpserver, tmp_path / "cache"), log=lambda line: None)


def test_no_network_says_so_and_changes_nothing(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    extracts = extracts_copy(tmp_path)
    before = {p: p.read_bytes() for p in extracts.rglob("*") if p.is_file()}
    client = Client(tmp_path / "cache", bases={"nomis": f"http://127.0.0.1:{port}"}, retries=1, backoff=0.01,
                    timeout=2, progress=False)
    with pytest.raises(FetchError, match=r"^no network: cannot download raw/nomis/census2021-ts037.zip from "
                                         rf"127.0.0.1:{port} \(.*\) after 2 tries"):
        fetch(cache=tmp_path / "cache", extracts=extracts, only=["census"], client=client, log=lambda line: None)
    assert before == {p: p.read_bytes() for p in extracts.rglob("*") if p.is_file()}


def test_an_unknown_source_is_named(tmp_path):
    with pytest.raises(FetchError, match="no source 'weather': choose from boundaries, census, imd2025"):
        fetch(cache=tmp_path, extracts=EXTRACTS, only=["weather"], client=Client(tmp_path), log=lambda line: None)


# ----------------------------------------------------------------- Nomis: recorded bulk files

#: Nomis's TS011 header, as readers of census2021-ts011-lsoa.csv write it (no recorded copy was at hand), typed
#: here rather than taken from lybl.build.fetch so that a wrong name there fails
TS011_HEADER = ["date", "geography", "geography code",
                "Household deprivation: Total: All households; measures: Value",
                "Household deprivation: Household is not deprived in any dimension; measures: Value",
                "Household deprivation: Household is deprived in one dimension; measures: Value",
                "Household deprivation: Household is deprived in two dimensions; measures: Value",
                "Household deprivation: Household is deprived in three dimensions; measures: Value",
                "Household deprivation: Household is deprived in four dimensions; measures: Value"]


def _ts011_zip() -> bytes:
    """TS011 in Nomis's bulk layout holding the committed extract's counts (names are not kept there, and
    the build does not read them)."""
    import zipfile
    import pandas as pd
    cut = pd.read_parquet(EXTRACTS / "data/census2021_ts011_household_deprivation_lsoa21.parquet")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TS011_HEADER)
    for code, rows in cut.groupby("lsoa21_code", sort=True):
        counts = dict(zip(rows["category"], rows["count"]))
        writer.writerow(["2021", f"LSOA {code}", code, rows["total"].iloc[0]]
                        + [counts[h.split(": ")[1].split(";")[0]] for h in TS011_HEADER[4:]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("census2021-ts011-lsoa.csv", out.getvalue())
    return buffer.getvalue()


def test_census_from_nomis_rebuilds_the_committed_extracts(httpserver, tmp_path):
    for zipped in (FIXTURES / "nomis").glob("*.zip"):
        httpserver.expect_request(f"/nomis/{zipped.name}").respond_with_data(zipped.read_bytes(),
                                                                             content_type="application/zip")
    httpserver.expect_request("/nomis/census2021-ts011.zip").respond_with_data(_ts011_zip())
    extracts = extracts_copy(tmp_path)
    fetch(cache=tmp_path / "cache", extracts=extracts, only=["census"],
          client=client_for(httpserver, tmp_path / "cache"), log=lambda line: None)
    after, before = manifest_of(extracts), manifest_of(EXTRACTS)
    for spec in CENSUS.values():
        assert after[spec.rel]["sha256"] == before[spec.rel]["sha256"], spec.rel  # byte for byte
        table = spec.rel.split("_")[1]  # ts037 ...
        assert after[spec.rel]["fetched"].count("sha256:") == 1  # its own zip, and no other download
        assert f"/nomis/census2021-{table}.zip sha256:" in after[spec.rel]["fetched"]
    kept = set(after) - {s.rel for s in CENSUS.values()}
    assert all(after[rel] == {**before[rel], "fetched": before[rel].get("fetched", "")} for rel in kept)


def test_a_nomis_file_whose_layout_changed_is_named(httpserver, tmp_path):
    import zipfile
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("census2021-ts037-lsoa.csv", "date,geography,geography code,Total\n2021,x,E01000001,5\n")
    httpserver.expect_request("/nomis/census2021-ts037.zip").respond_with_data(buffer.getvalue())
    with pytest.raises(Exception, match=r"census2021-ts037.zip:census2021-ts037-lsoa.csv, row 1, column "
                                        r"'General health: Total: All usual residents': column missing"):
        fetch(cache=tmp_path / "cache", extracts=extracts_copy(tmp_path), only=["census"],
              client=client_for(httpserver, tmp_path / "cache"), log=lambda line: None)


def test_a_truncated_zip_is_named(httpserver, tmp_path):
    data = (FIXTURES / "nomis/census2021-ts037.zip").read_bytes()
    httpserver.expect_request("/nomis/census2021-ts037.zip").respond_with_data(data[: len(data) // 2])
    with pytest.raises(FetchError, match="census2021-ts037.zip: not a zip file"):
        fetch(cache=tmp_path / "cache", extracts=extracts_copy(tmp_path), only=["census"],
              client=client_for(httpserver, tmp_path / "cache"), log=lambda line: None)


# ----------------------------------------------------------------- ONS ArcGIS, paged

def test_boundaries_paged_from_arcgis_rebuild_the_committed_extracts(httpserver, mirror, tmp_path):
    pages = []
    for rel, (service, code, _) in BOUNDARIES.items():
        features = json.loads((mirror / rel).read_text())["features"]

        def query(request: Request, features=features, code=code) -> Response:
            form = request.form
            offset, size = int(form["resultOffset"]), int(form["resultRecordCount"])
            assert form["f"] == "geojson" and form["outSR"] == "4326" and form["orderByFields"] == code
            chosen = sorted(features, key=lambda f: f["properties"][code])[offset:offset + min(size, 100)]  # cap 100
            pages.append(offset)
            more = offset + len(chosen) < len(features)
            body = {"type": "FeatureCollection", "features": chosen, "properties": {"exceededTransferLimit": more}}
            return Response(json.dumps(body), content_type="application/geo+json")
        httpserver.expect_request(f"/ons_arcgis/{service}/FeatureServer/0/query",
                                  method="POST").respond_with_handler(query)
    extracts = extracts_copy(tmp_path)
    fetch(cache=tmp_path / "cache", extracts=extracts, only=["boundaries"],
          client=client_for(httpserver, tmp_path / "cache"), log=lambda line: None)
    after, before = manifest_of(extracts), manifest_of(EXTRACTS)
    for rel in BOUNDARIES:
        assert after[rel]["sha256"] == before[rel]["sha256"], rel
    assert pages.count(0) == 2 and max(pages) == 400  # 57 wards in one page, 443 LSOAs in five


# ----------------------------------------------------------------- MHCLG File 7

#: File 7's measures as MHCLG names them (its published header), typed here rather than taken from lybl.build.fetch
FILE7_MEASURES = {"Index of Multiple Deprivation": "Index of Multiple Deprivation (IMD)", "Income": "Income",
                  "Employment": "Employment", "Education, Skills and Training": "Education, Skills and Training",
                  "Children and Young People sub-domain": "Children and Young People Sub-domain",
                  "Adult Skills sub-domain": "Adult Skills Sub-domain",
                  "Health Deprivation and Disability": "Health Deprivation and Disability", "Crime": "Crime",
                  "Barriers to Housing and Services": "Barriers to Housing and Services",
                  "Geographical Barriers sub-domain": "Geographical Barriers Sub-domain",
                  "Wider Barriers sub-domain": "Wider Barriers Sub-domain", "Living Environment": "Living Environment",
                  "Indoors sub-domain": "Indoors Sub-domain", "Outdoors sub-domain": "Outdoors Sub-domain"}


def _file7(mirror: Path) -> str:
    """MHCLG's File 7 layout (57 columns) holding the publisher folder's IoD2025 figures for the two Places,
    and one LSOA of another district (dropped)."""
    rows: dict[str, dict] = {}
    with open(mirror / "data/imd2025_lsoa21_domains.csv", newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            row = rows.setdefault(r["lsoa21_code"], {
                "LSOA code (2021)": r["lsoa21_code"], "LSOA name (2021)": r["lsoa21_name"],
                "Local Authority District code (2024)": r["lad_code"],
                "Local Authority District name (2024)": r["lad_name"]})
            f7 = FILE7_MEASURES[r["domain"]]
            rate = " (rate)" if f7 in ("Income", "Employment") else ""
            row[f"{f7} Score{rate}"] = r["score"]
            row[f"{f7} Rank (where 1 is most deprived)"] = r["rank"]
            row[f"{f7} Decile (where 1 is most deprived 10% of LSOAs)"] = r["decile"]
    header = list(next(iter(rows.values()))) + ["Total population: mid 2022"]
    header[header.index("Children and Young People Sub-domain Decile (where 1 is most deprived 10% of LSOAs)")] = \
        "Children and Young People Sub-domain Decile (where 1 is most deprived 10% of LSO"  # cut short, as published
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    other = dict(next(iter(rows.values())), **{"LSOA code (2021)": "E01000001",
                                               "Local Authority District code (2024)": "E09000001"})
    for row in [other, *rows.values()]:
        writer.writerow(list(row.values()) + ["1500"])
    return "\ufeff" + out.getvalue()


def test_imd_from_file_7_rebuilds_the_committed_extract(httpserver, mirror, tmp_path):
    httpserver.expect_request(f"/mhclg/{IOD_FILE7}").respond_with_data(_file7(mirror).encode("utf-8"))
    extracts = extracts_copy(tmp_path)
    fetch(cache=tmp_path / "cache", extracts=extracts, only=["imd2025"],
          client=client_for(httpserver, tmp_path / "cache"), log=lambda line: None)
    rel = "data/imd2025_lsoa21_domains.csv"
    assert manifest_of(extracts)[rel]["sha256"] == manifest_of(EXTRACTS)[rel]["sha256"]
    from lybl.build.fetch import fetch_imd
    fetch_imd(client_for(httpserver, tmp_path / "cache"), tmp_path / "out")
    with open(tmp_path / "out" / rel, newline="") as f, open(mirror / rel, newline="") as g:
        assert list(csv.reader(f)) == list(csv.reader(g))  # the whole file, not only the columns kept


# ----------------------------------------------------------------- OHID Fingertips

def test_fingertips_profile_is_fetched_with_its_metadata_and_imported(httpserver, tmp_path, built_db):
    from lybl.build.imports import load_fingertips
    data = sample.write(tmp_path / "served.csv").read_bytes()
    meta = sample.write_metadata(tmp_path / "served-meta.csv").read_bytes()
    httpserver.expect_request("/fingertips/all_data/csv/by_profile_id", query_string={
        "child_area_type_id": "502", "parent_area_type_id": "15", "profile_id": "19"}).respond_with_data(data)
    httpserver.expect_request("/fingertips/indicator_metadata/csv/by_profile_id",
                              query_string={"profile_id": "19"}).respond_with_data(meta)
    got, got_meta = fetch_fingertips(client_for(httpserver, tmp_path / "cache"), 19, 502)
    assert got.read_bytes() == data and got_meta.read_bytes() == meta
    db = tmp_path / "lybl.duckdb"
    shutil.copy(built_db, db)
    entry = load_fingertips(got, metadata=got_meta, imports=tmp_path / "imports", db=db, log=lambda line: None)
    assert entry["indicators"] == "90998 90999" and entry["metadata"]


def test_fetch_fingertips_on_the_command_line_needs_a_profile_and_an_area_type():
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "lybl", "fetch", "fingertips", "--profile", "19"],
                          capture_output=True, text=True, cwd=config.ROOT)
    assert done.returncode == 2 and "fetch fingertips needs --profile ID and --area-type ID" in done.stderr


def test_an_unchanged_profile_fetched_again_is_not_imported_twice(httpserver, tmp_path, built_db):
    from lybl.build.imports import load_fingertips, read_manifest
    data = sample.write(tmp_path / "served.csv").read_bytes()
    httpserver.expect_request("/fingertips/all_data/csv/by_profile_id").respond_with_data(data)
    httpserver.expect_request("/fingertips/indicator_metadata/csv/by_profile_id").respond_with_data(
        sample.write_metadata(tmp_path / "m.csv").read_bytes())
    db = tmp_path / "lybl.duckdb"
    shutil.copy(built_db, db)
    for _ in range(2):
        got, meta = fetch_fingertips(client_for(httpserver, tmp_path / "cache"), 19, 502)
        load_fingertips(got, metadata=meta, imports=tmp_path / "imports", db=db, replace=True, log=lambda line: None)
    assert len(read_manifest(tmp_path / "imports")) == 1
