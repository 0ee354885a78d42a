"""Indicator detail: definition, figures over time with 95% intervals and England, one plain sentence, data."""
import pandas as pd
import streamlit as st

from lybl.present.charts import dots, over_time
from lybl.read.indicator import latest_rows, sentence
from lybl.build import releases
from lybl.periods import display_period
from ui import data
from ui.filters import current_scope, keep_in_url
from ui.render import downloads, provenance
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

place = current_scope()
options = data.query("indicator_options").set_index("indicator_id")["name"].to_dict()
wanted = st.query_params.get("indicator")
if wanted not in options:
    if wanted:
        st.warning(f"Unknown indicator '{wanted}' in the link; showing the first one.")
    wanted = next(iter(options))
indicator = st.columns([3, 2])[0].selectbox("Indicator", list(options), index=list(options).index(wanted),
                                          format_func=options.get)
keep_in_url(indicator=indicator)

meta = data.query("indicator_meta", indicator=indicator).iloc[0]
series = data.query("indicator_series", indicator=indicator, area=place)
assessed = data.query("indicator_assessment", indicator=indicator, area=place).set_index("area_code")
st.header(meta["name"])

GOOD = {"high_is_good": "higher is better", "low_is_good": "lower is better", "no_judgement": "no judgement of good"}
latest = latest_rows(series).sort_values("area_sort")
for row in latest[latest["area_code"].isin(assessed.index)].itertuples():
    a = assessed.loc[row.area_code]
    st.markdown("**" + sentence(row.area_name, a["benchmark"], a["trend"], row.published_comparison) + "**")
if latest[latest["area_code"] != "E92000001"].empty:
    st.markdown("**No figure for this Place or for Northamptonshire yet.**")
elif place != "E54000059" and place not in set(latest["area_code"]):
    st.markdown("Reported for Northamptonshire as a whole, not for this Place: the county's figure is shown.")

title = f"{meta['unit'] or meta['value_type']} · bars: 95% intervals where known · dashed: England"
draw = over_time if series["period_end"].nunique() > 1 else dots
chart = draw(series, title, meta["unit"])
st.plotly_chart(chart, config={"displayModeBar": False})


def number(v, digits: int = 1) -> str:
    return "" if v != v or v is None else f"{v:,.{digits}f}"


ordered = series.assign(england=series["area_code"] == "E92000001").sort_values(
    ["england", "area_sort", "period_end"], ascending=[True, True, False])
table = pd.DataFrame({
    "Area": ordered["area_name"],
    "Period": [display_period(p, e) for p, e in zip(ordered["period_label"], ordered["period_end"])],
    "Value": ["suppressed" if sup else "no data" if v != v else number(v, 2 if abs(v) < 100 else 1)
              for v, sup in zip(ordered["value"], ordered["is_suppressed"])],
    "95% interval": [f"{number(lo, 2)} to {number(up, 2)}" if lo == lo and up == up else ""
                     for lo, up in zip(ordered["lci95"], ordered["uci95"])],
    "Count": [number(c, 0) for c in ordered["count"]],
    "Denominator": [number(d, 0) for d in ordered["denominator"]],
    "Compared with England (document)": ordered["published_comparison"].fillna(""),
    "Source": ordered["source_title"].fillna("") + " · " + ordered["source_ref"].fillna(""),
    "Note": ordered["value_note"].fillna(""),
})
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"Source": st.column_config.TextColumn(width="large")})
export = ordered[["area_code", "area_name", "period", "period_label", "value", "lci95", "uci95", "count",
                  "denominator", "is_suppressed", "published_comparison", "value_note", "source_title", "source_ref"]]
downloads(export, indicator, indicator)
revisions = data.query("figure_revisions", indicator=indicator)
if not revisions.empty:
    with st.expander(f"History of uploaded and revised figures ({len(revisions)} versions)"):
        st.dataframe(revisions.assign(shown=revisions["shown"].map({True: "shown", False: "replaced"})),
                     hide_index=True, width="stretch",
                     column_config={"area_name": "Area", "period_label": "Period", "sex": "Sex", "age": "Age",
                                    "value": "Value", "shown": "Status", "source_title": "Source",
                                    "publisher": "Published or loaded by", "published": "On",
                                    "source_ref": st.column_config.TextColumn("Where", width="large")})

periods = series.sort_values("period_end", kind="stable")["period_label"]
uploaded = sorted(set(series.loc[series["source_id"].str.startswith(releases.SOURCE_PREFIX), "source_title"]))
provenance(
    definition=f"{meta['definition']} Polarity: {GOOD.get(meta['polarity'], meta['polarity'])}. Comparison with "
               "England by Fingertips' method where the figure has an interval, else the document's own words; "
               "recent trend by Fingertips' test (docs/methods.md).",
    period=f"{periods.iloc[0]} to {periods.iloc[-1]}" if len(periods) else "no figures",
    source=meta["source"] + (f"; uploaded: {', '.join(uploaded)}" if uploaded else ""),
    date_of_data=", ".join(sorted({pd.Timestamp(d).strftime("%d %b %Y") for d in series["date_of_data"].dropna()}))
    or "as each source states",
    query="indicator_series", params={"indicator": indicator, "area": place})
