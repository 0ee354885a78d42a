"""The transcription rules of issue 3 section 4, as a table."""
import pytest

from lybl.build.ingest.seed_text import parse_figure


@pytest.mark.parametrize("printed, value, note_contains", [
    ("12.2%", 12.2, None),
    ("2,598", 2598, None),
    ("£30,189", 30189, None),
    ("359,500", 359500, None),
    ("48.18%", 48.18, None),
    ("79.2", 79.2, None),
    ("42,1%", 42.1, "decimal comma"),
    ("35k patient views", 35000, "nearest thousand"),
    ("35k", 35000, "nearest thousand"),
    ("-", None, None),
    ("X", None, None),
    ("Х", None, None),  # Cyrillic Ha, as the PDF extraction prints the trend cell
    ("", None, None),
    (None, None, None),
])
def test_figure_rules(printed, value, note_contains):
    figure = parse_figure(printed)
    assert figure.value == (pytest.approx(value) if value is not None else None)
    if note_contains:
        assert note_contains in figure.note
    else:
        assert figure.note is None


@pytest.mark.parametrize("printed", ["12.2.1%", "1,23,4", "about 40%", "40% of adults", "†", "↓"])
def test_not_figures(printed):
    with pytest.raises(ValueError):
        parse_figure(printed)
