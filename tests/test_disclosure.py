"""Small-number disclosure control: hand-made tables, a two-way trap, and property tests."""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lybl.stats.disclosure import (
    SECONDARY_NOTE, SECONDARY_REASON, SUPPRESSED_NOTE, DisclosureWarning, crossed_relations, hierarchy_relations,
    recoverable, suppress,
)

PRIMARY_7 = "primary: count 1–7"


def suppressed_ids(result: pd.DataFrame) -> set:
    return set(result.index[result["suppressed"]])


def rank_recoverable(suppressed: pd.Series, relations) -> set:
    """Independent check: cell j is recoverable iff appending e_j to M does not raise its rank."""
    cols = {cell: j for j, cell in enumerate(suppressed.index[suppressed.to_numpy(dtype=bool)])}
    rows = []
    for total, parts in relations:
        row = np.zeros(len(cols))
        if total in cols:
            row[cols[total]] += 1
        for p in parts:
            if p in cols:
                row[cols[p]] -= 1
        if row.any():
            rows.append(row)
    m = np.array(rows).reshape(len(rows), len(cols))
    base = np.linalg.matrix_rank(m) if rows else 0
    found = set()
    for cell, j in cols.items():
        unit = np.zeros((1, len(cols)))
        unit[0, j] = 1
        if np.linalg.matrix_rank(np.vstack([m, unit])) == base:
            found.add(cell)
    return found


# --------------------------------------------------------------------------------------------------
# Hand-made tables
# --------------------------------------------------------------------------------------------------

def test_place_with_three_wards_one_small():
    counts = pd.Series({"Place": 45, "w1": 3, "w2": 12, "w3": 30})
    relations = [("Place", ["w1", "w2", "w3"])]
    out = suppress(counts, relations)
    assert list(out.columns) == ["count", "suppressed", "reason", "note"]
    assert suppressed_ids(out) == {"w1", "w2"}          # w2: the smallest non-zero other ward
    assert out.loc["w1", "reason"] == PRIMARY_7
    assert out.loc["w1", "note"] == SUPPRESSED_NOTE  # the same words as the complement: see below
    assert out.loc["w2", "reason"] == SECONDARY_REASON
    assert out.loc["w2", "note"] == SECONDARY_NOTE
    assert out.loc["Place", "reason"] == "" and out.loc["Place", "note"] == ""
    assert out["count"].dtype == "Int64"
    assert out["count"].isna().tolist() == [False, True, True, False]
    assert out.loc["w3", "count"] == 30 and out.loc["Place", "count"] == 45
    assert not recoverable(out["suppressed"], relations).any()


def test_total_is_the_complement_when_no_non_zero_part_is_left():
    # B is suppressed to protect A; in Y = B + Z the only other non-zero member is the total Y,
    # and the zero part Z is not used while the total is available.
    counts = pd.Series({"X": 15, "A": 3, "B": 12, "Y": 12, "Z": 0})
    relations = [("X", ["A", "B"]), ("Y", ["B", "Z"])]
    out = suppress(counts, relations)
    assert suppressed_ids(out) == {"A", "B", "Y"}
    assert out.loc["Y", "reason"] == SECONDARY_REASON
    assert out.loc["Z", "count"] == 0


def test_total_is_the_complement_when_the_other_part_is_missing():
    counts = pd.Series({"T": 40, "a": 3, "b": np.nan})
    out = suppress(counts, [("T", ["a", "b"])])
    assert suppressed_ids(out) == {"a", "T"}
    assert not out.loc["b", "suppressed"] and out.loc["b", "reason"] == ""


def test_suppressed_total_gets_a_part_as_complement():
    # The LAP total is suppressed at the Place level; its own relation then needs a second member.
    counts = pd.Series({"Place": 34, "L1": 30, "L2": 4, "w1": 20, "w2": 10})
    relations = hierarchy_relations({"L1": "Place", "L2": "Place", "w1": "L1", "w2": "L1"})
    out = suppress(counts, relations)
    assert suppressed_ids(out) == {"L2", "L1", "w2"}    # w2: the smaller of L1's wards


def test_zero_part_not_chosen_when_a_non_zero_part_exists():
    counts = pd.Series({"P": 13, "a": 3, "b": 0, "c": 10})
    out = suppress(counts, [("P", ["a", "b", "c"])])
    assert suppressed_ids(out) == {"a", "c"}
    assert out.loc["b", "count"] == 0


