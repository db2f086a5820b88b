"""The yearly monitoring report (issue 19) as PDF and XLSX, from one monitoring dataset (reports.monitoring_data).

    from reports.monitoring import render_monitoring_pdf, render_monitoring_xlsx
    pdf = render_monitoring_pdf(data, "de")       # A4: summary, measures, progress over time, districts, method
    xlsx = render_monitoring_xlsx(data, "de")     # Info and one sheet per table, full precision, units in the names

Every year's report has the same sections, tables and columns, and the measures table sets each figure
beside last year's (from last year's frozen report where there is one), so the reports of two years
compare line by line. Illustrative figures are flagged on the title page and in every table. Texts:
locales/monitoring.toml (`mr_*`); the names of codes: locales/labels.toml. The drawing helpers are this
module's own (the council's PDF module is being rewritten), only `reports.layers.layer_frame` is shared.
"""

from __future__ import annotations

import io
import math
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from locales import has, num, pct, text
from reports.layers import layer_frame

LIGHT_COLORS = {"green": "#009E73", "yellow": "#E69F00", "red": "#D55E00", "none": "#BBBBBB"}  # Okabe-Ito
FONT = "DejaVuSans"
PAGE = landscape(A4)
MARGIN = 1.5 * cm
WIDTH, HEIGHT = PAGE[0] - 2 * MARGIN, PAGE[1] - 2 * MARGIN


def mt(key: str, lang: str = "de", **values) -> str:
    """The monitoring report's text `key` in `lang`."""
    return text("monitoring", key, lang, **values)


def code_label(prefix: str, code, lang: str) -> str:
    key = f"{prefix}_{code}"
    return text("labels", key, lang) if has("labels", key) else str(code)


def light_text(light: str, lang: str) -> str:
    return mt(f"light_{light}", lang)


def rule_text(data, lang: str) -> str:
    m = data.meta
    return mt("rule", lang, green=num(m["green_min_pct"], 0, lang), yellow=num(m["yellow_min_pct"], 0, lang))


def _indicator(code: str, lang: str) -> str:
    return mt(f"ind_{code}", lang)


# --- charts (matplotlib, no pyplot) ---------------------------------------------------------------


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150, bbox_inches="tight")
    return buf.getvalue()


def city_chart(data, lang: str) -> bytes:
    """Left: the city's pathway as planned (the baseline minus every measure as planned) to 2035, the actual one
    to the report year and the straight lines from the actual value to the targets of 2030 and 2035. Right: the
    measures alone, CO2e avoided as planned and by what was reported, per year."""
    city = data.table("city")
    plan = data.table("pathway_plan")
    plan = plan[plan["year"] <= 2035]
    s = data.table("city_summary").iloc[0]
    y = int(data.meta["report_year"])
    fig = Figure(figsize=(11, 4.2))
    ax, bx = fig.subplots(1, 2, gridspec_kw={"width_ratios": [2.2, 1]})
    kt = 1000.0
    ax.plot(plan["year"], plan["baseline_t"] / kt, color="#999999", lw=1.5, ls=":", label=mt("mr_line_baseline", lang))
    ax.plot(plan["year"], plan["plan_t"] / kt, color="#0072B2", lw=2.2, label=mt("mr_line_plan", lang))
    ax.plot(city["year"], city["actual_t"] / kt, color="#D55E00", lw=2.2, marker="s", label=mt("mr_line_actual", lang))
    last = float(city["actual_t"].iloc[-1])
    for t in (2030, 2035):
        target = s.get(f"target_{t}_t")
        if target is not None and np.isfinite(target) and t > y:
            ax.plot([y, t], [last / kt, target / kt], color="#CC79A7", lw=1.2, ls="--")
            ax.scatter([t], [target / kt], marker="D", color="#CC79A7", zorder=3)
            ax.annotate(mt("mr_target", lang, year=t), (t, target / kt), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=8)
    ax.set_ylabel("kt CO₂e/a")
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: num(v, 0, lang)))
    ax.tick_params(labelsize=8)
    ax.grid(alpha=0.25)
    handles, labels = ax.get_legend_handles_labels()
    handles.append(Line2D([0], [0], color="#CC79A7", ls="--", marker="D"))
    labels.append(mt("mr_line_needed", lang))
    ax.legend(handles, labels, fontsize=7.5, loc="lower left")
    years = city["year"].astype(int).to_numpy()
    w = 0.38
    bx.bar(years - w / 2, city["measures_planned_t"], width=w, color="#0072B2", label=mt("mr_bar_planned", lang))
    bx.bar(years + w / 2, city["measures_actual_t"], width=w, color="#D55E00", label=mt("mr_bar_actual", lang))
    bx.set_xticks(years, [str(v) for v in years], fontsize=8)
    bx.set_ylabel("t CO₂e/a")
    bx.yaxis.set_major_formatter(FuncFormatter(lambda v, _: num(v, 0, lang)))
    bx.tick_params(labelsize=8)
    bx.grid(alpha=0.25, axis="y")
    bx.legend(fontsize=7.5, loc="upper left")
    bx.set_title(mt("mr_bar_title", lang), fontsize=9)
    fig.tight_layout()
    return _png(fig)


