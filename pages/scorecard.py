"""The outcome scorecard (seed 003): current against previous, the Places side by side, then the ICB."""
import streamlit as st

from lybl.ics import ics
from lybl.present.scorecard import outcome_table
from lybl.read.scorecard import scorecard_areas, sort_orders, sort_table, wide
from ui import data, palette, tables
from ui.filters import current_scope, keep_in_url
from ui.render import downloads, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_scope()
st.title(f"{ics().strategy} outcome scorecard")

values = data.query("scorecard_values", area=place)
table = data.view("scorecard_wide", place, lambda: wide(values, data.query("scorecard_metrics")))
if table.empty:
    st.info("No outcome scorecard is among the loaded documents.")
    st.stop()
areas = scorecard_areas(values)
orders = sort_orders(areas)
wanted = st.query_params.get("sort", "document order")
sort = st.columns([2, 3])[0].selectbox("Sort by", list(orders), index=list(orders).index(wanted) if wanted in orders
                                       else 0, help="The order is kept in the link.")
keep_in_url(sort=sort)
table = sort_table(table, orders[sort])
shown, said = data.view("scorecard_table", (place, sort, palette.current()), lambda: (
    outcome_table(table, areas, palette.colour, place),
    "\n".join(f"- {r[f'{a}|sentence']}" for r in table.to_dict("records") for a in areas if r[f"{a}|sentence"])))
tables.render(*shown)
with st.expander("The scorecard in words: one sentence per metric and area"):
    st.markdown(said)

export = table.drop(columns=[c for c in table.columns if c.split("|")[-1] in ("judgement", "badge", "was", "sentence")])
downloads(export, "lybl_outcome_scorecard", "LYBL outcome scorecard")

glyphs = sorted({g for c in table.filter(like="|printed").columns for g in table[c] if g})
provenance(
    definition="Latest figure, its change from the one before (▲ up, ▼ down, ▶ no change) and whether that is "
               "better or worse given which way is good; never read from the document's printed trend glyphs, "
               f"which are kept as text only ({' '.join(glyphs) or 'none'}).",
    period="Each figure's own period, beside it; the previous figure is the latest earlier one loaded",
    source=f"{data.document('seed003')} (seed 003), lines 106-119; earlier figures from the HWB factsheets "
           "(seed 001) where the scorecard prints none",
    date_of_data="scorecard last updates Oct 2023 to Jan 2024, as printed",
    query="scorecard_values", params={"area": place})
