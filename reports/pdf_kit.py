"""The PDF's parts that every section uses: fonts, styles, paragraphs, tables whose columns fit their longest word,
pictures, the two page templates (A4 portrait for text, landscape for charts, maps and wide tables), the footer
and the table of contents.

Type is DejaVu Sans from matplotlib's own font folder (umlauts, "CO₂", "–", "€"); nothing is fetched. A table's
column is never narrower than its longest word (reportlab would otherwise break a word mid-word, "abgeschlosse/n"):
`fit_widths` widens such columns at the expense of the others and, where the page is too narrow for every longest
word, sets the table a size smaller.
"""

from __future__ import annotations

import io
import re
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
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, Image, NextPageTemplate, PageBreak, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.tableofcontents import TableOfContents

FONT = "DejaVuSans"
PAGE_W, PAGE_H = A4
MARGIN = 1.8 * cm
BODY_W, BODY_H = PAGE_W - 2 * MARGIN, PAGE_H - 2 * MARGIN  # portrait: the proposal, fact sheets, assumptions
WIDE_W, WIDE_H = PAGE_H - 2 * MARGIN, PAGE_W - 2 * MARGIN  # landscape: charts, maps and the wide tables
CELL_PAD = 3.0  # left and right cell padding (pt), set on every table (reportlab's default is 6)
BLUE = colors.HexColor("#0A4A7A")
MIN_TABLE_PT = 6.5


@lru_cache(maxsize=1)
def fonts() -> str:
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in ((FONT, "DejaVuSans.ttf"), (f"{FONT}-Bold", "DejaVuSans-Bold.ttf"), (f"{FONT}-Oblique", "DejaVuSans-Oblique.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Oblique", boldItalic=f"{FONT}-Bold")
    return FONT


def styles() -> dict[str, ParagraphStyle]:
    f = fonts()
    body = ParagraphStyle("body", fontName=f, fontSize=9.5, leading=13, spaceAfter=5)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=f"{f}-Bold", fontSize=17, leading=21, spaceAfter=6, textColor=BLUE),
        "kicker": ParagraphStyle(
            "kicker", parent=body, fontName=f"{f}-Bold", fontSize=10, leading=13, textColor=colors.HexColor("#444444")
        ),
        "h1": ParagraphStyle("h1", parent=body, fontName=f"{f}-Bold", fontSize=14, leading=18, spaceBefore=2, spaceAfter=6, textColor=BLUE),
        "h2": ParagraphStyle("h2", parent=body, fontName=f"{f}-Bold", fontSize=11, leading=14, spaceBefore=6, spaceAfter=3),
        "body": body,
        "proposal": ParagraphStyle("proposal", parent=body, leftIndent=14, firstLineIndent=-14, spaceAfter=4),
        "small": ParagraphStyle("small", parent=body, fontSize=8, leading=10.5, textColor=colors.HexColor("#333333")),
        "warn": ParagraphStyle(
            "warn",
            parent=body,
            textColor=colors.HexColor("#8A0015"),
            borderColor=colors.HexColor("#8A0015"),
            borderWidth=0.8,
            borderPadding=5,
            spaceBefore=8,
            spaceAfter=8,
        ),
        "toc": ParagraphStyle("toc", parent=body, fontSize=9.5, leading=13),
    }


def cell_styles(size: float) -> dict[str, ParagraphStyle]:
    f = fonts()
    base = ParagraphStyle("cell", fontName=f, fontSize=size, leading=size * 1.22, spaceAfter=0)
    return {
        "cell": base,
        "cellr": ParagraphStyle("cellr", parent=base, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", parent=base, fontName=f"{f}-Bold"),
        "headr": ParagraphStyle("headr", parent=base, fontName=f"{f}-Bold", alignment=TA_RIGHT),
    }


def p(text, style) -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept)."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


BREAKS = re.compile(r"[ \t\r\n]+")  # where reportlab breaks a line: not at a no-break space (units, '1,5 Mio. €')


def longest_word(text: str, font: str, size: float) -> float:
    words = BREAKS.split(str(text))
    return max((stringWidth(w, font, size) for w in words), default=0.0)


