"""The council presentation (python-pptx, 16:9) for a projector: one message per slide, from the same dataset as the PDF.

Every slide has a real title (the layout's title placeholder, so the outline, screen readers and the slide sorter
see it), body text of 18 pt or more, pictures drawn at the size they are placed (reports.plotstyle.SLIDE: legends
and ticks at 16 pt reach the projector at 16 pt), an alt text for every picture and speaker notes with the numbers
behind the slide. Footers (place, data version, slide number) and the maps' attribution line are 12 pt; they are
named "Fußzeile" and "Quellenangabe". Slides: title; at a glance; the targets; pathway; from the base year to the
target; largest contributions; organisations; costs; timeline; scenario comparison (when the dataset has one); heat
networks; four maps; districts; assumptions; the proposed decision; sources.
"""

from __future__ import annotations

import io
import re

from PIL import Image as PILImage
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from locales import num
from reports import charts as ch
from reports import council, finance, maps
from reports.layers import attribution_line, layer_frame
from reports.plotstyle import SLIDE
from reports.texts import change, date_text, eur, label, lever_text, short_label, supply_label, tonnes, tr

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
BLUE = RGBColor(0x0A, 0x4A, 0x7A)
RED = RGBColor(0xA0, 0x00, 0x00)
GREY = RGBColor(0x55, 0x55, 0x55)
TITLE_PT, BODY_PT, BIG_PT, FOOT_PT = 28, 20, 30, 12
BODY_TOP = Inches(1.35)
BODY_BOTTOM, MAP_BOTTOM = SLIDE_H - Inches(0.5), SLIDE_H - Inches(1.1)  # above the footer; a map above its attribution
PICTURE_W = Inches(SLIDE.width)
TABLE_ROWS = 8  # rows of 18 pt fit below a title
FOOTER, SOURCE_LINE = "Fußzeile", "Quellenangabe"  # the 12 pt shapes; every other text is body or title
LAYOUT_TITLE, LAYOUT_CONTENT, LAYOUT_TITLE_ONLY = 0, 1, 5
FIRST_SENTENCE = re.compile(r"(?<=[.;])\s(?=[A-ZÄÖÜ])")  # a proposal point's first sentence (or clause before ';') on the slide


def _runs(frame, lines: list[str], size: int, *, bold: bool = False, color: RGBColor | None = None, align=None) -> None:
    frame.word_wrap = True
    for i, line in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if align is not None:
            para.alignment = align
        run = para.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        if color is not None:
            run.font.color.rgb = color


