"""Data sources: every file the build loaded, with rows, periods, provenance, licence and build time."""
import streamlit as st

from ui import data

st.title("Data sources")
info = data.query("build_info").set_index("key")["value"]
st.markdown(f"Database built **{info.get('built_at', '?')}** · open data: `{info.get('open_data', '?')}`")
if info.get("skipped"):
    st.warning(f"Skipped in this build: {info['skipped']}")

st.markdown(
    f"**Small numbers**: {info.get('disclosure', 'not applied')}; a withheld figure says why in its place. "
    "**Intervals** (Wilson, Byar, Dobson), **comparisons** with England, **recent trends** and **SPC** follow "
    "OHID Fingertips and NHS England's Making Data Count: every method, formula and reference is in "
    "`docs/methods.md`.")

sources = data.query("data_sources").fillna({"periods": "—"})
synthetic = sources["is_synthetic"].any()
st.dataframe(
    sources, hide_index=True, width="stretch",
    column_config={"file": "File", "table_name": "Loaded into", "rows": "Rows", "periods": "Periods covered",
                   "title": "Document", "published": "Published", "licence": "Licence",
                   "provenance": st.column_config.TextColumn("Provenance", width="large"),
                   "is_synthetic": "Synthetic"})
st.caption("No figure here is synthetic." if not synthetic else "Rows marked synthetic are labelled on every page.")
st.caption("Query: `queries/data_sources.sql` (no parameters) · `queries/build_info.sql`")
