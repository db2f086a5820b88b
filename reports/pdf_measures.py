"""The council document's annexes on the measures: costs and financing (the Climate City Contract's investment plan),
the timeline with the legal dates, and one fact sheet (Steckbrief) per measure."""

from __future__ import annotations

import re

from reportlab.platypus import KeepTogether, PageBreak, Spacer, Table, TableStyle

from locales import num, pct
from reports import charts as ch
from reports import council, finance, maps
from reports.pdf_kit import BODY_W, WIDE_H, facts, image, new_page, p, table
from reports.texts import change, eur, label, tonnes, tr


def _period(start, end) -> str:
    if start != start or end != end:
        return "–"
    return str(int(start)) if int(start) == int(end) else f"{int(start)}–{int(end)}"


def finance_pages(data, st, lang: str, charts: dict, annex) -> list:
    """Investment, funding and financing gap per measure, per organisation and per year; abatement cost per measure."""
    m = finance.measures(data)
    if m.empty:
        return []
    numbers = maps.project_numbers(data)
    out = [*new_page("landscape"), annex(tr("sec_finance", lang)), p(tr("finance_help", lang), st["small"])]
    rows = []
    for r in m.itertuples():
        rows.append(
            [
                str(numbers.get(r.project_id, "")),
                r.name,
                r.owner,
                label("status", r.status, lang),
                _period(r.start_year, r.end_year),
                eur(r.capex_eur, lang) if r.has_cost else tr("no_cost_figure", lang),
                eur(r.funding_eur, lang),
                eur(r.gap_eur, lang) if r.has_cost else "–",
                pct(r.funding_share_pct, 0, lang),
                council.abatement_text(r.abatement_cost_eur_per_t, r.abatement_reason, lang),
            ]
        )
    for key, open_only in (("total_open", True), ("total_all", False)):
        t = finance.totals(data, open_only=open_only)
        rows.append(
            [
                "",
                tr(key, lang, n=t["n_measures"]),
                "",
                "",
                "",
                eur(t["capex_eur"], lang),
                eur(t["funding_eur"], lang),
                eur(t["gap_eur"], lang),
                "",
                "",
            ]
        )
    header = [
        tr("no", lang),
        tr("project", lang),
        tr("owner", lang),
        tr("status", lang),
        tr("period", lang),
        tr("capex", lang),
        tr("funding", lang),
        tr("financing_gap", lang),
        tr("funding_share_short", lang),
        tr("abatement_short", lang),
    ]
    out.append(table(header, rows, [0.03, 0.31, 0.14, 0.08, 0.07, 0.08, 0.07, 0.08, 0.05, 0.09], numeric={0, 5, 6, 7, 8}, size=7.5))
    out.append(p(tr("abatement_help", lang), st["small"]))
    bo = finance.by_owner(data)
    rows = [
        [
            r.owner,
            str(r.n_measures),
            str(r.n_without_cost),
            eur(r.capex_eur, lang) if r.capex_eur > 0 else tr("no_cost_figure", lang),
            eur(r.funding_eur, lang),
            eur(r.gap_eur, lang) if r.capex_eur > 0 else "–",
        ]
        for r in bo.itertuples()
    ]
    header = [
        tr("owner", lang),
        tr("n_measures", lang),
        tr("n_without_cost", lang),
        tr("capex", lang),
        tr("funding", lang),
        tr("financing_gap", lang),
    ]
    out += [
        PageBreak(),
        p(tr("finance_by_owner", lang), st["h2"]),
        table(header, rows, [0.4, 0.1, 0.12, 0.13, 0.12, 0.13], numeric={1, 2, 3, 4, 5}),
    ]
    years = finance.year_totals(data, open_only=True)
    out += [PageBreak(), image(charts["finance"], max_height=0.95 * WIDE_H), p(tr("finance_years_help", lang), st["small"])]
    if not years.empty:
        rows = [[str(int(r.year)), eur(r.capex_eur, lang), eur(r.funding_eur, lang), eur(r.gap_eur, lang)] for r in years.itertuples()]
        t = finance.totals(data, open_only=True)
        rows.append([tr("sum", lang), eur(t["capex_eur"], lang), eur(t["funding_eur"], lang), eur(t["gap_eur"], lang)])
        header = [tr("year", lang), tr("capex", lang), tr("funding", lang), tr("financing_gap", lang)]
        out.append(table(header, rows, [0.1, 0.2, 0.2, 0.2], numeric={1, 2, 3}, width=0.5 * WIDE_H * 1.4, bold_last=True))
    return out


def timeline(data, st, lang: str, charts: dict, annex) -> list:
    marks = [p(m["text"], st["small"]) for m in ch.timeline_marks(data, lang)]
    return [
        *new_page("landscape"),
        annex(tr("sec_timeline", lang)),
        image(charts["timeline"], max_height=0.95 * WIDE_H),
        *marks,
        p(tr("timeline_help", lang), st["small"]),
    ]


def _method(text, lang: str) -> str:
    """The attribution method in words ('exact' / 'sampled (48 orders)')."""
    text = str(text or "")
    m = re.match(r"sampled \((\d+) orders\)", text)
    if m:
        return tr("method_sampled", lang, n=m.group(1))
    if text.startswith("no effect"):
        return tr("method_none", lang)
    return tr("method_exact", lang) if text.startswith("exact") else text