class Deck:
    """The presentation being built: slides with a title placeholder, footer, notes; pictures with alt text."""

    def __init__(self, data, lang: str):
        self.data, self.lang = data, lang
        self.prs = Presentation()
        self.prs.slide_width, self.prs.slide_height = SLIDE_W, SLIDE_H
        m = data.meta
        where = m.get("snapshot_id") or tr("live", lang, date=date_text(m.get("computed_at", ""), lang))
        self.footer = (
            f"{m.get('city_name', '')} · {m.get('scenario_name', '')} · {where} · {tr('data_version', lang)} {m.get('data_version', '')}"
        )

    def text(self, slide, lines, left, top, width, height, size: int = BODY_PT, *, bold=False, color=None, name: str = "", align=None):
        box = slide.shapes.add_textbox(left, top, width, height)
        if name:
            box.name = name
        _runs(box.text_frame, lines if isinstance(lines, list) else [lines], size, bold=bold, color=color, align=align)
        return box

    def slide(self, title: str, notes: str = "", layout: int = LAYOUT_TITLE_ONLY):
        s = self.prs.slides.add_slide(self.prs.slide_layouts[layout])
        t = s.shapes.title
        t.left, t.top, t.width, t.height = MARGIN, Inches(0.2), SLIDE_W - 2 * MARGIN, Inches(1.1)
        t.text_frame.clear()
        _runs(t.text_frame, [title], TITLE_PT if len(title) <= 70 else TITLE_PT - 4, bold=True, color=BLUE, align=PP_ALIGN.LEFT)
        t.text_frame.vertical_anchor = MSO_ANCHOR.MIDDLE
        n = len(self.prs.slides)
        self.text(
            s,
            self.footer,
            MARGIN,
            SLIDE_H - Inches(0.42),
            SLIDE_W - 2 * MARGIN - Inches(3.4),
            Inches(0.3),
            FOOT_PT,
            color=GREY,
            name=FOOTER,
        )
        self.text(
            s,
            str(n),
            SLIDE_W - MARGIN - Inches(0.6),
            SLIDE_H - Inches(0.42),
            Inches(0.6),
            Inches(0.3),
            FOOT_PT,
            color=GREY,
            name=FOOTER,
            align=PP_ALIGN.RIGHT,
        )
        if self.data.meta.get("has_synthetic_data") and layout != LAYOUT_TITLE:  # in the footer row, beside the number
            self.text(
                s,
                tr("synthetic_map", self.lang),
                SLIDE_W - MARGIN - Inches(3.3),
                SLIDE_H - Inches(0.46),
                Inches(2.6),
                Inches(0.35),
                14,
                bold=True,
                color=RED,
                name="Hinweis",
                align=PP_ALIGN.RIGHT,
            )
        if notes:
            s.notes_slide.notes_text_frame.text = notes
        return s

    def picture(self, s, png: bytes, alt: str, top=BODY_TOP, name: str = "", bottom=BODY_BOTTOM):
        """A chart at its drawn size (SLIDE profile: 12.3 in wide), centred, with its alt text."""
        with PILImage.open(io.BytesIO(png)) as im:
            ratio = im.height / im.width
        width = PICTURE_W
        height = Emu(int(width * ratio))
        if top + height > bottom:  # never into the footer: shrink (the type shrinks with it)
            height = bottom - top
            width = Emu(int(height / ratio))
        pic = s.shapes.add_picture(io.BytesIO(png), int((SLIDE_W - width) / 2), top, width=width, height=height)
        pic.name = name or "Grafik"
        pic._element.nvPicPr.cNvPr.set("descr", alt)
        return pic

    def table(self, s, header: list[str], rows: list[list[str]], widths: list[float], *, size: int = 18, top=BODY_TOP, numeric=()):
        total_w = SLIDE_W - 2 * MARGIN
        row_h = Emu(int(Pt(size) * 2.0))
        shape = s.shapes.add_table(len(rows) + 1, len(header), MARGIN, top, total_w, row_h * (len(rows) + 1))
        table = shape.table
        for j, w in enumerate(widths):
            table.columns[j].width = Emu(int(total_w * w))
        for row in table.rows:
            row.height = row_h
        for i, row in enumerate([header, *rows]):
            for j, value in enumerate(row):
                cell = table.cell(i, j)
                cell.text_frame.clear()
                _runs(cell.text_frame, [str(value)], size, bold=i == 0, align=PP_ALIGN.RIGHT if j in set(numeric) else None)
        return table


# --- slides ---------------------------------------------------------------------------------------


