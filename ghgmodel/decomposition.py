"""The waterfall of a scenario from the base year to a target year: baseline drivers, measures, unbacked.

    end(T) - start = sum of drivers + sum of measures + sum of unbacked levers          (exactly)

- drivers: the Shapley split of E(baseline, T) - E(2024) over the baseline drivers (ghgmodel.baseline:
  electricity, renovation, replacement, networks), each switched on from a frozen base year;
- measures: the attributed contributions against the baseline (ghgmodel.contributions), as changes;
- unbacked: the Shapley split of E(scenario, T) - E(baseline + measures, T) over the scenario's levers
  that differ from the baseline ("noch ohne Maßnahme").
Every `delta_t` is a change in t CO2e/a, negative for a reduction. The target is a fixed number (the
city's target applied to the base year, ghgmodel.targets), never a model output, and gap = end - target.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.baseline import DRIVERS, UNBACKED, baseline_levers
from ghgmodel.contributions import Contributions, shapley
from ghgmodel.engine import PathwayEngine
from ghgmodel.params import Parameters
from ghgmodel.pathway import select_projects
from ghgmodel.scenario import FIRST_YEAR, Scenario, series_values
from ghgmodel.stock import Stock
from ghgmodel.targets import calc_targets

TO_YEARS = (2030, 2035)


@dataclass(frozen=True, kw_only=True)
class Decomposition:
    """Result of `calc_decomposition`.

    Attributes:
        steps: one row per step and target year: to_year, kind (start, driver, measure, unbacked, end,
            target, gap), key (driver or lever name, project id, '' otherwise), delta_t (a change in
            t CO2e/a for driver, measure, unbacked and gap) or value_t (a level for start, end, target).
        unbacked_levers: the scenario's levers that differ from the baseline (the unbacked game's players).
    """

    steps: pd.DataFrame
    unbacked_levers: tuple[str, ...]

    def for_year(self, year: int) -> dict:
        """The decomposition of one target year in the report's JSON form."""
        s = self.steps[self.steps["to_year"] == year]

        def one(kind):
            return float(s.loc[s["kind"] == kind, "value_t" if kind in ("start", "end", "target") else "delta_t"].iloc[0])

        def listed(kind, name):
            part = s[s["kind"] == kind]
            return [{name: k, "delta_t": float(v)} for k, v in zip(part["key"], part["delta_t"])]

        unbacked = s[s["kind"] == "unbacked"]
        return {
            "from_year": FIRST_YEAR,
            "to_year": int(year),
            "start_t": one("start"),
            "drivers": listed("driver", "driver"),
            "measures": listed("measure", "project_id"),
            "unbacked": listed("unbacked", "lever"),
            "unbacked_t": float(unbacked["delta_t"].sum()),
            "end_t": one("end"),
            "target_t": one("target"),
            "gap_t": one("gap"),
        }


def unbacked_levers(scenario: Scenario, params: Parameters) -> tuple[str, ...]:
    """The scenario's levers that differ from the baseline; the others act the same on or off."""
    base = baseline_levers(params)
    years = np.arange(FIRST_YEAR, 2046)

    def differs(series, value):
        return not np.allclose(series_values(series, years), value)

    out = []
    if differs(scenario.retrofit_rate_pct, base.retrofit_rate_pct) or differs(
        scenario.retrofit_advanced_share_pct, base.retrofit_advanced_share_pct
    ):
        out.append("renovation")
    if any(differs(s, 0.0) for s in scenario.hp_adoption_pct.values()):
        out.append("heat_pumps")
    if differs(scenario.dh_connection_rate_pct, 0.0) or differs(scenario.dh_densification_pct, 0.0) or scenario.dh_connection_by_area:
        out.append("dh_connections")
    if (
        not scenario.boiler_replacement
        or scenario.dh_share_at_replacement_pct != base.dh_share_at_replacement_pct
        or scenario.fallback_system != base.fallback_system
    ):
        out.append("replacement")
    if scenario.dh_path != "frozen":
        out.append("network_path")
    if scenario.el_path != base.el_path:
        out.append("electricity")
    if differs(scenario.h2_share_pct, 0.0):
        out.append("hydrogen")
    return tuple(k for k in UNBACKED if k in out)


