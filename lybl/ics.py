"""The integrated care system the dashboard serves: config/<LYBL_ICS>.toml (default northamptonshire).

Everything that makes this a Northamptonshire dashboard is in that file: the ICB, its Places and the
districts they replaced, the former county, the region, the LAP file, whether the documents in data/ and the
small-area extracts are its own, the A&E trusts and the board's meeting dates. The build writes it into
the database (table
``ics_area``, which the marts read through ``ics_code('icb')`` and ``ics_places()``); pages ask ``ics()``.
"""
from __future__ import annotations

import datetime as dt
import functools
import os
import tomllib
from dataclasses import dataclass, field

from lybl.config import ROOT
from lybl.errors import LyblError

CONFIG_DIR = ROOT / "config"
DEFAULT = "northamptonshire"


@dataclass(frozen=True)
class Area:
    code: str
    name: str
    short: str
    former_districts: tuple[str, ...] = ()


@dataclass(frozen=True)
class ICS:
    key: str
    title: str
    strategy: str
    england: Area
    region: Area
    icb: Area
    places: tuple[Area, ...]
    former_county: Area | None = None
    laps: str = ""
    tiles: str = ""
    documents: bool = False
    small_areas: bool = False
    ae_trusts: tuple[str, ...] = ()
    board_dates: tuple[dt.date, ...] = ()
    bcf_place: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    @property
    def place_codes(self) -> list[str]:
        return [p.code for p in self.places]

    @property
    def headline(self) -> list[Area]:
        """The areas every comparison shows, in order: England, the ICB, then each Place."""
        return [self.england, self.icb, *self.places]

    @functools.cached_property
    def _roles(self) -> dict[str, str]:
        roles = {self.england.code: "england", self.region.code: "region", self.icb.code: "icb"}
        roles.update({p.code: f"place_{i}" for i, p in enumerate(self.places, 1)})
        if self.former_county:
            roles[self.former_county.code] = "former_county"
        return roles

    @functools.cached_property
    def _areas(self) -> dict[str, Area]:
        found = {a.code: a for a in (*self.headline, self.region)}
        if self.former_county:
            found[self.former_county.code] = self.former_county
        return found

    def areas(self) -> dict[str, Area]:
        """Every configured area by code (computed once per configuration)."""
        return self._areas

    def short(self, code: str, default: str | None = None) -> str:
        """'North', 'Northamptonshire', 'England': a configured area's short name, else ``default`` or the code."""
        area = self.areas().get(code)
        return area.short if area else (default if default is not None else code)

    def name(self, code: str, default: str | None = None) -> str:
        area = self.areas().get(code)
        return area.name if area else (default if default is not None else code)

    def role(self, code: str) -> str | None:
        """'england', 'region', 'icb', 'former_county', 'place_1', 'place_2', ... (None for other areas)."""
        return self._roles.get(code)

    def former_districts(self) -> dict[str, str]:
        """former district code -> the Place that replaced it."""
        return {d: p.code for p in self.places for d in p.former_districts}

    def last_board(self, today: dt.date | None = None) -> dt.date | None:
        """The last board meeting before ``today`` (the default start of "What changed")."""
        past = [d for d in self.board_dates if d <= (today or dt.date.today())]
        return max(past) if past else None

    def rows(self) -> list[dict]:
        """The ``ics_area`` table: each configured area with its role, short name and order."""
        out = [dict(area_code=a.code, role=self.role(a.code), short_name=a.short, sort_order=i,
                    reports_bcf=a.code == self.bcf_place) for i, a in enumerate([*self.headline, self.region], 1)]
        if self.former_county:
            out.append(dict(area_code=self.former_county.code, role="former_county",
                            short_name=self.former_county.short, sort_order=len(out) + 1))
        for district, place in self.former_districts().items():
            out.append(dict(area_code=district, role=f"former_district_of_{place}", short_name=None,
                            sort_order=len(out) + 1))
        return out


def _area(table: dict, where: str) -> Area:
    try:
        return Area(str(table["code"]), str(table["name"]), str(table.get("short", table["name"])),
                    tuple(table.get("former_districts", ())))
    except (KeyError, TypeError) as error:
        raise LyblError(f"{where}: needs code and name ({error})") from None


def load(key: str) -> ICS:
    """Read config/<key>.toml, checked: a clear error names the file and the missing entry."""
    path = CONFIG_DIR / f"{key}.toml"
    if not path.is_file():
        known = ", ".join(sorted(p.stem for p in CONFIG_DIR.glob("*.toml")))
        raise LyblError(f"LYBL_ICS={key}: there is no {path.relative_to(ROOT)} (configured: {known})")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise LyblError(f"{path.relative_to(ROOT)}: {error}") from None
    where = str(path.relative_to(ROOT))
    for needed in ("title", "england", "region", "icb", "places"):
        if needed not in raw:
            raise LyblError(f"{where}: the entry '{needed}' is missing")
    files, board = raw.get("files", {}), raw.get("board", {})
    return ICS(
        key=key, title=raw["title"], strategy=raw.get("strategy", ""),
        england=_area(raw["england"], f"{where} [england]"), region=_area(raw["region"], f"{where} [region]"),
        icb=_area(raw["icb"], f"{where} [icb]"),
        places=tuple(_area(p, f"{where} [[places]]") for p in raw["places"]),
        former_county=_area(raw["former_county"], f"{where} [former_county]") if "former_county" in raw else None,
        laps=files.get("laps", ""), tiles=files.get("tiles", ""), documents=bool(files.get("documents", False)),
        small_areas=bool(files.get("small_areas", False)),
        ae_trusts=tuple(raw.get("hospitals", {}).get("ae_trusts", ())),
        board_dates=tuple(sorted(dt.date.fromisoformat(str(d)) for d in board.get("dates", ()))),
        bcf_place=board.get("bcf_place"), extra=raw)


@functools.cache
def _cached(key: str) -> ICS:
    return load(key)


def ics() -> ICS:
    """The configured ICS (LYBL_ICS, default northamptonshire)."""
    return _cached(os.environ.get("LYBL_ICS") or DEFAULT)