def title_slide(d: Deck) -> None:
    m, lang = d.data.meta, d.lang
    s = d.prs.slides.add_slide(d.prs.slide_layouts[LAYOUT_TITLE])
    t = s.shapes.title
    t.left, t.top, t.width, t.height = MARGIN, Inches(1.4), SLIDE_W - 2 * MARGIN, Inches(1.8)
    own_title = bool(m.get("title")) and m.get("title") != m.get("scenario_name")
    _runs(
        t.text_frame,
        [m["title"] if own_title else tr("vorlage_subject", lang, name=m.get("scenario_name", ""))],
        36,
        bold=True,
        color=BLUE,
        align=PP_ALIGN.LEFT,
    )
    sub = s.placeholders[1]
    sub.left, sub.top, sub.width, sub.height = MARGIN, Inches(3.4), SLIDE_W - 2 * MARGIN, Inches(2.2)
    sub.text_frame.clear()
    lines = [
        tr("vorlage_subject", lang, name=m.get("scenario_name", ""))
        if own_title
        else tr("report_kind", lang) + f" – {m.get('city_name', '')}",
        council.stand(d.data, lang),
        f"{tr('data_version', lang)} {m.get('data_version', '')} · {tr('params_hash', lang)} {m.get('params_hash', '')} · {tr('portfolio_hash', lang)} {m.get('portfolio_hash', '')}",
    ]
    _runs(sub.text_frame, lines, BODY_PT, align=PP_ALIGN.LEFT)
    if m.get("has_synthetic_data"):
        d.text(s, tr("synthetic_short", lang), MARGIN, Inches(5.8), SLIDE_W - 2 * MARGIN, Inches(1.0), 18, color=RED, name="Hinweis")
    s.notes_slide.notes_text_frame.text = "\n".join(council.summary(d.data, lang))


def glance(d: Deck) -> None:
    """Four numbers: where the city stands, the pathway in 2035, the gap, what the open measures cost."""
    lang = d.lang
    k = council.key_figures(d.data)
    f = k["finance_open"]
    tiles = [
        (tr("kf_start", lang, year=k["base_year"]), tonnes(k["start_t"], lang)),
        (tr("kf_path", lang, year=k["year"]), tonnes(k["path_t"], lang)),
        (tr("kf_gap", lang, year=k["year"]), tonnes(k["gap_t"], lang, signed=True)),
        (tr("kf_capex", lang, n=f["n_measures"]), eur(f["capex_eur"], lang)),
    ]
    s = d.slide(tr("slide_glance", lang, year=k["year"], path=tonnes(k["path_t"], lang)), "\n".join(council.summary(d.data, lang)))
    w = (SLIDE_W - 2 * MARGIN - Inches(0.6)) / 4
    for i, (what, value) in enumerate(tiles):
        left = MARGIN + i * (w + Inches(0.2))
        d.text(s, value, left, Inches(1.8), w, Inches(1.0), BIG_PT, bold=True, color=BLUE)
        d.text(s, what, left, Inches(2.8), w, Inches(1.0), BODY_PT)
    lines = [
        tr("glance_drivers", lang, value=tonnes(k["drivers_t"], lang, signed=True)),
        tr("glance_measures", lang, n=k["n_measures"], value=tonnes(k["measures_t"], lang, signed=True)),
        tr("glance_unbacked", lang, value=tonnes(k["unbacked_t"], lang, signed=True)),
    ]
    d.text(s, lines, MARGIN, Inches(4.2), SLIDE_W - 2 * MARGIN, Inches(2.2), 22)


def targets(d: Deck) -> None:
    lang = d.lang
    tg = d.data.table("targets")
    rows = [
        [
            r.target,
            str(r.year),
            tonnes(r.target_t, lang),
            tonnes(r.pathway_t, lang),
            tonnes(r.gap_t, lang, signed=True),
            tr("gap_met" if r.gap_t <= 0 else "gap_missed", lang),
        ]
        for r in tg.itertuples()
    ]
    verdicts = "; ".join(
        tr("slide_target_verdict_met" if r.gap_t <= 0 else "slide_target_verdict_missed", lang, year=r.year, gap=tonnes(abs(r.gap_t), lang))
        for r in tg.itertuples()
    )
    s = d.slide(tr("slide_targets", lang, verdicts=verdicts), "\n".join(" · ".join(r) for r in rows))
    header = [tr("target", lang), tr("year", lang), tr("target_t", lang), tr("kf_path", lang, year=""), tr("kf_gap_short", lang), ""]
    d.table(s, header, rows, [0.26, 0.08, 0.17, 0.17, 0.16, 0.16], numeric={2, 3, 4}, size=20)
    d.text(s, tr("gap_help", lang), MARGIN, Inches(3.9), SLIDE_W - 2 * MARGIN, Inches(1.0), 18)


