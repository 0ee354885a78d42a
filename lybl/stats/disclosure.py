"""Small-number disclosure control for published count tables (cell suppression).

Run in the database build, before any figure can reach a web page.

The method in plain English
---------------------------
1. **Primary suppression.** Every count from 1 to the threshold (7 by default) is hidden: a handful
   of people in a ward could be recognised. A count of 0 is published (there is nobody to
   identify), and a missing count stays missing - it is neither suppressed nor ever used to protect
   another count.
2. **Secondary (complementary) suppression.** Published tables add up: wards sum to their LAP, LAPs
   to their Place, Places to the ICB, and categories sum to their total. Hiding one number in a sum
   is no protection, because a reader can subtract the others from the total. So, round after round
   until nothing changes, every relation ("total = sum of parts") that has exactly one hidden member
   gets a second one: the smallest non-zero visible part; if there is none, the total; only as a
   last resort a zero part.
3. **Exact check.** That per-relation rule is necessary but not sufficient: in a two-way table
   (geography x category) several sums can be combined so that a hidden cell is pinned down even
   though every single sum hides two or more cells. The build therefore checks exactly, with linear
   algebra: take the relation matrix restricted to the hidden cells, ``M`` (one row per relation,
   one column per hidden cell, +1 for the total and -1 for each part; the published counts only
   change the right-hand sides, which do not matter). Hidden cell ``j`` can be recovered exactly
   iff the unit vector ``e_j`` lies in the row space of ``M``, i.e. iff every vector of ``M``'s null
   space has a zero ``j``-th component (a null-space vector is a way to change the hidden cells
   without changing any published sum; if none of them moves cell ``j``, cell ``j`` is determined).
   Any recoverable cell gets one more complement in a relation that contains it (smallest non-zero
   visible part, else the total, else a zero part) and we go back to step 2. Each pass hides at
   least one more count, so the procedure terminates (in the worst case with everything hidden).
4. **Bounds audit.** Counts are never negative, and that alone can pin a hidden cell: if two hidden
   zeros sum to 0 elsewhere, a hidden 3 beside one of them is solved. So, once linear algebra finds
   nothing, a linear programme gives each hidden cell's smallest and largest possible value; a cell
   whose range is narrower than one gets a complement as in step 3.
5. **One note for all.** Every hidden cell shows the same words, "suppressed to protect small
   numbers". Saying which one is the small count (1 to 7) and which a complement (0, or 8 and more)
   would let a reader solve many sums exactly.

Why zero cells are poor complements
-----------------------------------
Hiding a 0 next to a 3 tells the reader that the two hidden cells add up to 3, i.e. it publishes
the small number for a slightly larger group - the same people are still exposed. Many zeros are
also structural or common knowledge (a service a ward does not have, a category that cannot occur),
so hiding them conceals nothing. And counts cannot be negative, so a hidden zero beside a small
count yields tight bounds (each lies between 0 and the small count). Zeros are therefore chosen only
when a relation offers nothing else.

Missing counts
--------------
The exact check treats every count that is not suppressed - including a missing one - as known to
the reader: a gap in today's data may be filled tomorrow or published elsewhere, so it never counts
as protection. If a suppressed count's only possible partners are missing, no further suppression
can help; ``suppress`` then warns (``DisclosureWarning``) naming the cells.

References
----------
- Office for National Statistics, "Statistical disclosure control" guidance (GSS / ONS policy on
  protecting confidentiality in tables of counts, including small-cell and secondary suppression).
- L. H. Cox (1980), "Suppression methodology and statistical disclosure control", Journal of the
  American Statistical Association 75(370), 377-385.
- A. Hundepool et al. (2012), "Statistical Disclosure Control", Wiley, ch. 4 (tabular data: primary
  and secondary cell suppression, the linear-algebra / audit view of exact disclosure).
"""
from __future__ import annotations

import warnings
from collections.abc import Hashable, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linprog
from scipy.sparse.csgraph import connected_components

__all__ = [
    "suppress", "recoverable", "hierarchy_relations", "crossed_relations",
    "DEFAULT_THRESHOLD", "SECONDARY_REASON", "SECONDARY_NOTE", "DisclosureWarning",
]

