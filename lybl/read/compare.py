"""The Places against each other and England: one status per figure and the sentence that compares them."""
from __future__ import annotations

import pandas as pd

from lybl.ics import ics
from lybl.present import numbers
from lybl.read.framework import status, usable


def statuses(frame: pd.DataFrame) -> pd.DataFrame:
    """Add ``status`` (better / similar / worse / higher / lower / not compared) and ``basis``.

    The computed benchmark (Fingertips' method, 95% interval against England's value) where the figure
    has an interval; otherwise the document's own comparison, classified from its words.
    """
    computed = usable(frame["benchmark"])
    out = frame.assign(status=status(frame["benchmark"], frame["published_comparison"]))
    out["basis"] = computed.notna().map({True: "95% interval against England's value",
                                         False: "the document's words"})
    out.loc[out["status"] == "not compared", "basis"] = "no comparison"
    return out


def places_sentence(rows: pd.DataFrame) -> str:
    """Whether the first two Places differ significantly, in words (the first's interval against the
    second's value): 'North is significantly worse than West ...'.

    ``rows``: one indicator's rows of queries/compare_latest.sql.
    """
    places = ics().places
    if len(places) < 2:
        return f"{ics().icb.short} has one Place: there is no other Place to compare it with."
    a, b = places[0], places[1]
    first, second = rows[rows["area_code"] == a.code], rows[rows["area_code"] == b.code]
    if first.empty or second.empty:
        return f"{a.short} and {b.short} cannot be compared: one of them has no figure."
    n, other = first.iloc[0], second.iloc[0]
    if not isinstance(n["against_other_place"], str) or n["against_other_place"].startswith("not compared"):
        return (f"{a.short} and {b.short} are not compared statistically: the figures have no intervals "
                f"({a.short} {numbers.figure(n['value'], n.get('unit'))}, "
                f"{b.short} {numbers.figure(other['value'], other.get('unit'))}).")
    word = n["against_other_place"]
    if word == "similar":
        return (f"{a.short} and {b.short} do not differ significantly ({a.short}'s 95% interval includes "
                f"{b.short}'s value).")
    return (f"{a.short} is significantly {word} than {b.short} ({a.short}'s 95% interval lies "
            f"{'above' if n['lci95'] > other['value'] else 'below'} {b.short}'s value).")


#: the indicator /compare?view=trends opens on without ?indicator= (the page and its slide)
TRENDS_DEFAULT = "ae_4hr_performance"

RANK = {"worse": 0, "lower": 0, "similar": 1, "higher": 2, "better": 2}


def changes_since(history: pd.DataFrame, since) -> pd.DataFrame:
    """Each indicator and area whose latest figure became known after ``since``, with the latest figure
    known on that date (``then_*``), from the rows queries/figure_history.sql returns for ``since``.

    Ranked here rather than in SQL: a window query at read time cost DuckDB 15 ms, over the 10 ms a page's
    question may take; the query returns only the rows this reads (a few per indicator and area).
    """
    since = pd.Timestamp(since)
    h = history.assign(known_on=pd.to_datetime(history["known_on"]), end=pd.to_datetime(history["period_end"]))
    h = h.sort_values("end", ascending=False, kind="stable")
    key = ["indicator_id", "area_code"]
    now = h.drop_duplicates(key)
    now = now[now["known_on"] > since]
    then = h[h["known_on"] <= since].drop_duplicates(key)[key + ["period_label", "value", "published_comparison",
                                                                 "benchmark"]]
    then = then.rename(columns={"period_label": "then_period", "value": "then_value",
                                "published_comparison": "then_words", "benchmark": "then_benchmark"})
    out = now.rename(columns={"period_label": "now_period", "value": "now_value", "published_comparison": "now_words",
                              "benchmark": "now_benchmark"}).merge(then, on=key, how="left")
    columns = ["indicator_id", "indicator_name", "polarity", "unit", "area_code", "area_name", "area_sort",
               "now_period", "now_value", "now_words", "now_benchmark", "known_on", "then_period", "then_value",
               "then_words", "then_benchmark", "source_ref"]
    return out[columns].sort_values(["indicator_name", "area_sort"], kind="stable").reset_index(drop=True)


def changes(frame: pd.DataFrame) -> pd.DataFrame:
    """Classify changes_since rows: 'new data', 'newly better', 'newly worse' or 'new figure'.

    A status is the computed benchmark against England where there is one, else the document's words
    (as ``statuses``); 'newly better' / 'newly worse' when it moves up or down between the two figures.
    """
    out = frame.assign(now_status=status(frame["now_benchmark"], frame["now_words"]),
                       then_status=status(frame["then_benchmark"], frame["then_words"]))
    before = out["then_status"].map(RANK)
    after = out["now_status"].map(RANK)
    kind = pd.Series("new figure", index=out.index)
    kind[after > before] = "newly better"
    kind[after < before] = "newly worse"
    kind[out["then_value"].isna()] = "new data"
    return out.assign(change=kind)


ALL_AMBITIONS = "ambitions"


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def group_keys(frame: pd.DataFrame, ambitions: dict[int, str]) -> pd.Series:
    """Each row's group key: 'ambition-N' when its indicator is linked to ambition N, else 'topic-<slug>'.

    ``frame`` has ambition_id (99: linked to none) and topic, or the keys already (column group_key, as
    ``with_groups`` adds them).
    """
    if "group_key" in frame:
        return frame["group_key"]
    linked = frame["ambition_id"].isin(list(ambitions))
    topic = frame["topic"].fillna("Not linked to an ambition").map(_slug)
    return ("ambition-" + frame["ambition_id"].astype(str)).where(linked, "topic-" + topic)


def with_groups(frame: pd.DataFrame, ambitions: dict[int, str]) -> pd.DataFrame:
    """``frame`` with each row's group key (column group_key), so later picks need not work them out again."""
    return frame.assign(group_key=group_keys(frame, ambitions))


def group_options(frame: pd.DataFrame, ambitions: dict[int, str]) -> dict[str, str]:
    """Group key -> label, in the order a picker lists them: all ambitions, each ambition, each topic (no
    ambitions entry where the ICS has no framework loaded)."""
    options = {ALL_AMBITIONS: f"All {ics().strategy} ambitions"} if ambitions else {}
    keys = group_keys(frame, ambitions)
    for ambition_id, name in sorted(ambitions.items()):
        if (keys == f"ambition-{ambition_id}").any():
            options[f"ambition-{ambition_id}"] = f"{ambition_id}. {name}"
    topics = frame.loc[~keys.str.startswith("ambition-"), "topic"].fillna("Not linked to an ambition")
    for topic in sorted(set(topics)):
        options["topic-" + _slug(topic)] = topic
    return options


def in_group(frame: pd.DataFrame, ambitions: dict[int, str], key: str) -> pd.Series:
    """Which rows belong to group ``key`` (ALL_AMBITIONS: every row linked to an ambition)."""
    keys = group_keys(frame, ambitions)
    return keys.str.startswith("ambition-") if key == ALL_AMBITIONS else keys == key