def history_chart(data, lang: str) -> bytes:
    """The measures' progress over time: one row per measure, one cell per year, coloured by its light, with the ratio."""
    h = data.table("history")
    measures = data.table("measures")
    order = list(measures["project_id"])
    names = dict(zip(measures["project_id"], measures["name"]))
    years = sorted(h["year"].unique())
    years = [y for y in years if y >= int(data.meta["report_year"]) - 5]
    fig = Figure(figsize=(10, 0.32 * len(order) + 1.0))
    ax = fig.add_subplot()
    for i, pid in enumerate(order):
        mine = h[h["project_id"] == pid].set_index("year")
        for j, y in enumerate(years):
            if y not in mine.index:
                continue
            rec = mine.loc[y]
            ax.add_patch(Rectangle((j, i), 0.95, 0.9, color=LIGHT_COLORS[rec["light"]]))
            if rec["light"] == "none":
                label = "–"
            elif rec["reason"] == "no_report":
                label = "!"
            else:
                label = pct(rec["ratio_pct"], 0, lang)
            ax.text(j + 0.47, i + 0.45, label, ha="center", va="center", fontsize=7, color="white" if rec["light"] != "none" else "#333333")
    ax.set_xlim(0, len(years))
    ax.set_ylim(len(order), 0)
    ax.set_xticks([j + 0.47 for j in range(len(years))], [str(y) for y in years], fontsize=8)
    ax.set_yticks([i + 0.45 for i in range(len(order))], [_short(names.get(p, p), 60) for p in order], fontsize=7)
    ax.tick_params(length=0)
    for side in ax.spines.values():
        side.set_visible(False)
    ax.legend(
        handles=[Patch(color=LIGHT_COLORS[k], label=light_text(k, lang)) for k in ("green", "yellow", "red", "none")],
        fontsize=7,
        ncol=4,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.04),
        frameon=False,
    )
    return _png(fig)


def district_map(data, lang: str) -> bytes:
    """Districts coloured by the light of the measures acting there (their CO2e of the actuals against the plan);
    each measure as a circle at its area: outline = CO2e planned in the report year, filled = CO2e of its actuals."""
    d = layer_frame(data, "districts")
    fig = Figure(figsize=(11, 7.2))
    ax = fig.add_subplot()
    if len(d):
        fill = [LIGHT_COLORS.get(v, LIGHT_COLORS["none"]) if isinstance(v, str) else LIGHT_COLORS["none"] for v in d.get("light", [])]
        d.plot(ax=ax, color=fill, alpha=0.55, edgecolor="white", linewidth=0.6)
    m = layer_frame(data, "measures")
    if "is_citywide" in m:
        m = m[~m["is_citywide"].fillna(False).astype(bool)]
    if len(m):
        pts = m.copy()
        pts["geometry"] = pts.geometry.representative_point()
        planned = pts["co2_planned_t"].astype(float).fillna(0.0).clip(lower=0)
        actual = pts["co2_actual_t"].astype(float).fillna(0.0).clip(lower=0)
        scale = 900.0 / max(float(planned.max()), 1.0)
        x, y = pts.geometry.x, pts.geometry.y
        ax.scatter(x, y, s=planned * scale, facecolors="none", edgecolors="#333333", linewidths=1.0, zorder=3)
        ax.scatter(x, y, s=actual * scale, c=[LIGHT_COLORS.get(v, "#BBBBBB") for v in pts["light"]], alpha=0.85, zorder=4)
    ax.set_axis_off()
    ax.set_aspect("equal")
    handles = [Patch(color=LIGHT_COLORS[k], alpha=0.55, label=light_text(k, lang)) for k in ("green", "yellow", "red", "none")]
    handles += [
        Line2D([0], [0], marker="o", ls="", markerfacecolor="none", markeredgecolor="#333333", label=mt("mr_map_planned", lang)),
        Line2D([0], [0], marker="o", ls="", color="#555555", label=mt("mr_map_actual", lang)),
    ]
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _png(fig)