DEFAULT_THRESHOLD = 7
SECONDARY_REASON = "secondary: protects a suppressed count in the same table"
#: The one note every suppressed cell carries. Primary and secondary cells must read the same: a
#: reader told which hidden cell is the small one (1 to 7) and which is a complement (0 or 8 and
#: more) can often solve the sum exactly.
SUPPRESSED_NOTE = "suppressed to protect small numbers"
SECONDARY_NOTE = SUPPRESSED_NOTE

#: A null-space component (or the norm of a cell's row of the null-space basis) below this is zero.
_NULL_TOL = 1e-8

# Complement priorities: a non-zero part, then the total, then a zero part.
_NONZERO_PART, _TOTAL, _ZERO_PART = 0, 1, 2


class DisclosureWarning(UserWarning):
    """A suppressed count could not be fully protected (its only partners are missing counts)."""


def primary_reason(threshold: int = DEFAULT_THRESHOLD) -> str:
    """The ``reason`` text for a primary suppression, e.g. "primary: count 1–7"."""
    return "primary: count 1" if threshold == 1 else f"primary: count 1–{threshold}"


# --------------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------------

class _Relations:
    """Relations as sparse matrices over cell positions 0..n-1.

    ``member`` (relations x cells, 0/1) marks membership, ``signed`` holds +1 for the total and -1
    for each part, ``parts`` 1 for each part. ``m_rel``, ``m_cell``, ``m_total`` list the members in
    long form (one entry per (relation, member)).
    """

    def __init__(self, relations, position: Mapping[Hashable, int], n_cells: int):
        rel_list = list(relations.items()) if isinstance(relations, Mapping) else list(relations)
        self.totals: list[Hashable] = []
        rels, cells, is_total = [], [], []
        for r, relation in enumerate(rel_list):
            try:
                total, parts = relation
            except (TypeError, ValueError):
                raise ValueError(f"relation #{r} must be a (total_id, [part_ids]) pair, "
                                 f"got {relation!r}") from None
            if isinstance(parts, (str, bytes)) or not _iterable(parts):
                raise ValueError(f"relation with total {total!r}: parts must be a sequence of cell "
                                 f"ids, got {parts!r}")
            parts = list(parts)
            missing = [c for c in [total, *parts] if c not in position]
            if missing:
                raise ValueError(f"relation with total {total!r} names cell(s) not in counts: "
                                 f"{', '.join(map(repr, missing[:5]))}"
                                 f"{' ...' if len(missing) > 5 else ''}")
            if len(set(parts)) != len(parts):
                raise ValueError(f"relation with total {total!r} lists a part more than once")
            if total in set(parts):
                raise ValueError(f"relation with total {total!r} lists its total among its parts")
            self.totals.append(total)
            members = [position[total], *(position[p] for p in parts)]
            rels.extend([r] * len(members))
            cells.extend(members)
            is_total.extend([True] + [False] * len(parts))
        self.n_rel = len(rel_list)
        self.m_rel = np.asarray(rels, dtype=np.int64)
        self.m_cell = np.asarray(cells, dtype=np.int64)
        self.m_total = np.asarray(is_total, dtype=bool)
        shape = (self.n_rel, n_cells)
        ones = np.ones(len(self.m_rel))
        self.member = sparse.csr_matrix((ones, (self.m_rel, self.m_cell)), shape=shape)
        self.signed = sparse.csr_matrix((np.where(self.m_total, 1.0, -1.0), (self.m_rel, self.m_cell)),
                                        shape=shape)
        self.parts = sparse.csr_matrix(((~self.m_total).astype(float), (self.m_rel, self.m_cell)),
                                       shape=shape)


def _iterable(obj) -> bool:
    try:
        iter(obj)
    except TypeError:
        return False
    return True


def _positions(index: pd.Index) -> dict[Hashable, int]:
    if not index.is_unique:
        dup = index[index.duplicated()][0]
        raise ValueError(f"counts index must be unique; {dup!r} appears more than once")
    return {cell: i for i, cell in enumerate(index)}


