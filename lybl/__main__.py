"""Command line: `python -m lybl build [--db PATH] [--data DIR] [--mirror DIR | --no-mirror]`."""
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
    b.add_argument("--data", type=Path, help="folder of committed extracts (default: data/)")
    group = b.add_mutually_exclusive_group()
    group.add_argument("--mirror", type=Path, help="open-data mirror (default: LYBL_MIRROR or ../shared)")
    group.add_argument("--no-mirror", action="store_true", help="build from data/ alone")
    args = parser.parse_args(argv)
    from lybl.build import build
    try:
        build(db=args.db, data_dir=args.data, mirror=None if args.no_mirror else (args.mirror or "default"))
    except LyblError as e:
        print(f"build failed: {e}", file=sys.stderr)
        print("the previous database, if any, is unchanged", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
