"""Fortschritt, the planners' part: report a measure's year in a form, release a year for the residents'
instance, freeze the year's monitoring report; and for everyone the downloads of the report (PDF, XLSX)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ghgmodel.plan import INDICATORS, PRIMARY
from heatdb.errors import ImportValidationError
from portfolio.actual_rows import read_actual_rows
from portfolio.actuals import list_actuals, publish_year, save_actual
from portfolio.actuals_files import TEMPLATE_NAME
from portfolio.files import TEMPLATE_DIR
from reports import monitoring_data as md
from reports.dataset import ReportData
from reports.render import MIME_TYPES, MONITORING, MONITORING_FORMATS, file_name, render
from ui import model, publish
from ui.fortschritt import mt
from ui.i18n import lang
from ui.mode import is_public


def report_form() -> None:
    """One measure's figures for one year; checked by the template's rules, logged with what it replaces."""
    projects = {p.project_id: p for p in model.projects()}
    if not projects:
        return
    st.subheader(mt("f_form"))
    st.caption(mt("f_form_help"))
    pid = st.selectbox(mt("mr_col_measure"), list(projects), format_func=lambda i: projects[i].name, key="fo_form_project")
    p = projects[pid]
    primary = PRIMARY[p.project_type]
    with st.form("fo_form", clear_on_submit=False):
        left, right = st.columns(2)
        year = left.number_input(
            mt("mr_col_year"), min_value=2000, max_value=date.today().year, value=date.today().year - 1, step=1, key="fo_year_input"
        )
        left.markdown(mt("f_form_primary", indicator=mt(f"ind_{primary}")))
        values = {primary: left.number_input(mt(f"ind_{primary}"), min_value=0.0, value=None, step=1.0, key=f"fo_v_{primary}")}
        others = [c for c in INDICATORS if c != primary]
        for c in others:
            values[c] = right.number_input(mt(f"ind_{c}"), min_value=0.0, value=None, step=1.0, key=f"fo_v_{c}")
        reported_by = left.text_input(mt("f_reported_by"), max_chars=200, key="fo_reported_by")
        source = left.text_input(mt("mr_col_source"), max_chars=500, key="fo_source")
        reported_at = left.date_input(mt("mr_col_reported_at"), value=date.today(), max_value=date.today(), key="fo_reported_at")
        note = st.text_area(mt("f_note"), max_chars=2000, key="fo_note")
        sent = st.form_submit_button(mt("f_form_save"), type="primary")
    if not sent:
        return
    row = {"project_id": pid, "year": str(int(year)), "reported_by": reported_by, "source": source, "note": note}
    row["reported_at"] = reported_at.isoformat() if reported_at else ""
    row.update({c: "" if v is None else repr(float(v)) for c, v in values.items()})
    try:
        checked = read_actual_rows([row], mt("f_form"), projects)[0]
    except ImportValidationError as exc:
        for problem in exc.problems:
            st.error(problem.text(lang()))
        return
    save_actual(model.portfolio(), checked)
    _done(mt("f_form_saved", name=p.name, year=int(year)))


def _done(message: str) -> None:
    """Say what was done after the rerun that shows the new figures everywhere on the page."""
    st.session_state["fo_flash"] = message
    st.rerun()


def flash() -> None:
    message = st.session_state.pop("fo_flash", None)
    if message:
        st.success(message)
    publish.flash()


def publishing() -> None:
    """Release a year's reports as they are now for the residents' instance (or withdraw the year)."""
    st.subheader(mt("f_publish"))
    a = list_actuals(model.portfolio())
    if a.empty:
        st.caption(mt("f_no_reports"))
        return
    summary = a.groupby("year").agg(n=("project_id", "count"), released=("is_published", "sum")).sort_index(ascending=False)
    summary["open"] = summary["n"] - summary["released"]
    st.dataframe(
        pd.DataFrame(
            {
                mt("mr_col_year"): summary.index.astype(str),
                mt("f_col_reports"): summary["n"].to_numpy(),
                mt("f_col_unreleased"): summary["open"].to_numpy(),
            }
        ),
        hide_index=True,
    )
    left, mid, right = st.columns([1, 1, 1])
    year = left.selectbox(mt("mr_col_year"), list(summary.index), key="fo_publish_year")
    if mid.button(mt("f_publish_go", year=year), key="fo_publish_go", type="primary"):
        n = publish_year(model.portfolio(), int(year))
        publish.export()
        _done(mt("f_published", year=year, n=n))
    if right.button(mt("f_unpublish_go", year=year), key="fo_unpublish_go"):
        publish_year(model.portfolio(), int(year), published=False)
        publish.export()
        _done(mt("f_unpublished", year=year))
    st.caption(mt("f_publish_help"))


def reports_table(d: ReportData) -> None:
    """The reports counted in this view (the residents' view leaves out who reported and the notes)."""
    with st.expander(mt("f_reports_table", n=len(d.table("actuals")))):
        st.dataframe(d.table("actuals"), hide_index=True, width="stretch")
        if not is_public():
            for suffix in ("xlsx", "csv"):
                path = TEMPLATE_DIR / f"{TEMPLATE_NAME}.{suffix}"
                if path.exists():
                    st.download_button(
                        mt(f"f_template_{suffix}"),
                        path.read_bytes(),
                        file_name=path.name,
                        mime=MIME_TYPES["xlsx"] if suffix == "xlsx" else "text/csv",
                        key=f"fo_tpl_{suffix}",
                    )
            st.caption(mt("f_template_help"))


def downloads(d: ReportData) -> None:
    """The report of the view shown, and the frozen reports (the published ones on the residents' instance)."""
    st.subheader(mt("f_downloads"))
    lg = lang()
    key = "|".join(
        str(d.meta.get(k, ""))
        for k in ("report_year", "scenario_id", "data_version", "params_hash", "portfolio_hash", "actuals_hash", "published_only")
    )
    cols = st.columns(len(MONITORING_FORMATS))
    for col, fmt in zip(cols, MONITORING_FORMATS):
        col.download_button(
            mt(f"f_download_{fmt}"),
            data=lambda fmt=fmt: model.memo(f"monitoring-{fmt}", f"{key}|{lg}", lambda: render(MONITORING, d, lang=lg, fmt=fmt)),
            file_name=file_name(MONITORING, d, fmt=fmt),
            mime=MIME_TYPES[fmt],
            key=f"fo_dl_{fmt}",
            on_click="ignore",
            width="stretch",
        )
    if not is_public():
        with st.form("fo_freeze"):
            title = st.text_input(mt("f_freeze_title"), value=mt("mr_title", year=d.meta["report_year"]), max_chars=200)
            if st.form_submit_button(mt("f_freeze_go")):
                rid = md.freeze(model.portfolio(), d, title=title)
                _done(mt("f_frozen", id=rid))
        st.caption(mt("f_freeze_help"))
    frozen = md.listing(model.portfolio(), published_only=is_public())
    if frozen.empty:
        st.caption(mt("f_no_frozen"))
        return
    for rec in frozen.itertuples():
        with st.container(border=True):
            st.markdown(f"**{mt('mr_title', year=rec.report_year)}** · {rec.name} · `{rec.report_id}` · {str(rec.created_at)[:16]}")
            cols = st.columns(len(MONITORING_FORMATS) + (0 if is_public() else 1))
            for col, fmt in zip(cols, MONITORING_FORMATS):
                col.download_button(
                    fmt.upper(),
                    data=lambda rid=rec.report_id, fmt=fmt: _frozen_file(rid, fmt, lg),
                    file_name=f"monitoring_{rec.report_year}_{rec.report_id}.{fmt}",
                    mime=MIME_TYPES[fmt],
                    key=f"fo_frozen_{rec.report_id}_{fmt}",
                    on_click="ignore",
                )
            if not is_public():
                published = cols[-1].toggle(mt("f_frozen_public"), value=bool(rec.is_published), key=f"fo_pub_{rec.report_id}")
                if published != bool(rec.is_published):
                    _publish(rec.report_id, published)


def _publish(report_id: str, published: bool) -> None:
    from portfolio.monitoring_reports import publish_monitoring_report

    publish_monitoring_report(model.portfolio(), report_id, published)
    publish.export()
    st.rerun()


def _frozen_file(report_id: str, fmt: str, lg: str) -> bytes:
    data = model.memo("monitoring_frozen", report_id, lambda: md.load(model.portfolio(), report_id))
    return model.memo(f"monitoring-frozen-{fmt}", f"{report_id}|{lg}", lambda: render(MONITORING, data, lang=lg, fmt=fmt))


__all__ = ["downloads", "flash", "publishing", "report_form", "reports_table"]
