"""Synthetic England: the real build plus made-up figures for every LSOA, ward, Local authority and ICB of
England, to measure the dashboard at England scale (`python -m lybl synth --db PATH`).

The figures are deterministic (hashes of indicator, area, period and sex; lybl/build/synth.sql), flagged
``is_synthetic`` in indicator_value and in their source document, and named "Synthetic ..."; build_info's
``synthetic`` line makes every page say so (ui.frame). The marts are built over them as over real data.
Benchmarks and recent trends are not worked out for them (the figures are made up; the point is size).
"""
from __future__ import annotations

from dataclasses import astuple, dataclass
from pathlib import Path

SQL = Path(__file__).with_name("synth.sql")


@dataclass(frozen=True)
class Size:
    """How much to make. The defaults give England: 33,755 LSOAs, 6,904 wards, 42 ICBs; 300 indicators x 10
    periods x 3 sexes for every authority, region, ICB and the ICS's areas, 10 of them by ward, 20 by LSOA:
    about 26 million values."""
    indicators: int = 300
    periods: int = 10
    lsoas: int = 33_755
    wards: int = 6_904
    icbs: int = 42
    ward_indicators: int = 10
    lsoa_indicators: int = 20


def add(con, size: Size = Size()) -> None:
    """Add synthetic England to an open build (before derived.sql and the marts run)."""
    con.execute("create temp table synth_size (indicators int, periods int, lsoas int, wards int, icbs int, "
                "ward_indicators int, lsoa_indicators int)")
    con.execute("insert into synth_size values (?, ?, ?, ?, ?, ?, ?)", list(astuple(size)))
    con.execute(SQL.read_text())


def description(size: Size = Size()) -> str:
    """build_info's synthetic line: what the pages say."""
    return (f"synthetic England added (python -m lybl synth): {size.indicators} made-up indicators, named "
            f"'Synthetic indicator NNN', for every authority, ICB and LAP, {size.ward_indicators} of them by ward "
            f"and {size.lsoa_indicators} by LSOA ({size.lsoas:,} LSOAs)")


def synth(db: Path, size: Size = Size(), log=print):
    """Build the real database with synthetic England added, atomically, at ``db``."""
    from lybl.build.database import build
    return build(db=db, extra=lambda con: add(con, size), extra_info={"synthetic": description(size)}, log=log)
