"""The ICS is configuration (config/<LYBL_ICS>.toml, lybl.ics): no configured area code or name is written
into pages/, lybl/, ui/, queries/ or dashboard.py, and a bad configuration is refused in words."""
from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from lybl import ics as ics_module
from lybl.config import ROOT
from lybl.errors import LyblError

CODE = [ROOT / "dashboard.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py")),
        *sorted(p for p in (ROOT / "lybl").rglob("*.py"))]
STRINGS = {tokenize.STRING, getattr(tokenize, "FSTRING_MIDDLE", tokenize.STRING)}  # f-strings from 3.12
SQL = [*sorted((ROOT / "queries").glob("*.sql")), *sorted((ROOT / "lybl").rglob("*.sql"))]


def configured_words() -> set[str]:
    """Every area code of every configuration, and the long names of its ICB, Places, region and former county."""
    words = set()
    for path in sorted((ROOT / "config").glob("*.toml")):
        ics = ics_module.load(path.stem)
        areas = [ics.icb, ics.region, *ics.places] + ([ics.former_county] if ics.former_county else [])
        words |= {a.code for a in [*areas, ics.england]} | {d for p in ics.places for d in p.former_districts}
        words |= {a.name for a in areas} | {ics.icb.short}
    return words


def python_literals(path: Path) -> list[tuple[int, str]]:
    """String literals of a Python file that are not docstrings (comments are not tokens of this kind)."""
    source = path.read_text(encoding="utf-8")
    docstrings = {node.body[0].value.lineno for node in ast.walk(ast.parse(source))
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(getattr(node.body[0], "value", None), ast.Constant)
                  and isinstance(node.body[0].value.value, str)}
    return [(t.start[0], t.string) for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type in STRINGS and t.start[0] not in docstrings]


def sql_lines(path: Path) -> list[tuple[int, str]]:
    return [(n, line.split("--")[0]) for n, line in enumerate(path.read_text().splitlines(), 1)]


def test_no_configured_area_code_or_name_is_written_in_the_code():
    words = configured_words()
    assert {"E54000059", "E06000061", "Northamptonshire", "E06000016", "Rutland"} <= words
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    found = [f"{path.relative_to(ROOT)}:{line}: {text.strip()[:80]}"
             for path in CODE for line, text in python_literals(path) if pattern.search(text)]
    found += [f"{path.relative_to(ROOT)}:{line}: {text.strip()[:80]}"
              for path in SQL for line, text in sql_lines(path) if pattern.search(text)]
    assert not found, "area codes or names written into the code (put them in config/):\n" + "\n".join(found)


def test_the_grep_finds_a_literal_it_should(tmp_path):
    planted = tmp_path / "page.py"
    planted.write_text('"""Docstrings may name Northamptonshire."""\nPLACE = "E06000061"  # a literal\n')
    assert [text for _, text in python_literals(planted)] == ['"E06000061"']


def test_an_unknown_or_incomplete_configuration_is_refused_in_words(tmp_path, monkeypatch):
    with pytest.raises(LyblError, match="LYBL_ICS=nowhere: there is no config/nowhere.toml"):
        ics_module.load("nowhere")
    monkeypatch.setattr(ics_module, "CONFIG_DIR", tmp_path)
    monkeypatch.setattr(ics_module, "ROOT", tmp_path)
    (tmp_path / "half.toml").write_text('title = "x"\nengland = {code = "E92000001", name = "England"}\n')
    with pytest.raises(LyblError, match="half.toml: the entry 'region' is missing"):
        ics_module.load("half")


def test_northamptonshire_names_its_places_districts_and_last_board():
    ics = ics_module.load("northamptonshire")
    assert [p.short for p in ics.places] == ["North", "West"]
    assert ics.former_districts()["E07000154"] == "E06000062"  # Northampton became part of West
    assert str(ics.last_board()) == "2022-09-06" and ics.role("E06000062") == "place_2"
