"""The plan of each measure, year by year, in the units its owner reports (issue 19, monitoring).

The plan of a measure follows from its own parameters, its reach in the stock and its ramp
(`Project.ramp`: 0 before start_year, linear, 1 from end_year), in the units its owner reports:

    dh_expansion               buildings_connected   = connection_share x non-connected buildings in reach x ramp(y)
    hp_programme               heat_pumps_installed  = eligible x min(1, rate x active years to y)
                               (eligible: fossil- or electrically heated buildings in reach where a heat pump fits)
    retrofit_programme         buildings_retrofitted = unrenovated buildings in reach x min(1, rate x active years to y);
                               energy_saved_mwh      = their final energy before minus after the retrofit, same share
    own_building_conversion    buildings_converted   = its convertible buildings x ramp(y) (to a heat pump only where
                               one fits); a conversion to district heating also counts as buildings_connected
    dh_decarbonisation,        heat_mwh              = heat_mwh_per_year x ramp(y)
    large_hp_or_solar_network
    every measure              spent_eur = capex_eur x ramp(y), funding_received_eur = funding_eur x ramp(y) (where given)

Counts and money are cumulative to the end of year y (an owner reports what was added in each year);
the two MWh indicators are the level in year y (MWh/a: heat fed in, energy saved in that year). The
first indicator of each type (PRIMARY) measures delivery (ghgmodel.progress).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ghgmodel.engine import PathwayEngine
from ghgmodel.scenario import FIRST_YEAR

COUNTS = ("buildings_connected", "buildings_converted", "buildings_retrofitted", "heat_pumps_installed")
FLOWS = ("heat_mwh", "energy_saved_mwh")
MONEY = ("spent_eur", "funding_received_eur")
INDICATORS = (*COUNTS, *FLOWS, *MONEY)
PRIMARY = {
    "dh_expansion": "buildings_connected",
    "hp_programme": "heat_pumps_installed",
    "retrofit_programme": "buildings_retrofitted",
    "own_building_conversion": "buildings_converted",
    "dh_decarbonisation": "heat_mwh",
    "large_hp_or_solar_network": "heat_mwh",
}


def _active_years(p, years: np.ndarray) -> np.ndarray:
    """Years of the ramp up to and including each year (0 before start_year)."""
    return np.clip(np.minimum(years, p.end_year) - p.start_year + 1, 0, None).astype(float)


def _eligible(engine: PathwayEngine, p, reach: np.ndarray) -> np.ndarray:
    """The groups a measure's primary indicator counts (network measures: the customers of its network)."""
    if p.project_type == "dh_expansion":
        return reach & ~engine.orig_is_dh
    if p.project_type == "hp_programme":
        return reach & engine.orig_convertible & engine.hp_possible
    if p.project_type == "retrofit_programme":
        return reach & (engine.ret0[:, 0] > 0)
    if p.project_type == "own_building_conversion":
        return reach & engine.orig_convertible & (engine.hp_possible if p.target_system == "hp" else True)
    net = engine.net_index.get(p.network_id, -1)
    return (engine.g_net == net) & (engine.orig_is_dh | engine.in_area)


def calc_plan(engine: PathwayEngine, years=None) -> pd.DataFrame:
    """The planned delivery of every measure of `engine` per year and indicator.

    Returns a long table project_id, year, indicator, planned (cumulative to the end of the year for counts
    and money, the year's level for MWh), eligible (the most the reach allows for that indicator: every
    eligible building, or the whole saving; NaN for heat and money).
    """
    years = np.arange(min([FIRST_YEAR, *(p.start_year for p in engine.projects)]), 2046) if years is None else np.asarray(years)
    g = engine.g
    n = g["n_buildings"].to_numpy(dtype=float)
    unrenovated = engine.ret0[:, 0] > 0
    rows = []
    for p, reach in zip(engine.projects, engine.reach):
        ramp = np.array([p.ramp(int(y)) for y in years])
        k = _active_years(p, years)
        m = _eligible(engine, p, reach)
        out: dict[str, tuple[np.ndarray, float]] = {}
        if p.project_type == "dh_expansion":
            out["buildings_connected"] = (p.connection_share_pct / 100.0 * n[m].sum() * ramp, n[m].sum())
        elif p.project_type == "hp_programme":
            out["heat_pumps_installed"] = (n[m].sum() * np.minimum(1.0, p.rate_pct_per_year / 100.0 * k), n[m].sum())
        elif p.project_type == "retrofit_programme":
            share = np.minimum(1.0, p.rate_pct_per_year / 100.0 * k)
            target = "advanced" if p.retrofit_depth == "advanced" else "standard"
            saved = ((g["useful_none_mwh"] - g[f"useful_{target}_mwh"]) / g["efficiency_orig"]).to_numpy()[m].sum()
            out["buildings_retrofitted"] = (n[m].sum() * share, n[m].sum())
            out["energy_saved_mwh"] = (saved * share, saved)
        elif p.project_type == "own_building_conversion":
            out["buildings_converted"] = (n[m].sum() * ramp, n[m].sum())
            if p.target_system == "dh":
                out["buildings_connected"] = (n[m].sum() * ramp, n[m].sum())
            if p.retrofit_depth:
                out["buildings_retrofitted"] = (n[reach & unrenovated].sum() * ramp, n[reach & unrenovated].sum())
        else:
            out["heat_mwh"] = (p.heat_mwh_per_year * ramp, np.nan)
        if p.capex_eur > 0:  # 0 means not published: no plan to compare with
            out["spent_eur"] = (p.capex_eur * ramp, np.nan)
        if p.funding_eur > 0:
            out["funding_received_eur"] = (p.funding_eur * ramp, np.nan)
        for indicator, (planned, eligible) in out.items():
            rows.append(
                pd.DataFrame({"project_id": p.project_id, "year": years, "indicator": indicator, "planned": planned, "eligible": eligible})
            )
    cols = ["project_id", "year", "indicator", "planned", "eligible"]
    return pd.concat(rows, ignore_index=True)[cols] if rows else pd.DataFrame(columns=cols)


def calc_district_shares(engine: PathwayEngine) -> pd.DataFrame:
    """Where each measure acts: project_id, district_id, share (0..1) of the buildings its indicator counts
    (network measures: its network's customers) in each district; the shares of a measure add up to 1."""
    n = engine.g["n_buildings"].to_numpy(dtype=float)
    frames = []
    for p, reach in zip(engine.projects, engine.reach):
        w = np.bincount(engine.g_district, np.where(_eligible(engine, p, reach), n, 0.0), minlength=len(engine.districts))
        if w.sum() > 0:
            keep = w > 0
            frames.append(pd.DataFrame({"project_id": p.project_id, "district_id": engine.districts[keep], "share": w[keep] / w.sum()}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["project_id", "district_id", "share"])


__all__ = ["COUNTS", "FLOWS", "INDICATORS", "MONEY", "PRIMARY", "calc_district_shares", "calc_plan"]
