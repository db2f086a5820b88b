"""What the council reads first: the key figures of a dataset, the summary in plain words, the proposed decision
(Beschlussvorschlag) and the legal dates, shared by the PDF, the slides and the freeze form of the app.

Every figure comes from the dataset's tables (pathway, targets, waterfall, contributions, parameters), so a frozen
snapshot says the same months later. The proposal is generated from the figures; a planner may edit it before
freezing, and the frozen text (meta `decision_proposal`) is then printed as it was frozen.
"""

from __future__ import annotations

import json
from datetime import date

import numpy as np
import pandas as pd

from locales import num
from reports import finance, maps
from reports.texts import date_text, day_text, eur, label, tonnes, tr
from reports.waterfall import totals as wf_totals

MAIN_YEAR = 2035  # the city's neutrality target year: the decomposition and the headline gap are told for it


def _year_value(frame: pd.DataFrame, year: int, column: str) -> float:
    row = frame[frame["year"] == year] if frame is not None and "year" in frame else pd.DataFrame()
    return float(row[column].iloc[0]) if len(row) else float("nan")


def projects(data) -> list[dict]:
    """The scenario's projects as frozen (meta projects_json): source, funding source, note, is_approximated, …"""
    try:
        return json.loads(data.meta.get("projects_json") or "[]")
    except ValueError:
        return []


def key_figures(data, year: int = MAIN_YEAR) -> dict:
    """The numbers the summary quotes (t CO2e/a; changes negative for a reduction; EUR)."""
    pw, tg = data.table("pathway"), data.table("targets")
    base_year = int(pw["year"].min())
    sums = wf_totals(data.table("waterfall"), year)
    c = data.tables.get("contributions", pd.DataFrame())
    open_c = c[c["status"].isin(finance.OPEN_STATUSES)] if "status" in c else c
    return {
        "base_year": base_year,
        "start_t": _year_value(pw, base_year, "co2e_t"),
        "year": year,
        "path_t": _year_value(pw, year, "co2e_t"),
        "low_t": _year_value(pw, year, "co2e_low_t"),
        "high_t": _year_value(pw, year, "co2e_high_t"),
        "gap_t": _year_value(tg, year, "gap_t"),
        "target_t": _year_value(tg, year, "target_t"),
        "drivers_t": sums["drivers"],
        "measures_t": sums["measures"],
        "unbacked_t": sums["unbacked"],
        "result_t": sums["result"],
        # the gap if no measure ever backs the scenario's unbacked levers: their wedge comes back on top
        "gap_without_unbacked_t": _year_value(tg, year, "gap_t") - sums["unbacked"],
        "n_measures": int(len(c)),
        "n_open": int(len(open_c)),
        "open_attributed_t": float(open_c["attributed_2035_t"].sum()) if "attributed_2035_t" in open_c and year == 2035 else float("nan"),
        "finance_open": finance.totals(data, open_only=True),
        "finance_all": finance.totals(data),
    }


def district_note(data, year: int = 2024) -> dict | None:
    """Why the districts' values do not add up to the city's: the heat the networks deliver to customers outside the
    residential stock (other district-heating customers) is counted citywide, not in a district. Returns the sum of
    the districts, the city's value and the difference for `year` (None without the tables)."""
    d, pw = data.tables.get("districts"), data.tables.get("pathway")
    col = f"co2e_{year}_t"
    if d is None or pw is None or col not in d:
        return None
    total = _year_value(pw, year, "co2e_t")
    districts_sum = float(d[col].sum())
    return {"year": year, "districts_t": districts_sum, "city_t": total, "difference_t": total - districts_sum}


