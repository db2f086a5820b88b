"""The tables behind every chart of a report as an Excel workbook (openpyxl), one sheet per table, in German.

Sheet names and headers come from locales/reports.toml (`sheet_<table>`, `col_<column>` with the unit in the
header). Numbers are stored as numbers at full precision (a parameter written "134.4737" in its CSV becomes the
number 134,4737 in German Excel; only real text stays text), codes are written as their German names (status,
type, carrier), and every sheet is set up for printing: landscape, one page wide, the header row repeated, the
print area the table. The first sheet "Info" says what the numbers are; the scenario's and the projects' JSON are
not put into single cells (Excel keeps at most 32,767 characters in one): the projects are the sheet
"Maßnahmen (Stammdaten)", one row each, and the whole dataset is the JSON export (`python -m reports json`).
"""

from __future__ import annotations

import io
import json
import math

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from locales import has, text
from reports import council, finance, params_text
from reports.texts import CODE_COLUMNS, code_text, column_label, label, lever_text, tr

# the dataset's tables in the order of the workbook; any other table follows under its own name
SHEETS = (
    "pathway",
    "targets",
    "comparison_summary",
    "comparison",
    "contributions",
    "finance",
    "finance_years",
    "projects",
    "by_owner",
    "waterfall",
    "explain",
    "networks",
    "network_sources",
    "districts",
    "by_carrier",
    "indicators",
    "city_balance",
    "reconciliation",
    "levers",
    "assumptions",
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
    "decision_proposal",
)
BLOBS = ("scenario_json", "projects_json")  # the JSON texts: as their own sheets (levers, projects), never one cell
MAX_CELL = 32000  # Excel keeps at most 32,767 characters in a cell
WIDE_CELL = 60


TEXT_NUMBERS = ("value", "year")  # columns where a number written as text is a number (parameters, levers)


def _number(value, text_numbers: bool = False):
    """A value as openpyxl writes it: numbers as numbers, booleans, text; with `text_numbers` also a number written
    as text ('134.4737'). Elsewhere text stays text: a district's code '010' is not the number 10."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (np.bool_, bool)):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (np.floating, float)):
        return None if math.isnan(float(value)) else float(value)
    if isinstance(value, (dict, list, tuple)):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        text = value.strip()
        try:
            number = float(text) if text_numbers else None
        except ValueError:
            number = None
        if number is None or not math.isfinite(number):
            return value[:MAX_CELL] + " …" if len(value) > MAX_CELL else value
        return int(number) if number.is_integer() and "." not in text and "e" not in text.lower() else number
    return value


def _fmt(column: str) -> str | None:
    """The number format of a column by its unit: whole tonnes, MWh and euros with separators; shares one decimal."""
    if column == "year" or column.endswith("_year") or column in ("code",):
        return "0"
    if column.endswith(("_t", "_mwh", "_eur", "_mwh_per_year", "_t_per_year")) or column.startswith("n_"):
        return "#,##0"
    if column.endswith(("_pct", "_g_per_kwh", "_eur_per_t", "_ha", "_ha_year")):
        return "#,##0.0"
    return None


# per table, columns whose codes are written from the reports' own catalogue: table -> column -> key prefix
TABLE_CODES = {
    "parameters": {"kind": "pkind"},
    "waterfall": {"step": "wf_group"},
    "network_sources": {"kind": "netsrc"},
}


def _readable(name: str, df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Codes as the reader's words: statuses, types, carriers (labels.toml); per table a few more."""
    out = df.copy()
    for col in out.columns:
        if col in CODE_COLUMNS or col == "supply_area_type":
            out[col] = [code_text(col, v, lang) for v in out[col]]
    for col, prefix in TABLE_CODES.get(name, {}).items():
        if col in out:
            out[col] = [
                tr(f"{prefix}_{v}", lang) if has("reports", f"{prefix}_{v}") else label(prefix, v, lang) if isinstance(v, str) else v
                for v in out[col]
            ]
    if name == "reconciliation":  # the figures and their reasons in the words of Daten & Methodik
        for col, key in (("figure", lambda v: f"recon_{v}"), ("explanation", lambda v: v)):
            if col in out:
                out[col] = [text("ui", key(v), lang) if isinstance(v, str) and has("ui", key(v)) else v for v in out[col]]
    return out


