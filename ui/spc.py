"""The Making Data Count part of /interventions: the summary table of every monthly series (variation and
assurance icons, latest value, target, one sentence; clicking a row opens its chart), then that series' SPC
chart with its events, its target trajectory and a rebasing date; editors add notes (lybl.notes)."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from lybl import notes
from lybl.present import numbers
from lybl.present.interventions import spc_view
from lybl.present.mdc_icons import assurance_icon, data_uri, variation_icon
from lybl.read import spc
from lybl.state import InvalidUpdate
from ui import auth, data
from ui.filters import keep_in_url
from ui.render import chart, file_stem


def summary_rows(targets: dict[str, float]) -> pd.DataFrame:
    """queries/spc_series.sql, each series read by lybl.read.spc.summary (cached by database build and targets)."""
    return data.view("spc_summary", tuple(sorted(targets.items())), lambda: spc.summary(
        data.query("spc_series"), lambda i, a: data.query("monthly_series", indicator=i, area=a), targets))


def summary_table(rows: pd.DataFrame) -> str:
    """Draw the summary table; return the chosen series' key (a clicked row, else the link's, else the first)."""
    keys = spc.keys(rows)
    shown = pd.DataFrame({
        "Measure": rows["measure"], "Area": rows["area"],
        "Latest": [f"{numbers.with_unit(v, u)} ({m})" for v, u, m in zip(rows["latest"], rows["unit"],
                                                                         rows["latest_label"])],
        "Target": [numbers.with_unit(t, u) if pd.notna(t) else "none" for t, u in
                   zip(rows["target"], rows["unit"])],
        "Variation": [data_uri(variation_icon(v)) for v in rows["variation"]],
        "Assurance": [data_uri(assurance_icon(a)) for a in rows["assurance"]]})
    event = st.dataframe(shown, hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row",
                         key="mdc_table", row_height=48, column_config={
                             "Measure": st.column_config.TextColumn(width=180),
                             "Area": st.column_config.TextColumn(width=230),
                             "Latest": st.column_config.TextColumn(width=115),
                             "Target": st.column_config.TextColumn(width=60),
                             "Variation": st.column_config.ImageColumn("Variation", width=72),
                             "Assurance": st.column_config.ImageColumn("Assurance", width=82)})
    picked = event.selection.rows
    wanted = st.query_params.get("series")
    if picked and keys[picked[0]] != st.session_state.get("mdc_picked"):
        st.session_state["mdc_picked"] = keys[picked[0]]
        st.session_state["spc_series"] = keys[picked[0]]
    elif "spc_series" not in st.session_state:
        st.session_state["spc_series"] = wanted if wanted in keys else keys[0]
    labels = {k: f"{m}: {a}" for k, m, a in zip(keys, rows["measure"], rows["area"])}
    chosen = st.columns([2, 3])[0].selectbox("Chart", keys, format_func=labels.get, key="spc_series",
                                             help="Or click a row of the table")
    keep_in_url(series=chosen)
    return chosen


def series_view(row: dict, monthly: pd.DataFrame) -> None:
    """The chosen series' SPC chart: rebasing, its notes, the chart with its sentence, and the editors' form."""
    months = monthly["period_end"].dt.strftime("%Y-%m").tolist()
    labels = dict(zip(months, monthly["period_label"]))
    wanted = st.query_params.get("rebase")
    rebase = st.columns([2, 3])[0].selectbox(
        "Recalculate the limits from", [None, *months[1:]], format_func=lambda m: "documented changes only"
        if m is None else labels[m], index=([None, *months[1:]].index(wanted) if wanted in months[1:] else 0),
        help="Making Data Count rebasing: new limits from a month when the process is known to have changed")
    keep_in_url(rebase=rebase)
    found = notes.read_notes(row["indicator_id"], row["area_code"])
    points, figure, sentence = data.view("spc_view", (row["indicator_id"], row["area_code"], rebase,
                                                      notes.version()), lambda: spc_view(row, monthly, found, rebase))
    chart(figure, file_stem("spc", row["indicator_id"], row["area_code"], rebase), sentence, key="spc_chart")
    for b in points[points["phase"].diff().fillna(0) > 0].itertuples():
        st.caption(f"Limits recalculated from {b.period_label}: {b.break_note if isinstance(b.break_note, str) else 'chosen above (rebasing)'}")
    with st.expander(f"Notes on this chart ({len(found)}): events and target trajectory"):
        for n in found.itertuples():
            what = n.label if n.kind == "event" else f"trajectory {numbers.with_unit(n.value, row['unit'])}"
            st.markdown(f"- {n.date:%b %Y}: {what} ({n.entered_by}, {n.recorded_at[:10]})")
        if who := auth.editor("annotate a chart"):
            _note_form(row, who)
            if len(found):
                _withdraw(row, found, who)


def _note_form(row: dict, who: str) -> None:
    with st.form("spc_note", clear_on_submit=True):
        kind = st.radio("Note", notes.KINDS, horizontal=True, format_func={"event": "Event (a label on a date)",
                        "trajectory": "Target trajectory point (the value planned for a month)"}.get)
        day = st.date_input("Date", value=date.today(), format="YYYY-MM-DD")
        label = st.text_input("Label (events)", max_chars=notes.MAX_LABEL)
        value = st.number_input("Planned value (trajectory points)", value=None, step=0.1)
        if st.form_submit_button("Add note", type="primary"):
            try:
                notes.append_note(kind, row["indicator_id"], row["area_code"], day, who, label, value)
                st.rerun()
            except InvalidUpdate as e:
                st.error(" ".join(e.problems.values()))


def _withdraw(row: dict, found: pd.DataFrame, who: str) -> None:
    """Withdraw a note: appended again, marked withdrawn (the log keeps both lines)."""
    options = list(range(len(found)))
    left, right = st.columns([4, 1], vertical_alignment="bottom")
    pick = left.selectbox("Withdraw a note", options, format_func=lambda i: f"{found['date'].iloc[i]:%d %b %Y}: "
                          + (found["label"].iloc[i] or f"trajectory {found['value'].iloc[i]}"))
    if right.button("Withdraw", width="stretch"):
        n = found.iloc[pick]
        notes.append_note(n["kind"], row["indicator_id"], row["area_code"], n["date"].date(), who, n["label"],
                          n["value"], withdrawn=True)
        st.rerun()