def hierarchy_relations(child_to_parent: Mapping[Hashable, Hashable]) -> list[tuple]:
    """Turn a child -> parent mapping into relations ``[(parent, [children, ...]), ...]``.

    All levels may come in one mapping, e.g. ``{ward: LAP, ..., LAP: Place, ..., Place: ICB}``; each
    parent becomes one relation "parent = sum of its children". Parents appear in order of first
    mention, children in mapping order. A child whose parent is ``None`` is a root (no relation).
    Raises ValueError if a cell is its own parent or the mapping has a cycle.
    """
    groups: dict[Hashable, list[Hashable]] = {}
    for child, parent in child_to_parent.items():
        if parent is None:
            continue
        if child == parent:
            raise ValueError(f"{child!r} is mapped to itself as parent")
        groups.setdefault(parent, []).append(child)
    for start in child_to_parent:  # cycle check: walk up from every node
        seen, node = {start}, child_to_parent.get(start)
        while node is not None and node in child_to_parent:
            if node in seen:
                raise ValueError(f"the child -> parent mapping has a cycle through {node!r}")
            seen.add(node)
            node = child_to_parent[node]
    return [(parent, children) for parent, children in groups.items()]


def crossed_relations(geo_relations: Sequence[tuple[Hashable, Sequence[Hashable]]],
                      categories: Sequence[Hashable], total_category: Hashable) -> list[tuple]:
    """Relations of a geography x category table whose cell ids are ``(area, category)`` tuples.

    ``geo_relations`` are area relations (e.g. from ``hierarchy_relations``); ``categories`` are the
    categories that add up to ``total_category`` (if ``total_category`` is listed too it is dropped
    from the parts). Returns one relation per area, ``(area, total_category) = sum over categories
    of (area, category)``, followed by each geographic relation repeated for every category and for
    ``total_category``: ``(parent, c) = sum over children of (child, c)``. Areas are every id named
    in ``geo_relations``, in order of first mention.
    """
    parts = [c for c in categories if c != total_category]
    areas: dict[Hashable, None] = {}
    for total, children in geo_relations:
        areas[total] = None
        areas.update(dict.fromkeys(children))
    out: list[tuple] = [((a, total_category), [(a, c) for c in parts]) for a in areas]
    for c in [*parts, total_category]:
        out.extend(((total, c), [(child, c) for child in children])
                   for total, children in geo_relations)
    return out


# --------------------------------------------------------------------------------------------------
# The exact check
# --------------------------------------------------------------------------------------------------

def _recoverable_positions(suppressed: np.ndarray, rel: _Relations) -> tuple[np.ndarray, np.ndarray]:
    """(recoverable flag per cell, component label per cell or -1 for unsuppressed cells).

    ``M`` is block diagonal over the connected components of the graph joining suppressed cells
    that share a relation, so the null space is computed block by block.
    """
    n = len(suppressed)
    out = np.zeros(n, dtype=bool)
    labels = np.full(n, -1, dtype=np.int64)
    sup = np.flatnonzero(suppressed)
    if len(sup) == 0:
        return out, labels
    m = rel.signed[:, sup]
    m = m[np.flatnonzero(m.getnnz(axis=1)), :].tocsr()  # relations touching a suppressed cell
    n_r, n_s = m.shape
    graph = sparse.bmat([[None, abs(m)], [abs(m).T, None]], format="csr") if n_r else \
        sparse.csr_matrix((n_s, n_s))
    _, comp = connected_components(graph, directed=False)
    comp_cells = comp[n_r:] if n_r else comp
    comp_rels = comp[:n_r]
    labels[sup] = comp_cells
    dense_cols = np.argsort(comp_cells, kind="stable")
    bounds = np.flatnonzero(np.diff(comp_cells[dense_cols])) + 1
    for cols in np.split(dense_cols, bounds):
        rows = np.flatnonzero(comp_rels == comp_cells[cols[0]])
        if len(rows) == 0:  # a suppressed cell in no relation (with other suppressed cells)
            continue
        block = m[rows][:, cols].toarray()
        _, s, vt = np.linalg.svd(block, full_matrices=True)
        tol = max(block.shape) * np.finfo(float).eps * (s[0] if len(s) else 0.0)
        rank = int((s > tol).sum())
        null = vt[rank:].T  # columns span the null space
        # e_j in row space <=> e_j orthogonal to the null space <=> row j of the basis is zero.
        out[sup[cols]] = np.linalg.norm(null, axis=1) < _NULL_TOL if null.size else True
    return out, labels


