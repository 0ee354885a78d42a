"""Which published figures add up: the sums that disclosure control must protect.

A cell is one figure of a table (one indicator from one source), identified by the indicator_value
key (indicator_id, area_code, period, sex, age, category_type, category). A relation says that one
cell is the sum of others. A reader who can add and subtract can use any of them, so
lybl.stats.disclosure.suppress must see them all:

- **areas**: every published area is a part of its nearest published ancestor, one relation per
  ancestor and area type (LSOAs to their ward, wards to their Place, LAPs to their community,
  Places to the ICB, regions to England). Areas of one type that the table does not publish still
  count: "the rest" (the total minus the published parts) is a cell of its own, so that a small
  remainder is protected like any other count;
- **sex**: Male and Female (and any other value) sum to Persons;
- **age**: age bands sum to All ages; **categories** of one category type sum to the total row;
- **periods**: sub-periods of one length (months, quarters, years) sum to a period they lie in.

A relation whose published parts add up to more than the total is not a sum (overlapping age bands,
a region beside both counties and districts, figures rounded independently) and is left out; one
whose parts add up to less gets a "rest" cell for the difference.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd

KEY = ["indicator_id", "area_code", "period", "sex", "age", "category_type", "category"]
AREA, PERIOD, SEX, AGE, CTYPE, CATEGORY = 1, 2, 3, 4, 5, 6
REST = "~rest of "


def is_rest(cell: tuple) -> bool:
    """True for a cell made up for "the rest" of a sum; it is never stored."""
    return any(isinstance(part, str) and part.startswith(REST) for part in cell)


class AreaTree:
    """The area hierarchy of the area table: each area's parent and type."""

    def __init__(self, areas: list[dict]):
        self.parent = {a["area_code"]: a.get("parent_code") for a in areas}
        self.kind = {a["area_code"]: a["area_type"] for a in areas}

    def nearest(self, code: str, published: set) -> str | None:
        """The nearest ancestor of ``code`` that the table publishes."""
        seen = {code}
        code = self.parent.get(code)
        while code is not None and code not in published and code not in seen:
            seen.add(code)
            code = self.parent.get(code)
        return code if code in published else None

    def relations(self, published: set) -> dict[tuple[str, str], tuple[list[str], bool]]:
        """(ancestor, area type) -> (published parts, complete?) for the published areas."""
        expected: dict[tuple[str, str], set] = defaultdict(set)
        for code in self.kind:
            anc = self.nearest(code, published)
            if anc is not None:
                expected[(anc, self.kind[code])].add(code)
        out = {}
        for (anc, kind), codes in expected.items():
            parts = sorted(codes & published)
            if parts:
                out[(anc, kind)] = (parts, len(parts) == len(codes))
        return out


def _add(relations: list, counts: dict, total: tuple, parts: list[tuple], complete: bool, label: str) -> None:
    """Add "total = parts (+ rest)" when the published figures allow it (see the module docstring)."""
    if total not in counts or not parts:
        return
    gap = counts[total] - sum(counts[p] for p in parts)
    if gap < 0 or (complete and gap != 0):
        return
    if gap > 0 or not complete:
        rest = tuple(REST + label if i == AREA else v for i, v in enumerate(total))
        rest = rest if rest not in counts else rest + (len(relations),)
        counts[rest] = gap
        parts = parts + [rest]
    relations.append((total, parts))


def _period_relations(relations: list, cells: dict, group: list[tuple]) -> None:
    """Sub-periods of one length (rounded to months) that lie inside a period sum to it."""
    spans = {}
    for c in group:
        start, _, end = str(c[PERIOD]).partition("/")
        if start != ".." and end:
            spans[c] = (date.fromisoformat(start), date.fromisoformat(end))
    for total, (start, end) in spans.items():
        inside = defaultdict(list)
        for c, (s, e) in spans.items():
            if c != total and start <= s and e <= end:
                inside[round((e - s).days / 30.44)].append((s, e, c))
        for subs in inside.values():
            subs.sort()
            if any(b[0] <= a[1] for a, b in zip(subs, subs[1:])):
                continue  # overlapping sub-periods do not add up
            tiles = subs[0][0] == start and subs[-1][1] == end and all(
                (b[0] - a[1]).days == 1 for a, b in zip(subs, subs[1:]))
            _add(relations, cells, total, [c for _, _, c in subs], tiles, f"periods in {total[PERIOD]}")


def table_relations(counts: pd.Series, tree: AreaTree) -> tuple[pd.Series, list[tuple]]:
    """The relations of one table, and its counts with any "rest" cells added.

    ``counts`` is indexed by indicator_value key tuples (one indicator and source).
    """
    cells = dict(counts.items())
    relations: list[tuple] = []
    by_rest: dict[tuple, list[tuple]] = defaultdict(list)  # cells alike in every field but one
    for field in (AREA, PERIOD, SEX, AGE):
        for cell in counts.index:
            by_rest[(field,) + cell[:field] + cell[field + 1:]].append(cell)
    for group_key, group in by_rest.items():
        field = group_key[0]
        if field == AREA:
            at = {c[AREA]: c for c in group}
            for (anc, kind), (parts, complete) in tree.relations(set(at)).items():
                _add(relations, cells, at[anc], [at[p] for p in parts], complete, f"{kind} in {anc}")
        elif field in (SEX, AGE):
            everyone = "Persons" if field == SEX else "All ages"
            total = [c for c in group if c[field] == everyone]
            if total:
                _add(relations, cells, total[0], [c for c in group if c[field] != everyone], False,
                     "sexes" if field == SEX else "ages")
        else:
            _period_relations(relations, cells, group)
    # categories: the rows of one category type sum to the total row (category type '')
    by_figure: dict[tuple, list[tuple]] = defaultdict(list)
    for cell in counts.index:
        by_figure[cell[:CTYPE]].append(cell)
    for group in by_figure.values():
        total = [c for c in group if c[CTYPE] == "" and c[CATEGORY] == ""]
        kinds = defaultdict(list)
        for c in group:
            if c[CTYPE] != "":
                kinds[c[CTYPE]].append(c)
        for ctype, members in kinds.items():
            if total:
                _add(relations, cells, total[0], members, False, f"{ctype} categories")
    return pd.Series(cells, dtype=float), relations
