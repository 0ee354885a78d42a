"""Data sources: the releases of uploaded figures (revert for an editor), each open-data release and whether
it is current, imports and their agreement with Fingertips, and every file the build loaded, with rows,
periods, provenance, licence and build time."""
from datetime import date

import streamlit as st

from ui import data, releases
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

st.title("Data sources")
info = data.query("build_info").set_index("key")["value"]
st.markdown(f"Database built **{info.get('built_at', '?')}** from `data/` and the open data in "
            f"`{info.get('open_data', '?')}`.")
if info.get("skipped"):
    st.warning(f"Skipped in this build: {info['skipped']}")

releases.render()

st.subheader("Open data: releases and freshness")
today = date.today()
sources = data.freshness("sources", today=today)
stale = sources[sources["is_stale"]]
unannounced = int(sources["is_unannounced"].sum())
later = (f" For {unannounced} files published again from time to time, no next release has been announced: "
         "check their publishers' pages." if unannounced else "")
if stale.empty:
    st.success(f"No open-data source is past its next expected release on {today:%d %B %Y}.{later}")
else:
    st.warning(f"{len(stale)} of {len(sources)} open-data files are past their next expected release: " + "; ".join(
        f"**{p}**, due {d:%d %b %Y} (to refresh: {r})" for p, d, r in
        zip(stale["product"], stale["next_release"], stale["refresh"])) + ". Then `make run` rebuilds; give the "
        "new release's dates in data/extract_sources.csv." + later)
st.dataframe(
    sources.assign(status=[("Stale" if s else "Not announced" if u else "Current")
                           for s, u in zip(sources["is_stale"], sources["is_unannounced"])]),
    hide_index=True, width="stretch",
    column_order=["status", "publisher", "product", "release_date", "date_of_data", "release_cycle", "next_release",
                  "refresh", "rows", "licence", "attribution", "url", "file", "sha256"],
    column_config={"status": "Status", "publisher": "Publisher", "product": "Product", "release_date": "Released",
                   "date_of_data": "Date of data", "release_cycle": "Cycle", "next_release": "Next release",
                   "refresh": "How to refresh", "rows": "Rows kept", "licence": "Licence",
                   "attribution": st.column_config.TextColumn("Attribution", width="large"),
                   "url": st.column_config.LinkColumn("Publisher's page"), "file": "Publisher file",
                   "sha256": "sha256 of the extract"})
st.caption("The extracts are committed in `data/extracts` (manifest.csv): exactly the rows and columns the "
           "build reads, cut from the publishers' files by `python -m lybl extract`.")

summary, disagree = data.freshness("fingertips_agreement")
if summary["imported"]:
    st.subheader("Fingertips imports: our comparisons against Fingertips'")
    st.markdown(f"Of **{summary['imported']:,}** imported figures, Fingertips compared **{summary['compared']:,}** "
                f"with England; our recomputed comparison says the same for **{summary['agree']:,}**"
                + (" (all of them)." if summary["agree"] == summary["compared"] else ". Those that differ:"))
    if not disagree.empty:
        st.dataframe(disagree, hide_index=True, width="stretch")

st.subheader("Files loaded")
st.markdown(
    f"**Small numbers**: {info.get('disclosure', 'not applied')}; a withheld figure says why in its place. "
    "**Intervals** (Wilson, Byar, Dobson), **comparisons** with England, **recent trends** and **SPC** follow "
    "OHID Fingertips and NHS England's Making Data Count: every method, formula and reference is in "
    "`docs/methods.md`.")
files = data.query("data_sources").fillna({"periods": "—"})
st.dataframe(
    files, hide_index=True, width="stretch",
    column_config={"file": "File", "table_name": "Loaded into", "rows": "Rows", "periods": "Periods covered",
                   "title": "Document", "published": "Published", "licence": "Licence",
                   "provenance": st.column_config.TextColumn("Provenance", width="large"),
                   "is_synthetic": "Synthetic"})
st.caption("No figure here is synthetic." if not files["is_synthetic"].any()
           else "Rows marked synthetic are labelled on every page.")
st.caption("Query: `queries/open_data_sources.sql` ($today) · `queries/fingertips_agreement.sql` · "
           "`queries/data_sources.sql` · `queries/build_info.sql`")
