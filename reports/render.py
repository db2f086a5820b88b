"""One entry point for every report kind, used by the command line and by the app's download buttons.

    from reports.render import render, file_name, MIME_TYPES
    payload = render("pdf", data, lang="de")        # bytes: PDF, PPTX, XLSX or GeoPackage

`data` is a ReportData (live from `build_report_data` or frozen from `snapshots.load`); the same data
gives the same numbers in every kind.
"""

from __future__ import annotations

import re

from locales import LANGS

KINDS = ("pdf", "pptx", "xlsx", "gpkg")
MIME_TYPES = {
    "pdf": "application/pdf",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "gpkg": "application/geopackage+sqlite3",
}


def render(kind: str, data, lang: str = "de") -> bytes:
    """The report `kind` ('pdf', 'pptx', 'xlsx', 'gpkg') of `data` in `lang` ('de' or 'en') as bytes."""
    if kind not in KINDS:
        raise ValueError(f"unknown report kind {kind!r}; choose one of {', '.join(KINDS)}")
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGS)}")
    if kind == "pdf":
        from reports.pdf import render_pdf

        return render_pdf(data, lang)
    if kind == "pptx":
        from reports.pptx import render_pptx

        return render_pptx(data, lang)
    if kind == "xlsx":
        from reports.xlsx import render_xlsx

        return render_xlsx(data, lang)
    from reports.gpkg import render_gpkg

    return render_gpkg(data, lang)


def file_name(kind: str, data) -> str:
    """A file name for a download: 'waermeplan_<scenario or snapshot>_<data version>.<kind>'."""
    m = data.meta
    what = m.get("snapshot_id") or m.get("scenario_id") or m.get("scenario_name") or "report"
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", str(what)).strip("-")[:60] or "report"
    return f"waermeplan_{slug}_{m.get('data_version', '')}.{kind}".replace("_.", ".")


__all__ = ["KINDS", "MIME_TYPES", "file_name", "render"]