def summary(data, lang: str = "de") -> list[str]:
    """The summary in plain words, one paragraph each: where the city stands, the pathway against the targets,
    what the federal framework, the measures and the unbacked part deliver, the gap, the costs."""
    k = key_figures(data)
    m, tg = data.meta, data.table("targets")
    out = [tr("sum_stand", lang, city=m.get("city_name", ""), year=k["base_year"], start=tonnes(k["start_t"], lang))]
    parts = []
    for rec in tg.itertuples():
        key = "sum_target_missed" if rec.gap_t > 0 else "sum_target_met"
        parts.append(
            tr(
                key,
                lang,
                year=rec.year,
                path=tonnes(rec.pathway_t, lang),
                target=rec.target,
                target_t=tonnes(rec.target_t, lang),
                gap=tonnes(abs(rec.gap_t), lang),
            )
        )
    out.append(tr("sum_path", lang, name=m.get("scenario_name", ""), years=" ".join(parts)))
    out.append(
        tr(
            "sum_decomposition",
            lang,
            year=k["year"],
            base=k["base_year"],
            total=tonnes(k["result_t"] - k["start_t"], lang, signed=True),
            drivers=tonnes(k["drivers_t"], lang, signed=True),
            n=k["n_measures"],
            measures=tonnes(k["measures_t"], lang, signed=True),
            unbacked=tonnes(k["unbacked_t"], lang, signed=True),
        )
    )
    key = "sum_gap" if k["gap_t"] > 0 else "sum_gap_met" if k["gap_without_unbacked_t"] > 0 else "sum_gap_met_robust"
    out.append(
        tr(
            key,
            lang,
            year=k["year"],
            gap=tonnes(abs(k["gap_t"]), lang),
            low=tonnes(k["low_t"], lang),
            high=tonnes(k["high_t"], lang),
            without=tonnes(k["gap_without_unbacked_t"], lang),
        )
    )
    f = k["finance_open"]
    abate = finance.measures(data)
    costed = abate["abatement_cost_eur_per_t"].dropna()
    cost_text = (
        tr("sum_abatement", lang, n=len(costed), low=eur(costed.min(), lang), high=eur(costed.max(), lang))
        if len(costed)
        else tr("sum_abatement_none", lang)
    )
    out.append(
        tr(
            "sum_costs",
            lang,
            n=f["n_measures"],
            capex=eur(f["capex_eur"], lang),
            funding=eur(f["funding_eur"], lang),
            gap=eur(f["gap_eur"], lang),
            n_without=f["n_without_cost"],
            abatement=cost_text,
        )
    )
    return out


def legal_dates(data, lang: str = "de") -> list[dict]:
    """The dates a timeline marks, from the dataset's own parameters and targets: the heat plan's deadline (WPG § 4
    (2), by the city's population), the networks' duties (§ 29: 2030, 2040; § 31: 2045) and the city's targets.
    Each: x (a year as a float, mid-year for a date), label, kind ('law' or 'target')."""
    p = data.tables.get("parameters")
    out = []
    if p is not None and {"key", "value"} <= set(p.columns):

        def rows(key):
            return p[p["key"] == key]

        def number(key):
            r = rows(key)
            try:
                return float(r["value"].iloc[-1]) if len(r) else float("nan")
            except (TypeError, ValueError):
                return float("nan")

        population, limit = number("city.population"), number("wpg.large_municipality_inhabitants")
        key = "wpg.plan_deadline_large" if population == population and limit == limit and population > limit else "wpg.plan_deadline_small"
        if population == population and len(rows(key)):
            due = date.fromisoformat(str(rows(key)["value"].iloc[0]))
            x = due.year + (due.timetuple().tm_yday - 1) / 365.0
            out.append(
                {"x": x, "label": tr("law_plan_due", lang, date=day_text(due.isoformat(), lang)), "kind": "law", "date": due.isoformat()}
            )
        for r in rows("wpg.dh_renewable_min_share").itertuples():
            try:
                year, share = int(float(r.valid_year)), float(r.value)
            except (TypeError, ValueError):
                continue
            key = "law_dh_full" if share >= 1.0 else "law_dh_share"
            out.append({"x": float(year), "label": tr(key, lang, year=year, share=f"{share * 100:.0f}"), "kind": "law"})
    for rec in data.table("targets").itertuples():
        out.append({"x": float(rec.year), "label": tr("target_line", lang, target=rec.target, year=rec.year), "kind": "target"})
    return sorted(out, key=lambda d: d["x"])


