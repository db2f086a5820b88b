"""The tables behind every chart of a report as an Excel workbook (openpyxl), one sheet per table.

The first sheet "Info" says what the numbers are (scenario, snapshot id, data version, hashes, time
computed or frozen, units); then one sheet per table of the ReportData with its own column names
(units in the names: `_t` tonnes CO₂e per year, `_mwh` MWh per year, `_pct` per cent). Numbers are
written as numbers at full precision, so a planner can recompute every rounded figure of the PDF.
"""

from __future__ import annotations

import io
import math

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from reports.texts import tr

SHEETS = (
    "pathway",
    "targets",
    "contributions",
    "by_owner",
    "waterfall",
    "explain",
    "networks",
    "network_sources",
    "districts",
    "by_carrier",
    "indicators",
    "levers",
    "parameters",
    "sources",
)
INFO_KEYS = (
    "title",
    "scenario_name",
    "scenario_id",
    "city_name",
    "snapshot_id",
    "frozen_at",
    "is_published",
    "computed_at",
    "data_version",
    "built_at",
    "params_hash",
    "portfolio_hash",
    "report_sha256",
    "factor_set",
    "n_assumptions",
    "has_synthetic_data",
    "scenario_description",
    "scenario_json",
)
MAX_CELL = 32000  # Excel keeps at most 32,767 characters in a cell


def _cell(value):
    """A value openpyxl writes as a number, a boolean or text (missing values as empty cells)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, (dict, list, tuple)):
        value = str(value)
    if isinstance(value, str) and len(value) > MAX_CELL:
        return value[:MAX_CELL] + " …"
    return value


def _write(ws, header: list[str], rows) -> None:
    bold = Font(bold=True)
    ws.append(header)
    for c in ws[1]:
        c.font = bold
    widths = [len(str(h)) for h in header]
    for row in rows:
        values = [_cell(v) for v in row]
        ws.append(values)
        widths = [max(w, min(60, len(str(v)) if v is not None else 0)) for w, v in zip(widths, values)]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(8, w + 2)
    ws.freeze_panes = "A2"


def render_xlsx(data, lang: str = "de") -> bytes:
    """The workbook of `data`: sheet Info, then one sheet per table in SHEETS (and any other table)."""
    wb = Workbook()
    info = wb.active
    info.title = "Info"
    m = data.meta
    rows = [(key, m.get(key, "")) for key in INFO_KEYS if key in m]
    rows += [(key, value) for key, value in m.items() if key not in INFO_KEYS]
    rows.append(("units", tr("xlsx_units", lang)))
    rows.append(("report_kind", tr("report_kind", lang)))
    if m.get("has_synthetic_data"):
        rows.append(("synthetic_data", tr("synthetic_warning", lang)))
    rows.append(("licences", tr("sources_help", lang) + " → sources"))
    _write(info, [tr("key", lang), tr("value", lang)], rows)
    info.column_dimensions["B"].width = 100
    names = [n for n in SHEETS if n in data.tables] + [n for n in data.tables if n not in SHEETS]
    for name in names:
        df = data.tables[name]
        ws = wb.create_sheet(name[:31])
        _write(ws, [str(c) for c in df.columns], df.itertuples(index=False, name=None))
    wb.properties.title = str(m.get("title") or m.get("scenario_name", ""))
    wb.properties.subject = tr("report_kind", lang)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


__all__ = ["SHEETS", "render_xlsx"]
