"""The council document's first pages, in the form of a German Beschlussvorlage: the heading (city, subject, scenario,
as of, data version), the proposed decision, the summary, then the key figures, the list of annexes and what the
numbers are (snapshot or live calculation, hashes, synthetic data)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from reports import council
from reports.council import stand
from reports.pdf_kit import BODY_W, facts, p, toc
from reports.texts import date_text, eur, label, tonnes, tr


def _box(flowables: list, st) -> Table:
    """The proposed decision in a ruled box, as a Beschlussvorlage sets it apart."""
    t = Table([[flowables]], colWidths=[BODY_W])
    t.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.0, colors.HexColor("#0A4A7A")),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#F3F7FB")),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return t


def cover(data, st, lang: str) -> list:
    """Page 1: the heading, the proposed decision (as frozen, or generated as a draft) and the summary."""
    m = data.meta
    subject = tr("vorlage_subject", lang, name=m.get("scenario_name", ""))
    title = m.get("title") or ""
    out = [p(tr("vorlage_kind", lang, city=m.get("city_name", "")), st["kicker"])]
    if title and title != m.get("scenario_name"):  # a title of its own (e.g. the Drucksache): above the subject
        out += [p(title, st["title"]), p(subject, st["h2"])]
    else:
        out.append(p(subject, st["title"]))
    out += [
        p(tr("vorlage_line", lang, name=m.get("scenario_name", ""), stand=stand(data, lang), dv=m.get("data_version", "")), st["small"]),
        Spacer(1, 6),
    ]
    text, frozen = council.proposal_text(data, lang)
    head = tr("proposal_frozen" if frozen else "proposal_draft", lang)
    box = [p(tr("proposal_heading", lang), st["h2"]), p(head, st["small"])]
    box += [p(line, st["proposal"]) for line in text.splitlines() if line.strip()]
    out += [_box(box, st), Spacer(1, 8), p(tr("summary_heading", lang), st["h2"])]
    out += [p(par, st["body"]) for par in council.summary(data, lang)]
    if m.get("has_synthetic_data"):
        out.append(p(tr("synthetic_short", lang), st["warn"]))
    out.append(PageBreak())
    return out


def key_figures_table(data, lang: str) -> list[tuple[str, str]]:
    k = council.key_figures(data)
    tg = data.table("targets")
    rows = [(tr("kf_start", lang, year=k["base_year"]), tonnes(k["start_t"], lang))]
    for rec in tg.itertuples():
        rows.append((tr("kf_path", lang, year=rec.year), tonnes(rec.pathway_t, lang)))
        rows.append((tr("kf_target", lang, year=rec.year, target=rec.target), tonnes(rec.target_t, lang)))
        rows.append((tr("kf_gap", lang, year=rec.year), tonnes(rec.gap_t, lang, signed=True)))
    rows += [
        (tr("kf_range", lang, year=k["year"]), f"{tonnes(k['low_t'], lang)} – {tonnes(k['high_t'], lang)}"),
        (tr("kf_drivers", lang, year=k["year"]), tonnes(k["drivers_t"], lang, signed=True)),
        (tr("kf_measures", lang, year=k["year"], n=k["n_measures"]), tonnes(k["measures_t"], lang, signed=True)),
        (tr("kf_unbacked", lang, year=k["year"]), tonnes(k["unbacked_t"], lang, signed=True)),
        (tr("kf_without", lang, year=k["year"]), tonnes(k["gap_without_unbacked_t"], lang)),
    ]
    f = k["finance_open"]
    rows += [
        (tr("kf_capex", lang, n=f["n_measures"]), eur(f["capex_eur"], lang)),
        (tr("kf_funding", lang), eur(f["funding_eur"], lang)),
        (tr("kf_gap_eur", lang), eur(f["gap_eur"], lang)),
        (tr("kf_no_cost", lang), str(f["n_without_cost"])),
    ]
    return rows


def second_page(data, st, lang: str) -> list:
    """Key figures and the annexes (table of contents)."""
    return [
        p(tr("kf_heading", lang), st["h1"]),
        facts(key_figures_table(data, lang), BODY_W, size=8.5),
        Spacer(1, 8),
        p(tr("annexes", lang), st["h1"]),
        toc(st),
    ]


def provenance(data, st, lang: str) -> list:
    """What the numbers are: snapshot or live calculation, data version, hashes, synthetic data."""
    m = data.meta
    rows = [(tr("scenario", lang), m.get("scenario_name", "")), (tr("stand", lang), stand(data, lang))]
    rows += [
        (tr("data_version", lang), m.get("data_version", "")),
        (tr("built_at", lang), date_text(m.get("built_at", ""), lang)),
        (tr("params_hash", lang), m.get("params_hash", "")),
        (tr("portfolio_hash", lang), m.get("portfolio_hash", "")),
        (tr("factor_set", lang), label("leverval", m.get("factor_set", ""), lang)),
    ]
    if m.get("report_sha256"):
        rows.append((tr("report_sha", lang), m["report_sha256"]))
    block = [p(tr("provenance_heading", lang), st["h2"]), facts(rows, BODY_W, size=8)]
    if not m.get("snapshot_id"):
        block.append(p(tr("live_note", lang), st["small"]))
    if m.get("has_synthetic_data"):
        block.append(p(tr("synthetic_warning", lang), st["warn"]))
    if m.get("scenario_description"):
        block.append(p(tr("scenario_description", lang, text=m["scenario_description"]), st["small"]))
    return [KeepTogether(block)]


__all__ = ["cover", "key_figures_table", "provenance", "second_page", "stand"]
