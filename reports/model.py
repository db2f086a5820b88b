"""The one model service behind the app's pages, the reports and the command line.

Every result is keyed by what it depends on: the warehouse's data version, the parameter hash, the
portfolio hash and the scenario's levers. The app passes its process-wide cache and its connections,
the command line a cache of its own (with WAERME_CACHE_DIR, the same files the app uses).

    pathway(sc, variant)  totals, by_district, heating, networks, network_sources, WPG indicators
    band(sc)              year, low, central, high: the envelope of the three variants (the band always
                          contains the central path)
    gaps(sc)              the fixed targets 2030/2035 against the pathway
    contributions(sc)     per measure against the baseline: by year, summary with abatement cost, why
                          (each component of interacting measures cached on its own)
    decomposition(sc)     start, drivers, measures, unbacked levers, end, target, gap for 2030 and 2035
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

import ghgmodel
import portfolio as pf
from ghgmodel import (
    Parameters,
    Scenario,
    build_stock,
    calc_contributions,
    calc_decomposition,
    calc_gaps,
    calc_pathway,
    calc_wpg_indicators,
    select_projects,
)
from ghgmodel.contributions import Contributions
from ghgmodel.engine import VARIANTS
from heatdb.queries import meta, stock_for_model
from reports.cache import ResultCache


@lru_cache(maxsize=1)
def model_code_version() -> str:
    """Hash of the model's code (ghgmodel/*.py and this module, which shapes the results): a cached result
    computed by older code is never served."""
    h = hashlib.sha256()
    for path in [*sorted(Path(ghgmodel.__file__).parent.glob("*.py")), Path(__file__)]:
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def params_hash(params: Parameters) -> str:
    """The hash of a parameter table (the same as the app shows)."""
    return hashlib.sha256(params.table.drop(columns=["row"]).to_csv(index=False).encode()).hexdigest()[:12]


class ModelService:
    """Cached model results for one warehouse, portfolio and parameter set."""

    def __init__(
        self,
        *,
        warehouse: Callable[[], object],
        portfolio: Callable[[], object],
        params: Parameters,
        cache: ResultCache | None = None,
        data_version: Callable[[], str] | None = None,
        portfolio_stamp: Callable[[], object] | None = None,
    ):
        """`portfolio_stamp`, where given, changes whenever the portfolio may have changed (the public instance's
        read-only export: its file's inode and modification time); the projects and the portfolio hash are then read
        once per stamp instead of at every call (seven times per page view)."""
        self._warehouse, self._portfolio = warehouse, portfolio
        self.params = params
        self.cache = cache or ResultCache()
        self._data_version = data_version or (lambda: meta(self._warehouse()).get("data_version", "?"))
        self._params_hash = params_hash(params)
        self._stamp = portfolio_stamp
        self._held: tuple | None = None  # (stamp, projects, portfolio hash)
        self._held_lock = threading.Lock()

    # inputs ------------------------------------------------------------------------------------
    def data_version(self) -> str:
        return self._data_version()

    def params_hash(self) -> str:
        return self._params_hash

    def _portfolio_state(self) -> tuple | None:
        if self._stamp is None:
            return None
        stamp = self._stamp()
        with self._held_lock:
            if self._held is None or self._held[0] != stamp:
                con = self._portfolio()
                self._held = (stamp, tuple(pf.projects(con)), pf.portfolio_hash(con))
            return self._held

    def projects(self):
        held = self._portfolio_state()
        return list(held[1]) if held else pf.projects(self._portfolio())

    def portfolio_hash(self) -> str:
        held = self._portfolio_state()
        return held[2] if held else pf.portfolio_hash(self._portfolio())

    def key(self, sc: Scenario) -> str:
        return f"{self.data_version()}|{model_code_version()}|{self._params_hash}|{self.portfolio_hash()}|{sc.to_json()}"

    def _stock_key(self, projects, demand_basis: str) -> tuple[str, dict]:
        members = {p.project_id: set(p.building_ids) for p in projects if p.building_ids}
        member_key = hashlib.sha256(repr(sorted((k, sorted(v)) for k, v in members.items())).encode()).hexdigest()[:12]
        return f"{self.data_version()}|{model_code_version()}|{self._params_hash}|{member_key}|{demand_basis}", members

    def stock(self, projects=None, demand_basis: str = "consumption"):
        """The grouped stock (calibrated demand unless a scenario asks for the calculated need); building-list
        measures of the portfolio are grouping keys."""
        projects = self.projects() if projects is None else projects
        key, members = self._stock_key(projects, demand_basis)

        def compute():
            buildings, networks, plants = stock_for_model(self._warehouse())
            return build_stock(buildings, self.params, networks=networks, plants=plants, member_projects=members, demand_basis=demand_basis)

        return self.cache.get_or_compute("stock", key, compute)

    # results -----------------------------------------------------------------------------------
    def pathway(self, sc: Scenario, variant: str = "central") -> dict:
        """Totals, by district and carrier, heating counts, networks and WPG indicators of a scenario."""

        def compute():
            projects = self.projects()
            pw = calc_pathway(self.stock(projects, sc.demand_basis), sc, self.params, projects=projects, variant=variant)
            return {
                "totals": pw.totals(),
                "by_district": pw.by_district,
                "heating": pw.heating,
                "networks": pw.networks,
                "network_sources": pw.network_sources,
                "network_factors": pw.network_factors,
                "indicators": calc_wpg_indicators(pw, params=self.params),
            }

        return self.cache.get_or_compute("pathway", f"{self.key(sc)}|{variant}", compute)

    def band(self, sc: Scenario) -> pd.DataFrame:
        """Total emissions per year: central, and low/high as the envelope of all three variants."""
        values = {v: self.pathway(sc, v)["totals"]["co2e_t"] for v in ("low", "central", "high")}
        frame = pd.DataFrame(values)
        stacked = frame[["low", "central", "high"]].to_numpy()
        frame["low"] = stacked.min(axis=1)
        frame["high"] = stacked.max(axis=1)
        return frame

    def gaps(self, sc: Scenario) -> pd.DataFrame:
        return calc_gaps(self.pathway(sc)["totals"]["co2e_t"], self.params)

    def contributions(self, sc: Scenario, variants: tuple[str, ...] = VARIANTS) -> dict:
        """Standalone and attributed contributions of the scenario's measures against the baseline (all three
        variants, or e.g. only the central one while the range is still being computed). Each component of
        interacting measures is kept on its own, so an edited measure recomputes only its component."""

        def compute():
            projects = self.projects()
            stock_key, _ = self._stock_key(projects, sc.demand_basis)
            memo = lambda key, fn: self.cache.get_or_compute("component", f"{stock_key}|{key}", fn)  # noqa: E731
            c = calc_contributions(self.stock(projects, sc.demand_basis), sc, self.params, projects, variants=variants, memo=memo)
            chosen = select_projects(sc, projects)
            return {
                "by_year": c.by_year,
                "total": c.total,
                "summary": c.summary(chosen, self.params),
                "methods": {str(k): v for k, v in c.methods.items()},
                "explain": c.explain,
                "variants": tuple(variants),
            }

        return self.cache.get_or_compute("contributions", self._contributions_key(sc, variants), compute)

    def _contributions_key(self, sc: Scenario, variants) -> str:
        return self.key(sc) if tuple(variants) == VARIANTS else f"{self.key(sc)}|{','.join(variants)}"

    def peek_contributions(self, sc: Scenario) -> dict | None:
        """The contributions in all three variants if they are computed already, else None (never computes)."""
        return self.cache.peek("contributions", self._contributions_key(sc, VARIANTS))

    def decomposition(self, sc: Scenario) -> dict:
        """The waterfall 2024 -> 2030 / 2035: steps (to_year, kind, key, delta_t, value_t) and the unbacked levers."""

        def compute():
            projects = self.projects()
            c = self.contributions(sc)
            contrib = Contributions(
                years=np.arange(2024, 2046), by_year=c["by_year"], total=c["total"], components={}, methods={}, explain=c["explain"]
            )
            stock_key, _ = self._stock_key(projects, sc.demand_basis)
            memo = lambda key, fn: self.cache.get_or_compute("drivers", f"{stock_key}|{key}", fn)  # noqa: E731
            d = calc_decomposition(self.stock(projects, sc.demand_basis), sc, self.params, projects, contrib, memo=memo)
            return {"steps": d.steps, "unbacked_levers": list(d.unbacked_levers)}

        return self.cache.get_or_compute("decomposition", self.key(sc), compute)
