"""Objective tracker: breakthrough objectives and their quarterly RAG updates (kept in LYBL_STATE)."""
import streamlit as st

from lybl import state
from lybl.config import ROOT
from lybl.ics import ics
from ui import data, tables
from ui.filters import keep_in_url
from ui.objectives import history_and_form
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

NO_UPDATE = "— no update yet"
objectives = data.query("objectives").set_index("ref", drop=False)
examples = objectives[~objectives["system_name"].str.contains(ics().icb.short, regex=False)]  # another ICS's

st.title("Breakthrough objective tracker")
refs = list(objectives.index)
if not refs:
    st.info("No objectives are in the database yet.")
    st.stop()
for (system, period), rows in examples.groupby(["system_name", "period_label"], sort=False):
    seeds = ", ".join(sorted({ref.split("_")[0] for ref in rows["source_ref"]}))
    st.warning(f"**Example objectives from {system.split(' (')[0]}, {period} (seed {seeds}) — not "
               f"{ics().icb.short}'s.** They show how the tracker works until {ics().icb.short}'s own "
               "objectives are entered.", icon=":material/info:")

try:
    updates, readable = state.read_updates(), True
except state.StateFileError as error:
    st.error(f"{error}. Nothing has been changed: correct or remove that line by hand to see the "
             "history and add updates.")
    updates, readable = state.no_updates(), False
current = state.latest(updates)

table = objectives[["ref", "objective", "smart_measure", "lead", "partners"]].assign(
    status=objectives["ref"].map(current["rag"]).map(state.RAG_LABELS).astype(object).fillna(NO_UPDATE),
    quarter=objectives["ref"].map(current["quarter"]).astype(object).fillna("—"),
).fillna({"smart_measure": "none stated", "lead": "—", "partners": "—"})
tables.render(  # wraps long objectives instead of cutting them off; the full record of one is shown below
    [("Ref", "5%"), ("Objective", "31%"), ("SMART measure", "22%"), ("Lead", "12%"), ("Partners", "12%"),
     ("Latest status", "10%"), ("Quarter", "8%")],
    [[tables.text(r["ref"]), tables.text(r["objective"]), tables.small(r["smart_measure"]), tables.small(r["lead"]),
      tables.small(r["partners"]), tables.text(r["status"]), tables.small(r["quarter"])]
     for r in table.to_dict("records")])

wanted = st.query_params.get("objective", refs[0])
if wanted not in refs:
    st.warning(f"Unknown objective '{wanted}' in the link; showing {refs[0]}.")
    wanted = refs[0]
ref = st.selectbox("Objective", refs, index=refs.index(wanted),
                   format_func=lambda r: f"{r}  {objectives.loc[r, 'objective']}")
keep_in_url(objective=ref)
chosen = objectives.loc[ref].fillna("none stated")
st.markdown(f"#### {ref}. {chosen['objective']}")
st.markdown(f"**Strategic objective:** {chosen['strategic_objective']}  \n"
            f"**SMART measure:** {chosen['smart_measure']}  \n"
            f"**ICS priority:** {chosen['ics_priority']} · **Supporting programmes:** "
            f"{chosen['supporting_programmes']}  \n"
            f"**Lead:** {chosen['lead']} · **Partners:** {chosen['partners']}  \n"
            f":gray[{chosen['system_name']}, {chosen['period_label']} · source line {chosen['source_ref']}]")

history_and_form(ref, refs, updates, readable)

orphans = int((~updates["ref"].isin(refs)).sum())
provenance(definition="Breakthrough objectives with their SMART measure, lead and partners as the document gives "
                      "them; latest status is the last update recorded for the latest quarter.",
           period=f"{', '.join(objectives['period_label'].unique())} (objectives); quarters as entered (updates)",
           source="Mid-Nottinghamshire ICP breakthrough objectives 2020/21 (seed 004); updates entered here",
           date_of_data="objectives 2020/21; updates as recorded (UTC)", query="objectives")
path = state.updates_path()
shown_path = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
st.caption(f"**Updates** are stored in `{shown_path}` (set by `LYBL_STATE`), outside the database: appended, "
           "never edited or deleted, and kept through every rebuild."
           + (f" {orphans} update(s) there belong to objectives no longer in the database." if orphans else ""))