def pathway(d: Deck, charts: dict) -> None:
    lang = d.lang
    pw = d.data.table("pathway")
    notes = "\n".join(
        f"{r.year}: {num(r.co2e_t, 0, lang)} t ({num(r.co2e_low_t, 0, lang)} – {num(r.co2e_high_t, 0, lang)})"
        for r in pw.itertuples()
        if r.year % 5 == 0 or r.year == pw["year"].min()
    )
    s = d.slide(tr("slide_pathway", lang), notes + "\n" + tr("band_help", lang))
    alt = tr("alt_pathway", lang, first=int(pw["year"].min()), last=int(pw["year"].max())) + " " + notes.replace("\n", "; ")
    d.picture(s, charts["pathway"], alt, name="Emissionspfad")


def decomposition(d: Deck, charts: dict) -> None:
    lang = d.lang
    k = council.key_figures(d.data)
    rows = council.waterfall_rows(d.data, lang)
    notes = "\n".join(
        f"{what}: {' / '.join(num(v, 0, lang) if level else change(v, lang) for v in vals)} t (2030 / 2035)"
        for _, what, level, vals in rows
    )
    title = tr(
        "slide_waterfall",
        lang,
        year=k["year"],
        drivers=change(k["drivers_t"], lang),
        measures=change(k["measures_t"], lang),
        unbacked=change(k["unbacked_t"], lang),
    )
    s = d.slide(title, tr("contrib_help", lang) + "\n" + notes)
    d.picture(s, charts["waterfall"], tr("alt_waterfall", lang, year=k["year"]) + " " + title, name="Wasserfall")


def largest(d: Deck) -> None:
    """The measures with the largest reduction in 2035, in order of their value (the largest reduction first)."""
    lang = d.lang
    c = d.data.table("contributions")
    if c.empty:
        return
    numbers = maps.project_numbers(d.data)
    ordered = c.assign(change_t=-c["attributed_2035_t"]).sort_values("change_t", kind="stable")
    top = ordered[ordered["change_t"] <= -0.5].head(TABLE_ROWS - 1)  # reductions only, the largest first
    if top.empty:
        return
    rows = [
        [str(numbers.get(r.project_id, "")), short_label(r.name, 48), short_label(r.owner, 22), change(r.change_t, lang)]
        for r in top.itertuples()
    ]
    notes = "\n".join(
        f"{numbers.get(r.project_id, '')}. {r.name} ({r.owner}): {change(r.change_t, lang)} t CO₂e/a 2035" for r in ordered.itertuples()
    )
    s = d.slide(tr("slide_largest", lang, n=len(top)), notes)
    d.table(
        s, [tr("no", lang), tr("project", lang), tr("owner", lang), tr("change_2035", lang)], rows, [0.06, 0.58, 0.2, 0.16], numeric={0, 3}
    )
    if len(c) > len(top):
        d.text(s, tr("projects_full", lang, n=len(c)), MARGIN, Inches(6.4), SLIDE_W - 2 * MARGIN, Inches(0.5), 18)


def owners(d: Deck, charts: dict) -> None:
    lang = d.lang
    bo = d.data.table("by_owner")
    if bo.empty:
        return
    notes = "\n".join(
        f"{r.owner}: {change(-r.attributed_2035_t, lang)} t CO₂e/a 2035 ({change(-r.attributed_2030_t, lang)} t 2030)"
        for r in bo.itertuples()
    )
    s = d.slide(tr("slide_owner_msg", lang), notes)
    d.picture(s, charts["by_owner"], tr("alt_owner", lang) + " " + notes.replace("\n", "; "), name="Träger")