def test_threshold_is_configurable():
    counts = pd.Series({"P": 29, "a": 9, "b": 20})
    assert suppressed_ids(suppress(counts, [("P", ["a", "b"])])) == set()
    out = suppress(counts, [("P", ["a", "b"])], threshold=10)
    assert suppressed_ids(out) == {"a", "b"}
    assert out.loc["a", "reason"] == "primary: count 1–10"
    assert out.loc["a", "note"] == SUPPRESSED_NOTE
    assert suppressed_ids(suppress(pd.Series({"x": 7, "y": 8}), [], threshold=7)) == {"x"}


def test_zero_and_missing_are_not_primary_suppressed():
    counts = pd.Series({"a": 0, "b": np.nan, "c": 1, "d": 7, "e": 8})
    out = suppress(counts, [])
    assert out["suppressed"].tolist() == [False, False, True, True, False]
    assert out.loc["a", "count"] == 0
    assert pd.isna(out.loc["b", "count"]) and out.loc["b", "reason"] == ""
    nullable = suppress(counts.astype("Int64"), [])
    assert nullable["suppressed"].tolist() == [False, False, True, True, False]


def test_inconsistent_table_is_rejected_naming_the_total():
    counts = pd.Series({"Place X": 30, "w1": 10, "w2": 19})
    with pytest.raises(ValueError, match=r"'Place X'.*total is 30 but its parts sum to 29"):
        suppress(counts, [("Place X", ["w1", "w2"])])
    # a relation with a missing member cannot be checked and is accepted
    suppress(pd.Series({"T": 30, "a": 10, "b": np.nan}), [("T", ["a", "b"])])


def test_unknown_cell_is_rejected():
    counts = pd.Series({"P": 10, "a": 10})
    with pytest.raises(ValueError, match=r"not in counts: 'ghost'"):
        suppress(counts, [("P", ["a", "ghost"])])
    with pytest.raises(ValueError, match=r"not in counts"):
        recoverable(pd.Series({"P": True}), [("P", ["a"])])


def test_bad_threshold_and_counts_are_rejected():
    with pytest.raises(ValueError, match="threshold"):
        suppress(pd.Series({"a": 1}), [], threshold=-1)
    with pytest.raises(ValueError, match="negative"):
        suppress(pd.Series({"a": -1}), [])
    with pytest.raises(ValueError, match="whole"):
        suppress(pd.Series({"a": 1.5}), [])


def test_single_child_chain_is_suppressed_up_to_a_real_sum():
    # Place = LAP = ward (fan-out 1): equal totals must go too, until a sum with another part.
    counts = pd.Series({"ICB": 50, "Place": 3, "Place2": 47, "LAP": 3, "ward": 3})
    relations = hierarchy_relations({"ward": "LAP", "LAP": "Place", "Place": "ICB", "Place2": "ICB"})
    out = suppress(counts, relations)
    assert suppressed_ids(out) == {"ward", "LAP", "Place", "Place2"}
    assert not recoverable(out["suppressed"], relations).any()


def test_unprotectable_count_warns():
    # The only partner of 'a' is a missing total: nothing can be added, so the build is told.
    with pytest.warns(DisclosureWarning, match="'a'"):
        out = suppress(pd.Series({"T": np.nan, "a": 3}), [("T", ["a"])])
    assert suppressed_ids(out) == {"a"}


def test_hierarchy_relations():
    mapping = {"w1": "L1", "w2": "L1", "w3": "L2", "L1": "P", "L2": "P", "P": "ICB", "ICB": None}
    assert hierarchy_relations(mapping) == [("L1", ["w1", "w2"]), ("L2", ["w3"]),
                                            ("P", ["L1", "L2"]), ("ICB", ["P"])]
    with pytest.raises(ValueError, match="cycle"):
        hierarchy_relations({"a": "b", "b": "a"})


def test_crossed_relations():
    rels = crossed_relations([("P", ["A", "B"])], ["m", "f"], "all")
    assert rels[:3] == [(("P", "all"), [("P", "m"), ("P", "f")]),
                        (("A", "all"), [("A", "m"), ("A", "f")]),
                        (("B", "all"), [("B", "m"), ("B", "f")])]
    assert rels[3:] == [(("P", c), [("A", c), ("B", c)]) for c in ["m", "f", "all"]]
    assert crossed_relations([("P", ["A"])], ["m", "all"], "all")[0] == (("P", "all"), [("P", "m")])


# --------------------------------------------------------------------------------------------------
# Two-way table: every sum hides two or more cells, yet one cell is recoverable
# --------------------------------------------------------------------------------------------------