def _range(rec, year: int, lang: str) -> str:
    """'−10.842 t CO₂e/a (Spanne −20.090 bis −4.993 t)': the attributed change and its range, signed."""
    mid = getattr(rec, f"attributed_{year}_t")
    lo, hi = -getattr(rec, f"attributed_{year}_high_t"), -getattr(rec, f"attributed_{year}_low_t")
    if abs(hi - lo) < 1.0:  # the variants agree: a plant's fixed heat, or a measure done before the base year
        return tr("fs_change_exact", lang, value=change(-mid, lang))
    return tr("fs_change", lang, value=change(-mid, lang), lo=change(lo, lang), hi=change(hi, lang))


def fact_sheet(data, rec, project: dict, fin, number: int, st, lang: str, wide: set) -> list:
    """One measure on one page: what, who, when, where, how much, what it changes, at what cost, from which source."""
    ha = maps.reach_ha(data, rec.project_id)
    if rec.project_id in wide:
        reach = tr("fs_reach_city", lang, ha=num(ha, 0, lang))
    elif ha == ha:
        reach = tr("fs_reach_ha", lang, ha=num(ha, 0, lang))
    else:
        reach = tr("fs_reach_network", lang, network=project.get("network_id") or "–")
    rows = [
        (tr("owner", lang), rec.owner),
        (tr("type", lang), label("ptype", rec.project_type, lang)),
        (tr("status", lang), label("status", rec.status, lang)),
        (tr("period", lang), _period(rec.start_year, rec.end_year)),
        (tr("reach", lang), reach),
        (tr("capex", lang), eur(fin.capex_eur, lang) if fin.has_cost else tr("no_cost_figure", lang)),
        (tr("funding", lang), eur(fin.funding_eur, lang) + (f" – {project['funding_source']}" if project.get("funding_source") else "")),
        (tr("financing_gap", lang), eur(fin.gap_eur, lang) if fin.has_cost else "–"),
        (tr("fs_change_2030", lang), _range(rec, 2030, lang)),
        (tr("fs_change_2035", lang), _range(rec, 2035, lang)),
        (tr("fs_standalone", lang), tonnes(-rec.standalone_2035_t, lang, signed=True)),
        (tr("fs_cumulative", lang), tonnes(-rec.cumulative_t, lang, signed=True)),
        (tr("abatement_cost", lang), council.abatement_text(rec.abatement_cost_eur_per_t, rec.abatement_reason, lang)),
        (tr("fs_method", lang), _method(getattr(rec, "method", ""), lang)),
        (tr("fs_figures", lang), tr("fs_estimated", lang) if project.get("is_approximated", True) else tr("fs_published", lang)),
    ]
    left = facts(rows, 0.6 * BODY_W, size=8)
    png = maps.measure_map(data, rec.project_id, lang)
    right = image(png, width=0.38 * BODY_W, max_height=0.5 * BODY_W) if png else p(tr("fs_no_map", lang), st["small"])
    grid = Table([[left, right]], colWidths=[0.61 * BODY_W, 0.39 * BODY_W])
    grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    title = tr("fs_title", lang, n=number, name=rec.name)
    out = [p(title, st["h2"]), grid]
    ex = data.tables.get("explain")
    part = ex[ex["project_id"] == rec.project_id] if ex is not None and not ex.empty else None
    if part is not None and len(part):
        rows = [
            [
                str(int(r.year)),
                num(r.extra_heat_mwh, 0, lang),
                num(r.counterfactual_g_per_kwh, 0, lang),
                num(r.network_g_per_kwh, 0, lang),
                tr("fs_saves" if r.counterfactual_g_per_kwh > r.network_g_per_kwh else "fs_adds", lang),
            ]
            for r in part.itertuples()
        ]
        header = [tr("year", lang), tr("fs_extra_heat", lang), tr("fs_counterfactual", lang), tr("fs_network", lang), tr("fs_effect", lang)]
        out += [
            Spacer(1, 4),
            p(tr("fs_explain", lang), st["small"]),
            table(header, rows, [0.1, 0.25, 0.25, 0.2, 0.2], numeric={1, 2, 3}, width=BODY_W),
        ]
    text = []
    if project.get("source"):
        text.append(p(tr("fs_source", lang, text=project["source"]), st["small"]))
    if project.get("note"):
        text.append(p(tr("fs_note", lang, text=project["note"]), st["small"]))
    return [KeepTogether(out), Spacer(1, 4), *text]


def fact_sheets(data, st, lang: str, charts: dict, annex) -> list:
    c = data.tables.get("contributions")
    if c is None or c.empty:
        return []
    projects = {p_["project_id"]: p_ for p_ in council.projects(data)}
    fin = finance.measures(data).set_index("project_id")
    numbers, wide = maps.project_numbers(data), maps.citywide_projects(data)
    out = [*new_page("portrait"), annex(tr("sec_fact_sheets", lang)), p(tr("fact_sheets_help", lang), st["small"])]
    for i, rec in enumerate(c.itertuples()):
        if i:
            out.append(PageBreak())
        f = fin.loc[rec.project_id]
        out += fact_sheet(data, rec, projects.get(rec.project_id, {}), f, numbers.get(rec.project_id, i + 1), st, lang, wide)
    return out


__all__ = ["fact_sheet", "fact_sheets", "finance_pages", "timeline"]