def costs(d: Deck, charts: dict) -> None:
    lang = d.lang
    f = finance.totals(d.data, open_only=True)
    years = finance.year_totals(d.data, open_only=True)
    notes = "\n".join(
        f"{int(r.year)}: {eur(r.capex_eur, lang)} ({tr('funding', lang)} {eur(r.funding_eur, lang)})" for r in years.itertuples()
    )
    owners_ = finance.by_owner(d.data, open_only=True)
    notes += "\n" + "\n".join(
        f"{r.owner}: {eur(r.capex_eur, lang)}, {tr('financing_gap', lang)} {eur(r.gap_eur, lang)}" for r in owners_.itertuples()
    )
    title = tr("slide_costs", lang, capex=eur(f["capex_eur"], lang), funding=eur(f["funding_eur"], lang), n=f["n_without_cost"])
    s = d.slide(title, tr("finance_years_help", lang) + "\n" + notes)
    d.picture(s, charts["finance"], tr("alt_finance", lang) + " " + title, name="Investitionen")


def timeline(d: Deck, charts: dict) -> None:
    lang = d.lang
    dates = council.legal_dates(d.data, lang)
    c = d.data.table("contributions")
    notes = (
        "\n".join(d_["label"] for d_ in dates)
        + "\n"
        + "\n".join(f"{r.name}: {int(r.start_year)}–{int(r.end_year)} ({label('status', r.status, lang)})" for r in c.itertuples())
    )
    s = d.slide(tr("slide_timeline", lang), notes)
    pic = d.picture(s, charts["timeline"], tr("alt_timeline", lang) + " " + "; ".join(d_["label"] for d_ in dates), name="Zeitplan")
    marks = [m["text"] for m in ch.timeline_marks(d.data, lang)]
    d.text(s, marks, MARGIN, pic.top + pic.height + Inches(0.05), SLIDE_W - 2 * MARGIN, Inches(1.7), 18)


def comparison(d: Deck, charts: dict) -> None:
    lang = d.lang
    sm = d.data.tables.get("comparison_summary")
    if sm is None or sm.empty or "comparison" not in charts:
        return
    notes = "\n".join(
        f"{r.scenario_name}: 2030 {num(r.pathway_2030_t, 0, lang)} t ({tr('kf_gap_short', lang)} {change(r.gap_2030_t, lang)}), 2035 {num(r.pathway_2035_t, 0, lang)} t ({tr('kf_gap_short', lang)} {change(r.gap_2035_t, lang)}); "
        f"{tr('kf_drivers_short', lang)} {change(r.drivers_2035_t, lang)}, {tr('kf_measures_short', lang)} {change(r.measures_2035_t, lang)}, {tr('kf_unbacked_short', lang)} {change(r.unbacked_2035_t, lang)}"
        for r in sm.itertuples()
    )
    s = d.slide(tr("slide_comparison", lang, n=len(sm)), notes)
    d.picture(s, charts["comparison"], tr("alt_comparison", lang) + " " + notes.replace("\n", "; "), name="Szenarienvergleich")


def networks(d: Deck, charts: dict) -> None:
    lang = d.lang
    net = d.data.tables.get("networks")
    if net is None or net.empty:
        return
    part = net[net["year"].isin([2030, 2040, 2045])]
    notes = "\n".join(
        f"{r.network_id} {r.year}: {num(r.renewable_or_waste_heat_share_pct, 0, lang)} % ({tr('net_share_backed', lang)} {num(r.backed_share_pct, 0, lang)} %), {tr('net_duty', lang)} {num(r.duty_share_pct, 0, lang)} %: {tr('met' if r.duty_met else 'missed', lang)} / {tr('met' if r.duty_met_backed else 'missed', lang)}; {num(r.ef_g_per_kwh, 0, lang)} g/kWh"
        for r in part.itertuples()
    )
    missed = int((~part["duty_met_backed"].astype(bool)).sum())
    s = d.slide(tr("slide_networks", lang, n=missed), tr("network_share_note", lang) + " " + tr("networks_help", lang) + "\n" + notes)
    d.picture(s, charts["networks"], tr("alt_networks", lang) + " " + notes.replace("\n", "; "), name="Wärmenetze")


MAP_SLIDES = (("map_supply", "sec_supply"), ("map_districts", "map_districts"), ("map_dh", "map_dh"), ("map_projects", "map_projects"))


