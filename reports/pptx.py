"""The council presentation (python-pptx, 16:9): the report's sections as slides, one message each.

Large type for a projector (titles 28 pt, text 16 pt, tables 12–14 pt); charts and maps are the same
PNGs as in the PDF. Long tables are split over slides; the districts slide shows those with the most
CO₂e and says that the full table is in the workbook.
"""

from __future__ import annotations

import io

from PIL import Image as PILImage
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.util import Emu, Inches, Pt

from locales import num, pct
from reports import charts as ch
from reports.layers import attribution_line
from reports.texts import date_text, label, lever_text, tr

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BLUE = RGBColor(0x1F, 0x4E, 0x79)
RED = RGBColor(0xB0, 0x00, 0x20)
GREY = RGBColor(0x55, 0x55, 0x55)
BODY_TOP, TABLE_TOP, PICTURE_H = Inches(1.2), Inches(1.3), Inches(5.6)
TOP_DISTRICTS = 12
ROWS_PER_SLIDE = 11


def _text(slide, text: str, left, top, width, height, size: int = 16, bold: bool = False, color: RGBColor | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    lines = text.split("\n")
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color
    return box


class _Deck:
    def __init__(self, data, lang: str):
        self.data, self.lang = data, lang
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = SLIDE_W, SLIDE_H
        self.layout = self.prs.slide_layouts[6]  # blank
        m = data.meta
        where = m.get("snapshot_id") or tr("live", lang, date=date_text(m.get("computed_at", ""), lang))
        self.footer = (
            f"{m.get('city_name', '')} · {m.get('scenario_name', '')} · {where} · {tr('data_version', lang)} {m.get('data_version', '')}"
        )

    def slide(self, title: str, title_size: int = 28):
        s = self.prs.slides.add_slide(self.layout)
        _text(s, title, MARGIN, Inches(0.3), SLIDE_W - 2 * MARGIN, Inches(0.9), size=title_size, bold=True, color=BLUE)
        n = len(self.prs.slides)
        _text(s, self.footer, MARGIN, SLIDE_H - Inches(0.45), SLIDE_W - 3 * MARGIN, Inches(0.35), size=10, color=GREY)
        _text(s, str(n), SLIDE_W - MARGIN - Inches(0.6), SLIDE_H - Inches(0.45), Inches(0.6), Inches(0.35), size=10, color=GREY)
        return s

    def picture(self, s, png: bytes, top=BODY_TOP, max_height=PICTURE_H):
        with PILImage.open(io.BytesIO(png)) as im:
            ratio = im.height / im.width
        width = min(SLIDE_W - 2 * MARGIN, Emu(int(max_height / ratio)))
        left = int((SLIDE_W - width) / 2)
        return s.shapes.add_picture(io.BytesIO(png), left, top, width=width)

    def table(
        self,
        s,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        size: int = 13,
        top=TABLE_TOP,
        numeric: set[int] | None = None,
    ):
        numeric = numeric or set()
        total_w = SLIDE_W - 2 * MARGIN
        row_h = Emu(int(Pt(size) * 2.1))  # one line of text with the cell's margins
        height = row_h * (len(rows) + 1)
        shape = s.shapes.add_table(len(rows) + 1, len(header), MARGIN, top, total_w, height)
        table = shape.table
        for j, w in enumerate(widths):
            table.columns[j].width = Emu(int(total_w * w))
        for row in table.rows:
            row.height = row_h
        for i, row in enumerate([header, *rows]):
            for j, value in enumerate(row):
                cell = table.cell(i, j)
                cell.text = str(value)
                for para in cell.text_frame.paragraphs:
                    if j in numeric:
                        para.alignment = PP_ALIGN.RIGHT
                    for run in para.runs:
                        run.font.size = Pt(size)
                        run.font.bold = i == 0
        return table


def _title_slide(d: _Deck) -> None:
    m, lang = d.data.meta, d.lang
    s = d.prs.slides.add_slide(d.layout)
    _text(
        s,
        m.get("title") or m.get("scenario_name", ""),
        MARGIN,
        Inches(1.3),
        SLIDE_W - 2 * MARGIN,
        Inches(1.2),
        size=40,
        bold=True,
        color=BLUE,
    )
    _text(s, f"{tr('report_kind', lang)} – {m.get('city_name', '')}", MARGIN, Inches(2.5), SLIDE_W - 2 * MARGIN, Inches(0.6), size=22)
    if m.get("snapshot_id"):
        kind = f"{tr('snapshot', lang)}: {m['snapshot_id']} ({tr('frozen_at', lang, date=date_text(m.get('frozen_at', ''), lang))})"
    else:
        kind = tr("live", lang, date=date_text(m.get("computed_at", ""), lang))
    lines = [
        f"{tr('scenario', lang)}: {m.get('scenario_name', '')}",
        kind,
        f"{tr('data_version', lang)}: {m.get('data_version', '')} · {tr('params_hash', lang)}: {m.get('params_hash', '')} · {tr('portfolio_hash', lang)}: {m.get('portfolio_hash', '')}",
    ]
    _text(s, "\n".join(lines), MARGIN, Inches(3.4), SLIDE_W - 2 * MARGIN, Inches(1.6), size=18)
    if m.get("has_synthetic_data"):
        _text(s, tr("synthetic_warning", lang), MARGIN, Inches(5.3), SLIDE_W - 2 * MARGIN, Inches(1.4), size=14, color=RED)


def _assumptions(d: _Deck) -> None:
    lang = d.lang
    s = d.slide(tr("sec_assumptions", lang))
    lv = d.data.table("levers")
    lv = lv[~lv["lever"].isin(["name", "description"])]
    rows = [[label("lever", r.lever, lang), lever_text(r.lever, r.value, lang)] for r in lv.itertuples()]
    params = d.data.table("parameters")
    n = int((params["kind"] == "assumption").sum()) if "kind" in params else 0
    _text(s, tr("n_assumptions_short", lang, n=n), MARGIN, Inches(1.0), SLIDE_W - 2 * MARGIN, Inches(0.45), size=16, bold=True, color=RED)
    d.table(s, [tr("lever", lang), tr("value", lang)], rows, [0.45, 0.55], size=10, top=Inches(1.55))


def _pathway(d: _Deck, charts: dict) -> None:
    lang = d.lang
    tg = d.data.table("targets").set_index("year")
    year = 2035 if 2035 in tg.index else tg.index.max()
    s = d.slide(tr("slide_pathway_msg", lang, path=num(tg.loc[year, "pathway_t"], 0, lang), gap=num(tg.loc[year, "gap_t"], 0, lang)))
    d.picture(s, charts["pathway"], max_height=Inches(4.9))
    lines = []
    for y, rec in tg.iterrows():
        verdict = tr("gap_missed", lang) if rec["gap_t"] > 0 else tr("gap_met", lang)
        lines.append(
            tr(
                "gap_sentence",
                lang,
                year=y,
                path=num(rec["pathway_t"], 0, lang),
                target=rec["target"],
                target_t=num(rec["target_t"], 0, lang),
                gap=num(rec["gap_t"], 0, lang),
                verdict=verdict,
            )
        )
    _text(s, "\n".join(lines), MARGIN, Inches(6.15), SLIDE_W - 2 * MARGIN, Inches(0.8), size=14)


def _contributions(d: _Deck, charts: dict) -> None:
    lang = d.lang
    c = d.data.table("contributions")
    tg = d.data.table("targets").set_index("year")
    gap = tg.loc[2035, "gap_t"] if 2035 in tg.index else float("nan")
    total = c["attributed_2035_t"].sum() if not c.empty else 0.0
    key = "slide_contrib_msg" if total >= 0 else "slide_contrib_msg_up"
    title = tr(key, lang, total=num(abs(total), 0, lang), gap=num(gap, 0, lang))
    long = len(title) > 70  # two lines at 22 pt: the chart starts lower
    s = d.slide(title, title_size=22 if long else 24)
    d.picture(s, charts["waterfall"], top=Inches(1.45) if long else BODY_TOP, max_height=Inches(5.45 if long else 5.7))
    if c.empty:
        return
    s = d.slide(tr("slide_owner_msg", lang))
    d.picture(s, charts["by_owner"], max_height=Inches(5.7))
    top = c.reindex(c["attributed_2035_t"].abs().sort_values(ascending=False).index).head(ROWS_PER_SLIDE)
    rows = [
        [
            r.name[:70] + ("…" if len(r.name) > 70 else ""),
            r.owner[:40],
            num(r.attributed_2030_t, 0, lang),
            num(r.attributed_2035_t, 0, lang),
        ]
        for r in top.itertuples()
    ]
    s = d.slide(tr("sec_contrib", lang))
    d.table(
        s,
        [tr("project", lang), tr("owner", lang), tr("attr_2030", lang), tr("attr_2035", lang)],
        rows,
        [0.55, 0.25, 0.1, 0.1],
        size=12,
        numeric={2, 3},
    )
    if len(c) > len(top):
        _text(
            s, tr("projects_full", lang, n=len(c)), MARGIN, SLIDE_H - Inches(0.95), SLIDE_W - 2 * MARGIN, Inches(0.45), size=14, bold=True
        )


def _districts(d: _Deck) -> None:
    lang = d.lang
    dist = d.data.table("districts")
    top = dist.sort_values("co2e_2024_t", ascending=False, kind="stable").head(TOP_DISTRICTS)
    rows = [
        [
            r.code,
            r.name,
            r.stadtbezirk,
            num(r.co2e_2024_t, 0, lang),
            num(r.co2e_2035_t, 0, lang),
            pct(r.change_2024_2035_pct, 1, lang),
            label("supply", r.supply_area_type, lang),
        ]
        for r in top.itertuples()
    ]
    s = d.slide(tr("districts_top", lang, n=len(top)))
    header = [
        tr("code", lang),
        tr("district", lang),
        tr("stadtbezirk", lang),
        "2024 t",
        "2035 t",
        tr("change_pct", lang),
        tr("supply", lang),
    ]
    d.table(s, header, rows, [0.06, 0.2, 0.17, 0.12, 0.12, 0.14, 0.19], size=12, top=Inches(1.15), numeric={3, 4, 5})
    _text(
        s, tr("districts_full", lang, n=len(dist)), MARGIN, SLIDE_H - Inches(0.95), SLIDE_W - 2 * MARGIN, Inches(0.45), size=14, bold=True
    )


def _maps(d: _Deck, charts: dict) -> None:
    lang = d.lang
    for name, key, layers in (
        ("map_districts", "map_districts", ()),
        ("map_dh", "map_dh", ("dh_areas", "expansion")),
        ("map_supply", "map_supply", ("supply_areas",)),
        ("map_projects", "map_projects", ("projects",)),
    ):
        s = d.slide(tr(key, lang), title_size=24)
        d.picture(s, charts[name], top=Inches(1.0), max_height=Inches(5.6))
        _text(
            s,
            tr("attribution", lang, text=attribution_line(d.data, "districts", *layers)),
            MARGIN,
            Inches(6.6),
            SLIDE_W - 2 * MARGIN,
            Inches(0.4),
            size=9,
            color=GREY,
        )


def _indicators(d: _Deck) -> None:
    lang = d.lang
    ind = d.data.table("indicators")
    years = sorted(int(y) for y in ind["year"].unique())
    keys = ["indicator", "carrier", "sector", "unit"]
    wide = (
        ind.fillna({k: "" for k in keys}).pivot_table(index=keys, columns="year", values="value", aggfunc="sum", sort=False).reset_index()
    )
    rows = []
    for r in wide.to_dict(orient="records"):
        decimals = 1 if r["unit"] == "%" else 0
        what = " · ".join(
            x
            for x in (
                label("carrier", r["carrier"], lang) if r["carrier"] else "",
                label("sector", r["sector"], lang) if r["sector"] else "",
            )
            if x
        )
        rows.append(
            [label("ind", r["indicator"], lang), what, label("unit", r["unit"], lang), *[num(r.get(y), decimals, lang) for y in years]]
        )
    header = [tr("indicator", lang), f"{tr('carrier', lang)} · {tr('sector', lang)}", tr("unit", lang), *[str(y) for y in years]]
    widths = [0.38, 0.2, 0.1] + [0.32 / max(1, len(years))] * len(years)
    for k in range(0, len(rows), ROWS_PER_SLIDE):
        title = tr("sec_indicators", lang) + (f" {tr('continued', lang)}" if k else "")
        s = d.slide(title)
        d.table(s, header, rows[k : k + ROWS_PER_SLIDE], widths, size=11, top=Inches(1.15), numeric=set(range(3, 3 + len(years))))


def _sources(d: _Deck) -> None:
    lang = d.lang
    src = d.data.table("sources")
    rows = [[r.title, r.licence, r.attribution, tr("synthetic", lang) if bool(r.is_synthetic) else ""] for r in src.itertuples()]
    s = d.slide(tr("sec_sources", lang))
    d.table(
        s,
        [tr("source", lang), tr("licence", lang), tr("attribution_col", lang), ""],
        rows,
        [0.3, 0.17, 0.43, 0.1],
        size=11,
        top=Inches(1.15),
    )
    _text(s, tr("software", lang), MARGIN, SLIDE_H - Inches(0.95), SLIDE_W - 2 * MARGIN, Inches(0.45), size=12, color=GREY)


def render_pptx(data, lang: str = "de", charts: dict[str, bytes] | None = None) -> bytes:
    """The presentation of `data` as PPTX bytes in `lang`; `charts` from `charts.all_charts` if already drawn."""
    charts = charts or ch.all_charts(data, lang)
    d = _Deck(data, lang)
    _title_slide(d)
    _assumptions(d)
    _pathway(d, charts)
    _contributions(d, charts)
    _districts(d)
    _maps(d, charts)
    _indicators(d)
    _sources(d)
    props = d.prs.core_properties
    props.title = str(data.meta.get("title") or data.meta.get("scenario_name", ""))
    props.subject = tr("report_kind", lang)
    props.language = lang
    buf = io.BytesIO()
    d.prs.save(buf)
    return buf.getvalue()


__all__ = ["render_pptx"]
