"""Upload figures: the template, every problem of a file, a preview of what would change, then a release."""
import streamlit as st

from lybl.build import releases
from lybl.build.uploads import MAX_BYTES, check, known, problems_frame
from lybl.ics import ics
from lybl.present import numbers
from ui import auth, data
from ui.render import template_download
from ui.frame import framed

framed()  # first line of every page: see ui/frame.py

st.title("Upload figures")
st.markdown(f"Each quarter's local figures (multi-impact intervention measures, {ics().strategy} scorecard metrics, "
            "Better Care Fund actuals) go in the **upload template**. Nothing is loaded until the file has no problem and you "
            "have seen what it changes; each load is a numbered **release** that can be reverted on the Data page.")
template_download("upload")
st.caption("Query: `queries/upload_indicators.sql` · `upload_areas.sql` · `upload_figures.sql` ($indicators, $areas) · "
           "`upload_scorecard_rows.sql`; checks in `lybl/build/uploads.py`, releases in `lybl/build/releases.py`")
who = auth.editor("upload figures")
if done := st.session_state.pop("upload_done", None):
    st.success(f"Release {done['release']} loaded: **{done['file']}**, {done['new']} new and {done['revised']} "
               f"revised figures, recorded as loaded by {done['by']}. See the [outcome scorecard](/scorecard), the "
               "[multi-impact interventions](/interventions), [what changed](/compare?view=changes) and the "
               "[releases](/data).", icon=":material/check_circle:")
if not who:
    st.stop()

key = st.session_state.setdefault("upload_key", 0)
upload = st.file_uploader("The filled-in template (.xlsx) or a CSV in the same columns", type=["xlsx", "csv"],
                          key=f"upload_{key}", max_upload_size=MAX_BYTES // 1_000_000)
if upload is None:
    st.stop()
raw = upload.getvalue()
checked = check(raw, upload.name, known(data.query, releases.active()))
if not checked.ok:
    st.error(f"**{len(checked.problems):,} problem{'s' if len(checked.problems) > 1 else ''} in {upload.name}: "
             "nothing was loaded.** Correct them in the file and upload it again.", icon=":material/error:")
    report = problems_frame(checked.problems)
    st.dataframe(report, hide_index=True, width="stretch",
                 column_config={"reason": st.column_config.TextColumn("Reason", width="large")})
    st.download_button("Download the problem report (CSV)", report.to_csv(index=False).encode(),
                       f"problems-{upload.name}.csv", "text/csv", icon=":material/download:")
    st.stop()

counts = checked.counts()
st.subheader(f"Preview of {upload.name}")
for column, (label, n) in zip(st.columns(4), [("New figures", counts["new"]), ("Revised", counts["revised"]),
                                             ("Unchanged (left as they are)", counts["unchanged"]),
                                             ("New indicators", counts["indicators"])]):
    column.metric(label, f"{n:,}")
preview = checked.preview.assign(
    change=checked.preview["change"].str.capitalize(),
    old_value=[numbers.exact(v) if v == v else "no figure yet" for v in checked.preview["old_value"]],
    new_value=[numbers.exact(v) for v in checked.preview["new_value"]],
    was_from=checked.preview["was_from"].fillna("—"))
st.dataframe(preview[["change", "indicator", "area", "period", "old_value", "new_value", "was_from", "sex", "age",
                      "row"]], hide_index=True, width="stretch",
             column_config={"change": "Change", "indicator": st.column_config.TextColumn("Indicator", width="medium"),
                            "area": "Area", "period": "Period", "sex": "Sex", "age": "Age",
                            "old_value": "Shown today", "new_value": "In this file",
                            "was_from": "Shown today from", "row": "Row in file"})
if not checked.affects.empty:
    st.markdown("**Scorecard rows these figures change**")
    st.dataframe(checked.affects[["scorecard", "row_name", "area_name", "period", "new_value"]], hide_index=True,
                 width="stretch", column_config={"scorecard": "Scorecard", "row_name": st.column_config.TextColumn(
                     "Row", width="medium"), "area_name": "Area",
                                                 "period": "Period", "new_value": st.column_config.NumberColumn(
                                                     "New figure", format="localized")})
if not checked.indicators.empty:
    st.markdown("**New indicators**")
    st.dataframe(checked.indicators, hide_index=True, width="stretch")
if st.button(f"Load {counts['new'] + counts['revised']:,} figures as a new release", type="primary",
             icon=":material/publish:"):
    with st.spinner("Loading the release and rebuilding the database (about 15 seconds)…"):
        record = releases.commit(checked, raw, who, log=lambda line: None)
    st.session_state.update(upload_done=record, upload_key=key + 1)  # a fresh uploader for the next file
    st.rerun()