def map_slides(d: Deck, charts: dict) -> None:
    lang = d.lang
    numbers = maps.project_numbers(d.data)
    for name, key in MAP_SLIDES:
        notes = tr(f"notes_{name}", lang) + "\n" + _map_figures(d.data, name, numbers, lang)
        s = d.slide(tr(key, lang), notes)
        d.picture(s, charts[name], tr(f"alt_{name}", lang), top=Inches(1.3), name=name, bottom=MAP_BOTTOM)
        d.text(
            s,
            tr("attribution", lang, text=attribution_line(d.data, "districts", *maps.MAP_LAYERS[name])),
            MARGIN,
            SLIDE_H - Inches(1.05),
            SLIDE_W - 2 * MARGIN,
            Inches(0.45),
            FOOT_PT,
            color=GREY,
            name=SOURCE_LINE,
        )


def _map_figures(data, name: str, numbers: dict, lang: str) -> str:
    """The numbers behind a map, for the speaker: classes, areas and counts, the measures' numbers."""
    if name == "map_projects":
        return "\n".join(f"{numbers.get(r.project_id, '')}: {r.name}" for r in data.table("contributions").itertuples())
    if name == "map_districts":
        ch_ = data.table("districts")["change_2024_2035_pct"].dropna()
        qs = ch_.quantile([0, 0.2, 0.4, 0.6, 0.8, 1.0]).to_numpy()
        classes = "; ".join(tr("class_range", lang, lo=change(a, lang, 1), hi=change(b, lang, 1)) for a, b in zip(qs[:-1], qs[1:]))
        return tr("notes_classes", lang, classes=classes)
    if name == "map_supply":
        sa = layer_frame(data, "supply_areas")
        if sa.empty:
            return ""
        g = sa.assign(ha=sa.area / 1e4).groupby("supply_area_type").agg(ha=("ha", "sum"), n=("n_buildings", "sum"))
        return "\n".join(
            tr("notes_supply_row", lang, kind=supply_label(k, lang), ha=num(r.ha, 0, lang), n=num(r.n, 0, lang)) for k, r in g.iterrows()
        )
    dh, ex = layer_frame(data, "dh_areas"), layer_frame(data, "expansion")
    if ex.empty:
        return ""
    return tr(
        "notes_dh_row",
        lang,
        n=len(dh),
        ha=num(dh.area.sum() / 1e4, 0, lang),
        m=len(ex),
        ha2=num(ex.area.sum() / 1e4, 0, lang),
        first=int(ex["year_planned"].min()),
        last=int(ex["year_planned"].max()),
    )


def districts(d: Deck) -> None:
    lang = d.lang
    dist = d.data.table("districts")
    top = dist.sort_values("co2e_2024_t", ascending=False, kind="stable").head(TABLE_ROWS - 1)
    rows = [
        [
            r.name,
            r.stadtbezirk,
            num(r.co2e_2024_t, 0, lang),
            num(r.co2e_2035_t, 0, lang),
            change(r.change_2024_2035_pct, lang, 1) + " %",
            supply_label(r.supply_area_type, lang),
        ]
        for r in top.itertuples()
    ]
    s = d.slide(tr("districts_top", lang, n=len(top)), "\n".join(" · ".join(r) for r in rows))
    d.table(
        s,
        [tr("district", lang), tr("stadtbezirk", lang), "2024 t", "2035 t", tr("change_pct", lang), tr("supply", lang)],
        rows,
        [0.2, 0.18, 0.14, 0.12, 0.16, 0.2],
        numeric={2, 3, 4},
    )
    d.text(s, tr("districts_full", lang, n=len(dist)), MARGIN, Inches(6.4), SLIDE_W - 2 * MARGIN, Inches(0.5), 18)


