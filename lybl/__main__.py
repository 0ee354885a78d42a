"""Command line: `python -m lybl build | extract | fetch | load`; `python -m lybl COMMAND --help` says more."""
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
    load = sub.add_parser("load", help="import a file, then rebuild the database")
    kinds = load.add_subparsers(dest="kind", required=True)
    ft = kinds.add_parser("fingertips", help="an OHID Fingertips \"all data\" CSV, as Fingertips downloads it")
    ft.add_argument("file", type=Path)
    ft.add_argument("--metadata", type=Path, help="Fingertips' indicator metadata CSV for the same indicators")
    ft.add_argument("--into", type=Path, help="imports folder (default: data/imports)")
    ft.add_argument("--db", type=Path, help="database to rebuild (default: LYBL_DB or data/lybl.duckdb)")
    ft.add_argument("--replace", action="store_true",
                    help="remove earlier imports sharing an indicator with this file (a newer download)")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            from lybl.build import build
            build(db=args.db, data_dir=args.data,
                  open_data=None if args.seeds_only else (args.open_data or "default"))
        elif args.command == "extract":
            from lybl import config
            from lybl.extract import extract
            source = args.source or config.mirror_dir()
            if source is None:
                print("extract needs a folder of publisher files: --from DIR (or LYBL_MIRROR)", file=sys.stderr)
                return 2
            out = args.out or config.EXTRACTS_DIR
            extract(source, out=out, fallback=out if args.keep_others else None)
        elif args.command == "fetch":
            return _fetch(args)
        elif args.command == "load":
            from lybl.imports import load_fingertips
            load_fingertips(args.file, metadata=args.metadata, imports=args.into, db=args.db, replace=args.replace)
    except LyblError as e:
        print(f"{args.command} failed: {e}", file=sys.stderr)
        kept = {"build": "database is", "extract": "extracts are", "load": "imports and database are",
                "fetch": "extracts, imports and database are"}
        print(f"nothing was changed: the previous {kept[args.command]} as they were", file=sys.stderr)
        return 1
    return 0


def _fetch(args) -> int:
    from lybl import config
    from lybl.fetch import Client, fetch, fetch_fingertips
    cache = args.cache or config.ROOT / "data" / "cache"
    if "fingertips" in args.sources:
        if args.sources != ["fingertips"] or args.profile is None or args.area_type is None:
            print("fetch fingertips needs --profile ID and --area-type ID (and no other source)", file=sys.stderr)
            return 2
        from lybl.imports import load_fingertips
        data, meta = fetch_fingertips(Client(cache), args.profile, args.area_type, args.parent_area_type)
        load_fingertips(data, metadata=meta, replace=True)  # a profile fetched again is its newer release
        return 0
    fetch(cache=cache, only=args.sources or None)
    print("extracts refreshed: `make run` rebuilds the database from them")
    return 0


if __name__ == "__main__":
    sys.exit(main())
