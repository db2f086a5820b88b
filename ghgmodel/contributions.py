"""What each measure contributes: standalone effect and a fair share of the joint reduction, against the
policy baseline.

The reduction of a set of measures S in year t is R(S, t) = E(baseline, t) - E(baseline + S, t): the
baseline drivers act (federal electricity path, renovation at the national pace, boiler replacement
under the GEG, the networks' own plants), the scenario's unbacked levers do not (ghgmodel.baseline).
A connected building is so credited against what it would do without the measure - keep its boiler or
switch at the national pace - and its network's heat at that network's factor in that year. A
measure's standalone effect is R({p}, t). Where measures overlap (the same buildings, the same
network) their effects interact, so the standalone effects do not add up. The attributed contribution
is the Shapley value

    phi_p(t) = sum over S not containing p of |S|! (n - |S| - 1)! / n! x (R(S + p, t) - R(S, t))

which adds up exactly to R(all measures, t) (the efficiency property).

To keep this tractable, measures are split into independent components: two are linked when their
reach shares a group of buildings, or when one feeds a network and the other changes the heat it
delivers. Across components effects add up, so Shapley values are computed per component, each on the
groups its measures reach (the rest of a network enters as external load). All coalitions of a
component come from one engine run over copies of its groups (ghgmodel.coalitions; the same numbers as
one run per coalition). Components of up to `max_exact` measures are computed exactly over all subsets;
larger ones from `n_permutations` random orders (fixed seed, each order paired with its reverse), which
still adds up exactly and reports a standard error. Measures that cannot act within the pathway (ended before the first modelled year,
network measures without heat) are null players: their share is exactly zero.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from math import factorial

import numpy as np
import pandas as pd

from ghgmodel.abatement import calc_abatement
from ghgmodel.baseline import DRIVERS
from ghgmodel.coalitions import MAX_COPIES, CoalitionGame, EngineGame, copies_needed
from ghgmodel.engine import VARIANTS, PathwayEngine
from ghgmodel.params import Parameters
from ghgmodel.pathway import select_projects
from ghgmodel.scenario import FIRST_YEAR, Scenario
from ghgmodel.stock import Stock

EXPLAIN_YEARS = (2030, 2035)


@dataclass(frozen=True, kw_only=True)
class Contributions:
    """Result of `calc_contributions`.

    Attributes:
        years: the years of the pathway.
        by_year: project_id, year, variant, standalone_t, attributed_t, attributed_se_t (t CO2e/a
            avoided against the baseline; se is 0 where computed exactly).
        total: year, variant, reduction_t (all measures together) and baseline_t (no measures).
        components: project_id -> component number; method per component in `methods`.
        methods: component number -> 'exact' or 'sampled (N orders)'.
        explain: for connection measures, per year in EXPLAIN_YEARS: extra heat delivered by the
            network (MWh/a), the counterfactual's and the network's g CO2e per kWh of that heat.
    """

    years: np.ndarray
    by_year: pd.DataFrame
    total: pd.DataFrame
    components: dict
    methods: dict
    explain: pd.DataFrame

    def summary(self, projects, params: Parameters, *, years=(2030, 2035), until: int = 2045) -> pd.DataFrame:
        """Per project: attributed and standalone t in `years` with range, cumulative t to `until`, abatement cost."""
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
            row["cumulative_t"] = float(c.loc[c.index <= until, "attributed_t"].sum())
            ab = calc_abatement(p, c["attributed_t"].to_dict(), params)
            row["abatement_cost_eur_per_t"] = ab.eur_per_t if ab.eur_per_t is not None else float("nan")
            row["abatement_reason"] = ab.reason
            row["annual_cost_eur"] = ab.annual_cost_eur
            row["avoided_t_per_year"] = ab.avoided_t_per_year
            row["component"] = self.components.get(p.project_id)
            row["method"] = self.methods.get(self.components.get(p.project_id), "")
            rows.append(row)
        return pd.DataFrame(rows)


def _components(engine: PathwayEngine) -> list[list[int]]:
    """Groups of interacting measures (indices into engine.projects)."""
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
    load_on = []  # networks whose delivered heat a measure can change
    for p, m in zip(engine.projects, engine.reach):
        if p.is_network_project:
            load_on.append(set())
            continue
        mask = m if p.is_connection_project else (m & dh_able)
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
    values = np.array([value(mask) for mask in range(1 << n)])
    return _exact_from_values(n, values), np.zeros((n, values.shape[1]))


def _exact_from_values(n: int, values: np.ndarray) -> np.ndarray:
    """Shapley values from the value of every coalition (row = bit mask of the players)."""
    masks = np.arange(1 << n, dtype=np.int64)
    size = np.zeros(len(masks), dtype=np.int64)
    for b in range(n):
        size += (masks >> b) & 1
    weight = np.array([factorial(s) * factorial(n - s - 1) / factorial(n) for s in range(n)])
    phi = np.zeros((n, values.shape[1]))
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        phi[i] = (weight[size[without]][:, None] * (values[without | (1 << i)] - values[without])).sum(axis=0)
    return phi


def _orders(n: int, n_orders: int, seed: int) -> list[np.ndarray]:
    """Random orders of the players, each followed by its reverse."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(max(1, n_orders // 2)):
        perm = rng.permutation(n)
        out += [perm, perm[::-1]]
    return out