def _pinned_positions(suppressed: np.ndarray, labels: np.ndarray, rel: _Relations,
                     values: np.ndarray) -> np.ndarray:
    """Suppressed cells that counts being non-negative pin to one value (the bounds audit).

    For each suppressed cell, the smallest and largest value it can take given the published counts,
    the relations without a missing member, and every hidden count >= 0 (linear programmes per
    component; tables of sums are totally unimodular, so the bounds are whole numbers). A cell whose
    range is narrower than 1 is disclosed even though linear algebra alone cannot solve for it.
    """
    out = np.zeros(len(suppressed), dtype=bool)
    sup = np.flatnonzero(suppressed)
    if len(sup) == 0 or rel.n_rel == 0:
        return out
    nan = np.isnan(values)
    complete = (rel.member @ nan.astype(float)) == 0
    known = np.where(suppressed | nan, 0.0, values)
    rhs = -(rel.signed @ known)  # signed · x = 0  =>  A x_hidden = -(B x_known)
    a = rel.signed[:, sup].tocsr()
    rows = np.flatnonzero(complete & (a.getnnz(axis=1) > 0))
    if len(rows) == 0:
        return out
    a, rhs = a[rows], rhs[rows]
    comp = labels[sup]
    # Only a hidden zero can pin anything: if every hidden count in a component is positive, the
    # true table lies inside the non-negative region, so any change that keeps the published sums
    # (a null-space direction, which exists for every cell linear algebra cannot solve) can be taken
    # a little way without a count going negative.
    for c in np.unique(comp[values[sup] == 0]):
        cols = np.flatnonzero(comp == c)
        r = np.flatnonzero(a[:, cols].getnnz(axis=1) > 0)
        if len(r) == 0:
            continue
        block = a[r][:, cols].toarray()
        for k, j in enumerate(cols):
            cost = np.zeros(len(cols))
            cost[k] = 1.0
            lo = linprog(cost, A_eq=block, b_eq=rhs[r], bounds=(0, None), method="highs")
            hi = linprog(-cost, A_eq=block, b_eq=rhs[r], bounds=(0, None), method="highs")
            if lo.status == 0 and hi.status == 0 and (-hi.fun - lo.fun) < 0.5:
                out[sup[j]] = True
    return out


def recoverable(suppressed_mask: pd.Series, relations, counts: pd.Series | None = None) -> pd.Series:
    """Which suppressed cells can be recovered exactly from the published cells and the relations.

    ``suppressed_mask``: boolean Series indexed by cell id (True = suppressed; every other cell,
    including a missing one, is taken as known). ``relations``: ``[(total_id, [part_ids]), ...]``.
    Returns a boolean Series named "recoverable", indexed like the mask: True where a suppressed
    cell's unit vector lies in the row space of the relation matrix restricted to suppressed cells
    (equivalently, every null-space vector of that matrix is zero at the cell). Unsuppressed cells
    are False. With ``counts`` (the true counts, indexed alike) the bounds audit is added: a cell that
    non-negativity pins to one value is recoverable too. Raises ValueError if a relation names a cell
    not in the mask's index.
    """
    mask = pd.Series(suppressed_mask)
    position = _positions(mask.index)
    rel = _Relations(relations, position, len(mask))
    sup = mask.fillna(False).to_numpy(dtype=bool)
    rec, labels = _recoverable_positions(sup, rel)
    if counts is not None:
        values = _as_counts(pd.Series(counts).reindex(mask.index))
        rec |= _pinned_positions(sup, labels, rel, values)
    return pd.Series(rec, index=mask.index, name="recoverable")


# --------------------------------------------------------------------------------------------------
# Suppression
# --------------------------------------------------------------------------------------------------

