"""Indicator detail: definition, figures over time with 95% intervals and England, one plain sentence, data."""
import streamlit as st

from lybl.present.charts import dots, over_time
from lybl.present.indicator import figures_table
from lybl.read.indicator import coverage_note, in_words, latest_rows, summary
from lybl.build import releases
from ui import data
from ui.filters import current_scope, keep_in_url
from ui.render import chart, downloads, file_stem, provenance
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
words = data.view("indicator_words", (indicator, place), lambda: in_words(series, assessed, meta["unit"]))
for said, gap in words:
    st.markdown(f"**{said}**" + (f"  \n{gap}" if gap else ""))
if note := coverage_note(latest_rows(series), place):
    st.markdown(note)

title = f"{meta['unit'] or meta['value_type']} · bars: 95% intervals where known · dashed: England"
draw = over_time if series["period_end"].nunique() > 1 else dots
chart(data.view("indicator_chart", (indicator, place), lambda: draw(series, title, meta["unit"])),
      file_stem("indicator", indicator, place), summary(words))

table = data.view("indicator_table", (indicator, place), lambda: figures_table(series, meta["unit"]))
st.dataframe(table, hide_index=True, width="stretch",
             column_config={"Source": st.column_config.TextColumn(width="large")})
export = series[["area_code", "area_name", "period", "period_label", "value", "lci95", "uci95", "count",
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
    date_of_data=", ".join(sorted({d.strftime("%d %b %Y") for d in series["date_of_data"].dropna()}))
    or "as each source states",
    query="indicator_series", params={"indicator": indicator, "area": place})