def _sheet(wb: Workbook, title: str, df: pd.DataFrame, lang: str, *, headers: list[str] | None = None) -> None:
    """One table on its own sheet: bold header with units, numbers as numbers, widths, frozen header, print setup."""
    ws = wb.create_sheet(title[:31])
    cols = [str(c) for c in df.columns]
    names = headers or [column_label(c, lang) for c in cols]
    seen: dict[str, int] = {}
    for i, n in enumerate(names):  # Excel and readers want distinct headers
        seen[n] = seen.get(n, 0) + 1
        if seen[n] > 1:
            names[i] = f"{n} ({seen[n]})"
    ws.append(names)
    bold = Font(bold=True)
    for c in ws[1]:
        c.font = bold
        c.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [min(WIDE_CELL, max(10, len(n) // 2 + 2)) for n in names]
    formats = [_fmt(c) for c in cols]
    convert = [c in TEXT_NUMBERS for c in cols]
    for rec in df.itertuples(index=False, name=None):
        values = [_number(v, t) for v, t in zip(rec, convert)]
        ws.append(values)
        widths = [max(w, min(WIDE_CELL, len(str(v)) + 2 if v is not None else 0)) for w, v in zip(widths, values)]
    for j, (w, f) in enumerate(zip(widths, formats), start=1):
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = w
        if f:
            for cell in ws[letter][1:]:
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    cell.number_format = f
    ws.freeze_panes = "A2"
    last = f"{get_column_letter(max(1, len(cols)))}{ws.max_row}"
    ws.print_area = f"A1:{last}"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _levers(data, lang: str) -> pd.DataFrame:
    """The levers in long form: a series ('2024: 1, 2027: 4') or a JSON map as one row per part and year, the value a
    number; plain values as they are."""
    rows = []
    for rec in data.table("levers").itertuples():
        lever, written = rec.lever, "" if rec.value is None or (isinstance(rec.value, float) and math.isnan(rec.value)) else str(rec.value)
        name = label("lever", lever, lang)
        parsed = None
        if written.startswith("{"):
            try:
                parsed = json.loads(written)
            except ValueError:
                parsed = None
        if isinstance(parsed, dict) and parsed and all(isinstance(v, dict) for v in parsed.values()):
            for part, series in parsed.items():
                for year, value in series.items():
                    rows.append((lever, name, part, year, value, None))
        elif ": " in written and all(": " in x for x in written.split(", ")):
            for item in written.split(", "):
                year, _, value = item.partition(": ")
                rows.append((lever, name, "", year, value, None))
        else:
            is_number = _number(written, True) != written
            text = None if is_number else lever_text(lever, written, lang)
            rows.append((lever, name, "", None, written if is_number else None, text))
    return pd.DataFrame(rows, columns=["lever", "lever_name", "part", "year", "value", "text"])


def _projects(data) -> pd.DataFrame:
    """The projects as frozen (meta projects_json), one row each; lists joined, long lists cut with their count."""
    rows = []
    for p in council.projects(data):
        row = {}
        for key, value in p.items():
            if isinstance(value, list):
                text = ", ".join(map(str, value))
                value = text if len(text) <= MAX_CELL else f"{', '.join(map(str, value[:2000]))} … ({len(value)})"
            row[key] = value
        rows.append(row)
    return pd.DataFrame(rows)


def _info(data, lang: str) -> pd.DataFrame:
    m = data.meta
    rows = []
    for key in [*[k for k in INFO_KEYS if k in m], *[k for k in m if k not in INFO_KEYS and k not in BLOBS]]:
        name = tr(f"info_{key}", lang) if has("reports", f"info_{key}") else key
        rows.append((name, m[key]))
    rows += [
        (tr("info_units", lang), tr("xlsx_units", lang)),
        (tr("info_json", lang), tr("xlsx_json", lang)),
        (tr("info_report_kind", lang), tr("report_kind", lang)),
    ]
    if m.get("has_synthetic_data"):
        rows.append((tr("info_synthetic", lang), tr("synthetic_warning", lang)))
    return pd.DataFrame(rows, columns=["key", "value"])


def tables(data, lang: str = "de") -> dict[str, pd.DataFrame]:
    """Every sheet's table by name (the dataset's tables, the derived ones), in the workbook's order."""
    out = dict(data.tables)
    out["finance"] = finance.measures(data)
    out["finance_years"] = finance.by_year(data)
    out["projects"] = _projects(data)
    out["levers"] = _levers(data, lang)
    a = params_text.assumptions(data.table("parameters"), lang) if "parameters" in data.tables else pd.DataFrame()
    out["assumptions"] = a.rename(
        columns={"name": "param_name", "explanation": "param_explanation", "checked": "is_checked", "source": "param_source"}
    )
    ordered = {n: out[n] for n in SHEETS if n in out}
    ordered.update({n: df for n, df in out.items() if n not in ordered})
    return ordered


def sheet_name(name: str, lang: str) -> str:
    return (tr(f"sheet_{name}", lang) if has("reports", f"sheet_{name}") else name)[:31]


def render_xlsx(data, lang: str = "de") -> bytes:
    """The workbook of `data`: sheet Info, then one sheet per table (German names and headers with units)."""
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, sheet_name("info", lang), _info(data, lang), lang, headers=[tr("key", lang), tr("value", lang)])
    wb[sheet_name("info", lang)].column_dimensions["B"].width = 100
    for name, df in tables(data, lang).items():
        _sheet(wb, sheet_name(name, lang), _readable(name, df, lang), lang)
    wb.properties.title = str(data.meta.get("title") or data.meta.get("scenario_name", ""))
    wb.properties.subject = tr("report_kind", lang)
    wb.properties.language = lang
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


__all__ = ["SHEETS", "render_xlsx", "sheet_name", "tables"]