def _short(value, most: int) -> str:
    value = str(value)
    return value if len(value) <= most else value[: most - 1].rsplit(" ", 1)[0] + " …"


# --- PDF ------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _font() -> str:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in ((FONT, "DejaVuSans.ttf"), (f"{FONT}-Bold", "DejaVuSans-Bold.ttf"), (f"{FONT}-Oblique", "DejaVuSans-Oblique.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Oblique", boldItalic=f"{FONT}-Bold")
    return FONT


def _styles() -> dict:
    f = _font()
    body = ParagraphStyle("m_body", fontName=f, fontSize=9.5, leading=12.5, spaceAfter=5)
    return {
        "title": ParagraphStyle("m_title", parent=body, fontName=f"{f}-Bold", fontSize=22, leading=27, spaceAfter=8),
        "h1": ParagraphStyle(
            "m_h1", parent=body, fontName=f"{f}-Bold", fontSize=15, leading=19, spaceAfter=6, textColor=colors.HexColor("#1f4e79")
        ),
        "h2": ParagraphStyle("m_h2", parent=body, fontName=f"{f}-Bold", fontSize=11, leading=14, spaceBefore=6, spaceAfter=3),
        "body": body,
        "small": ParagraphStyle("m_small", parent=body, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")),
        "warn": ParagraphStyle(
            "m_warn",
            parent=body,
            textColor=colors.HexColor("#8a0015"),
            borderColor=colors.HexColor("#8a0015"),
            borderWidth=0.8,
            borderPadding=5,
            spaceBefore=8,
        ),
        "cell": ParagraphStyle("m_cell", parent=body, fontSize=7, leading=8.5, spaceAfter=0),
        "cellr": ParagraphStyle("m_cellr", parent=body, fontSize=7, leading=8.5, spaceAfter=0, alignment=TA_RIGHT),
        "head": ParagraphStyle("m_head", parent=body, fontName=f"{f}-Bold", fontSize=7, leading=8.5, spaceAfter=0),
    }


def _p(value, style) -> Paragraph:
    return Paragraph(escape(str(value)), style)


def _table(header, rows, widths, st, *, numeric=(), lights: dict[int, list[str]] | None = None) -> Table:
    """Header repeated on every page; `numeric` columns right-aligned; `lights` {column: light per row} colours cells."""
    head = [_p(h, st["head"]) for h in header]
    body = [[_p(v, st["cellr"] if i in numeric else st["cell"]) for i, v in enumerate(r)] for r in rows]
    t = Table([head, *body], colWidths=[w * WIDTH for w in widths], repeatRows=1)
    style = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#333333")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f9")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]
    for col, values in (lights or {}).items():
        for r, light in enumerate(values, start=1):
            if light in LIGHT_COLORS and light != "none":
                style.append(("BACKGROUND", (col, r), (col, r), colors.HexColor(LIGHT_COLORS[light])))
    t.setStyle(TableStyle(style))
    return t


def _image(png: bytes, width: float = WIDTH, max_height: float = 0.8 * HEIGHT) -> Image:
    img = Image(io.BytesIO(png))
    ratio = img.imageHeight / img.imageWidth
    width = min(width, max_height / ratio)
    img.drawWidth, img.drawHeight = width, width * ratio
    return img


def _title(data, st, lang) -> list:
    m = data.meta
    title = m.get("title") or mt("mr_title", lang, year=m["report_year"])
    out = [
        Spacer(1, 1.5 * cm),
        _p(title, st["title"]),
        _p(mt("mr_subtitle", lang, city=m.get("city_name", ""), year=m["report_year"]), st["h2"]),
    ]
    state = (
        mt("mr_frozen", lang, id=m["snapshot_id"], date=str(m.get("frozen_at", ""))[:16])
        if m.get("snapshot_id")
        else mt("mr_live", lang, date=str(m.get("computed_at", ""))[:16].replace("T", " "))
    )
    rows = [
        [mt("mr_state", lang), state],
        [mt("mr_scenario", lang), m.get("scenario_name", "")],
        [mt("mr_data_version", lang), m.get("data_version", "")],
        [mt("mr_hashes", lang), f"{m.get('params_hash', '')} / {m.get('portfolio_hash', '')} / {m.get('actuals_hash', '')}"],
        [mt("mr_reports", lang), num(m.get("n_reports", 0), 0, lang)],
        [mt("mr_audience", lang), mt("mr_public" if m.get("published_only") else "mr_internal", lang)],
    ]
    if m.get("report_sha256"):
        rows.append(["SHA-256", m["report_sha256"]])
    t = Table([[_p(a, st["h2"]), _p(b, st["body"])] for a, b in rows], colWidths=[0.28 * WIDTH, 0.72 * WIDTH])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cccccc"))]))
    out += [t, Spacer(1, 0.4 * cm), _p(rule_text(data, lang), st["body"])]
    if m.get("has_illustrative"):
        out.append(_p(mt("illustrative_warning", lang), st["warn"]))
    out.append(PageBreak())
    return out


def _summary(data, st, lang) -> list:
    s = data.table("city_summary").iloc[0]
    city = data.table("city").set_index("year")
    y = int(data.meta["report_year"])
    n0 = lambda v: num(v, 0, lang)  # noqa: E731
    out = [_p(mt("mr_sec_city", lang), st["h1"])]
    out.append(
        _p(
            mt(
                "mr_city_sentence",
                lang,
                year=y,
                light=light_text(s["light"], lang),
                ratio=pct(s["ratio_pct"], 0, lang),
                actual=n0(city.loc[y, "measures_actual_t"]),
                planned=n0(city.loc[y, "measures_planned_t"]),
                green=n0(s["n_green"]),
                yellow=n0(s["n_yellow"]),
                red=n0(s["n_red"]),
                none=n0(s["n_none"]),
            ),
            st["body"],
        )
    )
    out.append(_image(city_chart(data, lang), max_height=0.55 * HEIGHT))
    rows = []
    for t in (2030, 2035):
        rows.append(
            [
                str(t),
                n0(s.get(f"target_{t}_t")),
                n0(city.loc[y, "actual_t"]),
                n0(s.get(f"needed_t_per_year_{t}")),
                n0(s.get(f"planned_t_per_year_{t}")),
                n0(s.get("observed_t_per_year")),
            ]
        )
    head = [
        mt(k, lang)
        for k in ("mr_col_target_year", "mr_col_target_t", "mr_col_actual_now", "mr_col_needed", "mr_col_planned_pace", "mr_col_observed")
    ]
    out += [_table(head, rows, [0.1, 0.18, 0.18, 0.18, 0.18, 0.18], st, numeric={1, 2, 3, 4, 5}), _p(mt("mr_city_help", lang), st["small"])]
    if float(city.loc[y, "metered_correction_t"]) != 0.0:
        out.append(_p(mt("mr_metered", lang, t=n0(city.loc[y, "metered_correction_t"])), st["small"]))
    out.append(PageBreak())
    return out


def measure_rows(data, lang) -> tuple[list[str], list[list], list[str], list[str]]:
    """The measures table: header, rows, the light of each row and last year's light (shared by PDF and XLSX)."""
    m = data.table("measures")
    prev = data.table("previous").set_index("project_id")
    head = [
        mt(k, lang)
        for k in (
            "mr_col_measure",
            "mr_col_owner",
            "mr_col_indicator",
            "mr_col_planned",
            "mr_col_actual",
            "mr_col_ratio",
            "mr_col_light",
            "mr_col_previous",
            "mr_col_co2_planned",
            "mr_col_co2_actual",
            "mr_col_needed_2030",
            "mr_col_pace",
        )
    ]
    rows, lights, before = [], [], []
    for rec in m.to_dict("records"):
        p = prev.loc[rec["project_id"]] if rec["project_id"] in prev.index else None
        last = "–" if p is None else f"{pct(p['ratio_pct'], 0, lang)} · {light_text(p['light'], lang)}"
        flag = " ◆" if rec.get("has_illustrative") else ""
        reason = mt(f"reason_{rec['reason']}", lang)
        rows.append(
            [
                _short(rec["name"], 90) + flag,
                _short(rec["owner"], 40),
                _indicator(rec["indicator"], lang),
                num(rec["planned"], 0, lang),
                num(rec["actual"], 0, lang),
                pct(rec["ratio_pct"], 0, lang),
                f"{light_text(rec['light'], lang)}: {reason}",
                last,
                num(rec["co2_planned_t"], 0, lang),
                num(rec["co2_actual_t"], 0, lang),
                num(rec["needed_per_year_2030"], 0, lang),
                num(rec["pace_per_year"], 0, lang),
            ]
        )
        lights.append(rec["light"])
        before.append("none" if p is None else p["light"])
    return head, rows, lights, before


def _measures(data, st, lang) -> list:
    head, rows, lights, before = measure_rows(data, lang)
    out = [_p(mt("mr_sec_measures", lang, year=data.meta["report_year"]), st["h1"]), _p(rule_text(data, lang), st["small"])]
    widths = [0.185, 0.09, 0.09, 0.065, 0.065, 0.055, 0.12, 0.08, 0.065, 0.065, 0.06, 0.05]
    out.append(_table(head, rows, widths, st, numeric={3, 4, 5, 8, 9, 10, 11}, lights={6: lights, 7: before}))
    source = data.meta.get("previous_source", "")
    out.append(
        _p(
            mt("mr_measures_help", lang, previous=mt("mr_previous_recomputed", lang) if source in ("", "recomputed") else source),
            st["small"],
        )
    )
    if data.meta.get("has_illustrative"):
        out.append(_p(mt("mr_illustrative_marker", lang), st["small"]))
    out.append(PageBreak())
    out += [
        _p(mt("mr_sec_history", lang), st["h1"]),
        _image(history_chart(data, lang), max_height=0.85 * HEIGHT),
        _p(mt("mr_history_help", lang), st["small"]),
        PageBreak(),
    ]
    return out


def _money(data, st, lang) -> list:
    m = data.table("measures")
    rows = []
    for rec in m.to_dict("records"):
        spent, plan = rec.get("actual_spent_eur"), rec.get("planned_spent_eur")
        funding, fplan = rec.get("actual_funding_received_eur"), rec.get("planned_funding_received_eur")
        if all(v is None or (isinstance(v, float) and math.isnan(v)) for v in (spent, plan, funding, fplan)):
            continue
        rows.append([_short(rec["name"], 90), num(plan, 0, lang), num(spent, 0, lang), num(fplan, 0, lang), num(funding, 0, lang)])
    head = [mt(k, lang) for k in ("mr_col_measure", "mr_col_spent_planned", "mr_col_spent", "mr_col_funding_planned", "mr_col_funding")]
    return [
        _p(mt("mr_sec_money", lang), st["h2"]),
        _table(head, rows, [0.44, 0.14, 0.14, 0.14, 0.14], st, numeric={1, 2, 3, 4}),
        _p(mt("mr_money_help", lang), st["small"]),
    ]


def _districts(data, st, lang) -> list:
    d = data.table("districts").sort_values("co2_planned_t", ascending=False)
    rows = [
        [
            f"{r.code} {r.name}",
            num(r.co2_planned_t, 0, lang),
            num(r.co2_actual_t, 0, lang),
            pct(r.ratio_pct, 0, lang),
            light_text(r.light, lang),
            f"{r.n_measures}",
        ]
        for r in d.head(20).itertuples()
    ]
    head = [
        mt(k, lang)
        for k in ("mr_col_district", "mr_col_co2_planned", "mr_col_co2_actual", "mr_col_ratio", "mr_col_light", "mr_col_n_measures")
    ]
    return [
        _p(mt("mr_sec_map", lang), st["h1"]),
        _image(district_map(data, lang), width=0.8 * WIDTH, max_height=0.78 * HEIGHT),
        _p(mt("mr_map_help", lang), st["small"]),
        *_citywide(data, st, lang),
        PageBreak(),
        _p(mt("mr_districts_top", lang), st["h2"]),
        _table(head, rows, [0.34, 0.14, 0.14, 0.12, 0.14, 0.12], st, numeric={1, 2, 3, 5}, lights={4: list(d.head(20)["light"])}),
        PageBreak(),
    ]


def _citywide(data, st, lang) -> list:
    m = data.table("measures")
    wide = m[m["is_citywide"]] if "is_citywide" in m else m.iloc[0:0]
    if wide.empty:
        return []
    items = "; ".join(
        f"{r['name']} ({light_text(r['light'], lang)}" + ("" if r["light"] == "none" else f", {pct(r['ratio_pct'], 0, lang)}") + ")"
        for r in wide.to_dict("records")
    )
    return [_p(mt("f_citywide", lang, items=items), st["small"])]


def _method(data, st, lang) -> list:
    out = [_p(mt("mr_sec_method", lang), st["h1"])]
    for key in ("method_plan", "method_ratio", "method_light", "method_co2", "method_city", "method_metered", "method_limits"):
        out.append(
            _p(mt(key, lang, green=num(data.meta["green_min_pct"], 0, lang), yellow=num(data.meta["yellow_min_pct"], 0, lang)), st["body"])
        )
    a = data.table("actuals")
    if len(a):
        rows = [
            [
                str(r["project_id"]),
                str(r["year"]),
                str(r.get("reported_at", ""))[:10],
                _short(r.get("source", ""), 80),
                mt("yes" if r.get("is_illustrative") else "no", lang),
            ]
            for r in a.to_dict("records")
        ]
        head = [mt(k, lang) for k in ("mr_col_project_id", "mr_col_year", "mr_col_reported_at", "mr_col_source", "mr_col_illustrative")]
        out += [_p(mt("mr_sec_sources", lang), st["h2"]), _table(head, rows, [0.26, 0.07, 0.1, 0.45, 0.12], st)]
    return out


def render_monitoring_pdf(data, lang: str = "de") -> bytes:
    """The monitoring report of `data` (a monitoring ReportData) as a landscape A4 PDF."""
    st = _styles()
    buf = io.BytesIO()
    m = data.meta
    doc = SimpleDocTemplate(
        buf,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=m.get("title") or mt("mr_title", lang, year=m["report_year"]),
        author="Wärmewende-Dashboard",
        invariant=1,
    )
    story = [*_title(data, st, lang), *_summary(data, st, lang), *_measures(data, st, lang), *_districts(data, st, lang)]
    story += [*_money(data, st, lang), PageBreak(), *_method(data, st, lang)]

    def footer(canvas, _doc):
        canvas.saveState()
        canvas.setFont(_font(), 7)
        canvas.drawString(
            MARGIN, 0.8 * cm, mt("mr_footer", lang, year=m["report_year"], version=m.get("data_version", ""), page=canvas.getPageNumber())
        )
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


# --- XLSX -----------------------------------------------------------------------------------------

SHEETS = (
    "measures",
    "history",
    "previous",
    "city",
    "city_summary",
    "pathway_plan",
    "districts",
    "district_shares",
    "plan",
    "actuals",
    "rule",
)


def _cell(v):
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and not math.isfinite(v):
        return None
    if isinstance(v, (pd.Timestamp,)):
        return str(v)[:19]
    return v


def render_monitoring_xlsx(data, lang: str = "de") -> bytes:
    """Info (what, when, which inputs, the rule) and one sheet per table at full precision (column names with units)."""
    wb = Workbook()
    info = wb.active
    info.title = "Info"
    m = data.meta
    bold = Font(bold=True)
    info.append([mt("mr_title", lang, year=m["report_year"])])
    info["A1"].font = Font(bold=True, size=14)
    for key in (
        "report_year",
        "city_name",
        "scenario_id",
        "scenario_name",
        "snapshot_id",
        "frozen_at",
        "computed_at",
        "data_version",
        "params_hash",
        "portfolio_hash",
        "actuals_hash",
        "report_sha256",
        "published_only",
        "previous_source",
        "green_min_pct",
        "yellow_min_pct",
        "has_illustrative",
        "n_reports",
    ):
        info.append([key, _cell(m.get(key, ""))])
    info.append([])
    info.append([rule_text(data, lang)])
    if m.get("has_illustrative"):
        info.append([mt("illustrative_warning", lang)])
        info.cell(row=info.max_row, column=1).font = Font(bold=True, color="8A0015")
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 22, 60
    for name in SHEETS:
        frame = data.tables.get(name)
        if frame is None:
            continue
        ws = wb.create_sheet(name)
        ws.append([str(c) for c in frame.columns])
        for c in ws[1]:
            c.font = bold
        light_col = list(frame.columns).index("light") + 1 if "light" in frame.columns else None
        for rec in frame.itertuples(index=False, name=None):
            ws.append([_cell(v) for v in rec])
            if light_col and rec[light_col - 1] in LIGHT_COLORS and rec[light_col - 1] != "none":
                ws.cell(row=ws.max_row, column=light_col).fill = PatternFill("solid", fgColor=LIGHT_COLORS[rec[light_col - 1]][1:])
        for i, col in enumerate(frame.columns, start=1):
            ws.column_dimensions[get_column_letter(i)].width = max(10, min(40, len(str(col)) + 2))
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.properties.creator = "Wärmewende-Dashboard"
    wb.save(buf)
    return buf.getvalue()


__all__ = [
    "LIGHT_COLORS",
    "SHEETS",
    "city_chart",
    "district_map",
    "history_chart",
    "measure_rows",
    "mt",
    "render_monitoring_pdf",
    "render_monitoring_xlsx",
]
