"""Live Your Best Life outcome scorecard (seed 003): current against previous, North and West side by side."""
import streamlit as st

from lybl.read.scorecard import wide
from ui import data, palette, tables
from ui.filters import current_scope, keep_in_url
from ui.render import downloads, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

SHORT = {"E06000061": "North", "E06000062": "West", "E54000059": "Northamptonshire"}
place = current_scope()
st.title("Live Your Best Life outcome scorecard")

values = data.query("scorecard_values", area=place)
metrics = data.query("scorecard_metrics")
table = wide(values, metrics)
areas = values.drop_duplicates("area_code").assign(county=lambda d: d["area_code"] == "E54000059")
areas = list(areas.sort_values(["county", "area_sort"])["area_code"])  # the Places side by side, then the county

SORTS = {"document order": None, "responsible programme": "owner"}
SORTS |= {f"{SHORT.get(a, a)}: worse first": a for a in areas}
wanted = st.query_params.get("sort", "document order")
sort = st.columns([2, 3])[0].selectbox("Sort by", list(SORTS), index=list(SORTS).index(wanted) if wanted in SORTS else 0,
                    help="The order is kept in the link.")
keep_in_url(sort=sort)
key = SORTS[sort]
if key == "owner":
    table = table.sort_values(["owner", "metric_id"], kind="stable")
elif key:
    rank = table[f"{key}|judgement"].map({"worse": 0, "no change": 1, "better": 2}).fillna(3)
    table = table.assign(_rank=rank).sort_values(["_rank", "metric_id"], kind="stable")

headers = [("Metric and responsible programme", "34%")]
headers += [(f"{SHORT.get(a, a)}", f"{58 // len(areas)}%") for a in areas] + [("", "6%")]
rows = []
for r in table.to_dict("records"):
    good = {"High": "high is good", "Low": "low is good"}.get(r["good_is"], "which way is good: not stated")
    first = tables.text(r["metric"]) + tables.small(f"{r['owner']} · {good}")
    if not any(r[f"{a}|now"] for a in areas):
        first += tables.small("no data yet")
    cells = [first]
    for a in areas:
        if not r[f"{a}|now"]:
            cells.append(tables.small("—"))
            continue
        judgement = r[f"{a}|judgement"]
        badge = tables.chip(r[f"{a}|badge"], *palette.colour(judgement)) if r[f"{a}|badge"] else ""
        cells.append(tables.big(r[f"{a}|now"]) + " " + badge + tables.small(r[f"{a}|was"]))
    cells.append(tables.link("Detail →", f"/indicator?indicator={r['indicator_id']}&place={place}")
                 if isinstance(r["indicator_id"], str) else "")
    rows.append(cells)
tables.render(headers, rows)

export = table.drop(columns=[c for c in table.columns if c.split("|")[-1] in ("judgement", "badge", "was")
                            or c == "_rank"])
downloads(export, "lybl_outcome_scorecard", "LYBL outcome scorecard")

glyphs = sorted({g for c in table.filter(like="|printed").columns for g in table[c] if g})
provenance(
    definition="Latest figure, its change from the one before (▲ up, ▼ down, ▶ no change) and whether that is "
               "better or worse given which way is good; never read from the document's printed trend glyphs, "
               f"which are kept as text only ({' '.join(glyphs) or 'none'}).",
    period="Each figure's own period, beside it; the previous figure is the latest earlier one loaded",
    source="NHS Northamptonshire ICB Joint Forward Plan update 2024-2029 (seed 003), lines 106-119; earlier "
           "figures from the HWB factsheets (seed 001) where the scorecard prints none",
    date_of_data="scorecard last updates Oct 2023 to Jan 2024, as printed",
    query="scorecard_values", params={"area": place})