TWO_WAY = {  # area: (x, y, z, total);  P is the Place, the sum of A, B and C
    "A": (2, 1, 0, 3),
    "B": (4, 0, 0, 4),
    "C": (20, 3, 5, 28),
    "P": (26, 4, 5, 35),
}


def two_way_table():
    cats = ["x", "y", "z", "T"]
    counts = pd.Series({(a, c): v for a, row in TWO_WAY.items() for c, v in zip(cats, row)})
    relations = crossed_relations([("P", ["A", "B", "C"])], ["x", "y", "z"], "T")
    return counts, relations


def test_two_way_table_needs_the_exact_check():
    counts, relations = two_way_table()
    assert len(relations) == 8  # 4 area rows + 4 category columns
    primary = (counts >= 1) & (counts <= 7)
    # The per-relation rule is already satisfied: no relation hides exactly one cell ...
    for total, parts in relations:
        assert primary[[total, *parts]].sum() != 1
    # ... yet (A, y) is pinned down: rows give A.T = A.x + A.y and B.T = B.x (zeros are published),
    # column T gives A.T + B.T = 35 - 28 = 7 and column x gives A.x + B.x = 26 - 20 = 6, so A.y = 1.
    rec = recoverable(primary, relations)
    assert set(rec.index[rec]) == {("A", "y")}
    assert rank_recoverable(primary, relations) == {("A", "y")}

    out = suppress(counts, relations)
    assert not recoverable(out["suppressed"], relations).any()
    assert rank_recoverable(out["suppressed"], relations) == set()
    extra = suppressed_ids(out) - set(primary.index[primary])
    assert len(extra) == 1                             # one complement closes the gap ...
    (cell,) = extra
    assert counts[cell] == 0                           # ... a zero: no other member is left
    assert out.loc[cell, "reason"] == SECONDARY_REASON


# --------------------------------------------------------------------------------------------------
# Properties on random hierarchies and random geography x category tables
# --------------------------------------------------------------------------------------------------

SMALL_HEAVY = st.one_of(st.just(0), st.integers(1, 9), st.integers(0, 60))
THRESHOLDS = st.sampled_from([3, 5, 7, 10])


@st.composite
def trees(draw, depth, fan_out, max_nodes):
    """A child -> parent mapping (node ids are paths like 'r.0.2') and nodes in creation order."""
    parent, nodes, level = {}, ["r"], ["r"]
    for _ in range(draw(depth)):
        nxt = []
        for node in level:
            for i in range(min(draw(fan_out), max_nodes - len(nodes))):
                child = f"{node}.{i}"
                parent[child] = node
                nodes.append(child)
                nxt.append(child)
        level = nxt
    return parent, nodes


@st.composite
def hierarchies(draw):
    parent, nodes = draw(trees(st.integers(2, 4), st.integers(1, 6), max_nodes=70))
    value = {}
    leaves = [n for n in nodes if n not in set(parent.values())]
    for leaf in leaves:
        value[leaf] = draw(SMALL_HEAVY)
    for node in reversed(nodes):  # children are created after their parents
        if node in parent:
            value[parent[node]] = value.get(parent[node], 0) + value[node]
    counts = pd.Series({n: value[n] for n in nodes})
    return counts, hierarchy_relations(parent), draw(THRESHOLDS)


@st.composite
def crossed_tables(draw):
    parent, nodes = draw(trees(st.integers(1, 2), st.integers(1, 4), max_nodes=12))
    n_cats = draw(st.integers(2, 4))
    cats = [f"c{i}" for i in range(n_cats)]
    value = {}
    is_parent = set(parent.values())
    for area in nodes:
        if area not in is_parent:
            row = [draw(SMALL_HEAVY) for _ in cats]
            value.update({(area, c): v for c, v in zip(cats, row)})
            value[(area, "all")] = sum(row)
    for area in reversed(nodes):
        if area in parent:
            for c in [*cats, "all"]:
                key = (parent[area], c)
                value[key] = value.get(key, 0) + value[(area, c)]
    counts = pd.Series({(a, c): value[(a, c)] for a in nodes for c in [*cats, "all"]})
    relations = crossed_relations(hierarchy_relations(parent), cats, "all")
    return counts, relations, draw(THRESHOLDS)


