"""North vs West: the Places against each other and England: compare indicators, the overview (tartan rug),
spine chart, trends and what changed since the last board. Every choice is kept in the link; every table
downloads. The views are drawn by ui/compare.py from lybl.read.compare and lybl.present.compare."""
import streamlit as st

from lybl.ics import ics
from lybl.read.compare import statuses, with_groups
from ui import compare, data
from ui.filters import keep_in_url
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

VIEWS = {"compare": "Compare indicators", "overview": "Overview (tartan rug)", "spine": "Spine chart",
         "trends": "Trends", "changes": "What changed"}

view = st.query_params.get("view", "compare")
view = view if view in VIEWS else "compare"
st.title(" vs ".join(p.short for p in ics().places[:2]))
chosen = st.segmented_control("View", list(VIEWS), format_func=VIEWS.get, default=view,
                              label_visibility="collapsed") or view
keep_in_url(view=chosen)

ambitions = data.query("ambitions").set_index("ambition_id")["name"].to_dict()
latest = data.view("compare_latest", (), lambda: with_groups(statuses(data.query("compare_latest")), ambitions))
names = latest.drop_duplicates("indicator_id").set_index("indicator_id")["indicator_name"].to_dict()
if latest.empty:
    st.info("No indicator has figures for these areas yet.")
    st.stop()

if chosen == "compare":
    shown, query, params = compare.compare(latest, names, ambitions)
elif chosen == "trends":
    shown, query, params = compare.trends(latest, names)
elif chosen == "changes":
    shown, query, params = compare.changes_view()
elif chosen == "spine":
    shown, query, params = compare.spine_view(latest, names, ambitions)
else:
    shown, query, params = compare.overview(latest, names, ambitions)

titles = (shown if "source_title" in shown else latest)["source_title"].dropna().unique()
areas = ", ".join(a.short for a in ics().headline)
provenance(
    definition=f"Latest figure of each indicator for {areas}. Compared with England by Fingertips' method (95% "
               "interval against England's value) where the figure has an interval, else in the document's words; "
               "the first Place against the second by the same method with the second's value as the comparator "
               "(docs/methods.md).",
    period="Each figure's own latest period, shown with it",
    source=("; ".join(sorted(titles)) + "; see each indicator's detail for its source line") if len(titles)
    else "see each indicator's detail",
    date_of_data="as each source states (Data sources page)",
    query=query, params=params)