def proposal(data, lang: str = "de") -> str:
    """The decision the committee is asked to take, generated from the figures (numbered points, one per line)."""
    m = data.meta
    k = key_figures(data)
    f = k["finance_open"]
    stand = day_text(m.get("frozen_at") or m.get("computed_at") or "", lang)
    points = [
        tr("dec_note", lang, city=m.get("city_name", ""), name=m.get("scenario_name", ""), date=stand, dv=m.get("data_version", "")),
        tr("dec_scenario", lang, name=m.get("scenario_name", "")),
    ]
    if k["n_open"]:
        points.append(
            tr(
                "dec_measures",
                lang,
                n=k["n_open"],
                change=tonnes(-k["open_attributed_t"], lang, signed=True),
                year=k["year"],
            )
        )
        owners = finance.by_owner(data, open_only=True)
        owners = owners[owners["capex_eur"] > 0]
        lines = "; ".join(
            tr("dec_owner_line", lang, owner=r.owner, capex=eur(r.capex_eur, lang), gap=eur(r.gap_eur, lang)) for r in owners.itertuples()
        )
        points.append(
            tr(
                "dec_budget",
                lang,
                capex=eur(f["capex_eur"], lang),
                funding=eur(f["funding_eur"], lang),
                gap=eur(f["gap_eur"], lang),
                n_without=f["n_without_cost"],
                owners=lines or tr("dec_no_owner_costs", lang),
            )
        )
    # the heat plan's deadline while it lies ahead of the numbers' date, else the next report
    when = str(m.get("frozen_at") or m.get("computed_at") or "")[:10]
    due = next((d["date"] for d in legal_dates(data, lang) if d.get("date") and d["date"] > when), "")
    if k["unbacked_t"] < 0 or k["gap_t"] > 0:
        points.append(
            tr(
                "dec_close_gap",
                lang,
                year=k["year"],
                unbacked=tonnes(abs(min(k["unbacked_t"], 0.0)), lang),
                gap=tonnes(max(k["gap_t"], 0.0), lang),
                due=day_text(due, lang) if due else tr("dec_next_report", lang),
            )
        )
    return "\n".join(f"{i}. {p}" for i, p in enumerate(points, start=1))


def proposal_text(data, lang: str = "de") -> tuple[str, bool]:
    """The proposal to print and whether it is the frozen one (True) or generated from the figures (False)."""
    frozen = str(data.meta.get("decision_proposal") or "").strip()
    return (frozen, True) if frozen else (proposal(data, lang), False)


def abatement_text(value, reason, lang: str = "de") -> str:
    """'590 €/t' or the reason there is none ('keine Kostenangabe', 'keine Minderung', …)."""
    if value is not None and value == value and np.isfinite(float(value)):
        return tr("eur_per_t", lang, value=num(value, 0, lang))
    return label("abatement", reason, lang) if reason else tr("no_cost_figure", lang)


def stand(data, lang: str) -> str:
    """'Snapshot ID, eingefroren am …' or 'Entwurf – Live-Berechnung vom …'."""
    m = data.meta
    if m.get("snapshot_id"):
        return f"{tr('snapshot', lang)} {m['snapshot_id']}, {tr('frozen_at', lang, date=date_text(m.get('frozen_at', ''), lang))}"
    return tr("draft_live", lang, date=date_text(m.get("computed_at", ""), lang))


def waterfall_rows(data, lang: str, years=(2030, 2035)) -> list[tuple[str, str, bool, list[float]]]:
    """The decomposition as rows (kind, what, is a level, value per year), in the 2035 order, matched by step and key
    (the measures' order differs from year to year)."""
    wf = data.table("waterfall")
    wf = wf.assign(key=wf["key"].fillna("").astype(str))
    values = wf.pivot_table(index=["step", "key"], columns="year", values="value_t", aggfunc="sum", sort=False)
    order = wf[wf["year"] == max(years)][["step", "key", "label"]].drop_duplicates(["step", "key"])
    numbers = maps.project_numbers(data)
    out, last = [], None
    for r in order.itertuples():
        vals = [float(values.loc[(r.step, r.key), y]) if y in values.columns else float("nan") for y in years]
        if r.step == "measure":
            what = f"{numbers.get(r.key, '')} {r.label}".strip()
        elif r.step in ("driver", "unbacked"):
            what = label(r.step, r.key, lang)
        else:
            what = tr(f"wfrow_{r.step}", lang)
        group = tr(f"wf_group_{r.step}", lang)
        out.append(("" if group == last else group, what, r.step in ("start", "result", "target"), vals))
        last = group
    return out


__all__ = [
    "MAIN_YEAR",
    "abatement_text",
    "district_note",
    "key_figures",
    "legal_dates",
    "projects",
    "proposal",
    "proposal_text",
    "stand",
    "summary",
    "waterfall_rows",
]