def integer_pinned(counts, sup, relations) -> set:
    """Hidden cells whose smallest and largest whole, non-negative value agree (independent MILP)."""
    from scipy.optimize import Bounds, LinearConstraint, milp
    hidden = list(sup.index[sup])
    if not hidden or not (counts[hidden] == 0).any():
        return set()  # with every hidden count positive, nothing can be pinned (see disclosure.py)
    col = {c: i for i, c in enumerate(hidden)}
    rows, rhs = [], []
    for total, parts in relations:
        members = [(total, 1.0)] + [(p, -1.0) for p in parts]
        if not any(m in col for m, _ in members):
            continue
        row = np.zeros(len(hidden))
        known = 0.0
        for m, sign in members:
            if m in col:
                row[col[m]] += sign
            else:
                known += sign * counts[m]
        rows.append(row)
        rhs.append(-known)
    if not rows:
        return set()
    cons = LinearConstraint(np.array(rows), rhs, rhs)
    pinned = set()
    for cell, j in col.items():
        c = np.zeros(len(hidden))
        c[j] = 1
        lo = milp(c, constraints=cons, integrality=np.ones(len(hidden)), bounds=Bounds(0, np.inf))
        hi = milp(-c, constraints=cons, integrality=np.ones(len(hidden)), bounds=Bounds(0, np.inf))
        if hi.status == 0 and round(lo.fun) == round(-hi.fun):  # status 3: unbounded above
            pinned.add(cell)
    return pinned


def test_notes_do_not_tell_the_small_count_from_its_complement():
    # Place 30 = wards 1 + 8 + 21. Had the notes said "fewer than 8" for w1 and "to protect another"
    # for w2, a reader would know w1 + w2 = 9, w1 in 1..7 and w2 = 0 or >= 8, so w2 = 8 and w1 = 1.
    counts = pd.Series({"P": 30, "w1": 1, "w2": 8, "w3": 21})
    out = suppress(counts, [("P", ["w1", "w2", "w3"])])
    assert suppressed_ids(out) == {"w1", "w2"}
    assert out.loc["w1", "note"] == out.loc["w2", "note"] == SUPPRESSED_NOTE


def test_bounds_audit_finds_a_count_pinned_by_non_negativity():
    # hidden a = 3 and hidden zeros z1, z2: a + z1 = 3 and z1 + z2 = 0. Linear algebra cannot solve
    # it (null space (1, -1, 1)), but counts are >= 0, so z1 = z2 = 0 and a = 3.
    counts = pd.Series({"T1": 8, "a": 3, "z1": 0, "v1": 5, "T2": 4, "z2": 0, "v2": 4})
    relations = [("T1", ["a", "z1", "v1"]), ("T2", ["z1", "z2", "v2"])]
    mask = pd.Series(False, index=counts.index)
    mask[["a", "z1", "z2"]] = True
    assert not recoverable(mask, relations).any()
    assert set(mask.index[recoverable(mask, relations, counts)]) == {"a", "z1", "z2"}
    assert integer_pinned(counts, mask, relations) == {"a", "z1", "z2"}
    # suppress itself never leaves such a table: a gets the non-zero complement v1
    out = suppress(counts, relations)
    assert not recoverable(out["suppressed"], relations, counts).any()


def check_properties(counts, relations, threshold):
    out = suppress(counts, relations, threshold=threshold)
    sup = out["suppressed"]
    # (a) every small count is suppressed, and only suppressed counts are hidden
    small = (counts >= 1) & (counts <= threshold)
    assert sup[small].all()
    assert (out["reason"][small] == f"primary: count 1–{threshold}").all()
    assert (out["reason"][sup & ~small] == SECONDARY_REASON).all()
    assert out["count"].isna().equals(sup)
    # (b) nothing suppressed can be recovered, by the module's check and by a rank test
    assert not recoverable(sup, relations).any()
    assert rank_recoverable(sup, relations) == set()
    # (b2) nor pinned by counts being non-negative whole numbers: integer bounds by scipy's MILP
    assert not recoverable(sup, relations, counts).any()
    assert integer_pinned(counts, sup, relations) == set()
    # (b3) every hidden cell reads the same, so the notes cannot tell small counts from complements
    assert set(out["note"][sup]) <= {SUPPRESSED_NOTE}
    # (c) published counts are the input counts
    pd.testing.assert_series_equal(out["count"][~sup].astype("int64"), counts[~sup].astype("int64"),
                                   check_names=False)
    return out


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(hierarchies(), crossed_tables()))
def test_property_random_hierarchies_and_crossed_tables(table):
    """Random trees (depth 2-4, fan-out 1-6) and random geography x category tables."""
    counts, relations, threshold = table
    with warnings.catch_warnings():
        warnings.simplefilter("error", DisclosureWarning)
        check_properties(counts, relations, threshold)
