"""Board pack: the views chosen on any page (sidebar: "Add this view"), named, saved, presented and exported."""
from datetime import date

import pandas as pd
import streamlit as st

from lybl import packs
from lybl.ics import ics
from lybl.errors import LyblError
from lybl.state import InvalidUpdate
from ui import auth, present
from ui.frame import framed
from ui.render import pack_downloads, provenance

framed()  # first line of every page: see ui/frame.py

st.title("Board pack")
saved = packs.saved_packs()
names = {p["slug"]: f"{p['name']} ({p['views']} views, saved by {p['saved_by']} on {p['saved_at'][:10]})"
         for p in saved}
if saved:
    left, load, show = st.columns([4, 1, 1], vertical_alignment="bottom")
    wanted = st.query_params.get("pack")
    chosen = left.selectbox("Saved packs", list(names), format_func=names.get,
                            index=list(names).index(wanted) if wanted in names else 0)
    if load.button("Open to edit", width="stretch"):
        pack = packs.load_pack(chosen)
        st.session_state[present.DRAFT] = list(pack["views"])
        st.session_state["pack_name"] = pack["name"]
    if show.button("Present", type="primary", width="stretch", key="present_saved"):
        present.go(packs.load_pack(chosen)["views"], chosen, 1, present.page_files())

st.subheader("This session's pack", anchor=False)
views = present.draft()
with st.form("add_link", clear_on_submit=True, border=False):
    pasted, add = st.columns([5, 1], vertical_alignment="bottom")
    link = pasted.text_input("Add a view by its link", placeholder="https://…/compare?view=spine&place=…")
    if add.form_submit_button("Add", width="stretch") and link.strip():
        try:
            views.append(present.view_of_link(link))
        except LyblError as e:
            st.error(str(e))
if not views:
    st.info("The pack is empty. On any page, set its filters and press **Add this view to the board pack** in "
            "the sidebar; then name the pack here, save it, present it or export it (PowerPoint, PDF).")
    st.stop()
table = pd.DataFrame({"Order": range(1, len(views) + 1), "Title": [v["title"] for v in views],
                      "Link": [packs.link(v) for v in views]})
edited = st.data_editor(table, hide_index=True, width="stretch", num_rows="delete", key="pack_editor",
                        column_config={"Order": st.column_config.NumberColumn(width="small", min_value=1, step=1),
                                       "Link": st.column_config.TextColumn(disabled=True)})
order = edited.sort_values("Order", kind="stable")  # the editor keeps its edits against the session's draft
views = [dict(views[i], title=t) for i, t in zip(order.index, order["Title"])]
default = st.session_state.get("pack_name") or f"HWB {(ics().last_board() or date.today()).isoformat()}"
name = st.text_input("Pack name", default, max_chars=packs.MAX_NAME, help="For example, the meeting and its date")

present_now, clear = st.columns([1, 1])
if present_now.button("Present this pack", type="primary", icon=":material/slideshow:", width="stretch"):
    st.session_state[present.DRAFT] = views  # the edits become the draft, and the editor starts afresh
    st.session_state.pop("pack_editor", None)
    present.go(views, "draft", 1, present.page_files())
if clear.button("Empty the pack", width="stretch"):
    st.session_state[present.DRAFT] = []
    st.rerun()
pack_downloads(name, views)

if who := auth.editor("save a board pack"):
    if st.button("Save the pack", icon=":material/save:"):
        try:
            packs.save_pack(name, views, who)
            st.success(f"Saved “{name}”: it is in the list of saved packs, for anyone to present.")
        except InvalidUpdate as e:
            st.error(" ".join(e.problems.values()))
provenance(
    definition="Each view is a page with the filters its link holds. A slide holds the view's chart, its key table "
               "(7 rows; the rest behind the link), one summary sentence (also the chart's text alternative) and "
               "a footer with source, period and date of data. Pages without a slide of their own are listed by "
               "their link.",
    source="the pages' own named queries (each slide's footer names its source)",
    date_of_data="as each view states")
