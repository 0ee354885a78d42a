import pandas as pd
import pytest

from lybl.read.framework import CLASS_ORDER, ambition_tiles, classify_published


@pytest.mark.parametrize("words, expected", [
    ("worse than the England average", "worse"),
    ("better than the England average", "better"),
    ("similar to the England average", "similar"),
    ("lower than the England average", "lower"),
    ("higher than the England average", "higher"),
    ("below the national target range", "lower"),
    ("", "not compared"),
    (None, "not compared"),
])
def test_published_words_to_classes(words, expected):
    assert classify_published(pd.Series([words])).iloc[0] == expected


def test_tiles_count_the_documents_comparisons(con):
    tiles = ambition_tiles(con, "E06000061")
    assert sorted(tiles["ambition_id"].unique()) == list(range(1, 11))
    best_start = tiles[tiles["ambition_id"] == 1].iloc[0]
    # North, Best Start: smoking at delivery worse; low birth... see data/indicator_ambition.csv
    expected = con.execute("""
        select count(*) filter (where published_comparison like '%worse%'),
               count(*) filter (where published_comparison like '%similar%')
        from indicator_value v join indicator_ambition ia using (indicator_id)
        where ia.ambition_id = 1 and v.area_code = 'E06000061' and v.is_preferred""").fetchone()
    assert (best_start["worse"], best_start["similar"]) == expected
    assert best_start[CLASS_ORDER].sum() == best_start["n_indicators"]


def test_icb_tiles_show_both_places(con):
    tiles = ambition_tiles(con, "E54000059")
    assert {"E06000061", "E06000062"} <= set(tiles["area_code"].dropna())

