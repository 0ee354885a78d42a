"""The Data page's list of releases of uploaded figures, with Revert for a signed-in editor."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lybl.build import releases
from ui import auth
from ui.render import template_download


def render() -> None:
    st.subheader("Uploaded figures: releases")
    listed = releases.releases()
    done = st.session_state.pop("revert_done", None)
    if done:
        st.success(f"Release {done['release']} ({done['file']}) reverted by {done['reverted_by']}: its figures are "
                   "gone and those it replaced are shown again.", icon=":material/undo:")
    if not listed:
        st.markdown("No figures have been uploaded yet: the scorecards show the documents' figures. Analysts load "
                    "each quarter's figures on the [Upload page](/upload).")
    else:
        table = pd.DataFrame([{
            "Release": r["release"], "Status": (f"reverted by {r['reverted_by']}, "
                                                f"{r['reverted_at'][:16].replace('T', ' ')}"
                                                if r.get("reverted_at") else "active"),
            "Loaded (UTC)": r["at"][:16].replace("T", " "), "By": r["by"], "File": r["file"], "New": r["new"],
            "Revised": r["revised"], "Unchanged": r["unchanged"], "New indicators": r["indicators"],
            "sha256": r["sha256"][:16]} for r in reversed(listed)])
        st.dataframe(table, hide_index=True, width="stretch")
        st.caption("Every figure a release brought names it as its source (release N: file, sheet, row) on "
                   "Indicator detail, which also lists the figures it replaced. Releases are kept in "
                   f"`{releases.store()}` (`LYBL_STATE`), outside the database: every rebuild applies them again.")
    template_download("data")
    current = [r for r in listed if not r.get("reverted_at")]
    if not current:
        return
    who = auth.editor("revert a release")
    if not who:
        return
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    labels = {r["release"]: f"Release {r['release']}: {r['file']} ({r['by']})" for r in reversed(current)}
    number = left.selectbox("Release to revert", list(labels), format_func=labels.get)
    with right.popover("Revert…", icon=":material/undo:", width="stretch"):
        st.markdown(f"Revert release {number}? Its figures go from every page and the figures it replaced come "
                    "back. The release stays on record, and its file can be loaded again later.")
        if st.button(f"Revert release {number}", type="primary", key="revert_confirm"):
            with st.spinner(f"Reverting release {number} and rebuilding the database (about 15 seconds)…"):
                st.session_state["revert_done"] = releases.revert(number, who, log=lambda line: None)
            st.rerun()
