"""Command line: `python -m lybl build | extract | fetch | load | releases | revert | template`;
`python -m lybl COMMAND --help` says more."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lybl.errors import LyblError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lybl", description="LYBL Insight engine")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="validate the sources and build the database atomically")
    b.add_argument("--db", type=Path, help="database path (default: LYBL_DB or data/lybl.duckdb)")
    b.add_argument("--data", type=Path, help="folder of seed transcriptions (default: data/)")
    group = b.add_mutually_exclusive_group()
    group.add_argument("--open-data", type=Path,
                       help="folder of open data: extracts (default data/extracts) or publisher files")
    group.add_argument("--seeds-only", action="store_true", help="build from data/ alone, without open data")
    e = sub.add_parser("extract", help="cut data/extracts from a folder of publisher files")
    e.add_argument("--from", dest="source", type=Path,
                   help="folder of publisher files (default: LYBL_MIRROR, else ../shared)")
    e.add_argument("--out", type=Path, help="extracts folder (default: data/extracts)")
    e.add_argument("--keep-others", action="store_true",
                   help="files missing from --from keep their current extract (a refresh of some files by hand)")
    f = sub.add_parser("fetch", help="download open data from the publishers, then cut the extracts "
                                     "(or, with fingertips, import a Fingertips profile)")
    f.add_argument("sources", nargs="*", metavar="SOURCE",
                   help="boundaries, census, imd2025 (default: all three), or fingertips")
    f.add_argument("--cache", type=Path, help="download folder (default: data/cache)")
    f.add_argument("--profile", type=int, help="fingertips: the profile ID (e.g. 19, Public Health Outcomes Framework)")
    f.add_argument("--area-type", type=int, help="fingertips: the area type ID (e.g. 502, upper-tier authorities)")
    f.add_argument("--parent-area-type", type=int, default=15, help="fingertips: parent area type (15: England)")
    load = sub.add_parser("load", help="load local figures (the upload template, CSV or XLSX) as a new release, "
                                       "or import a Fingertips CSV (load fingertips FILE); then rebuild",
                          description="python -m lybl load FILE [--by EMAIL] [--check]: a filled-in template as "
                                      "a new release. python -m lybl load fingertips FILE [--metadata M] [--replace]: "
                                      "a Fingertips \"all data\" CSV into data/imports.")
    load.add_argument("what", nargs="+", metavar="FILE", help="the file (or: fingertips FILE)")
    load.add_argument("--by", help="who is loading it (default: your user name on this machine, 'command line')")
    load.add_argument("--check", action="store_true", help="report problems and the preview; load nothing")
    load.add_argument("--metadata", type=Path, help="fingertips: its indicator metadata CSV")
    load.add_argument("--into", type=Path, help="fingertips: imports folder (default: data/imports)")
    load.add_argument("--db", type=Path, help="database to rebuild (default: LYBL_DB or data/lybl.duckdb)")
    load.add_argument("--replace", action="store_true",
                      help="fingertips: remove earlier imports sharing an indicator with this file (a newer download)")
    sub.add_parser("releases", help="list the releases of uploaded figures (LYBL_STATE/releases)")
    rv = sub.add_parser("revert", help="revert a release: its figures go, those it replaced come back")
    rv.add_argument("release", type=int)
    rv.add_argument("--by", help="who is reverting it (default: your user name on this machine)")
    rv.add_argument("--db", type=Path, help="database to rebuild (default: LYBL_DB or data/lybl.duckdb)")
    sy = sub.add_parser("synth", help="build the database with synthetic England added (about 30 million "
                                      "made-up values, flagged synthetic): for measuring speed at scale")
    sy.add_argument("--db", type=Path, required=True, help="where to write it (then run the app with LYBL_DB=...)")
    tp = sub.add_parser("template", help="write the upload template (XLSX) for the current database")
    tp.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            from lybl.build.database import build
            build(db=args.db, data_dir=args.data,
                  open_data=None if args.seeds_only else (args.open_data or "default"))
        elif args.command == "synth":
            from lybl.build.synth import synth
            synth(args.db)
        elif args.command == "extract":
            from lybl import config
            from lybl.build.extract import extract
            source = args.source or config.mirror_dir()
            if source is None:
                print("extract needs a folder of publisher files: --from DIR (or LYBL_MIRROR)", file=sys.stderr)
                return 2
            out = args.out or config.EXTRACTS_DIR
            extract(source, out=out, fallback=out if args.keep_others else None)
        elif args.command == "fetch":
            return _fetch(args)
        elif args.command == "load":
            return _load(args)
        elif args.command == "releases":
            from lybl.build.releases import releases
            for r in releases():
                state = f"reverted by {r['reverted_by']} at {r['reverted_at']}" if r.get("reverted_at") else "active"
                print(f"{r['release']:>4}  {r['at']}  {r['by']}  {r['file']}  {r['new']} new, {r['revised']} "
                      f"revised, {r['indicators']} new indicators  [{state}]")
        elif args.command == "revert":
            from lybl.build.releases import revert
            revert(args.release, args.by or _cli_user(), db=args.db)
        elif args.command == "template":
            from lybl import db
            from lybl.build import template
            con = db.connect()
            try:
                print(f"template written to {template.write(con, args.out)}")
            finally:
                con.close()
    except LyblError as e:
        print(f"{args.command} failed: {e}", file=sys.stderr)
        kept = {"build": "database is", "extract": "extracts are", "load": "imports, releases and database are",
                "fetch": "extracts, imports and database are", "revert": "releases and database are",
                "releases": "releases are", "template": "database is"}
        print(f"nothing was changed: the previous {kept[args.command]} as they were", file=sys.stderr)
        return 1
    return 0


def _cli_user() -> str:
    import getpass
    import socket
    return f"{getpass.getuser()} (command line on {socket.gethostname()})"


def _load(args) -> int:
    if args.what[0] == "fingertips":
        if len(args.what) != 2:
            print("load fingertips takes one file: python -m lybl load fingertips FILE.csv", file=sys.stderr)
            return 2
        from lybl.build.imports import load_fingertips
        load_fingertips(Path(args.what[1]), metadata=args.metadata, imports=args.into, db=args.db,
                        replace=args.replace)
        return 0
    if len(args.what) != 1:
        print("load takes one file: python -m lybl load FILE.xlsx", file=sys.stderr)
        return 2
    from lybl import db
    from lybl.build import releases
    from lybl.build.uploads import check, known_from
    path = Path(args.what[0])
    try:
        data = path.read_bytes()
    except OSError as error:
        print(f"load failed: {path}: cannot be read ({error.strerror})", file=sys.stderr)
        return 1
    con = db.connect(args.db)
    try:
        checked = check(data, path.name, known_from(con, releases.active()))
    finally:
        con.close()
    if not checked.ok:
        print(f"load failed: {len(checked.problems)} problem(s) in {path.name}; nothing was loaded:", file=sys.stderr)
        for problem in checked.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    counts = checked.counts()
    print(f"{path.name}: {counts['new']} new, {counts['revised']} revised, {counts['unchanged']} unchanged figures, "
          f"{counts['indicators']} new indicators")
    for r in checked.preview[checked.preview["change"] == "revised"].itertuples():
        print(f"  revised: {r.indicator}, {r.area}, {r.period}: {r.old_value:g} -> {r.new_value:g}")
    for r in checked.affects.itertuples():
        print(f"  changes {r.scorecard}: {r.row_name} ({r.area_name})")
    if args.check:
        print("checked only (--check): nothing was loaded")
        return 0
    releases.commit(checked, data, args.by or _cli_user(), db=args.db)
    return 0


def _fetch(args) -> int:
    from lybl import config
    from lybl.build.fetch import Client, fetch, fetch_fingertips
    cache = args.cache or config.ROOT / "data" / "cache"
    if "fingertips" in args.sources:
        if args.sources != ["fingertips"] or args.profile is None or args.area_type is None:
            print("fetch fingertips needs --profile ID and --area-type ID (and no other source)", file=sys.stderr)
            return 2
        from lybl.build.imports import load_fingertips
        data, meta = fetch_fingertips(Client(cache), args.profile, args.area_type, args.parent_area_type)
        load_fingertips(data, metadata=meta, replace=True)  # a profile fetched again is its newer release
        return 0
    fetch(cache=cache, only=args.sources or None)
    print("extracts refreshed: `make run` rebuilds the database from them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
