"""Outcomes framework: one ambition's outcomes and metrics, with owners and latest figures."""
import streamlit as st

from lybl.present.outcomes import golden_thread_table, indicator_table, metric_table
from ui import data, tables
from ui.filters import current_scope, keep_in_url
from ui.render import provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_scope()
ambitions = data.query("ambitions").set_index("ambition_id")
if ambitions.empty:
    st.info("No outcomes framework is among the loaded documents: there are no ambitions to show.")
    st.stop()
wanted = st.query_params.get("ambition", "1")
if not wanted.isdigit() or int(wanted) not in ambitions.index:
    st.warning(f"Unknown ambition '{wanted}' in the link; showing ambition 1.")
    wanted = "1"
pick_ambition, pick_owner = st.columns([3, 2])
number = pick_ambition.selectbox("Ambition", list(ambitions.index), index=list(ambitions.index).index(int(wanted)),
                      format_func=lambda n: f"{n}. {ambitions.loc[n, 'name']}")
keep_in_url(ambition=str(number))
ambition = ambitions.loc[number]

st.title(f"{number}. {ambition['name']}")
coverage = (f"{ambition['n_metrics_with_data']} of {ambition['n_metrics']} metrics with data "
            f"({ambition['n_metrics_with_data'] / ambition['n_metrics']:.0%} coverage)" if ambition["n_metrics"]
            else "no metrics listed yet")
st.markdown(f"**Ambition owner:** {ambition['owner']} · {ambition['n_outcomes']} outcomes · {coverage}")

outcomes = data.query("ambition_outcomes", ambition=number)
if outcomes.empty:
    st.markdown("**Outcomes:** the outcomes framework draft (seed 000) lists none for this ambition yet.")
else:
    st.markdown("**Outcomes:** " + " · ".join(outcomes["outcome"]))

st.subheader("Metrics", anchor=False)
metrics = data.query("ambition_metrics", ambition=number, area=place)
owners = sorted(metrics["owner"].dropna().unique())
chosen = st.query_params.get_all("owner")
chosen = pick_owner.multiselect("Owner", owners, default=[o for o in chosen if o in owners], placeholder="All owners",
                        help="Filter the metrics by their owner; kept in the link.")
keep_in_url(owner=chosen or None)
metrics = metrics[metrics["owner"].isin(chosen)] if chosen else metrics
if metrics.empty:
    st.info("No metrics are listed for this ambition yet: a gap for the board to fill.")
else:
    tables.render(*data.view("metric_table", (number, place, tuple(chosen)), lambda: metric_table(metrics, place)))

st.subheader("Indicators compared with England", anchor=False)
related = data.query("ambition_latest_values", area=place)
related = related[related["ambition_id"] == number]
if related.empty:
    st.markdown("No indicator is linked to this ambition yet.")
else:
    st.markdown("The indicators Home counts for this ambition: each area's latest figure and the document's own "
                "comparison with England (links by framework metric, or by the editorial mapping "
                "`data/indicator_ambition.csv`).")
    tables.render(*data.view("indicator_table", (number, place), lambda: indicator_table(related, place)))

st.subheader("Golden thread", anchor=False)
thread = data.query("golden_thread")
mine = thread[thread["ambition_id"] == number]
st.markdown("How an operational measure serves an ambition, as in the iCAN example outcomes scorecard "
            "(seed 002): read left to right to go up from the \"I\" statement to the population outcome, "
            "right to left to go down. " + (f"**{len(mine)} of its {len(thread)} threads serve this ambition**; "
                                            "the others are shown for the whole chain." if len(mine) else
                                            "**None of its threads names this ambition**; all are shown."))
tables.render(*data.view("golden_thread_table", number, lambda: golden_thread_table(thread, number)))

provenance(definition="Metrics of the ICP outcomes framework (seed 000) and the LYBL outcome scorecard (seed 003); "
                      "owner is the responsible programme where seed 003 names one, otherwise not yet agreed.",
           period="Latest published period per metric (column Period)", source="Seeds 000, 001 and 003",
           date_of_data="factsheets August 2022; scorecard last updates 2023-24 (see data sources)",
           query="ambition_metrics", params={"ambition": number, "area": place})
st.caption(f"Golden thread: `queries/golden_thread.sql`, {data.document('seed002')} (seed 002), lines "
           + ", ".join(r.split(":")[-1] for r in thread["source_ref"]))
