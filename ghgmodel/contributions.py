"""What each project contributes: standalone effect and a fair share of the joint reduction.

The reduction of a set of projects S in year t is R(S, t) = E(no projects, t) - E(S, t), both with
the scenario's levers. A project's standalone effect is R({p}, t). Where projects overlap (the same
buildings, or the same district-heating network) their effects interact, so the standalone effects
do not add up. The attributed contribution is the Shapley value

    phi_p(t) = sum over S not containing p of |S|! (n - |S| - 1)! / n! x (R(S + p, t) - R(S, t))

which adds up exactly to R(all projects, t) (the efficiency property).

To keep this tractable, projects are split into independent components: two projects are linked when
their reach shares a group of buildings, or when one feeds a network and the other changes the heat
delivered by that network. Across components effects add up, so Shapley values are computed per
component, each on the groups its projects reach (the rest of a network enters as external load).
Components of up to `max_exact` projects are computed exactly over all subsets; larger ones from
`n_permutations` random orders (fixed seed, each order paired with its reverse), which still adds up
exactly and reports a standard error. Projects that cannot act within the pathway (building measures
that ended before the first modelled change, network projects without heat) are null players: their
share is exactly zero and they are left out of the game.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import factorial

import numpy as np
import pandas as pd

from ghgmodel.params import Parameters
from ghgmodel.pathway import VARIANTS, _Engine, select_projects
from ghgmodel.scenario import FIRST_YEAR, Scenario
from ghgmodel.stock import Stock


@dataclass(frozen=True, kw_only=True)
class Contributions:
    """Result of `calc_contributions`.

    Attributes:
        years: the years of the pathway.
        by_year: project_id, year, variant, standalone_t, attributed_t, attributed_se_t (t CO2e/a
            avoided against the scenario without projects; se is 0 where computed exactly).
        total: year, variant, reduction_t (all projects together) and baseline_t (no projects).
        components: project_id -> component number; method per component in `methods`.
        methods: component number -> 'exact' or 'sampled (N orders)'.
    """

    years: np.ndarray
    by_year: pd.DataFrame
    total: pd.DataFrame
    components: dict
    methods: dict

    def summary(self, projects, *, years=(2030, 2035), until: int = 2045) -> pd.DataFrame:
        """Per project: attributed and standalone t in `years`, cumulative to `until`, EUR per t, range."""
        d = self.by_year
        rows = []
        for p in projects:
            mine = d[d["project_id"] == p.project_id]
            if mine.empty:
                continue
            c = mine[mine["variant"] == "central"].set_index("year")
            row = {"project_id": p.project_id}
            for y in years:
                row[f"attributed_{y}_t"] = float(c["attributed_t"].get(y, 0.0))
                row[f"standalone_{y}_t"] = float(c["standalone_t"].get(y, 0.0))
                spread = mine[mine["year"] == y]["attributed_t"]
                row[f"attributed_{y}_low_t"] = float(spread.min()) if len(spread) else 0.0
                row[f"attributed_{y}_high_t"] = float(spread.max()) if len(spread) else 0.0
            cum = float(c.loc[c.index <= until, "attributed_t"].sum())
            row["cumulative_t"] = cum
            row["eur_per_t"] = p.capex_eur / cum if cum > 0 and p.capex_eur > 0 else float("nan")
            row["component"] = self.components.get(p.project_id)
            row["method"] = self.methods.get(self.components.get(p.project_id), "")
            rows.append(row)
        return pd.DataFrame(rows)


def _components(engine: _Engine) -> list[list[int]]:
    """Groups of interacting projects (indices into engine.projects)."""
    P = len(engine.projects)
    parent = list(range(P))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j):
        parent[find(i)] = find(j)

    dh_able = engine.orig_is_dh | engine.in_area | (engine.exp_year > 0)
    load_on = []  # networks whose delivered heat a project can change
    for p, m in zip(engine.projects, engine.reach):
        if p.is_network_project:
            load_on.append(set())
            continue
        connects = p.project_type == "dh_expansion" or (p.project_type == "own_building_conversion" and p.target_system == "dh")
        mask = m if connects else (m & dh_able)
        load_on.append(set(np.unique(engine.g_net[mask]).tolist()))
    for i in range(P):
        for j in range(i + 1, P):
            pi, pj = engine.projects[i], engine.projects[j]
            if (engine.reach[i] & engine.reach[j]).any():
                union(i, j)
            for a, b in ((i, j), (j, i)):
                pa = engine.projects[a]
                if pa.is_network_project and pa.network_id in engine.net_index and engine.net_index[pa.network_id] in load_on[b]:
                    union(a, b)
            if pi.is_network_project and pj.is_network_project and pi.network_id == pj.network_id:
                union(i, j)
    comps: dict[int, list[int]] = {}
    for i in range(P):
        comps.setdefault(find(i), []).append(i)
    return sorted(comps.values(), key=lambda c: c[0])


def _shapley_exact(n: int, value) -> tuple[np.ndarray, np.ndarray]:
    """Exact Shapley values of `value(mask: int) -> reduction[year]` over n players."""
    v = {mask: value(mask) for mask in range(1 << n)}
    weight = [factorial(s) * factorial(n - s - 1) / factorial(n) for s in range(n)]
    phi = np.zeros((n, len(v[0])))
    for i in range(n):
        bit = 1 << i
        for mask in range(1 << n):
            if mask & bit:
                continue
            phi[i] += weight[bin(mask).count("1")] * (v[mask | bit] - v[mask])
    return phi, np.zeros_like(phi)


def _shapley_sampled(n: int, value, n_orders: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    cache: dict[int, np.ndarray] = {}

    def v(mask):
        if mask not in cache:
            cache[mask] = value(mask)
        return cache[mask]

    samples = []
    for _ in range(max(1, n_orders // 2)):
        perm = rng.permutation(n)
        for order in (perm, perm[::-1]):
            phi = np.zeros((n, len(v(0))))
            mask = 0
            prev = v(0)
            for i in order:
                mask |= 1 << int(i)
                cur = v(mask)
                phi[i] = cur - prev
                prev = cur
            samples.append(phi)
    arr = np.array(samples)
    return arr.mean(axis=0), arr.std(axis=0, ddof=1) / np.sqrt(len(arr))


def calc_contributions(
    stock: Stock,
    scenario: Scenario,
    params: Parameters,
    projects,
    *,
    variants=VARIANTS,
    max_exact: int = 8,
    n_permutations: int = 48,
    seed: int = 20350,
) -> Contributions:
    """Standalone and attributed (Shapley) contributions of the scenario's projects, per year and variant.

    Args:
        stock: grouped buildings.
        scenario: levers; its project_ids choose the projects (None = all given).
        params: parameter tables.
        projects: the portfolio.
        variants: which of low / central / high to compute.
        max_exact: largest component computed over all subsets.
        n_permutations: orders sampled for larger components.
        seed: seed of the order sampling (results are reproducible).
    """
    chosen = select_projects(scenario, projects)
    # null players (no effect possible within the pathway) get exactly zero and stay out of the game
    first_change = FIRST_YEAR + 1
    null = tuple(
        p for p in chosen if (p.is_network_project and p.heat_mwh_per_year == 0) or (not p.is_network_project and p.end_year < first_change)
    )
    chosen = tuple(p for p in chosen if p not in null)
    by_year, total = [], []
    components: dict = {}
    methods: dict = {}
    years = None
    for variant in variants:
        full = _Engine(stock, scenario, params, chosen, variant)
        years = full.years
        none_active = np.zeros(len(chosen), dtype=bool)
        base = full.run(none_active, detail=False).sum(axis=1)
        base_dh = full.last_dh_delivered  # [year, network] per group set below
        all_red = base - full.run(np.ones(len(chosen), dtype=bool), detail=False).sum(axis=1)
        total.append(pd.DataFrame({"year": years, "variant": variant, "reduction_t": all_red, "baseline_t": base}))
        comps = _components(full)
        for ci, comp in enumerate(comps):
            comp_projects = tuple(chosen[i] for i in comp)
            mask = np.zeros(full.G, dtype=bool)
            for i in comp:
                mask |= full.reach[i]
            # groups no project of the component reaches behave the same in every coalition; their heat
            # delivered by a network enters as external load whose emissions follow the network factor
            sub = Stock(
                groups=stock.groups[mask].reset_index(drop=True),
                member_projects=stock.member_projects,
                networks=stock.networks,
                demand_basis=stock.demand_basis,
            )
            rest = Stock(
                groups=stock.groups[~mask].reset_index(drop=True),
                member_projects=stock.member_projects,
                networks=stock.networks,
                demand_basis=stock.demand_basis,
            )
            if len(rest.groups):
                rest_engine = _Engine(rest, scenario, params, (), variant)
                rest_engine.run(np.zeros(0, dtype=bool), detail=False)
                external = rest_engine.last_dh_delivered
            else:
                external = np.zeros_like(base_dh)
            engine = _Engine(sub, scenario, params, comp_projects, variant, external_dh=external)
            n = len(comp)
            sub_base = engine.run(np.zeros(n, dtype=bool), detail=False).sum(axis=1)

            def value(bits, engine=engine, n=n, sub_base=sub_base):
                active = np.array([(bits >> k) & 1 == 1 for k in range(n)], dtype=bool)
                return sub_base - engine.run(active, detail=False).sum(axis=1)

            if n <= max_exact:
                phi, se = _shapley_exact(n, value)
                methods[ci] = "exact"
            else:
                phi, se = _shapley_sampled(n, value, n_permutations, seed + ci)
                methods[ci] = f"sampled ({n_permutations} orders)"
            for k, i in enumerate(comp):
                components[chosen[i].project_id] = ci
                by_year.append(
                    pd.DataFrame(
                        {
                            "project_id": chosen[i].project_id,
                            "year": years,
                            "variant": variant,
                            "standalone_t": value(1 << k),
                            "attributed_t": phi[k],
                            "attributed_se_t": se[k],
                        }
                    )
                )
        for p in null:
            components[p.project_id] = -1
            by_year.append(
                pd.DataFrame(
                    {
                        "project_id": p.project_id,
                        "year": years,
                        "variant": variant,
                        "standalone_t": 0.0,
                        "attributed_t": 0.0,
                        "attributed_se_t": 0.0,
                    }
                )
            )
    if null:
        methods[-1] = "no effect after the base year"
    cols = ["project_id", "year", "variant", "standalone_t", "attributed_t", "attributed_se_t"]
    return Contributions(
        years=years,
        by_year=pd.concat(by_year, ignore_index=True) if by_year else pd.DataFrame(columns=cols),
        total=pd.concat(total, ignore_index=True),
        components=components,
        methods=methods,
    )


def check_contributions_add_up(contrib: Contributions, *, rtol: float = 1e-9) -> float:
    """Largest absolute gap between the sum of attributed contributions and the joint reduction."""
    s = contrib.by_year.groupby(["year", "variant"])["attributed_t"].sum()
    t = contrib.total.set_index(["year", "variant"])["reduction_t"]
    return float((s.reindex(t.index).fillna(0.0) - t).abs().max())
