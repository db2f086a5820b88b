"""The council document as an A4 PDF (reportlab platypus): a Beschlussvorlage with its annexes, from one ReportData.

    page 1       heading, proposed decision (as frozen, or generated as a draft), summary in plain words
    page 2       key figures, the annexes with their pages, what the numbers are (snapshot, hashes)
    annexes      pathway and targets; from the base year to the target (federal framework, measures, not yet
                 backed); scenario comparison (when the dataset has one); costs and financing; timeline; one fact
                 sheet per measure; heat networks; supply areas (§§ 18, 19 WPG); maps; districts; WPG indicators;
                 city balance and reconciliation (when the dataset has them); assumptions; sources

Text pages are portrait, charts, maps and wide tables landscape. Every number comes from `data.tables` as filed,
so a snapshot's PDF shows the frozen numbers whatever the warehouse says now. Changes are signed (− = fewer
emissions) in every chart and table; sentences say "mindern" with the amount.
"""

from __future__ import annotations

import io

from reports import charts as ch
from reports import pdf_annex as annex_
from reports import pdf_front, pdf_measures
from reports.pdf_kit import Document, Heading, footer, styles
from reports.plotstyle import PAGE
from reports.texts import date_text, tr

SECTIONS = (
    annex_.pathway,
    annex_.contributions,
    annex_.comparison,
    pdf_measures.finance_pages,
    pdf_measures.timeline,
    pdf_measures.fact_sheets,
    annex_.networks,
    annex_.supply,
    annex_.map_pages,
    annex_.districts,
    annex_.indicators,
    annex_.extra_tables,
    annex_.assumptions,
    annex_.sources,
)


def render_pdf(data, lang: str = "de", charts: dict[str, bytes] | None = None) -> bytes:
    """The document of `data` as PDF bytes in `lang`; `charts` from `charts.all_charts(data, lang, PAGE)` if drawn."""
    charts = charts or ch.all_charts(data, lang, PAGE)
    st = styles()
    m = data.meta
    where = m.get("snapshot_id") or tr("live", lang, date=date_text(m.get("computed_at", ""), lang))
    left = f"{m.get('city_name', '')} · {m.get('scenario_name', '')} · {where} · {tr('data_version', lang)} {m.get('data_version', '')}"
    count = [0]

    def annex(title: str) -> Heading:
        count[0] += 1
        return Heading(tr("annex_title", lang, n=count[0], title=title), st["h1"])

    story = [*pdf_front.cover(data, st, lang), *pdf_front.second_page(data, st, lang)]
    for section in SECTIONS:
        story += section(data, st, lang, charts, annex)
    buf = io.BytesIO()
    doc = Document(
        buf,
        footer(left, lambda n: tr("page", lang, n=n)),
        title=str(m.get("title") or m.get("scenario_name", "")),
        author=str(m.get("city_name", "")),
        subject=tr("report_kind", lang),
        creator="waermewende-dashboard reports",
        lang=lang,
    )
    doc.multiBuild(story)
    return buf.getvalue()


__all__ = ["SECTIONS", "render_pdf"]