def _as_counts(counts: pd.Series) -> np.ndarray:
    try:
        values = pd.to_numeric(pd.Series(counts), errors="raise").astype("Float64")
    except (TypeError, ValueError) as exc:
        raise ValueError(f"counts must be numeric: {exc}") from None
    values = values.to_numpy(dtype=float, na_value=np.nan)
    if np.isinf(values).any():
        raise ValueError("counts must be finite (use NaN for a missing count)")
    known = values[~np.isnan(values)]
    if (known < 0).any():
        raise ValueError("counts must not be negative")
    if (known != np.round(known)).any():
        raise ValueError("counts must be whole numbers")
    return values


def _check_consistent(values: np.ndarray, rel: _Relations) -> None:
    if rel.n_rel == 0:
        return
    nan = np.isnan(values)
    complete = (rel.member @ nan.astype(float)) == 0
    filled = np.where(nan, 0.0, values)
    total = rel.signed.maximum(0) @ filled
    parts = rel.parts @ filled
    bad = np.flatnonzero(complete & (np.abs(total - parts) > 0.5))
    if len(bad):
        lines = [f"relation with total {rel.totals[r]!r}: total is {total[r]:g} but its parts sum "
                 f"to {parts[r]:g}" for r in bad[:5]]
        more = f" (and {len(bad) - 5} more)" if len(bad) > 5 else ""
        raise ValueError("inconsistent table, fix it before suppression: " + "; ".join(lines) + more)


def _pick(rows: np.ndarray, group: np.ndarray, rel: _Relations, values: np.ndarray,
          suppressed: np.ndarray) -> np.ndarray:
    """For each group among the member rows ``rows``, the best complement cell (smallest non-zero
    part, else the total, else the smallest zero part; ties by position). Returns cell positions."""
    cells = rel.m_cell[rows]
    val = values[cells]
    ok = ~suppressed[cells] & ~np.isnan(val)
    rows, cells, val, group = rows[ok], cells[ok], val[ok], group[ok]
    if len(rows) == 0:
        return np.empty(0, dtype=np.int64)
    prio = np.where(rel.m_total[rows], _TOTAL, np.where(val > 0, _NONZERO_PART, _ZERO_PART))
    order = np.lexsort((cells, val, prio, group))
    g = group[order]
    first = np.r_[True, g[1:] != g[:-1]]
    return np.unique(cells[order][first])


def _per_relation_rounds(suppressed: np.ndarray, rel: _Relations, values: np.ndarray) -> np.ndarray:
    """Step (1): until a fixed point, give every relation with exactly one suppressed member a
    second one. Works on the whole table per round (sparse counts of suppressed members)."""
    suppressed = suppressed.copy()
    while rel.n_rel:
        n_sup = rel.member @ suppressed.astype(float)
        lonely = np.isclose(n_sup, 1.0)
        rows = np.flatnonzero(lonely[rel.m_rel])
        chosen = _pick(rows, rel.m_rel[rows], rel, values, suppressed)
        if len(chosen) == 0:  # nothing left to add (only missing partners): fixed point
            break
        suppressed[chosen] = True
    return suppressed


def _fix_recoverable(rec: np.ndarray, labels: np.ndarray, rel: _Relations, values: np.ndarray,
                     suppressed: np.ndarray) -> np.ndarray:
    """Step (2) repair: one more complement per component that holds a recoverable cell, chosen in
    a relation containing a recoverable cell; failing that, in any relation of the component."""
    touched = np.asarray(rel.member[:, np.flatnonzero(rec)].sum(axis=1)).ravel() > 0
    rows = np.flatnonzero(touched[rel.m_rel])
    # component of each member row: the label of a recoverable cell in the same relation
    rel_comp = np.full(rel.n_rel, -1, dtype=np.int64)
    rec_rows = np.flatnonzero(rec[rel.m_cell])
    rel_comp[rel.m_rel[rec_rows]] = labels[rel.m_cell[rec_rows]]
    chosen = _pick(rows, rel_comp[rel.m_rel[rows]], rel, values, suppressed)
    if len(chosen):
        return chosen
    comps = np.unique(labels[rec])
    sup_rows = np.flatnonzero(np.isin(labels[rel.m_cell], comps) & suppressed[rel.m_cell])
    in_comp = np.zeros(rel.n_rel, dtype=bool)
    in_comp[rel.m_rel[sup_rows]] = True
    rows = np.flatnonzero(in_comp[rel.m_rel])
    return _pick(rows, np.zeros(len(rows), dtype=np.int64), rel, values, suppressed)[:1]


