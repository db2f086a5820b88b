"""Results computed before anyone asks for them: the saved scenarios of a portfolio, into the model cache.

    python -m reports precompute [--db PATH] [--portfolio PATH] [--cache-dir DIR] [--scenario ID ...]

For each saved scenario (the shipped defaults first): the grouped stock, the pathway in its three
variants, the band, the target gaps, the contributions, the decomposition and the council dataset; for the
monitoring's default scenario also Fortschritt's dataset of the latest reported year (all reports and published
ones). They
go into the cache the app reads (WAERME_CACHE_DIR), under keys made of everything a result depends on:
the warehouse's data version, the model code, the parameter hash, the portfolio hash and the scenario's
levers (reports.model.ModelService.key). A result computed for an older warehouse, parameter set or
portfolio is so never found for a newer one: it is computed anew, and the stale file ages out.

`make run` and the public instance's start script (deploy/start.sh) run this before the server starts,
so the first visitor finds every default page computed; the planners' app warms the cache again in the
background after every change of the portfolio (ui.model.warm).
"""

from __future__ import annotations

import time
from collections.abc import Callable

import portfolio as pf
from ghgmodel.engine import VARIANTS
from reports.dataset import ReportData, build_report_data
from reports.model import ModelService
from reports.monitoring_data import DEFAULT_SCENARIO, default_report_year, monitoring_data


def report_data(service: ModelService, warehouse, portfolio, sc, scenario_id: str) -> ReportData:
    """The council dataset of a saved scenario, cached with the model's results."""

    def compute():
        return build_report_data(warehouse, portfolio, sc, model=service, scenario_id=scenario_id)

    return service.cache.get_or_compute("report", f"{service.key(sc)}|{scenario_id}", compute)


def precompute(
    service: ModelService,
    warehouse: Callable[[], object],
    portfolio: Callable[[], object],
    *,
    scenario_ids=None,
    reports: bool = True,
    progress: Callable[[str], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> list[dict]:
    """Compute and cache every result the pages show for the saved scenarios; returns one row per step with
    its seconds. `warehouse` and `portfolio` give a fresh cursor each (as for ModelService); `stop()` true
    ends it after the running step."""
    table = pf.list_scenarios(portfolio())
    ids = list(table["scenario_id"]) if scenario_ids is None else list(scenario_ids)
    rows = []
    for sid in ids:
        sc = pf.scenario(portfolio(), sid)
        if sc is None:
            raise LookupError(f"no saved scenario {sid!r}; saved: {', '.join(table['scenario_id'])}")
        steps = _steps(service, warehouse, portfolio, sc, sid, reports=reports)
        for name, fn in steps:
            if stop is not None and stop():
                return rows
            t0 = time.perf_counter()
            fn()
            rows.append({"scenario_id": sid, "step": name, "seconds": time.perf_counter() - t0})
            if progress:
                progress(f"{sid}: {name} {rows[-1]['seconds']:.1f} s")
    return rows


def _steps(service: ModelService, warehouse, portfolio, sc, sid: str, *, reports: bool) -> list[tuple[str, Callable]]:
    steps = [(f"pathway {v}", lambda v=v: service.pathway(sc, v)) for v in VARIANTS]
    steps += [
        ("band", lambda: service.band(sc)),
        ("gaps", lambda: service.gaps(sc)),
        ("contributions", lambda: service.contributions(sc)),
        ("decomposition", lambda: service.decomposition(sc)),
    ]
    if reports:
        steps.append(("report", lambda: report_data(service, warehouse(), portfolio(), sc, sid)))
    if reports and sid == DEFAULT_SCENARIO:  # Fortschritt's first view: the planners' and the residents' count
        for public in (False, True):

            def monitoring(public=public):
                year = default_report_year(portfolio(), published_only=public)
                return monitoring_data(service, warehouse(), portfolio(), sc, sid, year, public)

            steps.append(("monitoring (published)" if public else "monitoring", monitoring))
    return steps


__all__ = ["precompute", "report_data"]
