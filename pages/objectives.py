"""Objective tracker: breakthrough objectives and their quarterly RAG updates (kept in LYBL_STATE)."""
import re
from datetime import datetime, timezone

import pandas as pd
import streamlit as st

from lybl import state
from lybl.config import ROOT
from ui import auth, data, tables
from ui.filters import keep_in_url
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

NO_UPDATE = "— no update yet"
NBSP = "\u00a0"  # quarter and status in the history never wrap


def plain(text: str) -> str:
    """What someone typed, shown as typed: Markdown characters escaped."""
    return re.sub(r"([\\`*_\[\]$~<>|#])", r"\\\1", text)


objectives = data.query("objectives").set_index("ref", drop=False)
examples = objectives[~objectives["system_name"].str.contains("Northamptonshire")]

st.title("Breakthrough objective tracker")
for (system, period), rows in examples.groupby(["system_name", "period_label"], sort=False):
    seeds = ", ".join(sorted({ref.split("_")[0] for ref in rows["source_ref"]}))
    st.warning(f"**Example objectives from {system.split(' (')[0]}, {period} (seed {seeds}) — not "
               "Northamptonshire's.** They show how the tracker works until Northamptonshire's own "
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

refs = list(objectives.index)
if not refs:
    st.info("No objectives are in the database yet.")
    st.stop()
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

# A saved update clears the status and narrative (not the name) before the form is drawn again.
saved = st.session_state.pop("objective_update_saved", None)
if saved:
    for key in ("update_rag", "update_narrative"):
        st.session_state.pop(key, None)
    st.success(f"Update saved for {saved['ref']}: {saved['quarter']}, {state.RAG_LABELS[saved['rag']]}, by "
               f"{plain(saved['entered_by'])} at {saved['recorded_at'][:16].replace('T', ' ')} UTC.")

st.markdown("**Update history** (newest first; updates are never edited: a correction is a new update)")
mine = state.history(updates[updates["ref"] == ref])
if mine.empty:
    st.info(f"No quarterly updates for {ref} yet: the source document records none.")
else:  # a static table, so every narrative is shown whole, as typed
    st.table(pd.DataFrame({"Quarter": mine["quarter"].str.replace(" ", NBSP),
                           "Status": mine["rag"].map(state.RAG_LABELS).str.replace(" ", NBSP),
                           "Narrative": mine["narrative"].map(plain), "By": mine["entered_by"].map(plain),
                           "Recorded at (UTC)": mine["recorded_at"].str[:16].str.replace("T", " ")}),
             hide_index=True, border="horizontal")

if not readable:
    st.info("Updates cannot be added until the update log can be read (see the error above).")
elif who := auth.editor("add an update"):
    with st.form("objective_update"):
        st.markdown(f"**Add a quarterly update to {ref}**")
        when, status = st.columns([1, 3])
        quarter = when.text_input("Quarter", value=state.quarter_of(datetime.now(timezone.utc).date()),
                                  key="update_quarter", max_chars=10,
                                  help="Financial year and quarter, e.g. 2024/25 Q3 (Q1 is April to June).")
        rag = status.radio("Status", state.RAG, index=None, format_func=state.RAG_LABELS.get, horizontal=True,
                           key="update_rag", help="Red, Amber or Green for progress this quarter; Complete when "
                                                  "the objective has been achieved.")
        narrative = st.text_area("Narrative", key="update_narrative", max_chars=state.MAX_NARRATIVE, height=100,
                                 placeholder="What happened this quarter, and what happens next")
        submitted = st.form_submit_button("Add update", key="update_submit", type="primary")
    if submitted:
        try:
            record = state.append_update(ref, quarter, rag, narrative, who, known_refs=refs)
        except state.InvalidUpdate as error:
            st.error("Not saved:\n" + "\n".join(f"- {plain(problem)}" for problem in error.problems.values()))
        except state.StateFileError as error:
            st.error(plain(str(error)))
        else:
            st.session_state["objective_update_saved"] = record
            st.rerun()

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