def _shapley_sampled(n: int, value, n_orders: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    cache: dict[int, np.ndarray] = {}

    def v(mask):
        if mask not in cache:
            cache[mask] = value(mask)
        return cache[mask]

    samples = []
    for order in _orders(n, n_orders, seed):
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


def shapley(n: int, value, *, max_exact: int = 8, n_permutations: int = 48, seed: int = 20350) -> tuple[np.ndarray, np.ndarray, str]:
    """Shapley values of a game over n players: exact up to `max_exact`, else sampled orders."""
    if n <= max_exact:
        phi, se = _shapley_exact(n, value)
        return phi, se, "exact"
    phi, se = _shapley_sampled(n, value, n_permutations, seed)
    return phi, se, f"sampled ({n_permutations} orders)"


def shapley_of_game(game, *, max_exact: int, n_permutations: int, seed: int) -> tuple[np.ndarray, np.ndarray, str]:
    """Shapley values of the reductions R(S) = E(none) - E(S) of a game (`game.totals(active [K, n])` ->
    t per year [K, year]), all coalitions evaluated in batches: exact up to `max_exact` players, else
    from sampled orders (each paired with its reverse), which add up exactly too and give a standard error."""
    n = game.n
    if n <= max_exact:
        masks = np.arange(1 << n, dtype=np.int64)
        totals = game.totals((masks[:, None] >> np.arange(n)) & 1 == 1)
        return _exact_from_values(n, totals[0] - totals), np.zeros((n, totals.shape[1])), "exact"
    orders = _orders(n, n_permutations, seed)
    prefixes = np.zeros((len(orders), n + 1, n), dtype=bool)
    for o, order in enumerate(orders):
        for step, i in enumerate(order):
            prefixes[o, step + 1 :, i] = True
    rows, inverse = np.unique(prefixes.reshape(-1, n), axis=0, return_inverse=True)
    totals = game.totals(rows)
    values = (totals[~rows.any(axis=1)][0] - totals)[inverse.reshape(len(orders), n + 1)]  # [order, step, year]
    samples = np.zeros((len(orders), n, totals.shape[1]))
    for o, order in enumerate(orders):
        samples[o, order] = np.diff(values[o], axis=0)
    return samples.mean(axis=0), samples.std(axis=0, ddof=1) / np.sqrt(len(orders)), f"sampled ({n_permutations} orders)"


def is_null_player(p) -> bool:
    """A measure that cannot act after the base year (ended before, or a network measure without heat)."""
    if p.is_network_project:
        return p.heat_mwh_per_year == 0 or p.ramp(FIRST_YEAR) >= 1.0
    return p.end_year < FIRST_YEAR + 1


def calc_contributions(
    stock: Stock,
    scenario: Scenario,
    params: Parameters,
    projects,
    *,
    variants=VARIANTS,
    max_exact: int = 16,
    max_exact_direct: int = 8,
    max_copies: int = MAX_COPIES,
    n_permutations: int = 48,
    seed: int = 20350,
    drivers=DRIVERS,
    memo: Callable[[str, Callable[[], dict]], dict] | None = None,
) -> Contributions:
    """Standalone and attributed (Shapley) contributions of the scenario's measures against the baseline.

    Args:
        stock: grouped buildings.
        scenario: chooses the measures (Scenario.selects) and the factor set; its unbacked levers do
            not act here.
        params: parameter tables (with the baseline levers).
        projects: the portfolio.
        variants: which of low / central / high to compute.
        max_exact: largest component computed over all subsets (all coalitions from one run of copied
            groups, ghgmodel.coalitions).
        max_exact_direct: the same where the copies would be more than `max_copies` and the engine runs
            once per coalition.
        n_permutations: orders sampled for larger components.
        seed: seed of the order sampling (results are reproducible); each component adds a number
            from its measures' ids, so its sample does not depend on the other components.
        drivers: the baseline drivers that act (all by default; none gives a frozen world for tests).
        memo: `memo(key, compute)` returns a component's result, computed or kept (the key names the
            variant, scenario, the component's measures and these options; the caller adds the stock and
            parameters): an edited measure recomputes only its own component.
    """
    chosen = select_projects(scenario, projects)
    null = tuple(p for p in chosen if is_null_player(p))
    chosen = tuple(p for p in chosen if p not in null)
    by_year, total, explain = [], [], []
    components: dict = {}
    methods: dict = {}
    years = None
    ctx = {"drivers": tuple(drivers), "unbacked": ()}
    for variant in variants:
        full = PathwayEngine(stock, scenario, params, chosen, variant=variant)
        years = full.years
        base = full.run(np.zeros(len(chosen), dtype=bool), **ctx).total_t
        all_red = base - full.run(np.ones(len(chosen), dtype=bool), **ctx).total_t
        total.append(pd.DataFrame({"year": years, "variant": variant, "reduction_t": all_red, "baseline_t": base}))
        for ci, comp in enumerate(_components(full)):
            members = [chosen[i] for i in comp]
            comp_seed = seed + zlib.crc32(" ".join(p.project_id for p in members).encode()) % 1_000_000
            options = (max_exact, max_exact_direct, max_copies, n_permutations, comp_seed, ctx["drivers"])
            key = json.dumps([variant, scenario.to_json(), [p.to_dict() for p in members], options], default=str, sort_keys=True)

            def compute(comp=comp, variant=variant, comp_seed=comp_seed, full=full):
                return _component(
                    stock, scenario, params, full, comp, variant, ctx, max_exact, max_exact_direct, max_copies, n_permutations, comp_seed
                )

            r = memo(key, compute) if memo is not None else compute()
            methods[ci] = r["method"]
            for k, p in enumerate(members):
                components[p.project_id] = ci
                frame = {
                    "project_id": p.project_id,
                    "year": years,
                    "variant": variant,
                    "standalone_t": r["standalone"][k],
                    "attributed_t": r["phi"][k],
                    "attributed_se_t": r["se"][k],
                }
                by_year.append(pd.DataFrame(frame))
            if variant == "central":
                explain += r["explain"]
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
    ex_cols = ["project_id", "year", "extra_heat_mwh", "counterfactual_g_per_kwh", "network_g_per_kwh"]
    return Contributions(
        years=years,
        by_year=pd.concat(by_year, ignore_index=True) if by_year else pd.DataFrame(columns=cols),
        total=pd.concat(total, ignore_index=True),
        components=components,
        methods=methods,
        explain=pd.concat(explain, ignore_index=True) if explain else pd.DataFrame(columns=ex_cols),
    )


def _component(stock, scenario, params, full, comp, variant, ctx, max_exact, max_exact_direct, max_copies, n_permutations, seed) -> dict:
    """Shapley values, standalone effects and (central) explanations of one component's measures."""
    engine = _component_engine(stock, scenario, params, full, comp, variant, ctx)
    if copies_needed(engine) <= max_copies:
        game, limit = CoalitionGame(engine, **ctx), max_exact
    else:  # too many copies: the engine runs once per coalition
        game, limit = EngineGame(engine, **ctx), min(max_exact, max_exact_direct)
    phi, se, method = shapley_of_game(game, max_exact=limit, n_permutations=n_permutations, seed=seed)
    n = len(comp)
    singles = np.vstack([np.zeros(n, dtype=bool), np.eye(n, dtype=bool)])
    totals = game.totals(singles)
    explain = []
    if variant == "central":
        for k, i in enumerate(comp):
            if full.projects[i].is_connection_project:
                explain.append(_explain(full.projects[i], game.run(singles[0]), game.run(singles[k + 1]), full.years))
    return {"phi": phi, "se": se, "method": method, "standalone": totals[0] - totals[1:], "explain": explain}


def _component_engine(stock, scenario, params, full: PathwayEngine, comp, variant, ctx) -> PathwayEngine:
    """An engine on the groups the component's measures reach; the rest of each network as external load."""
    projects = tuple(full.projects[i] for i in comp)
    mask = np.zeros(full.G, dtype=bool)
    for i in comp:
        mask |= full.reach[i]
    # groups no measure of the component reaches behave the same in every coalition
    if (~mask).any():
        rest = PathwayEngine(stock.subset(~mask), scenario, params, (), variant=variant)
        external = rest.run(np.zeros(0, dtype=bool), **ctx).dh_delivered_mwh
    else:
        external = np.zeros((len(full.years), len(full.network_ids)))
    return PathwayEngine(stock.subset(mask), scenario, params, projects, variant=variant, external_dh=external)


def _explain(p, base, with_p, years) -> pd.DataFrame:
    """Why a connection measure saves (or not): the heat it moves onto a network and both factors.

    extra heat D = heat the network delivers with the measure minus without; the counterfactual's factor
    is what the buildings' own systems would have emitted for it, the network's what the network emits
    more to deliver it (its marginal factor, incl. losses and pumping). The measure saves when the
    network's factor lies below the counterfactual's.
    """
    rows = []
    for y in EXPLAIN_YEARS:
        ti = int(np.searchsorted(years, y))
        if ti >= len(years) or years[ti] != y:
            continue
        extra = float(with_p.dh_delivered_mwh[ti].sum() - base.dh_delivered_mwh[ti].sum())
        own_saved = float(base.totals_t[ti, 0] - with_p.totals_t[ti, 0])
        net_more = float(with_p.totals_t[ti, 1:].sum() - base.totals_t[ti, 1:].sum())
        cf = own_saved * 1000.0 / extra if extra > 0 else float("nan")
        net = net_more * 1000.0 / extra if extra > 0 else float("nan")
        rows.append(
            {"project_id": p.project_id, "year": y, "extra_heat_mwh": extra, "counterfactual_g_per_kwh": cf, "network_g_per_kwh": net}
        )
    return pd.DataFrame(rows)


def check_contributions_add_up(contrib: Contributions, *, rtol: float = 1e-9) -> float:
    """Largest absolute gap between the sum of attributed contributions and the joint reduction."""
    s = contrib.by_year.groupby(["year", "variant"])["attributed_t"].sum()
    t = contrib.total.set_index(["year", "variant"])["reduction_t"]
    return float((s.reindex(t.index).fillna(0.0) - t).abs().max())
