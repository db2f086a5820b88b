"""Every coalition of a component's measures from one engine run (the game behind ghgmodel.contributions).

Groups of buildings do not act on each other: a group's path depends only on which of the measures
that reach it are active. They meet only in their networks, whose supply (and so the factor of their
heat) depends on the heat all groups take. So:

1. Groups are sorted into classes by the set of measures that reach them (measures of a type that acts
   on buildings: retrofit and heat-pump programmes, expansions, own buildings).
2. Each group is copied once per subset of its class's measures; a copy is reached only by that subset.
   All copies run together in one engine run, which keeps each copy's own emissions and district heat.
3. These are summed per class and subset. A coalition's own emissions and the heat each network delivers
   are then, per class, the sums for the subset of the coalition that reaches the class; the networks'
   supply follows from that heat and the coalition's network measures, year by year, for many
   coalitions at once (PathwayEngine._network_year).

The result is the same as a run of the engine with that coalition (tests/unit/test_coalitions.py), for
thousands of coalitions in the time of a few runs. When the copies would be too many (a class reached by
many measures), `copies_needed` says so and the caller runs the engine per coalition instead.
"""

from __future__ import annotations

import numpy as np

from ghgmodel.engine import PathwayEngine, Run

GROUP_TYPES = frozenset({"retrofit_programme", "own_building_conversion", "dh_expansion", "hp_programme"})
MAX_COPIES = 1_500_000  # groups copied for one game (about 1 GB while the copies run)
CHUNK = 4096  # coalitions evaluated together


def _classes(engine: PathwayEngine) -> tuple[np.ndarray, list[np.ndarray]]:
    """Class of each group and the measures (indices) that reach each class."""
    n = len(engine.projects)
    acts = np.array([p.project_type in GROUP_TYPES for p in engine.projects], dtype=bool)
    reach = np.stack(engine.reach, axis=1) & acts[None, :] if n else np.zeros((engine.G, 0), dtype=bool)
    if engine.G == 0:  # no groups: one empty class
        return np.zeros(0, dtype=np.int64), [np.zeros(0, dtype=np.int64)]
    rows, g_class = np.unique(reach, axis=0, return_inverse=True)
    return g_class.reshape(-1), [np.flatnonzero(r) for r in rows]


def copies_needed(engine: PathwayEngine) -> int:
    """How many group copies a game on this engine runs."""
    g_class, members = _classes(engine)
    counts = np.bincount(g_class, minlength=len(members))
    return int(sum(int(c) << len(m) for c, m in zip(counts, members)))


