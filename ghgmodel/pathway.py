"""The yearly pathway of a scenario, 2024 to 2045, over grouped buildings.

State of each group g in year t (fractions of its buildings):
- retrofit level r in (none, standard, advanced): ret[g, r]
- heating state h in HEAT_STATES: heat[g, h]; `orig` is the system the building has today.
Retrofit and heating state are taken as independent within a group.

Each year after the base year, transitions are applied in this order, each from the state left by
the previous one: retrofit; district-heating connections (expansion areas, densification, projects);
heat-pump adoption (levers, programmes, own-building conversions); replacement of fossil boilers at
the end of their life. Then

    final energy[g, h] = heat[g, h] x sum_r ret[g, r] x useful[g, r] / efficiency[g, h, r]
    CO2e[g, h]         = final energy[g, h] x factor[g, h, t]

A network's factor mixes its own factor with the heat fed by network projects (by their share of the
heat fed into the network) and, on the WPG path, with renewable heat up to the legal minimum share.
Heat fed to customers that are not in the building table (`fed_in_base_mwh` minus the modelled
buildings' delivered heat / (1 - losses)) is carried as sector `dh_other` so that network projects
act on the whole network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.carriers import ENERGY_CARRIER, FOSSIL_HEATING, HEAT_PUMPS, RETROFIT_LEVELS
from ghgmodel.errors import ModelInputError
from ghgmodel.factors import carrier_factor, dh_type_factor, electricity_factor
from ghgmodel.params import Parameters
from ghgmodel.projects import Project
from ghgmodel.scenario import FIRST_YEAR, LAST_YEAR, Scenario, series_values
from ghgmodel.stock import Stock
from ghgmodel.systems import flow_temperature_c, spf_at_flow_temperature

HEAT_STATES = ("orig", "gas_new", "hp_air", "hp_ground", "dh", "wood_new")
ORIG, GAS_NEW, HP_AIR, HP_GROUND, DH, WOOD_NEW = range(len(HEAT_STATES))
VARIANTS = ("low", "central", "high")
SECTORS = ("residential", "dh_other")


@dataclass(frozen=True, kw_only=True)
class Pathway:
    """Result of `calc_pathway`.

    Attributes:
        scenario: the scenario.
        variant: low, central or high (the uncertainty variant of the parameters).
        years: the years 2024..2045.
        by_district: long table year, district_id, sector, energy_carrier, useful_heat_mwh,
            final_energy_mwh, co2e_t (sector dh_other has district_id '').
        heating: long table year, district_id, heating (energy carrier of the main system:
            gas, oil, electricity (heat pumps in `heat_pump`), ...), n_buildings (may be fractional).
        network_factors: year, network_id, ef_g_per_kwh, renewable_share.
    """

    scenario: Scenario
    variant: str
    years: np.ndarray
    by_district: pd.DataFrame
    heating: pd.DataFrame
    network_factors: pd.DataFrame

    def totals(self) -> pd.DataFrame:
        """Per year: co2e_t (all sectors), co2e_residential_t, final_energy_mwh, useful_heat_mwh."""
        d = self.by_district
        out = d.groupby("year")[["useful_heat_mwh", "final_energy_mwh", "co2e_t"]].sum()
        res = d[d["sector"] == "residential"].groupby("year")["co2e_t"].sum()
        out["co2e_residential_t"] = res.reindex(out.index).fillna(0.0)
        return out

    def by_carrier(self) -> pd.DataFrame:
        return self.by_district.groupby(["year", "energy_carrier"])[["final_energy_mwh", "co2e_t"]].sum().reset_index()


class _Engine:
    """Precomputed arrays for one stock, scenario, parameter set and variant."""

    def __init__(
        self,
        stock: Stock,
        scenario: Scenario,
        params: Parameters,
        projects: tuple[Project, ...],
        variant: str,
        *,
        external_dh: np.ndarray | None = None,
    ):
        """`external_dh` [year, network]: heat delivered to groups left out of `stock` (MWh/a), whose
        emissions follow the network factor; used to evaluate a subset of groups exactly."""
        if variant not in VARIANTS:
            raise ModelInputError(f"variant {variant!r}; use one of {', '.join(VARIANTS)}.")
        if stock.demand_basis != scenario.demand_basis:
            raise ModelInputError(f"stock built with demand basis {stock.demand_basis!r}, scenario wants {scenario.demand_basis!r}.")
        g = stock.groups
        self.g = g
        self.G = len(g)
        self.params = params
        self.scenario = scenario
        self.projects = projects
        self.years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
        fs = scenario.factor_set
        el_path = scenario.el_path
        spf_mult = 1.0
        conn_mult = 1.0
        if variant != "central":
            el_path = params.text(f"uncertainty.el_path.{variant}")
            spf_mult = params.value(f"uncertainty.spf_factor.{variant}")
            conn_mult = params.value(f"uncertainty.connection_factor.{variant}")
        self.conn_mult = conn_mult
        self.useful = np.stack([g[f"useful_{lv}_mwh"].to_numpy() for lv in RETROFIT_LEVELS], axis=1)  # [G, 3]
        carrier0 = g["carrier"].to_numpy(dtype=object)
        self.carrier0 = carrier0
        self.orig_ec = np.array([ENERGY_CARRIER[c] for c in carrier0], dtype=object)
        self.orig_is_dh = carrier0 == "district_heating"
        self.orig_is_hp = np.isin(carrier0, list(HEAT_PUMPS))
        self.orig_convertible = np.isin(carrier0, [*FOSSIL_HEATING, "electric"])
        self.orig_fossil = np.isin(carrier0, list(FOSSIL_HEATING))
        # efficiency [G, state, retrofit]
        eff = np.ones((self.G, len(HEAT_STATES), 3))
        orig_eff = g["efficiency_orig"].to_numpy()
        orig_eff = np.where(self.orig_is_hp, orig_eff * spf_mult, orig_eff)
        eff[:, ORIG, :] = orig_eff[:, None]
        eff[:, GAS_NEW, :] = params.value("eta.gas_condensing")
        eff[:, WOOD_NEW, :] = params.value("eta.wood")
        eff[:, DH, :] = params.value("eta.district_heating")
        year_rep = g["flow_year"].to_numpy()
        for ri, lv in enumerate(RETROFIT_LEVELS):
            ft = flow_temperature_c(year_rep, np.full(self.G, lv), params)
            eff[:, HP_AIR, ri] = spf_at_flow_temperature("air", ft, params) * spf_mult
            eff[:, HP_GROUND, ri] = spf_at_flow_temperature("ground", ft, params) * spf_mult
        self.inv_eff = 1.0 / eff
        # factors per year
        y = self.years
        self.ef_el = electricity_factor(params, fs, y, el_path)
        h2 = series_values(scenario.h2_share_pct, y) / 100.0
        self.h2 = h2
        ef_gas = np.array([carrier_factor(params, fs, "gas", int(t)) for t in y])
        ef_h2 = np.array([carrier_factor(params, fs, "hydrogen", int(t)) for t in y])
        self.ef_gas_mix = (1 - h2) * ef_gas + h2 * ef_h2
        self.ef_wood = np.array([carrier_factor(params, fs, "wood", int(t)) for t in y])
        # factor of each group's present system per year, except district heating (network-dependent)
        others = sorted(set(self.orig_ec) - {"district_heating", "electricity", "gas"})
        table = [self.ef_el, self.ef_gas_mix, np.zeros(len(y))] + [
            np.array([carrier_factor(params, fs, ec, int(t)) for t in y]) for ec in others
        ]
        self.orig_ef_table = np.stack(table, axis=1)  # [year, code]
        code = {"electricity": 0, "gas": 1, "district_heating": 2, **{ec: 3 + i for i, ec in enumerate(others)}}
        self.orig_code = np.array([code[e] for e in self.orig_ec], dtype=np.int64)
        self.ef_waste = np.array([carrier_factor(params, fs, "waste_heat", int(t)) if f"ef.{fs}.waste_heat" in params else 40.0 for t in y])
        # networks
        self.network_ids = list(stock.networks)
        self.net_index = {n: i for i, n in enumerate(self.network_ids)}
        self.g_net = np.array([self.net_index[n] for n in g["dh_network_id"]], dtype=np.int64)
        self.net_base_ef = np.array(
            [
                net["ef_g_per_kwh"] if not np.isnan(net["ef_g_per_kwh"]) else dh_type_factor(params, fs, net["network_type"])
                for net in stock.networks.values()
            ]
        )
        self.net_fed_base = np.array([net["fed_in_base_mwh"] for net in stock.networks.values()])
        self.loss = params.value("dh.network_loss_share")
        if scenario.dh_path == "wpg":
            series = params.series("wpg.dh_renewable_min_share")
            xs = [FIRST_YEAR, *sorted(series)]
            ys = [params.value("wpg.dh_path_start_share"), *[series[k] for k in sorted(series)]]
            self.wpg_min = np.interp(y, xs, ys)
        else:
            self.wpg_min = np.zeros(len(y))
        self.renewable_ef = params.value("dh.renewable_ef")
        self.external_dh = np.zeros((len(y), len(self.network_ids))) if external_dh is None else external_dh
        # levers per year
        self.retro_rate = series_values(scenario.retrofit_rate_pct, y) / 100.0
        self.retro_adv = series_values(scenario.retrofit_advanced_share_pct, y) / 100.0
        hp_class = g["hp_class"].to_numpy(dtype=object)
        self.hp_dest = np.where(hp_class == "ground", HP_GROUND, HP_AIR)
        self.to_ground = (self.hp_dest == HP_GROUND).astype(float)
        self.ret0 = np.zeros((self.G, 3))
        self.ret0[np.arange(self.G), pd.Categorical(g["retrofit"], categories=RETROFIT_LEVELS).codes] = 1.0
        self.hp_possible = hp_class != "unsuitable"
        self.hp_rate = np.zeros((len(y), self.G))
        for c in ("ground", "air", "limited"):
            self.hp_rate[:, hp_class == c] = (series_values(scenario.hp_adoption_pct[c], y) / 100.0)[:, None]
        self.conn_max = scenario.dh_connection_max_pct / 100.0
        self.dens_rate = series_values(scenario.dh_densification_pct, y) / 100.0 * conn_mult
        # connection year and rate per group: the area's planned year and the general rate, unless the
        # scenario sets them for that expansion area
        general = series_values(scenario.dh_connection_rate_pct, y) / 100.0 * conn_mult
        self.exp_year = g["expansion_year"].to_numpy().copy()
        self.conn_rate = np.repeat(general[:, None], self.G, axis=1)  # [year, group]
        area = g["expansion_area_id"].to_numpy(dtype=object)
        for area_id, spec in scenario.dh_connection_by_area.items():
            m = area == area_id
            if not m.any():
                continue
            if "year" in spec:
                self.exp_year[m] = spec["year"]
            if "rate_pct" in spec:
                self.conn_rate[:, m] = spec["rate_pct"] / 100.0 * conn_mult
        self.in_area = g["in_dh_area"].to_numpy(dtype=bool)
        self.lifetime = params.value("boiler.lifetime_years")
        self.geg65 = int(params.value("geg65.from_year"))
        self.fallback = {"gas_new": GAS_NEW, "wood_new": WOOD_NEW, "hp_air": HP_AIR}[scenario.fallback_system]
        self.dh_choice = scenario.dh_share_at_replacement_pct / 100.0
        # district index for aggregation
        self.districts, self.g_district = np.unique(g["district_id"].to_numpy(dtype=str), return_inverse=True)
        # project reach masks
        member_bits = {pid: i for i, pid in enumerate(stock.member_projects)}
        code = g["member_code"].to_numpy()
        self.reach = []
        for p in projects:
            m = np.zeros(self.G, dtype=bool)
            if p.district_ids:
                m |= g["district_id"].isin(p.district_ids).to_numpy()
            if p.expansion_area_ids:
                m |= g["expansion_area_id"].isin(p.expansion_area_ids).to_numpy()
            if p.building_ids and p.project_id in member_bits:
                m |= (code >> member_bits[p.project_id]) & 1 == 1
            self.reach.append(m)

    def source_factor(self, p: Project, ti: int) -> float:
        fs = self.scenario.factor_set
        if p.source_ef_g_per_kwh is not None:
            return float(p.source_ef_g_per_kwh)
        if p.heat_source == "waste_heat":
            return float(self.ef_waste[ti])
        if p.heat_source == "solar_thermal":
            return carrier_factor(self.params, fs, "solar_thermal", int(self.years[ti]))
        if p.heat_source == "biomass":
            return float(self.ef_wood[ti])
        return float(self.ef_el[ti] / self.params.value("large_hp.spf"))

    def run(self, active: np.ndarray | None = None, *, detail: bool = True):
        """Run all years with the projects flagged in `active`; totals per year, or details."""
        P = len(self.projects)
        active = np.ones(P, dtype=bool) if active is None else np.asarray(active, dtype=bool)
        G, Y = self.G, len(self.years)
        ret = self.ret0.copy()
        heat = np.zeros((G, len(HEAT_STATES)))
        heat[:, ORIG] = 1.0
        non_dh0 = (~self.orig_is_dh).astype(float)
        unrenovated0 = ret[:, 0].copy()
        convertible0 = self.orig_convertible.astype(float)
        totals = np.zeros((Y, 2))  # residential, dh_other (+ external groups' district heating)
        dh_deliv_by_year = []
        details = []
        dh_deliv_base = None
        for ti, t in enumerate(self.years):
            if ti > 0:
                self._retrofit(ret, ti, t, active, unrenovated0)
                self._connect(heat, ti, t, active, non_dh0)
                self._heat_pumps(heat, ti, t, active, convertible0)
                self._replace(heat, t)
            # useful heat by state [G, H] and final energy
            useful_g = (ret * self.useful).sum(axis=1)  # [G]
            final = heat * np.einsum("gr,ghr->gh", ret * self.useful, self.inv_eff)
            dh_deliv = np.bincount(self.g_net, self._dh_share(heat) * useful_g, minlength=len(self.network_ids))
            dh_deliv_by_year.append(dh_deliv)
            dh_deliv = dh_deliv + self.external_dh[ti]
            if dh_deliv_base is None:
                dh_deliv_base = dh_deliv.copy()
            net_ef, net_share = self._network_factors(dh_deliv, dh_deliv_base, ti, t, active)
            ef = np.empty((G, len(HEAT_STATES)))
            ef[:, GAS_NEW] = self.ef_gas_mix[ti]
            ef[:, HP_AIR] = ef[:, HP_GROUND] = self.ef_el[ti]
            ef[:, DH] = net_ef[self.g_net]
            ef[:, WOOD_NEW] = self.ef_wood[ti]
            ef[:, ORIG] = self._orig_factor(ti, net_ef)
            co2 = final * ef / 1000.0
            other = self._other_dh(dh_deliv_base)
            totals[ti, 0] = co2.sum()
            totals[ti, 1] = ((other + self.external_dh[ti]) * net_ef).sum() / 1000.0
            if detail:
                details.append((t, heat.copy(), final, co2, useful_g, net_ef, net_share, other))
        self.last_dh_delivered = np.array(dh_deliv_by_year)
        if not detail:
            return totals
        return self._assemble(details)

    # transitions -------------------------------------------------------------------------------
    def _dh_share(self, heat):
        """Share of a group's buildings on district heating (connected before or during the run)."""
        return heat[:, DH] + np.where(self.orig_is_dh, heat[:, ORIG], 0.0)

    def _retrofit(self, ret, ti, t, active, unrenovated0):
        rate = np.full(self.G, self.retro_rate[ti])
        adv = np.full(self.G, self.retro_adv[ti]) * rate
        for p, m, on in zip(self.projects, self.reach, active):
            if not on or not p.is_active(t):
                continue
            if p.project_type == "retrofit_programme":
                r = p.rate_pct_per_year / 100.0
            elif p.project_type == "own_building_conversion" and p.retrofit_depth:
                r = unrenovated0 / (p.end_year - p.start_year + 1)
            else:
                continue
            r = np.where(m, r, 0.0)
            rate = rate + r
            adv = adv + (r if p.retrofit_depth == "advanced" else 0.0)
        moved = np.minimum(ret[:, 0], rate)
        share_adv = np.divide(adv, rate, out=np.zeros(self.G), where=rate > 0)
        ret[:, 0] -= moved
        ret[:, 1] += moved * (1 - share_adv)
        ret[:, 2] += moved * share_adv

    def _connect(self, heat, ti, t, active, non_dh0):
        src = [GAS_NEW, WOOD_NEW]  # heat pumps, once installed, stay
        orig_part = np.where(~self.orig_is_dh & ~self.orig_is_hp, heat[:, ORIG], 0.0)
        # scenario: expansion areas from their planned year, capped at the maximum share
        in_exp = (self.exp_year > 0) & (t >= self.exp_year)
        room = np.clip(self.conn_max - self._dh_share(heat), 0.0, None)
        amount = np.where(in_exp, np.minimum(self.conn_rate[ti], room), 0.0)  # per group
        amount = amount + np.where(self.in_area, self.dens_rate[ti], 0.0)
        for p, m, on in zip(self.projects, self.reach, active):
            if not on or not p.is_active(t):
                continue
            n = p.end_year - p.start_year + 1
            if p.project_type == "dh_expansion":
                amount = amount + np.where(m, p.connection_share_pct / 100.0 * self.conn_mult * non_dh0 / n, 0.0)
            elif p.project_type == "own_building_conversion" and p.target_system == "dh":
                amount = amount + np.where(m, self.orig_convertible / n, 0.0)
        self._move_with_orig(heat, amount, src, orig_part, DH)

    def _move_with_orig(self, heat, amount, src, orig_part, dest):
        avail = heat[:, src].sum(axis=1) + orig_part
        amount = np.minimum(amount, avail)
        frac = np.divide(amount, avail, out=np.zeros(self.G), where=avail > 0)
        moved_src = heat[:, src] * frac[:, None]
        moved_orig = orig_part * frac
        heat[:, src] -= moved_src
        heat[:, ORIG] -= moved_orig
        total = moved_src.sum(axis=1) + moved_orig
        self._add_to(heat, dest, total)

    def _add_to(self, heat, dest, amount):
        if np.ndim(dest) == 0:
            heat[:, dest] += amount
        else:  # the group's heat-pump destination (air or ground)
            heat[:, HP_GROUND] += amount * self.to_ground
            heat[:, HP_AIR] += amount * (1.0 - self.to_ground)

    def _heat_pumps(self, heat, ti, t, active, convertible0):
        rate = np.where(self.hp_possible, self.hp_rate[ti], 0.0)
        for p, m, on in zip(self.projects, self.reach, active):
            if not on or not p.is_active(t):
                continue
            if p.project_type == "hp_programme":
                rate = rate + np.where(m & self.hp_possible, p.rate_pct_per_year / 100.0, 0.0)
            elif p.project_type == "own_building_conversion" and p.target_system == "hp":
                rate = rate + np.where(m & self.hp_possible, convertible0 / (p.end_year - p.start_year + 1), 0.0)
        orig_part = np.where(self.orig_convertible, heat[:, ORIG], 0.0)
        self._move_with_orig(heat, rate, [GAS_NEW], orig_part, self.hp_dest)

    def _replace(self, heat, t):
        if not self.scenario.boiler_replacement:
            return
        # boiler ages are spread evenly: each year 1/lifetime of the original boilers reaches its end
        amount = np.where(self.orig_fossil, np.minimum(heat[:, ORIG], 1.0 / self.lifetime), 0.0)
        if t < self.geg65:
            heat[:, ORIG] -= amount
            heat[:, GAS_NEW] += amount
            return
        net_ok = self.in_area | ((self.exp_year > 0) & (t >= self.exp_year))
        to_dh = np.where(net_ok, amount * self.dh_choice, 0.0)
        rest = amount - to_dh
        to_hp = np.where(self.hp_possible, rest, 0.0)
        to_fb = rest - to_hp
        heat[:, ORIG] -= amount
        heat[:, DH] += to_dh
        self._add_to(heat, self.hp_dest, to_hp)
        heat[:, self.fallback] += to_fb

    # factors -----------------------------------------------------------------------------------
    def _orig_factor(self, ti, net_ef):
        out = self.orig_ef_table[ti, self.orig_code]
        return np.where(self.orig_is_dh, net_ef[self.g_net], out)

    def _network_fed(self, dh_deliv, dh_deliv_base):
        fed_model = dh_deliv / (1 - self.loss)
        fed_base_model = dh_deliv_base / (1 - self.loss)
        has_base = ~np.isnan(self.net_fed_base)
        return np.where(has_base, np.maximum(self.net_fed_base, fed_base_model) + fed_model - fed_base_model, fed_model)

    def _other_dh(self, dh_deliv_base):
        has_base = ~np.isnan(self.net_fed_base)
        other = np.where(has_base, self.net_fed_base * (1 - self.loss) - dh_deliv_base, 0.0)
        return np.clip(other, 0.0, None)

    def _network_factors(self, dh_deliv, dh_deliv_base, ti, t, active):
        n = len(self.network_ids)
        fed = self._network_fed(dh_deliv, dh_deliv_base)
        clean = np.zeros(n)
        clean_ef_sum = np.zeros(n)
        for p, on in zip(self.projects, active):
            if not on or not p.is_network_project or p.network_id not in self.net_index:
                continue
            e = p.heat_mwh_per_year * p.ramp(int(t))
            k = self.net_index[p.network_id]
            clean[k] += e
            clean_ef_sum[k] += e * self.source_factor(p, ti)
        scale = np.where(clean > fed, np.divide(fed, clean, out=np.zeros(n), where=clean > 0), 1.0)
        share = np.divide(clean * scale, fed, out=np.zeros(n), where=fed > 0)
        mix = np.divide(clean_ef_sum * scale, fed, out=np.zeros(n), where=fed > 0)
        total_share = np.maximum(share, self.wpg_min[ti])
        ef = (1 - total_share) * self.net_base_ef + mix + (total_share - share) * self.renewable_ef
        return ef, total_share

    # output ------------------------------------------------------------------------------------
    def _assemble(self, details) -> Pathway:
        ecs = (
            "gas",
            "hydrogen",
            *[e for e in ("oil", "lpg", "coal", "wood", "biogas", "electricity", "district_heating", "solar_thermal")],
        )
        ec_pos = {e: i for i, e in enumerate(ecs)}
        labels = ("heat_pump", *ecs)
        lab_pos = {e: i for i, e in enumerate(labels)}
        nd, ne, nl = len(self.districts), len(ecs), len(labels)
        state_ec = {GAS_NEW: "gas", HP_AIR: "electricity", HP_GROUND: "electricity", DH: "district_heating", WOOD_NEW: "wood"}
        # energy carrier and heating label of every (group, state)
        ec_idx = np.empty((self.G, len(HEAT_STATES)), dtype=np.int64)
        lab_idx = np.empty((self.G, len(HEAT_STATES)), dtype=np.int64)
        for h in range(len(HEAT_STATES)):
            if h == ORIG:
                ec_idx[:, h] = [ec_pos[e] for e in self.orig_ec]
                lab_idx[:, h] = np.where(self.orig_is_hp, 0, [lab_pos[e] for e in self.orig_ec])
            else:
                ec_idx[:, h] = ec_pos[state_ec[h]]
                lab_idx[:, h] = 0 if h in (HP_AIR, HP_GROUND) else lab_pos[state_ec[h]]
        cell = self.g_district[:, None] * ne + ec_idx
        cell_lab = self.g_district[:, None] * nl + lab_idx
        n_b = self.g["n_buildings"].to_numpy()[:, None]
        frames, heat_frames, nets = [], [], []
        dist_of = np.repeat(self.districts, ne)
        ec_of = np.tile(np.array(ecs, dtype=object), nd)
        dist_lab = np.repeat(self.districts, nl)
        lab_of = np.tile(np.array(labels, dtype=object), nd)
        gas_i, h2_i = ec_pos["gas"], ec_pos["hydrogen"]
        for ti, (t, heat, final, co2, useful_g, net_ef, net_share, other) in enumerate(details):
            u = heat * useful_g[:, None]
            sums = [np.bincount(cell.ravel(), v.ravel(), minlength=nd * ne).reshape(nd, ne) for v in (u, final, co2)]
            h2 = self.h2[ti]
            for arr in sums:  # the hydrogen part of the gas supply
                arr[:, h2_i] = arr[:, gas_i] * h2
                arr[:, gas_i] *= 1 - h2
            keep = (sums[0] > 0).ravel() | (sums[1] > 0).ravel()
            frames.append(
                pd.DataFrame(
                    {
                        "year": int(t),
                        "district_id": dist_of[keep],
                        "sector": "residential",
                        "energy_carrier": ec_of[keep],
                        "useful_heat_mwh": sums[0].ravel()[keep],
                        "final_energy_mwh": sums[1].ravel()[keep],
                        "co2e_t": sums[2].ravel()[keep],
                    }
                )
            )
            cnt = np.bincount(cell_lab.ravel(), (heat * n_b).ravel(), minlength=nd * nl)
            k = cnt > 0
            heat_frames.append(pd.DataFrame({"year": int(t), "district_id": dist_lab[k], "heating": lab_of[k], "n_buildings": cnt[k]}))
            for j, nid in enumerate(self.network_ids):
                nets.append((int(t), nid, float(net_ef[j]), float(net_share[j])))
                if other[j] > 0:
                    frames.append(
                        pd.DataFrame(
                            {
                                "year": [int(t)],
                                "district_id": [""],
                                "sector": ["dh_other"],
                                "energy_carrier": ["district_heating"],
                                "useful_heat_mwh": [other[j]],
                                "final_energy_mwh": [other[j]],
                                "co2e_t": [other[j] * net_ef[j] / 1000.0],
                            }
                        )
                    )
        by_district = (
            pd.concat(frames, ignore_index=True).groupby(["year", "district_id", "sector", "energy_carrier"], as_index=False).sum()
        )
        heating = pd.concat(heat_frames, ignore_index=True)
        network_factors = pd.DataFrame(nets, columns=["year", "network_id", "ef_g_per_kwh", "renewable_share"])
        return Pathway(
            scenario=self.scenario, variant="", years=self.years, by_district=by_district, heating=heating, network_factors=network_factors
        )


def select_projects(scenario: Scenario, projects) -> tuple[Project, ...]:
    """The portfolio projects a scenario includes."""
    projects = tuple(projects)
    if scenario.project_ids is None:
        return projects
    wanted = set(scenario.project_ids)
    return tuple(p for p in projects if p.project_id in wanted)


def calc_pathway(stock: Stock, scenario: Scenario, params: Parameters, *, projects=(), variant: str = "central") -> Pathway:
    """The yearly pathway 2024..2045 of a scenario with its portfolio projects.

    Args:
        stock: grouped buildings (build_stock).
        scenario: the levers.
        params: parameter tables.
        projects: the portfolio; the scenario's project_ids select from it (None = all).
        variant: central, or low / high for the uncertainty range.
    """
    chosen = select_projects(scenario, projects)
    engine = _Engine(stock, scenario, params, chosen, variant)
    result = engine.run(detail=True)
    return Pathway(
        scenario=scenario,
        variant=variant,
        years=result.years,
        by_district=result.by_district,
        heating=result.heating,
        network_factors=result.network_factors,
    )