def calc_decomposition(
    stock: Stock,
    scenario: Scenario,
    params: Parameters,
    projects,
    contributions: Contributions,
    *,
    to_years=TO_YEARS,
    memo: Callable[[str, Callable], tuple] | None = None,
) -> Decomposition:
    """Start, baseline drivers, measures, unbacked levers, end, target and gap for each year in `to_years`.

    Args:
        stock, scenario, params, projects: as for calc_pathway.
        contributions: the scenario's calc_contributions (central variant used).
        to_years: the target years.
        memo: `memo(key, compute)` keeps the drivers' game, which no measure changes (the caller adds the
            stock and parameters to the key), so an edited measure does not recompute it.
    """
    chosen = select_projects(scenario, projects)
    engine = PathwayEngine(stock, scenario, params, chosen)
    years = engine.years
    idx = [int(np.searchsorted(years, y)) for y in to_years]
    every = np.ones(len(chosen), dtype=bool)

    def drivers_game():  # without measures: the same for every portfolio
        bare = PathwayEngine(stock, scenario, params, ())

        def drivers_value(bits):
            on = [d for k, d in enumerate(DRIVERS) if (bits >> k) & 1]
            return bare.run(np.zeros(0, dtype=bool), drivers=on, unbacked=()).total_t

        start_path = drivers_value(0)
        d_phi, _, _ = shapley(len(DRIVERS), lambda bits: drivers_value(bits) - start_path, max_exact=len(DRIVERS))
        return start_path, d_phi

    key = json.dumps(["drivers", scenario.to_json(), list(DRIVERS)])
    start_path, d_phi = memo(key, drivers_game) if memo is not None else drivers_game()
    levers = unbacked_levers(scenario, params)
    with_measures = engine.run(every, unbacked=()).total_t
    end = engine.run(every).total_t
    if not np.allclose(engine.run(every, unbacked=levers).total_t, end, rtol=0, atol=1e-6):
        levers = UNBACKED  # a lever the quick check missed acts: play the game over all of them, exact by construction

    def unbacked_value(bits):
        on = [u for k, u in enumerate(levers) if (bits >> k) & 1]
        return engine.run(every, unbacked=on).total_t - with_measures

    u_phi, _, _ = shapley(len(levers), unbacked_value, max_exact=len(levers)) if levers else (np.zeros((0, len(years))), None, "")
    c = contributions.by_year[contributions.by_year["variant"] == "central"]
    targets = calc_targets(float(start_path[0]), params).set_index("year")["target_t"]
    rows = []
    for y, ti in zip(to_years, idx):
        rows.append((y, "start", "", np.nan, float(start_path[0])))
        rows += [(y, "driver", d, float(d_phi[k, ti]), np.nan) for k, d in enumerate(DRIVERS)]
        here = c[c["year"] == y].sort_values("attributed_t", ascending=False, kind="stable")
        rows += [(y, "measure", pid, -float(v), np.nan) for pid, v in zip(here["project_id"], here["attributed_t"])]
        rows += [(y, "unbacked", u, float(u_phi[k, ti]), np.nan) for k, u in enumerate(levers)]
        rows.append((y, "end", "", np.nan, float(end[ti])))
        target = float(targets.get(y, np.nan))
        rows.append((y, "target", "", np.nan, target))
        rows.append((y, "gap", "", float(end[ti]) - target, np.nan))
    steps = pd.DataFrame(rows, columns=["to_year", "kind", "key", "delta_t", "value_t"])
    return Decomposition(steps=steps, unbacked_levers=levers)
