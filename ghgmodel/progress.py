"""Monitoring the measures: what each promised per year, what was reported, and what that did to CO2e.

The plan of every measure comes from ghgmodel.plan (its own parameters, reach and ramp, in the
units its owner reports); the first indicator of each type (ghgmodel.plan.PRIMARY) measures delivery:
**ratio to date** = actual / planned.

**Traffic light** (parameters monitoring.green_min_pct, monitoring.yellow_min_pct): green from 90 %
of the plan to date, yellow from 60 %, red below, and red when a measure that is due has no report
for the year (due: started, and its ramp still running, or a network measure, which delivers every
year, or one that never reported) or was stopped; no light while nothing is planned to date (before
the start), for an idea, or for a measure completed by the base year that never reported (its
effect is part of the observed state).

**CO2e of the actuals**: the model credits a measure only with what it does after the base year (the
base year is the observed state), so its attributed contribution phi(y) (Shapley, against the policy
baseline, ghgmodel.contributions) is scaled by the delivery since the base year, actual / planned:

    co2 of the actuals(y) = phi(y) x (actual(y) - actual(base)) / (plan(y) - plan(base))

linear in what was delivered, also above 100 %, but never beyond the buildings in reach (the ratio is
capped there and the cap is flagged). Limits: it assumes the buildings actually reached are like the
average of the reach, and it keeps the interactions between measures as planned. The city's actual
pathway is the baseline minus the measures' CO2e of the actuals, plus the metered correction
(`calc_metered_correction`): where metered consumption of a year covers buildings, their measured
final energy replaces the modelled one in that year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.engine import PathwayEngine, Run
from ghgmodel.params import Parameters
from ghgmodel.plan import COUNTS, FLOWS, INDICATORS, MONEY, PRIMARY, calc_district_shares, calc_plan
from ghgmodel.scenario import FIRST_YEAR

LIGHTS = ("green", "yellow", "red", "none")
REASONS = ("on_plan", "behind", "far_behind", "no_report", "not_due", "idea", "stopped", "before_monitoring")  # why a light
TREND_YEARS = (2030, 2035)
HISTORY_COLUMNS = (
    "project_id", "year", "indicator", "planned", "actual", "ratio_pct", "is_reported", "is_due", "light", "reason",
    "delivery_since_base", "is_capped", "co2_planned_t", "co2_actual_t",
)  # fmt: skip


def calc_district_progress(shares: pd.DataFrame, summary: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """Per district: the CO2e the measures acting there were planned to avoid in the report year and what their
    actuals avoid (each measure's shared out by `shares`, its actuals pro rata), the ratio and its light (the
    city's rule), and how many measures act there with each light.

    Columns: district_id, co2_planned_t, co2_actual_t, ratio_pct, light, n_measures, n_green, n_yellow, n_red, n_none.
    """
    green, yellow = light_rule(params)
    cols = ["project_id", "co2_planned_t", "co2_actual_t", "light"]
    d = shares.merge(summary[cols], on="project_id", how="inner")
    d["planned_part"] = d["share"] * d["co2_planned_t"].fillna(0.0)
    d["actual_part"] = d["share"] * d["co2_actual_t"].fillna(0.0)
    for lt in LIGHTS:
        d[f"n_{lt}"] = (d["light"] == lt).astype(int)
    out = d.groupby("district_id", as_index=False).agg(
        co2_planned_t=("planned_part", "sum"),
        co2_actual_t=("actual_part", "sum"),
        n_measures=("project_id", "nunique"),
        **{f"n_{lt}": (f"n_{lt}", "sum") for lt in LIGHTS},
    )
    ratio = np.where(
        out["co2_planned_t"].abs() > 1e-9, 100.0 * out["co2_actual_t"] / out["co2_planned_t"].where(out["co2_planned_t"] != 0), np.nan
    )
    out.insert(3, "ratio_pct", ratio)
    out.insert(4, "light", [_city_light(r, green, yellow) for r in ratio])
    return out


def _city_light(ratio: float, green: float, yellow: float) -> str:
    if not np.isfinite(ratio):
        return "none"
    return "green" if ratio >= green else "yellow" if ratio >= yellow else "red"


def light_rule(params: Parameters) -> tuple[float, float]:
    """(green from, yellow from) in % of the plan to date."""
    return params.value("monitoring.green_min_pct"), params.value("monitoring.yellow_min_pct")


def traffic_light(ratio_pct: float, *, is_due: bool, is_reported: bool, status: str, green: float, yellow: float) -> tuple[str, str]:
    """(light, reason) of one measure in one year; the reasons are codes (the texts name them)."""
    if status == "idea":
        return "none", "idea"
    if status == "stopped":
        return "red", "stopped"
    if not np.isfinite(ratio_pct):  # nothing planned to date
        return "none", "not_due"
    if is_due and not is_reported:
        return "red", "no_report"
    if ratio_pct >= green:
        return "green", "on_plan"
    if ratio_pct >= yellow:
        return "yellow", "behind"
    return "red", "far_behind"


@dataclass(frozen=True, kw_only=True)
class Progress:
    """Result of `calc_progress`.

    Attributes:
        history: per measure and year from its start (or first report) to the report year: indicator (its
            primary one), planned and actual to date, ratio_pct, is_reported, is_due, light, reason,
            delivery_since_base (the factor its contribution is scaled by), is_capped, co2_planned_t
            (attributed contribution, t CO2e/a avoided), co2_actual_t (the same scaled to the actuals).
        summary: per measure in the report year: the history's row, planned_<indicator> and
            actual_<indicator> for every indicator it has a plan or a report for, planned_<T> (its indicator's
            plan for T in TREND_YEARS), needed_per_year_<T> (what
            must be added per year to meet the plan of T in TREND_YEARS; for MWh the rise of the level per
            year) and pace_per_year (counts: the average per year since start; MWh: the rise in the last year).
        city: per year from the base year to the report year: baseline_t, plan_t (baseline minus every
            measure as planned), measures_planned_t, measures_actual_t, metered_correction_t, actual_t.
        city_summary: report_year, ratio_pct (measures' CO2e of the actuals / as planned), light, the count of
            each light, and per T in TREND_YEARS target_<T>_t, needed_t_per_year_<T> (the fall per year from
            the actual value to the target), planned_t_per_year_<T> (the planned pathway's fall per year)
            and observed_t_per_year (the actual pathway's average fall per year since the base year).
    """

    history: pd.DataFrame
    summary: pd.DataFrame
    city: pd.DataFrame
    city_summary: dict


def calc_progress(
    projects,
    plan: pd.DataFrame,
    actuals: pd.DataFrame,
    *,
    report_year: int,
    params: Parameters,
    attributed: pd.DataFrame | None = None,
    total: pd.DataFrame | None = None,
    targets: pd.DataFrame | None = None,
    metered: pd.Series | None = None,
    base_year: int = FIRST_YEAR,
) -> Progress:
    """Plan against actuals per measure and for the city, up to `report_year`.

    Args:
        projects: the measures (ghgmodel.Project).
        plan: `calc_plan`'s table.
        actuals: project_id, year and any of INDICATORS (one row per measure and year; NaN = not reported).
        report_year: the year reported on.
        params: the parameter tables (the traffic-light rule).
        attributed: project_id, year, attributed_t (central variant; measures the scenario does not select
            have none and get no CO2e).
        total: year, baseline_t, reduction_t of the measures together (central).
        targets: year, target_t (the city's heat targets).
        metered: year -> t CO2e/a to add where metered consumption replaces the modelled one.
        base_year: the observed state (projects act from the year after).
    """
    green, yellow = light_rule(params)
    hist, summ = [], []
    phi = (
        attributed.set_index(["project_id", "year"])["attributed_t"]
        if attributed is not None and len(attributed)
        else pd.Series(dtype=float)
    )
    for p in projects:
        h, s = _measure(p, plan, actuals, phi, report_year, base_year, green, yellow)
        hist.append(h)
        summ.append(s)
    history = pd.concat(hist, ignore_index=True) if hist else pd.DataFrame(columns=HISTORY_COLUMNS)
    extra = [f"{k}_{t}" for t in TREND_YEARS for k in ("planned", "needed_per_year")]
    summary = pd.DataFrame(summ) if summ else pd.DataFrame(columns=[*HISTORY_COLUMNS, *extra, "pace_per_year"])
    city, city_summary = _city(history, summary, total, targets, metered, report_year, base_year, green, yellow)
    return Progress(history=history, summary=summary, city=city, city_summary=city_summary)


def _measure(p, plan, actuals, phi, report_year, base_year, green, yellow) -> tuple[pd.DataFrame, dict]:
    ind = PRIMARY[p.project_type]
    mine = plan[plan["project_id"] == p.project_id]
    planned = mine.pivot_table(index="year", columns="indicator", values="planned", aggfunc="sum")
    eligible = mine.groupby("indicator")["eligible"].first()
    rep = actuals[actuals["project_id"] == p.project_id].set_index("year").sort_index()
    first = min([p.start_year, *rep.index.astype(int)]) if len(rep) else p.start_year
    years = np.arange(min(first, report_year), report_year + 1)  # a measure not yet started has its report year
    rows = []
    for y in years:
        pl = float(planned[ind].get(y, 0.0)) if ind in planned else 0.0
        act = _to_date(rep, ind, y)
        is_reported = y in rep.index and pd.notna(rep.loc[y].get(ind))
        # due: its ramp runs (or a network measure, which delivers every year), or it never reported at all
        is_due = p.start_year <= y and (y <= p.end_year or ind in FLOWS or not _ever_reported(rep, ind, y))
        # finished by the base year and never reported: part of the observed state, nothing to follow
        before = p.status == "completed" and p.end_year <= base_year and not _ever_reported(rep, ind, y)
        ratio = 100.0 * act / pl if pl > 0 else np.nan
        if before:
            is_due, light, reason = False, "none", "before_monitoring"
        else:
            light, reason = traffic_light(ratio, is_due=is_due, is_reported=is_reported, status=p.status, green=green, yellow=yellow)
        factor, capped = _since_base(ind, planned.get(ind), rep, eligible.get(ind, np.nan), y, base_year)
        co2 = float(phi.get((p.project_id, int(y)), np.nan))
        rows.append(
            {
                "project_id": p.project_id,
                "year": int(y),
                "indicator": ind,
                "planned": pl,
                "actual": act,
                "ratio_pct": ratio,
                "is_reported": bool(is_reported),
                "is_due": bool(is_due),
                "light": light,
                "reason": reason,
                "delivery_since_base": factor,
                "is_capped": capped,
                "co2_planned_t": co2,
                "co2_actual_t": co2 * factor,
            }
        )
    history = pd.DataFrame(rows)
    summary = dict(rows[-1])
    for other in INDICATORS:
        if other in planned or other in rep:
            summary[f"planned_{other}"] = float(planned[other].get(report_year, 0.0)) if other in planned else np.nan
            summary[f"actual_{other}"] = _to_date(rep, other, report_year) if other in rep and rep[other].notna().any() else np.nan
    pl_y = summary.get("planned", 0.0)
    act_y = summary.get("actual", 0.0)
    for t in TREND_YEARS:
        target = float(planned[ind].get(t, pl_y)) if ind in planned else 0.0
        summary[f"planned_{t}"] = target
        summary[f"needed_per_year_{t}"] = max(target - act_y, 0.0) / (t - report_year) if t > report_year else np.nan
    if ind in FLOWS:
        prev = rep[ind].get(report_year - 1, np.nan) if ind in rep else np.nan
        now = rep[ind].get(report_year, np.nan) if ind in rep else np.nan
        summary["pace_per_year"] = float(now - prev) if pd.notna(prev) and pd.notna(now) else np.nan
    else:
        summary["pace_per_year"] = act_y / max(report_year - p.start_year + 1, 1) if report_year >= p.start_year else np.nan
    return history, summary


def _ever_reported(rep: pd.DataFrame, ind: str, year: int) -> bool:
    return ind in rep and bool(rep.loc[rep.index <= year, ind].notna().any())


def _to_date(rep: pd.DataFrame, ind: str, year: int) -> float:
    """Actual to the end of `year`: the sum of the years' reports for counts and money, the year's value for MWh."""
    if ind not in rep:
        return 0.0
    values = rep[ind]
    if ind in FLOWS:
        v = values.get(year, np.nan)
        return float(v) if pd.notna(v) else 0.0
    return float(values[values.index <= year].fillna(0.0).sum())


def _since_base(ind, planned, rep, eligible, year, base_year) -> tuple[float, bool]:
    """(actual / planned delivery since the base year, whether it was capped at the reach); 0 up to the base year."""
    if year <= base_year or planned is None:
        return 0.0, False
    den = float(planned.get(year, 0.0)) - float(planned.get(base_year, 0.0))
    if ind in FLOWS:
        base_value = rep[ind].get(base_year, np.nan) if ind in rep else np.nan
        start = float(base_value) if pd.notna(base_value) else float(planned.get(base_year, 0.0))
        num = _to_date(rep, ind, year) - start
    else:
        num = _to_date(rep, ind, year) - _to_date(rep, ind, base_year)
    if den <= 0:
        return 1.0, False
    room = float(eligible) - float(planned.get(base_year, 0.0)) if np.isfinite(eligible) else np.inf
    capped = num > room
    return max(min(num, room), 0.0) / den, bool(capped)


def _city(history, summary, total, targets, metered, report_year, base_year, green, yellow) -> tuple[pd.DataFrame, dict]:
    years = np.arange(base_year, report_year + 1)
    if history.empty:
        co2 = pd.DataFrame({"year": years, "co2_planned_t": 0.0, "co2_actual_t": 0.0})
    else:
        co2 = history.groupby("year", as_index=False)[["co2_planned_t", "co2_actual_t"]].sum(min_count=1)
    co2 = co2.set_index("year").reindex(years).fillna(0.0)
    city = pd.DataFrame({"year": years})
    if total is not None and len(total):
        tot = total.set_index("year")
        city["baseline_t"] = tot["baseline_t"].reindex(years).to_numpy()
        city["plan_t"] = (tot["baseline_t"] - tot["reduction_t"]).reindex(years).to_numpy()
    else:
        city["baseline_t"] = city["plan_t"] = np.nan
    city["measures_planned_t"] = co2["co2_planned_t"].to_numpy()
    city["measures_actual_t"] = co2["co2_actual_t"].to_numpy()
    corr = metered.reindex(years).fillna(0.0).to_numpy() if metered is not None else np.zeros(len(years))
    city["metered_correction_t"] = corr
    city["actual_t"] = city["plan_t"] + city["measures_planned_t"] - city["measures_actual_t"] + corr
    last = city.iloc[-1]
    planned_now = float(last["measures_planned_t"])
    ratio = 100.0 * float(last["measures_actual_t"]) / planned_now if abs(planned_now) > 1e-9 else np.nan
    light = _city_light(ratio, green, yellow)
    out = {"report_year": int(report_year), "ratio_pct": ratio, "light": light}
    lights = summary["light"].value_counts() if len(summary) else pd.Series(dtype=int)
    for lt in LIGHTS:
        out[f"n_{lt}"] = int(lights.get(lt, 0))
    first = city.iloc[0]
    span = report_year - base_year
    out["observed_t_per_year"] = float(first["actual_t"] - last["actual_t"]) / span if span > 0 else np.nan
    tgt = targets.set_index("year")["target_t"] if targets is not None and len(targets) else pd.Series(dtype=float)
    tot = total.set_index("year") if total is not None and len(total) else None
    for t in TREND_YEARS:
        target = float(tgt.get(t, np.nan))
        out[f"target_{t}_t"] = target
        out[f"needed_t_per_year_{t}"] = (float(last["actual_t"]) - target) / (t - report_year) if t > report_year else np.nan
        plan_t = float(tot["baseline_t"].get(t) - tot["reduction_t"].get(t)) if tot is not None and t in tot.index else np.nan
        out[f"planned_t_per_year_{t}"] = (float(last["plan_t"]) - plan_t) / (t - report_year) if t > report_year else np.nan
    return city, out


def calc_metered_correction(engine: PathwayEngine, run: Run, covered: dict[int, np.ndarray]) -> pd.Series:
    """t CO2e/a to add to the modelled pathway in each year where metered consumption covers groups.

    `covered[y]` flags the groups whose buildings were metered in year y (and only those: each group holds
    buildings of one carrier, metered in one year). Their measured final energy is the group's base-year
    final energy (ghgmodel.stock keeps the measured level); in year y it replaces the group's modelled
    emissions, at that year's factor of the metered carrier (gas of the grid with its hydrogen share,
    the network's delivered heat, grid electricity):

        correction(y) = sum over covered groups of (measured MWh x factor(y) / 1000 - modelled t CO2e(y))

    Years up to the base year are the observed state already (no correction). The effect of a metered
    heat customer on its network's factor is left out.
    """
    if run.detail is None:
        raise ValueError("calc_metered_correction needs a run with detail=True")
    out = {}
    measured = engine.g["final_orig_mwh"].to_numpy(dtype=float)
    is_el = engine.orig_ec == "electricity"
    is_gas = engine.orig_ec == "gas"
    for year, mask in sorted(covered.items()):
        if year <= int(engine.years[0]) or year > int(engine.years[-1]):
            continue
        ti = int(year - engine.years[0])
        d = run.detail[ti]
        gas = (1 - d["h2"]) * engine.ef_gas[ti] + d["h2"] * engine.ef_h2[ti]
        ef = np.where(engine.orig_is_dh, d["net"].ef_delivered[engine.g_net], np.where(is_el, d["el"], np.where(is_gas, gas, np.nan)))
        m = np.asarray(mask, dtype=bool) & np.isfinite(ef)
        out[int(year)] = float((measured[m] * ef[m] / 1000.0).sum() - d["co2"][m].sum())
    return pd.Series(out, dtype=float)


__all__ = [
    "COUNTS",
    "FLOWS",
    "INDICATORS",
    "LIGHTS",
    "MONEY",
    "PRIMARY",
    "REASONS",
    "TREND_YEARS",
    "Progress",
    "calc_district_progress",
    "calc_district_shares",
    "calc_metered_correction",
    "calc_plan",
    "calc_progress",
    "light_rule",
    "traffic_light",
]