def assumptions(d: Deck) -> None:
    lang = d.lang
    params = d.data.table("parameters")
    n = int((params["kind"] == "assumption").sum()) if "kind" in params else 0
    lv = d.data.table("levers")
    lv = lv[~lv["lever"].isin(["name", "description", "project_ids", "hp_adoption_pct", "dh_connection_by_area"])]
    lines = [f"{label('lever', r.lever, lang)}: {lever_text(r.lever, r.value, lang)}" for r in lv.itertuples()]
    s = d.slide(tr("slide_assumptions", lang, n=n), "\n".join(lines))
    d.text(s, [short_label(x, 95) for x in lines[:9]], MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, Inches(4.8), 18)
    d.text(s, tr("n_assumptions_short", lang, n=n), MARGIN, Inches(6.3), SLIDE_W - 2 * MARGIN, Inches(0.5), 18, bold=True, color=RED)


def decision(d: Deck) -> None:
    """The proposed decision, each point's first sentence on the slide and the whole text in the notes."""
    lang = d.lang
    text, frozen = council.proposal_text(d.data, lang)
    points = [re.sub(r"^\d+\.\s*", "", line).strip() for line in text.splitlines() if line.strip()]
    s = d.slide(
        tr("proposal_heading", lang) + (f" ({tr('as_frozen', lang)})" if frozen else f" ({tr('draft', lang)})"), text, layout=LAYOUT_CONTENT
    )
    body = s.placeholders[1]
    body.left, body.top, body.width, body.height = MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, Inches(5.3)
    body.text_frame.clear()
    size = 20 if len(text) <= 900 else 18
    if len(text) > 1400:  # an edited proposal too long for a projector: each point's first sentence (notes: all)
        points = [short_label(FIRST_SENTENCE.split(p_, maxsplit=1)[0], 170) for p_ in points]
    _runs(body.text_frame, points, size)
    for para in body.text_frame.paragraphs:
        _numbered(para)


def _numbered(para) -> None:
    """An automatically numbered paragraph (1., 2., …) instead of the layout's bullet."""
    ppr = para._p.get_or_add_pPr()
    for child in list(ppr):
        if child.tag.endswith(("}buNone", "}buChar", "}buAutoNum")):
            ppr.remove(child)
    ppr.set("marL", str(int(Inches(0.45))))
    ppr.set("indent", str(-int(Inches(0.45))))
    ppr.append(ppr.makeelement(qn("a:buAutoNum"), {"type": "arabicPeriod"}))


def sources(d: Deck) -> None:
    lang = d.lang
    src = d.data.table("sources")
    lines = [f"{r.title} – {r.licence}" + (f" ({tr('synthetic', lang)})" if bool(r.is_synthetic) else "") for r in src.itertuples()]
    notes = "\n".join(f"{r.title}: {r.attribution} ({r.licence})" for r in src.itertuples())
    s = d.slide(tr("sec_sources", lang), notes + "\n" + tr("software", lang))
    d.text(s, [short_label(x, 100) for x in lines], MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, Inches(5.0), 18)


def render_pptx(data, lang: str = "de", charts: dict[str, bytes] | None = None) -> bytes:
    """The presentation of `data` as PPTX bytes in `lang`; `charts` from `charts.all_charts(data, lang, SLIDE)`."""
    charts = charts or ch.all_charts(data, lang, SLIDE)
    d = Deck(data, lang)
    title_slide(d)
    glance(d)
    targets(d)
    pathway(d, charts)
    decomposition(d, charts)
    largest(d)
    owners(d, charts)
    costs(d, charts)
    timeline(d, charts)
    comparison(d, charts)
    networks(d, charts)
    map_slides(d, charts)
    districts(d)
    assumptions(d)
    decision(d)
    sources(d)
    props = d.prs.core_properties
    props.title = str(data.meta.get("title") or data.meta.get("scenario_name", ""))
    props.subject = tr("report_kind", lang)
    props.language = lang
    buf = io.BytesIO()
    d.prs.save(buf)
    return buf.getvalue()


__all__ = ["FOOTER", "SOURCE_LINE", "render_pptx"]
