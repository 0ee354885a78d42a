"""The one colour table: every colour a page, chart, map or export draws comes from here.

- ``STATUS``: a status chip's (background, dark text?) in each palette the user can choose on /settings:
  Fingertips' own benchmark colours (default), or Okabe-Ito's colour-blind-safe set. Every status is also
  written as a word, so no reader depends on colour.
- ``BENCHMARK``: Fingertips' legend with its 95%/99.8% shades (for two-level benchmarks).
- ``SPC``: Making Data Count's point colours (common cause grey, improvement blue, concern orange).
- ``QUINTILES``: a sequential blue ramp for "by fifths" maps (no judgement of good: light to dark).
- ``ROLES``: a line's colour by the role of its area (the first and second Place, the ICB, England, the
  region, the former county); any other area takes the next of ``OTHERS``.
- NHS identity colours for text, borders and fills.
"""
from __future__ import annotations

TEXT, SECONDARY, BORDER, PALE, GREY = "#212b32", "#4c6272", "#d8dde0", "#e8edee", "#d8dde0"
BLUE, PINK, DARK_GREY, TARGET = "#005eb8", "#ae2573", "#425563", "#da291c"
MID_GREY, LINE_GREY, CHIP_GREY, WHITE = "#8a9aa3", "#aeb7bd", "#EEEEEE", "#ffffff"  # spine middle half, SPC line

STATUS = {
    "Fingertips": {"better": ("#92D050", True), "worse": ("#C00000", False), "no change": ("#D9D9D9", True),
                   "similar": ("#FFC000", True), "met": ("#92D050", True), "not met": ("#C00000", False),
                   "higher": ("#BED2FF", True), "lower": ("#5555E6", False), "": ("#EEEEEE", True)},
    # Okabe-Ito: blue for better, orange for worse, distinguishable in every common colour-vision type
    "colour-blind": {"better": ("#0072B2", False), "worse": ("#E69F00", True), "no change": ("#D9D9D9", True),
                     "similar": ("#BBBBBB", True), "met": ("#0072B2", False), "not met": ("#E69F00", True),
                     "higher": ("#CC79A7", True), "lower": ("#56B4E9", True), "": ("#EEEEEE", True)},
}
DEFAULT_PALETTE = "Fingertips"

#: Fingertips' benchmark colours (Fingertips legend: better, similar, worse; and the blue pair for
#: indicators with no judgement of good). Darker shades mark a 99.8% difference.
BENCHMARK = {
    "better": "#92D050", "similar": "#FFC000", "worse": "#C00000",
    "higher": "#BED2FF", "lower": "#5555E6",
    "better (99.8%)": "#00B050", "better (95%)": "#92D050",
    "worse (99.8%)": "#C00000", "worse (95%)": "#FF8080",
    "higher (99.8%)": "#8CB4FF", "higher (95%)": "#BED2FF",
    "lower (99.8%)": "#3333B3", "lower (95%)": "#5555E6",
    "not compared": "#C9C9C9",
}

SPC = {"common_cause": "#7B7D7D", "improvement": "#289DE0", "concern": "#FAB428", "neither": "#490092"}

QUINTILES = ["#f1eef6", "#bdc9e1", "#74a9cf", "#2b8cbe", "#045a8d"]

ROLES = {"place_1": BLUE, "place_2": PINK, "icb": "#007f3b", "england": "#768692", "former_county": "#ed8b00",
         "region": "#330072"}
OTHERS = ["#ed8b00", "#00a499", "#7c2855", "#41b6e6", "#8a1538", "#ffb81c", "#330072", DARK_GREY]


def status(name: str, palette: str = DEFAULT_PALETTE) -> tuple[str, bool]:
    """(background, dark text?) of a status chip in ``palette``; pale grey for an unknown status."""
    chosen = STATUS.get(palette, STATUS[DEFAULT_PALETTE])
    return chosen.get(name, chosen[""])


def benchmark(label: str) -> str:
    """The Fingertips colour of a benchmark label; grey for any 'not compared: ...' label."""
    return BENCHMARK.get(label, BENCHMARK["not compared"])
