"""The council report as an A4 PDF (reportlab platypus): every section of issue 6 from one ReportData.

Type is DejaVu Sans from matplotlib's own font folder (umlauts, "CO₂", "–", "€"); nothing is fetched.
Tonnes are shown whole (as in the app's tables), shares with one decimal; every number comes from
`data.tables` as filed, so a snapshot's PDF shows the frozen numbers whatever the warehouse says now.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from locales import num, pct
from reports import charts as ch
from reports.layers import attribution_line
from reports.texts import date_text, label, lever_text, tr

FONT = "DejaVuSans"
PAGE_W, PAGE_H = A4
MARGIN = 1.8 * cm
BODY_W = PAGE_W - 2 * MARGIN  # portrait: title page and assumptions
WIDE_W, WIDE_H = PAGE_H - 2 * MARGIN, PAGE_W - 2 * MARGIN  # landscape: charts, maps and the wide tables
PATHWAY_YEARS = (2024, 2030, 2035, 2040, 2045)


@lru_cache(maxsize=1)
def _fonts() -> str:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in ((FONT, "DejaVuSans.ttf"), (f"{FONT}-Bold", "DejaVuSans-Bold.ttf"), (f"{FONT}-Oblique", "DejaVuSans-Oblique.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Oblique", boldItalic=f"{FONT}-Bold")
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    f = _fonts()
    body = ParagraphStyle("body", fontName=f, fontSize=10, leading=13.5, spaceAfter=5)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=f"{f}-Bold", fontSize=24, leading=29, spaceAfter=10),
        "subtitle": ParagraphStyle("subtitle", parent=body, fontSize=14, leading=18, textColor=colors.HexColor("#333333"), spaceAfter=14),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName=f"{f}-Bold",
            fontSize=16,
            leading=20,
            spaceBefore=4,
            spaceAfter=8,
            textColor=colors.HexColor("#1f4e79"),
        ),
        "h2": ParagraphStyle("h2", parent=body, fontName=f"{f}-Bold", fontSize=12, leading=15, spaceBefore=8, spaceAfter=4),
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=colors.HexColor("#444444")),
        "warn": ParagraphStyle(
            "warn",
            parent=body,
            textColor=colors.HexColor("#8a0015"),
            borderColor=colors.HexColor("#8a0015"),
            borderWidth=0.8,
            borderPadding=6,
            spaceBefore=10,
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=7.5, leading=9, spaceAfter=0),
        "cellr": ParagraphStyle("cellr", parent=body, fontSize=7.5, leading=9, spaceAfter=0, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=body, fontName=f"{f}-Bold", fontSize=7.5, leading=9, spaceAfter=0),
        "headr": ParagraphStyle("headr", parent=body, fontName=f"{f}-Bold", fontSize=7.5, leading=9, spaceAfter=0, alignment=TA_RIGHT),
    }


def _p(text, style) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _table(
    header: list[str], rows: list[list], widths: list[float], st: dict, numeric: set[int] | None = None, width: float = WIDE_W
) -> Table:
    """A table with a bold repeated header; columns in `numeric` right-aligned. Widths are fractions of the body."""
    numeric = numeric or set()
    head = [_p(h, st["headr"] if i in numeric else st["head"]) for i, h in enumerate(header)]
    body = [[_p(v, st["cellr"] if i in numeric else st["cell"]) for i, v in enumerate(r)] for r in rows]
    t = Table([head, *body], colWidths=[w * width for w in widths], repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#333333")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f9")]),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return t


def _image(png: bytes, width: float = WIDE_W, max_height: float = 0.8 * WIDE_H) -> Image:
    img = Image(io.BytesIO(png))
    ratio = img.imageHeight / img.imageWidth
    width = min(width, max_height / ratio)
    img.drawWidth, img.drawHeight = width, width * ratio
    return img


# --- sections -------------------------------------------------------------------------------------


def _title_page(data, st, lang) -> list:
    m = data.meta
    out = [Spacer(1, 3 * cm), _p(m.get("title") or m.get("scenario_name", ""), st["title"]), _p(tr("report_kind", lang), st["subtitle"])]
    rows = [[tr("scenario", lang), m.get("scenario_name", "")], [tr("city", lang), m.get("city_name", "")]]
    if m.get("snapshot_id"):
        rows.append([tr("snapshot", lang), f"{m['snapshot_id']} – {tr('frozen_at', lang, date=date_text(m.get('frozen_at', ''), lang))}"])
    else:
        rows.append([tr("calculation", lang), tr("live", lang, date=date_text(m.get("computed_at", ""), lang))])
    rows += [
        [tr("data_version", lang), m.get("data_version", "")],
        [tr("built_at", lang), date_text(m.get("built_at", ""), lang)],
        [tr("params_hash", lang), m.get("params_hash", "")],
        [tr("portfolio_hash", lang), m.get("portfolio_hash", "")],
        [tr("factor_set", lang), label("leverval", m.get("factor_set", ""), lang)],
    ]
    if m.get("report_sha256"):
        rows.append([tr("report_sha", lang), m["report_sha256"]])
    t = Table([[_p(a, st["h2"]), _p(b, st["body"])] for a, b in rows], colWidths=[0.32 * BODY_W, 0.68 * BODY_W])
    t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#cccccc"))]))
    out += [t, Spacer(1, 0.6 * cm)]
    if m.get("scenario_description"):
        out.append(_p(m["scenario_description"], st["body"]))
    if not m.get("snapshot_id"):
        out.append(_p(tr("live_note", lang), st["small"]))
    if m.get("has_synthetic_data"):
        out.append(_p(tr("synthetic_warning", lang), st["warn"]))
    out.append(PageBreak())
    return out


def _assumptions(data, st, lang) -> list:
    out = [_p(tr("sec_assumptions", lang), st["h1"]), _p(tr("levers", lang), st["h2"])]
    lv = data.table("levers")
    rows = []
    for rec in lv.itertuples():
        rows.append([label("lever", rec.lever, lang), lever_text(rec.lever, rec.value, lang)])
    out.append(_table([tr("lever", lang), tr("value", lang)], rows, [0.4, 0.6], st, width=BODY_W))
    params = data.table("parameters")
    u = params[params["kind"] == "assumption"] if "kind" in params else params.iloc[0:0]
    out += [Spacer(1, 0.4 * cm), _p(tr("n_assumptions", lang, n=len(u)), st["body"]), _p(tr("u_marker", lang), st["small"])]
    rows = []
    for rec in u.itertuples():
        source = " – ".join(str(x) for x in (getattr(rec, "source", ""), getattr(rec, "rationale", "")) if isinstance(x, str) and x.strip())
        rows.append([f"[U] {rec.key}", str(rec.value), str(rec.unit or ""), source])
    out.append(
        _table(
            [tr("param_key", lang), tr("value", lang), tr("param_unit", lang), tr("param_source", lang)],
            rows,
            [0.3, 0.1, 0.13, 0.47],
            st,
            width=BODY_W,
        )
    )
    out += [NextPageTemplate("landscape"), PageBreak()]
    return out


def _pathway(data, st, lang, charts) -> list:
    pw = data.table("pathway").set_index("year")
    tg = data.table("targets")
    out = [
        _p(tr("sec_pathway", lang), st["h1"]),
        _image(charts["pathway"], max_height=0.52 * WIDE_H),
        _p(tr("band_help", lang), st["small"]),
    ]
    for rec in tg.itertuples():
        verdict = tr("gap_missed", lang) if rec.gap_t > 0 else tr("gap_met", lang)
        out.append(
            _p(
                tr(
                    "gap_sentence",
                    lang,
                    year=rec.year,
                    path=num(rec.pathway_t, 0, lang),
                    target=rec.target,
                    target_t=num(rec.target_t, 0, lang),
                    gap=num(rec.gap_t, 0, lang),
                    verdict=verdict,
                ),
                st["body"],
            )
        )
    out.append(_p(tr("gap_help", lang), st["small"]))
    rows = [
        [
            str(y),
            num(pw.loc[y, "co2e_t"], 0, lang),
            num(pw.loc[y, "co2e_low_t"], 0, lang),
            num(pw.loc[y, "co2e_high_t"], 0, lang),
            num(pw.loc[y, "final_energy_mwh"], 0, lang),
        ]
        for y in PATHWAY_YEARS
        if y in pw.index
    ]
    out.append(
        _table(
            [tr("year", lang), tr("co2e_central", lang), tr("co2e_low", lang), tr("co2e_high", lang), tr("final_energy", lang)],
            rows,
            [0.12, 0.22, 0.2, 0.2, 0.26],
            st,
            {1, 2, 3, 4},
        )
    )
    rows = [
        [str(r.year), str(r.target), num(r.target_t, 0, lang), num(r.pathway_t, 0, lang), num(r.gap_t, 0, lang)] for r in tg.itertuples()
    ]
    out += [
        Spacer(1, 0.3 * cm),
        _table(
            [tr("year", lang), tr("target", lang), tr("target_t", lang), tr("co2e_central", lang), tr("gap_t", lang)],
            rows,
            [0.1, 0.3, 0.2, 0.2, 0.2],
            st,
            {2, 3, 4},
        ),
    ]
    out.append(PageBreak())
    return out


def _contributions(data, st, lang, charts) -> list:
    c = data.table("contributions")
    bo = data.table("by_owner")
    tg = data.table("targets").set_index("year")
    out = [_p(tr("sec_contrib", lang), st["h1"])]
    if c.empty:
        out.append(_p(tr("no_projects", lang), st["body"]))
    else:
        out.append(
            _p(
                tr(
                    "projects_total",
                    lang,
                    y2030=num(c["attributed_2030_t"].sum(), 0, lang),
                    y2035=num(c["attributed_2035_t"].sum(), 0, lang),
                ),
                st["body"],
            )
        )
    for year in tg.index:
        gap = tg.loc[year, "gap_t"]
        text = (
            tr("remaining_gap", lang, year=year, gap=num(gap, 0, lang))
            if gap > 0
            else tr("remaining_gap_met", lang, year=year, margin=num(-gap, 0, lang))
        )
        out.append(_p(text, st["body"]))
    out += [_image(charts["waterfall"], max_height=0.7 * WIDE_H), _p(tr("contrib_help", lang), st["small"])]
    if not c.empty:
        rows = [
            [
                r.name,
                r.owner,
                label("ptype", r.project_type, lang),
                label("status", r.status, lang),
                num(r.attributed_2030_t, 0, lang),
                num(r.attributed_2035_t, 0, lang),
                f"{num(r.attributed_2035_low_t, 0, lang)} – {num(r.attributed_2035_high_t, 0, lang)}",
                num(r.cumulative_t, 0, lang),
            ]
            for r in c.itertuples()
        ]
        header = [
            tr("project", lang),
            tr("owner", lang),
            tr("type", lang),
            tr("status", lang),
            tr("attr_2030", lang),
            tr("attr_2035", lang),
            tr("range_2035", lang),
            tr("cumulative", lang),
        ]
        out += [PageBreak(), _table(header, rows, [0.27, 0.15, 0.14, 0.09, 0.07, 0.07, 0.11, 0.1], st, {4, 5, 6, 7})]
    if not bo.empty:
        out += [PageBreak(), _image(charts["by_owner"], max_height=0.7 * WIDE_H)]
        rows = [[r.owner, num(r.attributed_2030_t, 0, lang), num(r.attributed_2035_t, 0, lang)] for r in bo.itertuples()]
        out.append(_table([tr("owner", lang), tr("attr_2030", lang), tr("attr_2035", lang)], rows, [0.6, 0.2, 0.2], st, {1, 2}))
    out.append(PageBreak())
    return out


def _districts(data, st, lang) -> list:
    d = data.table("districts").sort_values("code", kind="stable")
    rows = [
        [
            r.code,
            r.name,
            r.stadtbezirk,
            num(r.n_buildings, 0, lang),
            num(r.heat_demand_mwh_per_year, 0, lang),
            pct(r.dh_share_pct, 1, lang),
            label("supply", r.supply_area_type, lang),
            num(r.co2e_2024_t, 0, lang),
            num(r.co2e_2030_t, 0, lang),
            num(r.co2e_2035_t, 0, lang),
            pct(r.change_2024_2035_pct, 1, lang),
        ]
        for r in d.itertuples()
    ]
    header = [
        tr("code", lang),
        tr("district", lang),
        tr("stadtbezirk", lang),
        tr("n_buildings", lang),
        tr("heat_mwh", lang),
        tr("dh_share", lang),
        tr("supply", lang),
        "2024 t",
        "2030 t",
        "2035 t",
        tr("change_pct", lang),
    ]
    widths = [0.04, 0.15, 0.11, 0.07, 0.1, 0.07, 0.14, 0.08, 0.08, 0.08, 0.08]
    return [
        _p(tr("sec_districts", lang), st["h1"]),
        _p(tr("districts_help", lang), st["small"]),
        _table(header, rows, widths, st, {3, 4, 5, 7, 8, 9, 10}),
        PageBreak(),
    ]


def _maps(data, st, lang, charts) -> list:
    out = [_p(tr("sec_maps", lang), st["h1"])]
    captions = {
        "map_districts": ("districts",),
        "map_dh": ("dh_areas", "expansion"),
        "map_supply": ("supply_areas",),
        "map_projects": ("projects",),
    }
    for i, (name, layers) in enumerate(captions.items()):
        block = [
            _image(charts[name], max_height=(0.82 if i else 0.76) * WIDE_H),
            _p(tr("attribution", lang, text=attribution_line(data, "districts", *layers)), st["small"]),
        ]
        if name == "map_dh":
            block.append(_p(tr("illustrative_note", lang), st["small"]))
        out += [KeepTogether(block), PageBreak()]
    return out


def _indicators(data, st, lang) -> list:
    ind = data.table("indicators")
    years = sorted(int(y) for y in ind["year"].unique())
    keys = ["indicator", "carrier", "sector", "unit"]
    wide = (
        ind.fillna({k: "" for k in keys}).pivot_table(index=keys, columns="year", values="value", aggfunc="sum", sort=False).reset_index()
    )
    rows = []
    for r in wide.to_dict(orient="records"):
        decimals = 1 if r["unit"] == "%" else 0
        sector = label("sector", r["sector"], lang) if r["sector"] else ""
        rows.append(
            [
                label("ind", r["indicator"], lang),
                label("carrier", r["carrier"], lang) if r["carrier"] else "",
                sector,
                label("unit", r["unit"], lang),
                *[num(r.get(y), decimals, lang) for y in years],
            ]
        )
    header = [tr("indicator", lang), tr("carrier", lang), tr("sector", lang), tr("unit", lang), *[str(y) for y in years]]
    widths = [0.33, 0.12, 0.15, 0.07] + [0.33 / max(1, len(years))] * len(years)
    return [
        _p(tr("sec_indicators", lang), st["h1"]),
        _p(tr("indicators_help", lang), st["small"]),
        _table(header, rows, widths, st, set(range(4, 4 + len(years)))),
        PageBreak(),
    ]


def _sources(data, st, lang) -> list:
    src = data.table("sources")
    rows = [
        [
            r.title,
            r.licence,
            r.attribution,
            str(r.reference_date or ""),
            tr("synthetic", lang) if bool(r.is_synthetic) else "",
            str(r.notes or ""),
        ]
        for r in src.itertuples()
    ]
    header = [tr("source", lang), tr("licence", lang), tr("attribution_col", lang), tr("reference_date", lang), "", ""]
    return [
        _p(tr("sec_sources", lang), st["h1"]),
        _p(tr("sources_help", lang), st["small"]),
        _table(header, rows, [0.18, 0.12, 0.26, 0.08, 0.09, 0.27], st),
        Spacer(1, 0.5 * cm),
        _p(tr("software", lang), st["small"]),
    ]


def _footer(data, lang):
    m = data.meta
    where = m.get("snapshot_id") or tr("live", lang, date=date_text(m.get("computed_at", ""), lang))
    left = f"{m.get('city_name', '')} · {m.get('scenario_name', '')} · {where} · {tr('data_version', lang)} {m.get('data_version', '')}"

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 1.0 * cm, left[:150])
        canvas.drawRightString(canvas._pagesize[0] - MARGIN, 1.0 * cm, tr("page", lang, n=doc.page))
        canvas.restoreState()

    return draw


def render_pdf(data, lang: str = "de", charts: dict[str, bytes] | None = None) -> bytes:
    """The report of `data` as PDF bytes in `lang`; `charts` from `charts.all_charts` if already drawn."""
    charts = charts or ch.all_charts(data, lang)
    st = _styles()
    m = data.meta
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        title=str(m.get("title") or m.get("scenario_name", "")),
        author=str(m.get("city_name", "")),
        subject=tr("report_kind", lang),
        creator="waermewende-dashboard reports",
        lang=lang,
    )
    footer = _footer(data, lang)
    doc.addPageTemplates(
        [
            PageTemplate(id="portrait", frames=[Frame(MARGIN, MARGIN, BODY_W, PAGE_H - 2 * MARGIN, id="p")], onPage=footer, pagesize=A4),
            PageTemplate(id="landscape", frames=[Frame(MARGIN, MARGIN, WIDE_W, WIDE_H, id="l")], onPage=footer, pagesize=landscape(A4)),
        ]
    )
    story = [
        *_title_page(data, st, lang),
        *_assumptions(data, st, lang),
        *_pathway(data, st, lang, charts),
        *_contributions(data, st, lang, charts),
        *_districts(data, st, lang),
        *_maps(data, st, lang, charts),
        *_indicators(data, st, lang),
        *_sources(data, st, lang),
    ]
    doc.build(story)
    return buf.getvalue()


__all__ = ["render_pdf"]
