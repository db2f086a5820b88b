"""One entry point for every report kind, used by the command line and by the app's download buttons.

    from reports.render import render, file_name, MIME_TYPES
    payload = render("pdf", data, lang="de")        # bytes: PDF, PPTX, XLSX, GeoPackage, JSON or XWärmeplan GML
    payload = render("monitoring", data, lang="de", fmt="xlsx")   # the yearly monitoring report, PDF or XLSX

`data` is a ReportData (live from `build_report_data` or frozen from `snapshots.load`; for `monitoring` from
`monitoring_data.build_monitoring_data` or `monitoring_data.load`); the same data gives the same numbers in every kind.
"""

from __future__ import annotations

import re

from locales import LANGS

KINDS = ("pdf", "pptx", "xlsx", "gpkg")  # the council's reports (the page Für den Rat offers each)
EXPORT_KINDS = ("json", "xwaermeplan")  # data exchange: the dataset as JSON, the heat plan as XWärmeplan 0.9 GML
MONITORING = "monitoring"  # the yearly monitoring report (issue 19) of a monitoring dataset, as PDF or XLSX
MONITORING_FORMATS = ("pdf", "xlsx")
MIME_TYPES = {
    "json": "application/json",
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "gpkg": "application/geopackage+sqlite3",
    "xwaermeplan": "application/gml+xml",
}
EXTENSIONS = {"xwaermeplan": "gml"}


def render(kind: str, data, lang: str = "de", *, fmt: str = "pdf") -> bytes:
    """The report `kind` ('pdf', 'pptx', 'xlsx', 'gpkg', 'json', 'xwaermeplan', or 'monitoring' as `fmt` 'pdf' or 'xlsx')
    of `data` in `lang` ('de' or 'en') as bytes."""
    if kind not in (*KINDS, *EXPORT_KINDS, MONITORING):
        raise ValueError(f"unknown report kind {kind!r}; choose one of {', '.join((*KINDS, *EXPORT_KINDS, MONITORING))}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    if kind == MONITORING:
        from reports.monitoring import render_monitoring_pdf, render_monitoring_xlsx

        if fmt not in MONITORING_FORMATS:
            raise ValueError(f"unknown monitoring format {fmt!r}; choose one of {', '.join(MONITORING_FORMATS)}")
        return render_monitoring_pdf(data, lang) if fmt == "pdf" else render_monitoring_xlsx(data, lang)
    if kind == "pdf":
        from reports.pdf import render_pdf

        return render_pdf(data, lang)
    if kind == "pptx":
        from reports.pptx import render_pptx

        return render_pptx(data, lang)
    if kind == "json":
        from reports.json_report import render_json

        return render_json(data, lang)
    if kind == "xlsx":
        from reports.xlsx import render_xlsx

        return render_xlsx(data, lang)
    if kind == "xwaermeplan":
        from reports.xwaermeplan import render_xwaermeplan

        return render_xwaermeplan(data, lang)
    from reports.gpkg import render_gpkg

    return render_gpkg(data, lang)


def file_name(kind: str, data, *, fmt: str = "pdf") -> str:
    """A file name for a download: 'waermeplan_<scenario or snapshot>_<data version>.<extension of the kind>'
    ('monitoring_<year>_<frozen id or live>_<data version>.<fmt>' for the monitoring report)."""
    m = data.meta
    if kind == MONITORING:
        return f"monitoring_{m.get('report_year', '')}_{m.get('snapshot_id') or 'live'}_{m.get('data_version', '')}.{fmt}"
    what = m.get("snapshot_id") or m.get("scenario_id") or m.get("scenario_name") or "report"
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(what)).strip("-")[:60] or "report"
    return f"waermeplan_{slug}_{m.get('data_version', '')}.{EXTENSIONS.get(kind, kind)}".replace("_.", ".")


__all__ = ["EXPORT_KINDS", "KINDS", "MIME_TYPES", "MONITORING", "MONITORING_FORMATS", "file_name", "render"]