def suppress(counts: pd.Series, relations: Sequence[tuple[Hashable, Sequence[Hashable]]],
             threshold: int = DEFAULT_THRESHOLD, force: pd.Series | None = None) -> pd.DataFrame:
    """Primary and secondary cell suppression of one table of counts.

    Parameters
    ----------
    counts : pandas.Series
        Whole, non-negative counts indexed by a unique cell id (any hashable; ``(area, category)``
        tuples for a two-way table). NaN / NA marks a missing count.
    relations : sequence of ``(total_id, [part_ids])``
        The table's additive relations "total = sum of parts" (see ``hierarchy_relations`` and
        ``crossed_relations``). A cell may be a part in several relations and a total in others.
    threshold : int, default 7
        Counts from 1 to ``threshold`` are suppressed (primary suppression). 0 is published.
    force : pandas.Series of bool, optional
        Cells to suppress whatever their count (e.g. the same figure hidden in another source's
        table); they are protected like primary cells. Their ``reason`` is the secondary one.

    Returns
    -------
    pandas.DataFrame indexed like ``counts`` with columns
        ``count`` (Int64): the count to publish, <NA> where suppressed (or missing);
        ``suppressed`` (bool);
        ``reason`` (str): "" | "primary: count 1–{threshold}" |
        "secondary: protects a suppressed count in the same table";
        ``note`` (str): the words a page shows: "" or, for every suppressed cell alike,
        "suppressed to protect small numbers" (``reason`` is for the build log only: publishing it
        would tell a reader which hidden cell is the small one).

    After suppression no suppressed count can be recovered exactly from the published counts and
    the relations (checked with ``recoverable``); a ``DisclosureWarning`` is issued in the rare case
    where that is impossible because a count's only partners are missing.

    Raises
    ------
    ValueError
        If a relation names a cell that is not in ``counts``, if a relation's parts do not sum to
        its total where all are known (the message names the total and both sums), or if counts are
        not whole non-negative numbers or the threshold is not a non-negative integer.
    """
    if isinstance(threshold, bool) or not isinstance(threshold, (int, np.integer)) or threshold < 0:
        raise ValueError(f"threshold must be a non-negative integer, got {threshold!r}")
    threshold = int(threshold)
    counts = pd.Series(counts)
    values = _as_counts(counts)
    position = _positions(counts.index)
    rel = _Relations(relations, position, len(counts))
    _check_consistent(values, rel)

    primary = (values >= 1) & (values <= threshold)  # NaN compares False
    suppressed = primary.copy()
    if force is not None:
        suppressed |= pd.Series(force).reindex(counts.index, fill_value=False).to_numpy(dtype=bool)
    while True:
        suppressed = _per_relation_rounds(suppressed, rel, values)
        rec, labels = _recoverable_positions(suppressed, rel)
        if not rec.any():
            rec = _pinned_positions(suppressed, labels, rel, values)
        if not rec.any():
            break
        chosen = _fix_recoverable(rec, labels, rel, values, suppressed)
        if len(chosen) == 0:
            cells = [counts.index[i] for i in np.flatnonzero(rec)[:5]]
            warnings.warn(f"{int(rec.sum())} suppressed count(s) could still be recovered if missing "
                          f"counts became known, and nothing is left to suppress: "
                          f"{', '.join(map(repr, cells))}", DisclosureWarning, stacklevel=2)
            break
        suppressed[chosen] = True

    secondary = suppressed & ~primary
    published = np.where(suppressed, np.nan, values)
    reason = np.where(primary, primary_reason(threshold), np.where(secondary, SECONDARY_REASON, ""))
    note = np.where(suppressed, SUPPRESSED_NOTE, "")
    return pd.DataFrame({
        "count": pd.array(published, dtype="Float64").astype("Int64"),
        "suppressed": suppressed,
        "reason": reason.astype(object),
        "note": note.astype(object),
    }, index=counts.index)
