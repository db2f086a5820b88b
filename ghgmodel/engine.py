"""The pathway engine: one stock, scenario, parameter set and variant, run year by year 2024..2045.

State of each group g in year t (fractions of its buildings):
- retrofit level r in (none, standard, advanced): ret[g, r]
- heating state h in HEAT_STATES: heat[g, h]; `orig` is the system the building has today.
Retrofit and heating state are taken as independent within a group.

Each year after the base year, transitions are applied in this order, each from the state left by the
previous one: retrofit; district-heating connections; heat-pump adoption; replacement of fossil boilers
at the end of their life. Then

    final energy[g, h] = heat[g, h] x sum_r ret[g, r] x useful[g, r] / efficiency[g, h, r]
    CO2e[g, h]         = final energy[g, h] x factor[g, h, t]

District heating takes the factor of its network in that year (ghgmodel.networks: plants, measures,
the scenario's unbacked renewable path, residual fossil heat, losses, pumping). Groups carry their sector
(residential, non_residential); heat a network delivers beyond the groups (what the Fernwaermeatlas base
leaves after the modelled residential and non-residential customers) is carried as sector `dh_other`.

`run` switches every part on or off: the baseline drivers, the measures (a mask over the projects) and
the scenario's unbacked levers (ghgmodel.baseline). The base year is the observed state and is the same
in every run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.baseline import DRIVERS, UNBACKED, baseline_levers, combine
from ghgmodel.carriers import ENERGY_CARRIER, FOSSIL_HEATING, HEAT_PUMPS, RETROFIT_LEVELS
from ghgmodel.errors import ModelInputError
from ghgmodel.factors import carrier_factor, electricity_factor
from ghgmodel.networks import legal_path_share, plant_heat, residual_factor, source_factor, supply_year
from ghgmodel.params import Parameters
from ghgmodel.projects import Project
from ghgmodel.scenario import FIRST_YEAR, LAST_YEAR, Scenario, series_values
from ghgmodel.stock import Stock
from ghgmodel.systems import flow_temperature_c, spf_at_flow_temperature

HEAT_STATES = ("orig", "gas_new", "hp_air", "hp_ground", "dh", "wood_new")
ORIG, GAS_NEW, HP_AIR, HP_GROUND, DH, WOOD_NEW = range(len(HEAT_STATES))
VARIANTS = ("low", "central", "high")
FALLBACK = {"gas_new": GAS_NEW, "wood_new": WOOD_NEW, "hp_air": HP_AIR}


@dataclass(frozen=True, kw_only=True)
class Run:
    """Result of one `PathwayEngine.run`.

    Attributes:
        years: 2024..2045.
        totals_t: [year, 3] t CO2e/a of the buildings' own systems, of the buildings' district heat,
            and of the networks' other customers (incl. groups evaluated outside this engine, see
            `external_dh`).
        dh_delivered_mwh: [year, network] heat delivered to this engine's groups, MWh/a.
        detail: per-year arrays for the tables of a Pathway (None unless asked for).
        own_g_t: [year, group] t CO2e/a of each group's own systems (None unless asked for).
        dh_g_mwh: [year, group] district heat delivered to each group, MWh/a (None unless asked for).
    """

    years: np.ndarray
    totals_t: np.ndarray
    dh_delivered_mwh: np.ndarray
    detail: list | None = None
    own_g_t: np.ndarray | None = None
    dh_g_mwh: np.ndarray | None = None

    @property
    def total_t(self) -> np.ndarray:
        return self.totals_t.sum(axis=1)


class PathwayEngine:
    """Precomputed arrays for one stock, scenario, parameter set, project list and variant."""

    def __init__(
        self,
        stock: Stock,
        scenario: Scenario,
        params: Parameters,
        projects=(),
        *,
        variant: str = "central",
        external_dh: np.ndarray | None = None,
    ):
        """`external_dh` [year, network]: heat delivered to groups left out of `stock` (MWh/a), whose
        emissions follow the network factor; used to evaluate a subset of groups exactly."""
        if variant not in VARIANTS:
            raise ModelInputError(f"variant {variant!r}; use one of {', '.join(VARIANTS)}.")
        self.stock, self.scenario, self.params, self.variant = stock, scenario, params, variant
        self.projects: tuple[Project, ...] = tuple(projects)
        self.g = stock.groups
        self.G = len(self.g)
        self.years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
        self.base = baseline_levers(params)
        self._init_systems()
        self._init_factors()
        self._init_networks(external_dh)
        self._init_levers()
        self._init_reach()

    # set-up ------------------------------------------------------------------------------------
    def _init_systems(self) -> None:
        g, params = self.g, self.params
        self.spf_mult = params.value(f"uncertainty.spf_factor.{self.variant}") if self.variant != "central" else 1.0
        self.conn_mult = params.value(f"uncertainty.connection_factor.{self.variant}") if self.variant != "central" else 1.0
        self.useful = np.stack([g[f"useful_{lv}_mwh"].to_numpy() for lv in RETROFIT_LEVELS], axis=1)  # [G, 3]
        carrier0 = g["carrier"].to_numpy(dtype=object)
        self.orig_ec = g["carrier"].map(ENERGY_CARRIER).to_numpy(dtype=object)
        self.orig_is_dh = carrier0 == "district_heating"
        self.orig_is_hp = np.isin(carrier0, list(HEAT_PUMPS))
        self.orig_convertible = np.isin(carrier0, [*FOSSIL_HEATING, "electric"])
        self.orig_fossil = np.isin(carrier0, list(FOSSIL_HEATING))
        eff = np.ones((self.G, len(HEAT_STATES), 3))
        orig_eff = g["efficiency_orig"].to_numpy()
        eff[:, ORIG, :] = np.where(self.orig_is_hp, orig_eff * self.spf_mult, orig_eff)[:, None]
        eff[:, GAS_NEW, :] = params.value("eta.gas_condensing")
        eff[:, WOOD_NEW, :] = params.value("eta.wood")
        eff[:, DH, :] = params.value("eta.district_heating")
        for ri, lv in enumerate(RETROFIT_LEVELS):
            ft = flow_temperature_c(g["flow_year"].to_numpy(), np.full(self.G, lv), params)
            eff[:, HP_AIR, ri] = spf_at_flow_temperature("air", ft, params) * self.spf_mult
            eff[:, HP_GROUND, ri] = spf_at_flow_temperature("ground", ft, params) * self.spf_mult
        self.inv_eff = 1.0 / eff
        hp_class = g["hp_class"].to_numpy(dtype=object)
        self.hp_class = hp_class
        self.hp_dest = np.where(hp_class == "ground", HP_GROUND, HP_AIR)
        self.to_ground = (self.hp_dest == HP_GROUND).astype(float)
        self.hp_possible = hp_class != "unsuitable"
        self.ret0 = np.zeros((self.G, 3))
        self.ret0[np.arange(self.G), pd.Categorical(g["retrofit"], categories=RETROFIT_LEVELS).codes] = 1.0
        self.districts, self.g_district = np.unique(g["district_id"].to_numpy(dtype=str), return_inverse=True)
        self.sectors, self.g_sector = np.unique(g["sector"].to_numpy(dtype=str), return_inverse=True)

    def _init_factors(self) -> None:
        params, fs, y = self.params, self.scenario.factor_set, self.years
        variant_path = params.text(f"uncertainty.el_path.{self.variant}") if self.variant != "central" else None
        self.el = {
            "baseline": electricity_factor(params, fs, y, variant_path or self.base.el_path),
            "scenario": electricity_factor(params, fs, y, variant_path or self.scenario.el_path),
        }
        self.el["frozen"] = np.full(len(y), self.el["baseline"][0])
        self.ef_gas = np.array([carrier_factor(params, fs, "gas", int(t)) for t in y])
        self.ef_h2 = np.array([carrier_factor(params, fs, "hydrogen", int(t)) for t in y])
        self.ef_biogas = np.array([carrier_factor(params, fs, "biogas", int(t)) for t in y])
        self.ef_wood = np.array([carrier_factor(params, fs, "wood", int(t)) for t in y])
        self.h2_scen = series_values(self.scenario.h2_share_pct, y) / 100.0
        self.green_gas = np.array([params.value("geg.green_gas_share_pct", int(t)) for t in y]) / 100.0
        others = sorted(set(self.orig_ec) - {"district_heating", "electricity", "gas"})
        self.orig_other = [np.array([carrier_factor(params, fs, ec, int(t)) for t in y]) for ec in others]
        code = {"electricity": 0, "gas": 1, "district_heating": 2, **{ec: 3 + i for i, ec in enumerate(others)}}
        self.orig_code = pd.Series(self.orig_ec).map(code).to_numpy(dtype=np.int64)

    def _init_networks(self, external_dh) -> None:
        params, fs, y = self.params, self.scenario.factor_set, self.years
        nets = self.stock.networks
        self.network_ids = list(nets)
        self.net_index = {n: i for i, n in enumerate(self.network_ids)}
        self.g_net = pd.Index(self.network_ids).get_indexer(self.g["dh_network_id"]).astype(np.int64)
        if (self.g_net < 0).any():
            raise ModelInputError("a group's network is not among the stock's networks.")
        N = len(self.network_ids)
        self.loss = params.value("dh.network_loss_share")
        self.pumping = params.value("dh.pumping_el_share")
        ef_el_base = float(self.el["baseline"][0])
        self.residual_ef = np.array([residual_factor(net["network_type"], params, fs, ef_el_base) for net in nets.values()])
        self.net_fed_base = np.array([net["fed_in_base_mwh"] for net in nets.values()])
        self.net_is_new = np.array([bool(net.get("is_new")) for net in nets.values()])
        self.net_first_year = np.array([int(net.get("first_year") or 0) for net in nets.values()])
        self.external_dh = np.zeros((len(y), N)) if external_dh is None else np.asarray(external_dh, dtype=float)
        self.plants = [(k, p) for k, net in enumerate(nets.values()) for p in net["plants"]]
        self.plant_net = np.array([k for k, _ in self.plants], dtype=np.int64)
        self.plant_mwh = plant_heat([p for _, p in self.plants], y)  # [plant, year]
        self.unbacked_source = params.text("dh.unbacked_source")
        path = self.scenario.dh_path
        if path == "wpg":
            self.required_scen = legal_path_share(params, y)
        elif path == "custom":
            self.required_scen = series_values(self.scenario.dh_min_share_pct, y) / 100.0
        else:
            self.required_scen = np.zeros(len(y))

    def _init_levers(self) -> None:
        sc, y, g = self.scenario, self.years, self.g
        self.retro_scen = series_values(sc.retrofit_rate_pct, y) / 100.0
        self.retro_adv_scen = series_values(sc.retrofit_advanced_share_pct, y) / 100.0
        self.hp_rate_scen = np.zeros((len(y), self.G))
        for c in ("ground", "air", "limited"):
            self.hp_rate_scen[:, self.hp_class == c] = (series_values(sc.hp_adoption_pct[c], y) / 100.0)[:, None]
        self.conn_max = sc.dh_connection_max_pct / 100.0
        self.dens_rate = series_values(sc.dh_densification_pct, y) / 100.0 * self.conn_mult
        general = series_values(sc.dh_connection_rate_pct, y) / 100.0 * self.conn_mult
        self.exp_year = g["expansion_year"].to_numpy().copy()
        self.conn_rate = np.repeat(general[:, None], self.G, axis=1)  # [year, group]
        area = g["expansion_area_id"].to_numpy(dtype=object)
        for area_id, spec in sc.dh_connection_by_area.items():
            m = area == area_id
            if "year" in spec:
                self.exp_year[m] = spec["year"]
            if "rate_pct" in spec:
                self.conn_rate[:, m] = spec["rate_pct"] / 100.0 * self.conn_mult
        self.in_area = g["in_dh_area"].to_numpy(dtype=bool)
        self.lifetime = self.params.value("boiler.lifetime_years")
        self.geg65 = int(self.params.value("geg65.from_year"))
        self.hybrid_share = self.params.value("dh.hybrid_hp_heat_share")
        for name in (sc.fallback_system, self.base.fallback_system):
            if name not in FALLBACK:
                raise ModelInputError(f"fallback system {name!r}; use one of {', '.join(FALLBACK)}.")

    def _init_reach(self) -> None:
        g = self.g
        codes = g["member_code"].to_numpy()
        sets = self.stock.member_sets
        self.reach = []
        for p in self.projects:
            m = np.zeros(self.G, dtype=bool)
            if p.building_ids:
                has = np.array([p.project_id in s for s in sets], dtype=bool)
                m |= has[codes]
            if p.project_type != "own_building_conversion":
                if p.district_ids:
                    m |= g["district_id"].isin(p.district_ids).to_numpy()
                if p.expansion_area_ids:
                    m |= g["expansion_area_id"].isin(p.expansion_area_ids).to_numpy()
            self.reach.append(m)
        # heat fed by network measures per year, from the year after the base year
        y = self.years
        self.feed = np.zeros((len(self.projects), len(y)))
        self.feed_net = np.full(len(self.projects), -1, dtype=np.int64)
        for i, p in enumerate(self.projects):
            if p.is_network_project and p.network_id in self.net_index:
                ramp = np.array([p.ramp(int(t)) for t in y]) - p.ramp(int(y[0]))
                self.feed[i] = p.heat_mwh_per_year * np.clip(ramp, 0.0, None)
                self.feed_net[i] = self.net_index[p.network_id]

    # running -----------------------------------------------------------------------------------
    def run(self, measures=None, *, drivers=DRIVERS, unbacked=UNBACKED, detail: bool = False, per_group: bool = False) -> Run:
        """All years with the measures flagged in `measures` (default all), the named baseline drivers
        and the named unbacked levers of the scenario (default all of both); `per_group` keeps each
        group's own emissions and district heat per year (ghgmodel.coalitions)."""
        P = len(self.projects)
        active = np.ones(P, dtype=bool) if measures is None else np.asarray(measures, dtype=bool)
        if active.shape != (P,):
            raise ModelInputError(f"measures mask has {active.size} entries for {P} projects.")
        drivers, unbacked = frozenset(drivers), frozenset(unbacked)
        ctx = self._context(active, drivers, unbacked)
        G, Y = self.G, len(self.years)
        ret = self.ret0.copy()
        heat = np.zeros((G, len(HEAT_STATES)))
        heat[:, ORIG] = 1.0
        unrenovated0 = ret[:, 0].copy()
        totals = np.zeros((Y, 3))
        delivered = np.zeros((Y, len(self.network_ids)))
        details = [] if detail else None
        own_g = np.zeros((Y, G)) if per_group else None
        dh_g = np.zeros((Y, G)) if per_group else None
        other_fed = None
        for ti, t in enumerate(self.years):
            if ti > 0:
                self._retrofit(ret, ti, t, ctx, unrenovated0)
                self._connect(heat, ti, t, ctx)
                self._heat_pumps(heat, ti, t, ctx)
                self._replace(heat, ti, t, ctx)
            weighted = ret * self.useful
            final = heat * np.einsum("gr,ghr->gh", weighted, self.inv_eff)
            dh_final = final[:, DH] + np.where(self.orig_is_dh, final[:, ORIG], 0.0)
            delivered[ti] = np.bincount(self.g_net, dh_final, minlength=len(self.network_ids))
            if other_fed is None:  # the networks' other customers take what the base year leaves of the heat fed in
                base_total = delivered[0] + self.external_dh[0]
                has_base = ~np.isnan(self.net_fed_base)
                other_fed = np.clip(np.where(has_base, self.net_fed_base * (1 - self.loss) - base_total, 0.0), 0.0, None)
            # a new network's other customers exist from its first year of operation (PHOENIX-West: 2026), not before;
            # with the networks' driver off (the 2024 state kept) a network not built by 2024 has none
            other = np.where((t if "networks" in ctx["drivers"] else self.years[0]) >= self.net_first_year, other_fed, 0.0)
            ny = self._network_year(delivered[ti] + other + self.external_dh[ti], ti, ctx)
            ef = np.empty((G, len(HEAT_STATES)))
            ef[:, GAS_NEW] = ctx["ef_gas_new"][ti]
            ef[:, HP_AIR] = ef[:, HP_GROUND] = ctx["el"][ti]
            ef[:, DH] = ny.ef_delivered[self.g_net]
            ef[:, WOOD_NEW] = self.ef_wood[ti]
            ef[:, ORIG] = np.where(self.orig_is_dh, ny.ef_delivered[self.g_net], ctx["orig_table"][ti, self.orig_code])
            co2 = final * ef / 1000.0
            dh_co2 = co2[:, DH].sum() + co2[self.orig_is_dh, ORIG].sum()
            totals[ti, 0] = co2.sum() - dh_co2
            totals[ti, 1] = dh_co2
            totals[ti, 2] = ((other + self.external_dh[ti]) * ny.ef_delivered).sum() / 1000.0
            if per_group:
                own_g[ti] = co2.sum(axis=1) - co2[:, DH] - np.where(self.orig_is_dh, co2[:, ORIG], 0.0)
                dh_g[ti] = dh_final
            if detail:
                feeds = np.where(ctx["active"], self.feed[:, ti], 0.0) if len(self.projects) else np.zeros(0)
                details.append(
                    {
                        "t": int(t),
                        "heat": heat.copy(),
                        "final": final,
                        "co2": co2,
                        "useful_g": weighted.sum(axis=1),
                        "net": ny,
                        "other": other.copy(),
                        "external": self.external_dh[ti].copy(),
                        "plant_mwh": ctx["plant_mwh"][:, ti].copy(),
                        "plant_ef": ctx["plant_ef"][:, ti].copy(),
                        "feed_mwh": feeds,
                        "feed_ef": ctx["feed_ef"][:, ti].copy() if len(self.projects) else np.zeros(0),
                        "el": float(ctx["el"][ti]),
                        "h2": float(ctx["h2"][ti]),
                        "green_gas": float(self.green_gas[ti]),
                        "required": float(ctx["required"][ti]),
                    }
                )
        return Run(years=self.years, totals_t=totals, dh_delivered_mwh=delivered, detail=details, own_g_t=own_g, dh_g_mwh=dh_g)

    def _context(self, active, drivers, unbacked) -> dict:
        """The arrays one run uses, from its switches."""
        el_key = "scenario" if "electricity" in unbacked else ("baseline" if "electricity" in drivers else "frozen")
        el = self.el[el_key]
        h2 = self.h2_scen if "hydrogen" in unbacked else np.zeros(len(self.years))
        ef_gas_mix = (1 - h2) * self.ef_gas + h2 * self.ef_h2
        ef_gas_new = (1 - self.green_gas) * ef_gas_mix + self.green_gas * self.ef_biogas
        orig_table = np.stack([el, ef_gas_mix, np.zeros(len(self.years)), *self.orig_other], axis=1)
        if "replacement" in unbacked:
            sc = self.scenario
            replacement = (sc.boiler_replacement, sc.dh_share_at_replacement_pct / 100.0, FALLBACK[sc.fallback_system])
        elif "replacement" in drivers:
            replacement = (True, self.base.dh_share_at_replacement_pct / 100.0, FALLBACK[self.base.fallback_system])
        else:
            replacement = (False, 0.0, GAS_NEW)
        plant_mwh = self.plant_mwh if "networks" in drivers else np.repeat(self.plant_mwh[:, :1], len(self.years), axis=1)
        plant_ef = np.array(
            [source_factor(p.source, self.params, self.scenario.factor_set, self.years, el, p.ef_g_per_kwh) for _, p in self.plants]
        )
        feed_ef = np.array([self._feed_factor(p, el) for p in self.projects]) if self.projects else np.zeros((0, len(self.years)))
        unbacked_ef = source_factor(self.unbacked_source, self.params, self.scenario.factor_set, self.years, el)
        return {
            "active": active,
            "drivers": drivers,
            "unbacked": unbacked,
            "el": el,
            "h2": h2,
            "ef_gas_mix": ef_gas_mix,
            "ef_gas_new": ef_gas_new,
            "orig_table": orig_table,
            "replacement": replacement,
            "plant_mwh": plant_mwh,
            "plant_ef": plant_ef.reshape(len(self.plants), len(self.years)),
            "feed_ef": feed_ef,
            "unbacked_ef": unbacked_ef,
            "required": self.required_scen if "network_path" in unbacked else np.zeros(len(self.years)),
            "retro_base": (self.base.retrofit_rate_pct / 100.0 if "renovation" in drivers else 0.0),
        }

    def _feed_factor(self, p: Project, el: np.ndarray) -> np.ndarray:
        if not p.is_network_project:
            return np.zeros(len(self.years))
        source = {"biomass": "biomass", "solar_thermal": "solar_thermal", "large_hp": "large_hp", "waste_heat": "waste_heat"}.get(
            p.heat_source, "custom"
        )
        return source_factor(source, self.params, self.scenario.factor_set, self.years, el, p.source_ef_g_per_kwh)

    def _network_year(self, delivered, ti, ctx, active=None):
        """The networks' supply in year ti: for one set of measures (delivered [N], active [P], default the
        run's) or for many at once (delivered [K, N], active [K, P], ghgmodel.coalitions)."""
        N = len(self.network_ids)
        active = ctx["active"] if active is None else np.asarray(active)
        clean = np.bincount(self.plant_net, ctx["plant_mwh"][:, ti], minlength=N) if self.plants else np.zeros(N)
        clean_co2 = (
            np.bincount(self.plant_net, ctx["plant_mwh"][:, ti] * ctx["plant_ef"][:, ti], minlength=N) / 1000.0
            if self.plants
            else np.zeros(N)
        )
        if (self.feed_net >= 0).any():
            feed = np.zeros((len(self.projects), N))  # [measure, network] heat each measure feeds in
            on = self.feed_net >= 0
            feed[np.flatnonzero(on), self.feed_net[on]] = self.feed[on, ti]
            clean = clean + active.astype(float) @ feed
            clean_co2 = clean_co2 + active.astype(float) @ (feed * ctx["feed_ef"][:, ti][:, None]) / 1000.0
        return supply_year(
            delivered,
            clean,
            clean_co2,
            ctx["required"][ti],
            loss_share=self.loss,
            residual_ef=self.residual_ef,
            unbacked_ef=float(ctx["unbacked_ef"][ti]),
            pumping_share=self.pumping,
            ef_el=float(ctx["el"][ti]),
        )

    # transitions -------------------------------------------------------------------------------
    def _measures(self, ctx, t, types):
        for p, m, on in zip(self.projects, self.reach, ctx["active"]):
            if on and p.project_type in types and p.is_active(t):
                yield p, m

    def _retrofit(self, ret, ti, t, ctx, unrenovated0):
        base = ctx["retro_base"]
        base_adv = base * self.base.retrofit_advanced_share_pct / 100.0
        meas = np.zeros(self.G)
        meas_adv = np.zeros(self.G)
        for p, m in self._measures(ctx, t, ("retrofit_programme", "own_building_conversion")):
            if p.project_type == "retrofit_programme":
                r = p.rate_pct_per_year / 100.0
            elif p.retrofit_depth:
                r = unrenovated0 / (p.end_year - p.start_year + 1)
            else:
                continue
            r = np.where(m, r, 0.0)
            meas += r
            meas_adv += r if p.retrofit_depth == "advanced" else 0.0
        on = "renovation" in ctx["unbacked"]
        scen = self.retro_scen[ti]
        rate = combine(scen, base, meas, unbacked=on)
        adv = np.minimum(combine(scen * self.retro_adv_scen[ti], base_adv, meas_adv, unbacked=on), rate)
        moved = np.minimum(ret[:, 0], rate)
        share_adv = np.divide(adv, rate, out=np.zeros(self.G), where=rate > 0)
        ret[:, 0] -= moved
        ret[:, 1] += moved * (1 - share_adv)
        ret[:, 2] += moved * share_adv

    def _dh_share(self, heat):
        return heat[:, DH] + np.where(self.orig_is_dh, heat[:, ORIG], 0.0)

    def _connect(self, heat, ti, t, ctx):
        non_dh0 = (~self.orig_is_dh).astype(float)
        meas = np.zeros(self.G)
        for p, m in self._measures(ctx, t, ("dh_expansion", "own_building_conversion")):
            n = p.end_year - p.start_year + 1
            if p.project_type == "dh_expansion":
                meas += np.where(m, p.connection_share_pct / 100.0 * self.conn_mult * non_dh0 / n, 0.0)
            elif p.target_system == "dh":
                meas += np.where(m, self.orig_convertible / n, 0.0)
        if "dh_connections" in ctx["unbacked"]:
            in_exp = (self.exp_year > 0) & (t >= self.exp_year)
            room = np.clip(self.conn_max - self._dh_share(heat), 0.0, None)
            scen = np.where(in_exp, np.minimum(self.conn_rate[ti], room), 0.0) + np.where(self.in_area, self.dens_rate[ti], 0.0)
            amount = np.maximum(scen, meas)
        else:
            amount = meas
        orig_part = np.where(~self.orig_is_dh & ~self.orig_is_hp, heat[:, ORIG], 0.0)
        self._move(heat, amount, [GAS_NEW, WOOD_NEW], orig_part, DH)  # heat pumps, once installed, stay

    def _heat_pumps(self, heat, ti, t, ctx):
        meas = np.zeros(self.G)
        convertible0 = self.orig_convertible.astype(float)
        for p, m in self._measures(ctx, t, ("hp_programme", "own_building_conversion")):
            if p.project_type == "hp_programme":
                share = self.hybrid_share if p.is_hybrid else 1.0
                meas += np.where(m & self.hp_possible, p.rate_pct_per_year / 100.0 * share, 0.0)
            elif p.target_system == "hp":
                meas += np.where(m & self.hp_possible, convertible0 / (p.end_year - p.start_year + 1), 0.0)
        scen = np.where(self.hp_possible, self.hp_rate_scen[ti], 0.0) if "heat_pumps" in ctx["unbacked"] else 0.0
        rate = np.maximum(scen, meas)
        orig_part = np.where(self.orig_convertible, heat[:, ORIG], 0.0)
        self._move(heat, rate, [GAS_NEW], orig_part, self.hp_dest)

    def _network_reached(self, t, ctx):
        """Groups where a network lies at the door in year t: existing areas, built expansion areas."""
        ok = self.in_area.copy()
        if "dh_connections" in ctx["unbacked"]:  # the scenario builds its expansion areas where it connects buildings
            ok |= (self.exp_year > 0) & (t >= self.exp_year) & (self.conn_rate[int(t - self.years[0])] > 0)
        for p, m, on in zip(self.projects, self.reach, ctx["active"]):
            if on and p.project_type == "dh_expansion" and t >= p.start_year:
                ok |= m
        return ok

    def _replace(self, heat, ti, t, ctx):
        on, dh_share, fallback = ctx["replacement"]
        if not on:
            return
        # boiler ages are spread evenly: each year 1/lifetime of the original boilers reaches its end
        amount = np.where(self.orig_fossil, np.minimum(heat[:, ORIG], 1.0 / self.lifetime), 0.0)
        heat[:, ORIG] -= amount
        if t < self.geg65:
            to_hp = np.where(self.hp_possible, amount * self.base.hp_share_at_replacement_pct / 100.0, 0.0)
            self._add(heat, self.hp_dest, to_hp)
            heat[:, GAS_NEW] += amount - to_hp
            return
        to_dh = np.where(self._network_reached(t, ctx), amount * dh_share, 0.0)
        rest = amount - to_dh
        to_hp = np.where(self.hp_possible, rest, 0.0)
        heat[:, DH] += to_dh
        self._add(heat, self.hp_dest, to_hp)
        heat[:, fallback] += rest - to_hp

    def _move(self, heat, amount, src, orig_part, dest):
        avail = heat[:, src].sum(axis=1) + orig_part
        amount = np.minimum(amount, avail)
        frac = np.divide(amount, avail, out=np.zeros(self.G), where=avail > 0)
        moved_src = heat[:, src] * frac[:, None]
        moved_orig = orig_part * frac
        heat[:, src] -= moved_src
        heat[:, ORIG] -= moved_orig
        self._add(heat, dest, moved_src.sum(axis=1) + moved_orig)

    def _add(self, heat, dest, amount):
        if np.ndim(dest) == 0:
            heat[:, dest] += amount
        else:  # the group's heat-pump destination (air or ground)
            heat[:, HP_GROUND] += amount * self.to_ground
            heat[:, HP_AIR] += amount * (1.0 - self.to_ground)
