"""District-heating networks: the supply mix of every network per year, its factor and the WPG duty.

A network feeds `fed` MWh per year, the heat its customers take divided by (1 - loss share). The heat
comes, in this order, from
1. its clean plants (unavoidable waste heat, biomass, large heat pumps, solar thermal, geothermal:
   fixed MWh per year between their first and last year) and the measures that feed heat into it;
2. where the scenario assumes a renewable path for networks (share `required(t)` of heat fed), generic
   clean heat that no plant and no measure delivers, up to that share, at the factor of
   `dh.unbacked_source` (large heat pumps): the network's *unbacked* assumption, shown as such;
3. its residual plant, the network's fossil type (`network_type`, e.g. gas CHP), for the rest (the
   set's factor of that type is per kWh delivered; see `residual_factor`).
If the clean heat exceeds what the customers take, all clean sources are scaled down in proportion.

    CO2e     = sum(heat of a source x its factor) + pumping electricity x grid factor
    factor   = CO2e / (fed x (1 - loss))          per kWh delivered: the customers' final energy (BISKO)
    share    = clean heat (incl. the unbacked part) / fed   the WPG 29/31 share of renewable or waste heat

The duty (WPG 29: 30 % from 2030 and 80 % from 2040 for existing networks; WPG 31: 100 % from 2045;
WPG 30: 65 % for networks new since 2024) is checked per network and year, with and without the
unbacked part, so a missed duty is a visible gap rather than silently filled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ghgmodel.errors import ModelInputError
from ghgmodel.factors import carrier_factor, dh_type_factor
from ghgmodel.params import Parameters

CLEAN_SOURCES = ("waste_heat", "biomass", "large_hp", "solar_thermal", "geothermal", "custom")
FOSSIL_SOURCES = ("chp_gas", "chp_coal", "boiler_gas", "boiler_coal")


@dataclass(frozen=True, kw_only=True)
class Plant:
    """A heat source of a network.

    Attributes:
        plant_id: stable id.
        name: shown name.
        source: one of CLEAN_SOURCES.
        heat_mwh_per_year: heat fed at full operation, MWh/a.
        first_year, last_year: years of operation (inclusive).
        ef_g_per_kwh: own factor of the heat (None: the factor of its source).
    """

    plant_id: str
    name: str
    source: str
    heat_mwh_per_year: float
    first_year: int = 1900
    last_year: int = 2100
    ef_g_per_kwh: float | None = None

    def __post_init__(self) -> None:
        if self.source not in CLEAN_SOURCES:
            raise ModelInputError(f"plant {self.plant_id!r}: source {self.source!r}; use one of {', '.join(CLEAN_SOURCES)}.")
        if self.heat_mwh_per_year < 0:
            raise ModelInputError(f"plant {self.plant_id!r}: heat_mwh_per_year {self.heat_mwh_per_year:g} is negative.")
        if self.source == "custom" and self.ef_g_per_kwh is None:
            raise ModelInputError(f"plant {self.plant_id!r}: source custom needs ef_g_per_kwh.")


def source_factor(
    source: str, params: Parameters, factor_set: str, years: np.ndarray, ef_el: np.ndarray, own: float | None = None
) -> np.ndarray:
    """Factor of heat from a clean source per year, g CO2e per kWh of heat fed."""
    years = np.asarray(years)
    if own is not None and not np.isnan(own):
        return np.full(len(years), float(own))
    if source == "waste_heat":
        return np.array([carrier_factor(params, factor_set, "waste_heat", int(t)) for t in years])
    if source == "biomass":
        return np.array([carrier_factor(params, factor_set, "wood", int(t)) for t in years])
    if source in ("solar_thermal", "geothermal"):
        key = "solar_thermal" if source == "solar_thermal" else "ambient"
        return np.array([params.value(f"ef.{factor_set}.{key}") for _ in years])
    if source == "large_hp":
        return np.asarray(ef_el, dtype=float) / params.value("large_hp.spf")
    raise ModelInputError(f"heat source {source!r} needs its own factor.")


def residual_factor(network_type: str, params: Parameters, factor_set: str, ef_el_base: float) -> float:
    """Factor of the residual (fossil) heat of a network type, g per kWh fed.

    The set's factor of a network type (GEG Anlage 9) is per kWh *delivered* by a typical network, its
    losses and pumping included. Per kWh fed it is that factor x (1 - loss) minus the pumping electricity
    of the base year, so that a network with nothing but residual heat delivers at exactly the set's
    factor in the base year; losses and pumping then act explicitly on every source.
    """
    loss = params.value("dh.network_loss_share")
    pumping = params.value("dh.pumping_el_share")
    return dh_type_factor(params, factor_set, network_type) * (1.0 - loss) - pumping * ef_el_base


def plant_heat(plants, years: np.ndarray) -> np.ndarray:
    """Heat of each plant per year [plant, year] (MWh/a), zero outside its years."""
    years = np.asarray(years)
    out = np.zeros((len(plants), len(years)))
    for i, p in enumerate(plants):
        on = (years >= p.first_year) & (years <= p.last_year)
        out[i] = np.where(on, p.heat_mwh_per_year, 0.0)
    return out


def duty_share(params: Parameters, years, *, is_new: bool = False) -> np.ndarray:
    """The legal minimum share of renewable or waste heat per year (WPG 29, 30 for new networks, 31)."""
    series = params.series("wpg.dh_renewable_min_share")
    out = []
    for t in np.asarray(years):
        due = [v for y, v in series.items() if y <= t]
        share = max(due) if due else 0.0
        if is_new and t >= int(params.value("wpg.new_network_from_year")):
            share = max(share, params.value("wpg.new_network_min_share"))
        out.append(share)
    return np.array(out, dtype=float)


def legal_path_share(params: Parameters, years) -> np.ndarray:
    """The share a network on the WPG path reaches: a line from the base year to the 2030 duty, then the duties."""
    series = params.series("wpg.dh_renewable_min_share")
    xs = [int(np.min(years)), *sorted(series)]
    ys = [params.value("wpg.dh_path_start_share"), *[series[k] for k in sorted(series)]]
    return np.interp(np.asarray(years, dtype=float), xs, ys)


@dataclass(frozen=True, kw_only=True)
class NetworkYear:
    """The supply of all networks in one year (arrays over networks).

    Attributes:
        fed_mwh: heat fed in; clean_mwh: from plants and measures (after scaling); unbacked_mwh: the
        scenario's generic clean heat; residual_mwh: from the fossil plant; pumping_el_mwh: pumping
        electricity; co2e_t: all of it; ef_delivered: g per kWh delivered; share: clean + unbacked
        over fed; share_backed: clean over fed; scale: factor applied to clean sources (1 unless they
        exceed demand).
    """

    fed_mwh: np.ndarray
    clean_mwh: np.ndarray
    unbacked_mwh: np.ndarray
    residual_mwh: np.ndarray
    pumping_el_mwh: np.ndarray
    co2e_t: np.ndarray
    ef_delivered: np.ndarray
    share: np.ndarray
    share_backed: np.ndarray
    scale: np.ndarray


def supply_year(
    delivered_mwh: np.ndarray,
    clean_mwh: np.ndarray,
    clean_co2_t: np.ndarray,
    required_share: np.ndarray,
    *,
    loss_share: float,
    residual_ef: np.ndarray,
    unbacked_ef: float,
    pumping_share: float,
    ef_el: float,
) -> NetworkYear:
    """The mix of every network in one year from the heat its customers take (MWh) and its clean sources."""
    fed = np.asarray(delivered_mwh, dtype=float) / (1.0 - loss_share)
    scale = np.where(clean_mwh > fed, np.divide(fed, clean_mwh, out=np.zeros_like(fed), where=clean_mwh > 0), 1.0)
    clean = clean_mwh * scale
    clean_co2 = clean_co2_t * scale
    share_backed = np.divide(clean, fed, out=np.zeros_like(fed), where=fed > 0)
    unbacked = np.clip(required_share - share_backed, 0.0, None) * fed
    residual = np.clip(fed - clean - unbacked, 0.0, None)
    pumping = fed * pumping_share
    co2 = clean_co2 + unbacked * unbacked_ef / 1000.0 + residual * residual_ef / 1000.0 + pumping * ef_el / 1000.0
    delivered = fed * (1.0 - loss_share)
    empty = np.broadcast_to(residual_ef / (1.0 - loss_share) + pumping_share * ef_el / (1.0 - loss_share), delivered.shape)
    ef = np.divide(co2 * 1000.0, delivered, out=empty.copy(), where=delivered > 0)
    share = np.divide(clean + unbacked, fed, out=np.zeros_like(fed), where=fed > 0)
    return NetworkYear(
        fed_mwh=fed,
        clean_mwh=clean,
        unbacked_mwh=unbacked,
        residual_mwh=residual,
        pumping_el_mwh=pumping,
        co2e_t=co2,
        ef_delivered=ef,
        share=share,
        share_backed=share_backed,
        scale=scale,
    )
