"""The objective tracker's update history and update form (pages/objectives.py draws them)."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pandas as pd
import streamlit as st

from lybl import state
from ui import auth

NBSP = "\u00a0"  # quarter and status in the history never wrap


def plain(text: str) -> str:
    """What someone typed, shown as typed: Markdown characters escaped."""
    return re.sub(r"([\\`*_\[\]$~<>|#])", r"\\\1", text)


def history_and_form(ref: str, refs: list[str], updates: pd.DataFrame, readable: bool) -> None:
    """The update history of ``ref``, newest first, and for a signed-in editor the form that appends one."""
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