def fit_widths(columns: list[list[str]], fracs: list[float], width: float, size: float) -> tuple[list[float], float]:
    """Column widths (pt) from the fractions `fracs` of `width`, each raised to hold its longest word (header bold),
    the extra taken from the columns with room; and the font size, lowered by half points until every word fits.

    `columns[i]` holds the header (first) and the cells of column i."""
    f = fonts()
    while True:
        need = [
            max(longest_word(col[0], f"{f}-Bold", size), max((longest_word(c, f, size) for c in col[1:]), default=0.0)) + 2 * CELL_PAD + 1
            for col in columns
        ]
        if sum(need) <= width or size <= MIN_TABLE_PT:
            break
        size -= 0.5
    total = sum(fracs)
    widths = [width * fr / total for fr in fracs]
    for _ in range(len(widths) + 1):
        short = [i for i, (w, n) in enumerate(zip(widths, need)) if w < n]
        if not short:
            break
        deficit = sum(need[i] - widths[i] for i in short)
        for i in short:
            widths[i] = need[i]
        room = {i: widths[i] - need[i] for i in range(len(widths)) if widths[i] > need[i]}
        spare = sum(room.values())
        if spare <= 0:
            break
        take = min(deficit, spare)
        for i, r in room.items():
            widths[i] -= take * r / spare
    return widths, size


def table(
    header: list[str],
    rows: list[list],
    fracs: list[float],
    *,
    numeric=(),
    width: float = WIDE_W,
    size: float = 8.0,
    bold_last: bool = False,
) -> Table:
    """A table with a bold header repeated on every page; `numeric` columns right-aligned; no word broken."""
    cells = [[str(v) for v in r] for r in rows]
    columns = [[str(header[j]), *[r[j] for r in cells]] for j in range(len(header))]
    widths, size = fit_widths(columns, fracs, width, size)
    st = cell_styles(size)
    numeric = set(numeric)
    head = [p(h, st["headr"] if j in numeric else st["head"]) for j, h in enumerate(header)]
    body = [[p(v, st["cellr"] if j in numeric else st["cell"]) for j, v in enumerate(r)] for r in cells]
    t = Table([head, *body], colWidths=widths, repeatRows=1)
    style = [
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#333333")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F1F4F8")]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
    ]
    if bold_last and body:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, colors.HexColor("#333333")))
    t.setStyle(TableStyle(style))
    return t


def facts(rows: list[tuple[str, str]], width: float, size: float = 8.5) -> Table:
    """A two-column list of label and value (the fact sheets' and the cover's key figures)."""
    st = cell_styles(size)
    cells = [[p(a, st["head"]), p(b, st["cell"])] for a, b in rows]
    labels = [a for a, _ in rows]
    first = max(longest_word(a, f"{fonts()}-Bold", size) for a in labels) + 2 * CELL_PAD + 2 if labels else 0
    first = max(first, 0.34 * width)
    t = Table(cells, colWidths=[first, width - first])
    t.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#CCCCCC")),
                ("TOPPADDING", (0, 0), (-1, -1), 1.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
                ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
                ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ]
        )
    )
    return t


def image(png: bytes, width: float = WIDE_W, max_height: float = 0.8 * WIDE_H) -> Image:
    """A picture at most `width` wide and `max_height` high, its aspect kept (charts are drawn at the page's width)."""
    img = Image(io.BytesIO(png))
    ratio = img.imageHeight / img.imageWidth
    width = min(width, max_height / ratio)
    img.drawWidth, img.drawHeight = width, width * ratio
    return img


class Heading(Paragraph):
    """A section heading that enters the table of contents (level 0) with its page."""

    toc_level = 0


class Document(BaseDocTemplate):
    """Two page templates ('portrait', 'landscape') with a footer; headings go into the table of contents."""

    def __init__(self, buf, footer, **kw):
        super().__init__(buf, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN, **kw)
        self.addPageTemplates(
            [
                PageTemplate(id="portrait", frames=[Frame(MARGIN, MARGIN, BODY_W, BODY_H, id="p")], onPage=footer, pagesize=A4),
                PageTemplate(id="landscape", frames=[Frame(MARGIN, MARGIN, WIDE_W, WIDE_H, id="l")], onPage=footer, pagesize=landscape(A4)),
            ]
        )

    def afterFlowable(self, flowable):
        if isinstance(flowable, Heading):
            self.notify("TOCEntry", (flowable.toc_level, flowable.getPlainText(), self.page))


def new_page(template: str) -> list:
    """A page break to a page of `template` ('portrait' or 'landscape'): each section names its own."""
    return [NextPageTemplate(template), PageBreak()]


def toc(st) -> TableOfContents:
    t = TableOfContents()
    t.levelStyles = [st["toc"]]
    t.dotsMinLevel = 0
    return t


def footer(left: str, page_word):
    """Draws `left` and 'Seite n' at the foot of every page."""

    def draw(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 1.0 * cm, left[:160])
        canvas.drawRightString(canvas._pagesize[0] - MARGIN, 1.0 * cm, page_word(doc.page))
        canvas.restoreState()

    return draw


__all__ = [
    "BODY_H",
    "BODY_W",
    "FONT",
    "WIDE_H",
    "WIDE_W",
    "Document",
    "Heading",
    "facts",
    "fit_widths",
    "fonts",
    "image",
    "new_page",
    "p",
    "styles",
    "table",
    "toc",
]