class CoalitionGame:
    """The emissions of any coalition of an engine's measures, with fixed drivers and unbacked levers."""

    def __init__(self, engine: PathwayEngine, *, drivers, unbacked=()):
        self.engine = engine
        self.n = len(engine.projects)
        self.ctx = engine._context(np.ones(self.n, dtype=bool), frozenset(drivers), frozenset(unbacked))
        g_class, self.members = _classes(engine)
        sizes = np.array([len(m) for m in self.members], dtype=np.int64)
        self.offset = np.concatenate([[0], np.cumsum(np.int64(1) << sizes)])
        # copies: for class c and subset s, every group of class c, reached by the measures of s
        index, key, reach = [], [], np.zeros((0, self.n), dtype=bool)
        parts = []
        for c, m in enumerate(self.members):
            groups = np.flatnonzero(g_class == c)
            subsets = np.arange(1 << len(m))
            index.append(np.tile(groups, len(subsets)))
            s = np.repeat(subsets, len(groups))
            key.append(self.offset[c] + s)
            r = np.zeros((len(s), self.n), dtype=bool)
            for b, j in enumerate(m):
                r[:, j] = (s >> b) & 1 == 1
            parts.append(r)
        index = np.concatenate(index)
        key = np.concatenate(key)
        reach = np.concatenate(parts) if parts else reach
        copies = PathwayEngine(engine.stock.take(index), engine.scenario, engine.params, engine.projects, variant=engine.variant)
        copies.reach = [reach[:, j] for j in range(self.n)]
        run = copies.run(np.ones(self.n, dtype=bool), drivers=drivers, unbacked=unbacked, per_group=True)
        n_keys, N, Y = int(self.offset[-1]), len(engine.network_ids), len(engine.years)
        self.own = np.stack([np.bincount(key, run.own_g_t[t], minlength=n_keys) for t in range(Y)], axis=1)  # [key, year]
        net_key = key * N + engine.g_net[index]
        self.heat = np.stack(
            [np.bincount(net_key, run.dh_g_mwh[t], minlength=n_keys * N).reshape(n_keys, N) for t in range(Y)], axis=1
        )  # [key, year, network]
        # the networks' other customers: what the base year leaves of the heat fed in (the same in every coalition)
        base = self.heat[self.offset[:-1]].sum(axis=0)[0] + engine.external_dh[0]
        has_base = ~np.isnan(engine.net_fed_base)
        self.other = np.clip(np.where(has_base, engine.net_fed_base * (1 - engine.loss) - base, 0.0), 0.0, None)
        self.n_copies = len(index)

    def keys(self, active: np.ndarray) -> list[np.ndarray]:
        """For each class, the row of its sums for each coalition (active [K, n])."""
        out = []
        for c, m in enumerate(self.members):
            local = np.zeros(len(active), dtype=np.int64)
            for b, j in enumerate(m):
                local |= active[:, j].astype(np.int64) << b
            out.append(self.offset[c] + local)
        return out

    def evaluate(self, active: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """totals [K, year, 3] (as Run.totals_t) and heat delivered [K, year, network] of the coalitions in
        `active` [K, n]."""
        active = np.asarray(active, dtype=bool).reshape(-1, self.n)
        e = self.engine
        K, Y = len(active), len(e.years)
        totals = np.zeros((K, Y, 3))
        heat = np.zeros((K, Y, len(e.network_ids)))
        for k in self.keys(active):
            totals[:, :, 0] += self.own[k]
            heat += self.heat[k]
        for ti in range(Y):
            ny = e._network_year(heat[:, ti] + self.other + e.external_dh[ti], ti, self.ctx, active=active)
            totals[:, ti, 1] = (heat[:, ti] * ny.ef_delivered).sum(axis=1) / 1000.0
            totals[:, ti, 2] = ((self.other + e.external_dh[ti]) * ny.ef_delivered).sum(axis=1) / 1000.0
        return totals, heat

    def totals(self, active: np.ndarray) -> np.ndarray:
        """Total t CO2e per year [K, year] of the coalitions in `active` [K, n], in chunks."""
        active = np.asarray(active, dtype=bool).reshape(-1, self.n)
        out = np.empty((len(active), len(self.engine.years)))
        for start in range(0, len(active), CHUNK):
            out[start : start + CHUNK] = self.evaluate(active[start : start + CHUNK])[0].sum(axis=2)
        return out

    def run(self, active) -> Run:
        """One coalition as a Run (totals and heat delivered)."""
        totals, heat = self.evaluate(np.asarray(active, dtype=bool)[None, :])
        return Run(years=self.engine.years, totals_t=totals[0], dh_delivered_mwh=heat[0])


class EngineGame:
    """The same interface, one engine run per coalition (for components too large to copy)."""

    def __init__(self, engine: PathwayEngine, *, drivers, unbacked=()):
        self.engine, self.n = engine, len(engine.projects)
        self._ctx = {"drivers": drivers, "unbacked": unbacked}
        self._runs: dict[bytes, Run] = {}

    def run(self, active) -> Run:
        active = np.asarray(active, dtype=bool)
        key = np.packbits(active).tobytes()
        if key not in self._runs:
            self._runs[key] = self.engine.run(active, **self._ctx)
        return self._runs[key]

    def totals(self, active: np.ndarray) -> np.ndarray:
        active = np.asarray(active, dtype=bool).reshape(-1, self.n)
        return np.array([self.run(row).total_t for row in active]).reshape(len(active), len(self.engine.years))
