"""Indicator detail: definition, figures over time with 95% intervals and England, one plain sentence, data."""
import io

import streamlit as st

from lybl.charts import dots, over_time
from lybl.indicator import latest_rows, sentence
from ui import data
from ui.filters import current_place, keep_in_url
from ui.render import provenance

place = current_place()
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
latest = latest_rows(series)
in_scope = [c for c in latest["area_code"] if c in assessed.index]
for row in latest[latest["area_code"].isin(in_scope)].itertuples():
    a = assessed.loc[row.area_code]
    st.markdown("**" + sentence(row.area_name, a["benchmark"], a["trend"], row.published_comparison) + "**")
if not in_scope:
    st.markdown("**No figure for this Place yet.**")

title = f"{meta['unit'] or meta['value_type']} · bars: 95% intervals where known · dashed: England"
draw = over_time if series["period_end"].nunique() > 1 else dots
chart = draw(series, title, meta["unit"])
st.plotly_chart(chart, config={"displayModeBar": False})

table = series.assign(suppressed=series["is_suppressed"].map({True: "suppressed", False: ""}))[
    ["area_name", "period_label", "value", "lci95", "uci95", "count", "denominator", "published_comparison",
     "value_note", "suppressed", "source_title", "source_ref"]]
table["value"] = table["value"].where(~series["is_suppressed"])
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"area_name": "Area", "period_label": "Period", "value": "Value",
                            "lci95": "95% lower", "uci95": "95% upper", "count": "Count",
                            "denominator": "Denominator", "published_comparison": "Document's comparison",
                            "value_note": "Note", "suppressed": "Suppressed", "source_title": "Source",
                            "source_ref": "Where (file:line)"})
left, right, _ = st.columns([1, 1, 3])
left.download_button("CSV", table.to_csv(index=False).encode(), f"{indicator}.csv", "text/csv",
                     icon=":material/download:")
xlsx = io.BytesIO()
table.to_excel(xlsx, index=False, sheet_name=indicator[:31])
right.download_button("XLSX", xlsx.getvalue(), f"{indicator}.xlsx",
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", icon=":material/download:")

periods = series["period_label"]
provenance(
    definition=f"{meta['definition']} Polarity: {GOOD.get(meta['polarity'], meta['polarity'])}. Comparison with "
               "England by Fingertips' method where the figure has an interval, else the document's own words; "
               "recent trend by Fingertips' test (docs/methods.md).",
    period=f"{periods.iloc[0]} to {periods.iloc[-1]}" if len(periods) else "no figures",
    source=meta["source"],
    date_of_data=", ".join(sorted({str(d) for d in series["date_of_data"].dropna()})) or "as each source states",
    query="indicator_series", params={"indicator": indicator, "area": place})
