"""Outcomes framework: one ambition's outcomes and metrics, with owners and latest figures."""
import streamlit as st

from ui import data
from ui.filters import current_place, keep_in_url
from ui.render import provenance

place = current_place()
ambitions = data.query("ambitions").set_index("ambition_id")
wanted = st.query_params.get("ambition", "1")
if not wanted.isdigit() or int(wanted) not in ambitions.index:
    st.warning(f"Unknown ambition '{wanted}' in the link; showing ambition 1.")
    wanted = "1"
number = st.selectbox("Ambition", list(ambitions.index), index=list(ambitions.index).index(int(wanted)),
                      format_func=lambda n: f"{n}. {ambitions.loc[n, 'name']}")
keep_in_url(ambition=str(number))
ambition = ambitions.loc[number]

st.title(f"{number}. {ambition['name']}")
st.markdown(f"**Owner:** {ambition['owner']} · {ambition['n_outcomes']} outcomes · "
            f"{ambition['n_metrics_with_data']} of {ambition['n_metrics']} metrics with data")

outcomes = data.query("ambition_outcomes", ambition=number)
st.subheader("Outcomes")
if outcomes.empty:
    st.info("The outcomes framework draft (seed 000) lists no outcomes for this ambition yet.")
for outcome in outcomes["outcome"]:
    st.markdown(f"- {outcome}")

st.subheader("Metrics")
metrics = data.query("ambition_metrics", ambition=number, area=place)
if metrics.empty:
    st.info("No metrics are listed for this ambition yet: a gap for the board to fill.")
else:
    shown = metrics.assign(value=metrics["value"].map(lambda v: "no data source yet" if v != v else f"{v:,.1f}"))
    shown = shown.fillna({"area_name": "—", "period_label": "—", "unit": "", "published_comparison": "—"})
    st.dataframe(
        shown[["metric", "owner", "area_name", "period_label", "value", "unit", "published_comparison",
               "framework", "source_ref"]],
        hide_index=True, width="stretch",
        column_config={"area_name": "Area", "period_label": "Period", "published_comparison": "Compared with England (document's words)",
                       "source_ref": "Source (file:line)"})
provenance(definition="Metrics of the ICP outcomes framework (seed 000) and the LYBL outcome scorecard (seed 003); "
                      "owner is the responsible programme where seed 003 names one, otherwise not yet agreed.",
           period="Latest published period per metric (column Period)", source="Seeds 000, 001 and 003",
           date_of_data="factsheets August 2022; scorecard last updates 2023-24 (see data sources)",
           query="ambition_metrics", params={"ambition": number, "area": place})
