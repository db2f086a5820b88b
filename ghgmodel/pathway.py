"""The yearly pathway of a scenario, 2024 to 2045: the engine's run assembled into tables.

See ghgmodel.engine for the transitions and ghgmodel.baseline for what the baseline, the measures and
the unbacked assumptions of a scenario are. `calc_pathway` runs the scenario whole (every baseline
driver, every measure it assumes, every unbacked lever).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.engine import DH, GAS_NEW, HEAT_STATES, HP_AIR, HP_GROUND, ORIG, VARIANTS, WOOD_NEW, PathwayEngine, Run
from ghgmodel.networks import duty_share, source_factor
from ghgmodel.params import Parameters
from ghgmodel.scenario import Scenario
from ghgmodel.stock import Stock

__all__ = ["HEAT_STATES", "SECTORS", "VARIANTS", "Pathway", "assemble", "calc_pathway", "select_projects"]

SECTORS = ("residential", "non_residential", "dh_other")
CARRIERS = ("gas", "hydrogen", "oil", "lpg", "coal", "wood", "biogas", "electricity", "district_heating", "solar_thermal")


@dataclass(frozen=True, kw_only=True)
class Pathway:
    """Result of `calc_pathway`.

    Attributes:
        scenario: the scenario.
        variant: low, central or high (the uncertainty variant of the parameters).
        years: the years 2024..2045.
        by_district: long table year, district_id, sector (residential, non_residential, dh_other),
            energy_carrier, useful_heat_mwh, final_energy_mwh, co2e_t, floor_area_m2 (heated reference area
            supplied by that carrier, m2; gas shared with hydrogen and green gas like the energy;
            dh_other has district_id '' and no area).
        heating: long table year, district_id, sector, heating (energy carrier of the main system:
            gas, oil, electricity (heat pumps in `heat_pump`), ...), n_buildings (may be fractional).
        network_factors: year, network_id, ef_g_per_kwh (per kWh delivered), renewable_share (0..1).
        networks: per network and year: heat_fed_in_mwh, delivered_residential_mwh,
            delivered_non_residential_mwh, delivered_other_mwh (what the base year's heat fed in leaves), losses_mwh, pumping_el_mwh, clean_mwh (plants and measures),
            unbacked_mwh (the scenario's generic renewable heat), residual_mwh (fossil), co2e_t,
            ef_g_per_kwh (per kWh delivered), ef_fed_g_per_kwh (per kWh fed in),
            renewable_or_waste_heat_share_pct, backed_share_pct (without the unbacked heat),
            duty_share_pct (WPG 29/30/31), duty_met, duty_met_backed, in_operation.
        network_sources: year, network_id, source_id, name, kind (plant, measure, unbacked, residual,
            pumping), source, heat_mwh (electricity for pumping), ef_g_per_kwh, co2e_t.
    """

    scenario: Scenario
    variant: str
    years: np.ndarray
    by_district: pd.DataFrame
    heating: pd.DataFrame
    network_factors: pd.DataFrame
    networks: pd.DataFrame
    network_sources: pd.DataFrame

    def totals(self) -> pd.DataFrame:
        """Per year: co2e_t (all sectors), co2e_residential_t, final_energy_mwh, useful_heat_mwh."""
        d = self.by_district
        out = d.groupby("year")[["useful_heat_mwh", "final_energy_mwh", "co2e_t"]].sum()
        res = d[d["sector"] == "residential"].groupby("year")["co2e_t"].sum()
        out["co2e_residential_t"] = res.reindex(out.index).fillna(0.0)
        return out

    def by_carrier(self) -> pd.DataFrame:
        return self.by_district.groupby(["year", "energy_carrier"])[["final_energy_mwh", "co2e_t"]].sum().reset_index()


def select_projects(scenario: Scenario, projects) -> tuple:
    """The portfolio projects a scenario assumes (its ids, else its statuses)."""
    return tuple(p for p in projects if scenario.selects(p))


def calc_pathway(stock: Stock, scenario: Scenario, params: Parameters, *, projects=(), variant: str = "central") -> Pathway:
    """The yearly pathway 2024..2045 of a scenario with the portfolio projects it assumes.

    Args:
        stock: grouped buildings (build_stock).
        scenario: the levers.
        params: parameter tables.
        projects: the portfolio; the scenario selects from it (Scenario.selects).
        variant: central, or low / high for the uncertainty range.
    """
    engine = PathwayEngine(stock, scenario, params, select_projects(scenario, projects), variant=variant)
    return assemble(engine, engine.run(detail=True))


def assemble(engine: PathwayEngine, run: Run) -> Pathway:
    """The tables of a Pathway from a run with details."""
    if run.detail is None:
        raise ValueError("assemble needs a run with detail=True")
    by_district, heating = _stock_tables(engine, run)
    networks, sources = _network_tables(engine, run)
    factors = networks[["year", "network_id", "ef_g_per_kwh"]].copy()
    factors["renewable_share"] = networks["renewable_or_waste_heat_share_pct"] / 100.0
    return Pathway(
        scenario=engine.scenario,
        variant=engine.variant,
        years=run.years,
        by_district=by_district,
        heating=heating,
        network_factors=factors,
        networks=networks,
        network_sources=sources,
    )


def _stock_tables(e: PathwayEngine, run: Run) -> tuple[pd.DataFrame, pd.DataFrame]:
    ecs = (*CARRIERS, "gas_new")
    pos = {c: i for i, c in enumerate(ecs)}
    labels = ("heat_pump", *CARRIERS)
    lab_pos = {c: i for i, c in enumerate(labels)}
    ns = len(e.sectors)
    nd, ne, nl = len(e.districts) * ns, len(ecs), len(labels)  # a cell is (district, sector)
    state_ec = {GAS_NEW: "gas_new", HP_AIR: "electricity", HP_GROUND: "electricity", DH: "district_heating", WOOD_NEW: "wood"}
    ec_idx = np.empty((e.G, len(HEAT_STATES)), dtype=np.int64)
    lab_idx = np.empty((e.G, len(HEAT_STATES)), dtype=np.int64)
    for h in range(len(HEAT_STATES)):
        if h == ORIG:
            ec_idx[:, h] = [pos[c] for c in e.orig_ec]
            lab_idx[:, h] = np.where(e.orig_is_hp, 0, [lab_pos[c] for c in e.orig_ec])
        else:
            ec_idx[:, h] = pos[state_ec[h]]
            lab_idx[:, h] = 0 if h in (HP_AIR, HP_GROUND) else lab_pos["gas" if h == GAS_NEW else state_ec[h]]
    ds = (e.g_district * ns + e.g_sector)[:, None]
    cell = ds * ne + ec_idx
    cell_lab = ds * nl + lab_idx
    n_b = e.g["n_buildings"].to_numpy()[:, None]
    area_g = e.g["heated_area_m2"].to_numpy()
    d_of, s_of = np.repeat(e.districts, ns), np.tile(e.sectors, len(e.districts))
    dist_of, sector_of = np.repeat(d_of, len(CARRIERS)), np.repeat(s_of, len(CARRIERS))
    ec_of = np.tile(np.array(CARRIERS, dtype=object), nd)
    dist_lab, sector_lab = np.repeat(d_of, nl), np.repeat(s_of, nl)
    lab_of = np.tile(np.array(labels, dtype=object), nd)
    g_, h_, b_, new_ = pos["gas"], pos["hydrogen"], pos["biogas"], pos["gas_new"]
    frames, heat_frames = [], []
    for ti, d in enumerate(run.detail):
        u = d["heat"] * d["useful_g"][:, None]
        a = d["heat"] * area_g[:, None]
        useful, final, co2, area = (
            np.bincount(cell.ravel(), v.ravel(), minlength=nd * ne).reshape(nd, ne) for v in (u, d["final"], d["co2"], a)
        )
        h2, gg = d["h2"], d["green_gas"]
        ef_g, ef_h, ef_b = e.ef_gas[ti], e.ef_h2[ti], e.ef_biogas[ti]
        for arr, is_co2 in ((co2, True), (useful, False), (area, False), (final, False)):  # co2 first: it reads the unsplit final energy
            # existing gas boilers burn the grid's gas (with the hydrogen share); new ones in addition the
            # GEG 71 (9) green-gas share, counted as biogas
            new_energy = final[:, new_] if is_co2 else arr[:, new_]
            if is_co2:
                h2_orig = final[:, g_] * h2 * ef_h / 1000.0
                arr[:, h_] += h2_orig + new_energy * (1 - gg) * h2 * ef_h / 1000.0
                arr[:, b_] += new_energy * gg * ef_b / 1000.0
                arr[:, g_] += -h2_orig + new_energy * (1 - gg) * (1 - h2) * ef_g / 1000.0
            else:
                arr[:, h_] += arr[:, g_] * h2 + new_energy * (1 - gg) * h2
                arr[:, b_] += new_energy * gg
                arr[:, g_] = arr[:, g_] * (1 - h2) + new_energy * (1 - gg) * (1 - h2)
        useful, final, co2, area = (x[:, : len(CARRIERS)] for x in (useful, final, co2, area))
        keep = (useful > 0).ravel() | (final > 0).ravel()
        frames.append(
            pd.DataFrame(
                {
                    "year": d["t"],
                    "district_id": dist_of[keep],
                    "sector": sector_of[keep],
                    "energy_carrier": ec_of[keep],
                    "useful_heat_mwh": useful.ravel()[keep],
                    "final_energy_mwh": final.ravel()[keep],
                    "co2e_t": co2.ravel()[keep],
                    "floor_area_m2": area.ravel()[keep],
                }
            )
        )
        cnt = np.bincount(cell_lab.ravel(), (d["heat"] * n_b).ravel(), minlength=nd * nl)
        k = cnt > 0
        heat_frames.append(
            pd.DataFrame({"year": d["t"], "district_id": dist_lab[k], "sector": sector_lab[k], "heating": lab_of[k], "n_buildings": cnt[k]})
        )
        other = d["other"] + d["external"]
        ny = d["net"]
        for j, _nid in enumerate(e.network_ids):
            if other[j] > 0:
                frames.append(
                    pd.DataFrame(
                        {
                            "year": [d["t"]],
                            "district_id": [""],
                            "sector": ["dh_other"],
                            "energy_carrier": ["district_heating"],
                            "useful_heat_mwh": [other[j]],
                            "final_energy_mwh": [other[j]],
                            "co2e_t": [other[j] * ny.ef_delivered[j] / 1000.0],
                            "floor_area_m2": [0.0],
                        }
                    )
                )
    cols = ["year", "district_id", "sector", "energy_carrier"]
    by_district = pd.concat(frames, ignore_index=True).groupby(cols, as_index=False).sum()
    return by_district, pd.concat(heat_frames, ignore_index=True)


def _network_tables(e: PathwayEngine, run: Run) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows, src = [], []
    duties = np.stack([duty_share(e.params, run.years, is_new=bool(new)) for new in e.net_is_new], axis=1) if e.network_ids else None
    for ti, d in enumerate(run.detail):
        ny, t = d["net"], d["t"]
        dh_g = d["final"][:, DH] + np.where(e.orig_is_dh, d["final"][:, ORIG], 0.0)
        is_res = e.sectors[e.g_sector] == "residential"
        delivered_res = np.bincount(e.g_net, np.where(is_res, dh_g, 0.0), minlength=len(e.network_ids))
        delivered_nonres = run.dh_delivered_mwh[ti] - delivered_res
        other = d["other"] + d["external"]
        for j, nid in enumerate(e.network_ids):
            fed = float(ny.fed_mwh[j])
            share = float(ny.share[j])
            duty = float(duties[ti, j])
            in_op = t >= e.net_first_year[j]
            rows.append(
                {
                    "year": t,
                    "network_id": nid,
                    "heat_fed_in_mwh": fed,
                    "delivered_residential_mwh": float(delivered_res[j]),
                    "delivered_non_residential_mwh": float(delivered_nonres[j]),
                    "delivered_other_mwh": float(other[j]),
                    "losses_mwh": fed * e.loss,
                    "pumping_el_mwh": float(ny.pumping_el_mwh[j]),
                    "clean_mwh": float(ny.clean_mwh[j]),
                    "unbacked_mwh": float(ny.unbacked_mwh[j]),
                    "residual_mwh": float(ny.residual_mwh[j]),
                    "co2e_t": float(ny.co2e_t[j]),
                    "ef_g_per_kwh": float(ny.ef_delivered[j]),
                    "ef_fed_g_per_kwh": float(ny.co2e_t[j] * 1000.0 / fed) if fed > 0 else float("nan"),
                    "renewable_or_waste_heat_share_pct": 100.0 * share,
                    "backed_share_pct": 100.0 * float(ny.share_backed[j]),
                    "duty_share_pct": 100.0 * duty,
                    "duty_met": bool(share >= duty - 1e-9),
                    "duty_met_backed": bool(ny.share_backed[j] >= duty - 1e-9),
                    "in_operation": bool(in_op),
                }
            )
            scale = float(ny.scale[j])
            for (k, p), mwh, ef in zip(e.plants, d["plant_mwh"], d["plant_ef"]):
                if k == j and mwh > 0:
                    src.append((t, nid, p.plant_id, p.name, "plant", p.source, mwh * scale, ef, mwh * scale * ef / 1000.0))
            for p, mwh, ef, net in zip(e.projects, d["feed_mwh"], d["feed_ef"], e.feed_net):
                if net == j and mwh > 0:
                    src.append((t, nid, p.project_id, p.name, "measure", p.heat_source, mwh * scale, ef, mwh * scale * ef / 1000.0))
            if ny.unbacked_mwh[j] > 0:
                ub = float(ny.unbacked_mwh[j])
                ef_u = float(_unbacked_ef(e, ti, d))
                src.append((t, nid, "unbacked", "", "unbacked", e.unbacked_source, ub, ef_u, ub * ef_u / 1000.0))
            res = float(ny.residual_mwh[j])
            if res > 0:
                ef_r = float(e.residual_ef[j])
                src.append((t, nid, "residual", "", "residual", e.stock.networks[nid]["network_type"], res, ef_r, res * ef_r / 1000.0))
            pump = float(ny.pumping_el_mwh[j])
            src.append((t, nid, "pumping", "", "pumping", "electricity", pump, d["el"], pump * d["el"] / 1000.0))
    cols = ["year", "network_id", "source_id", "name", "kind", "source", "heat_mwh", "ef_g_per_kwh", "co2e_t"]
    return pd.DataFrame(rows), pd.DataFrame(src, columns=cols)


def _unbacked_ef(e: PathwayEngine, ti: int, d: dict) -> float:
    return float(source_factor(e.unbacked_source, e.params, e.scenario.factor_set, e.years[ti : ti + 1], np.array([d["el"]]))[0])
