"""Heat-pump potential per building: which source fits, and the performance to expect.

Ground source (borehole probes, VDI 4640): probes fit on the free plot area left after the setbacks
(hp.probe_setback_plot_m from the plot boundary, hp.probe_distance_building_m from the building),
one per hp.probe_spacing_m squared. They must supply the heat taken from the ground,
useful heat x (1 - 1/SPF), at hp.probe_depth_m x hp.probe_extraction_w_per_m x hp.probe_full_load_hours.

Air source (TA Laerm): an outdoor unit of sound power L_w (+10 log10 of the number of units a
building needs) meets the night limit at the neighbour at distance r where
L_w - 20 log10(r) - hp.noise_geometry_db = hp.noise_limit_night_db.

Classes: `ground` (probes fit on the free plot and no exclusion area forbids them), `air` (the noise
distance is met), `limited` (only a quieter or better placed unit fits: at least half the noise
distance is free), `unsuitable` (neither). The flow temperature is no veto: field studies show heat
pumps working in unrenovated stock (Fraunhofer ISE WP-QS im Bestand 2025: the required flow
temperature, not the age, explains the SPF); it enters as the expected SPF (ghgmodel.systems, capped
at field-monitored values) and so as running cost and emissions. Exclusion areas (water protection
zones, healing springs) forbid probes where the warehouse has them (`is_excluded`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ghgmodel.params import Parameters
from ghgmodel.systems import flow_temperature_c, spf_at_flow_temperature

HP_CLASSES = ("ground", "air", "limited", "unsuitable")


@dataclass(frozen=True, kw_only=True)
class HeatPumpPotential:
    """Per building.

    Attributes:
        hp_class: ground, air, limited or unsuitable.
        flow_temp_c: expected design flow temperature, degC.
        spf_expected: SPF of the best fitting source at that flow temperature (air where none fits).
        probes_needed, probes_possible: number of 100 m-class probes.
        noise_distance_m: distance an outdoor unit needs to the neighbour, m.
    """

    hp_class: np.ndarray
    flow_temp_c: np.ndarray
    spf_expected: np.ndarray
    probes_needed: np.ndarray
    probes_possible: np.ndarray
    noise_distance_m: np.ndarray


def calc_hp_potential(
    useful_heat_mwh: np.ndarray,
    construction_year: np.ndarray,
    retrofit: np.ndarray,
    probe_area_m2: np.ndarray,
    neighbour_distance_m: np.ndarray,
    params: Parameters,
    *,
    is_excluded: np.ndarray | None = None,
) -> HeatPumpPotential:
    """Heat-pump class of every building (vectorised).

    Args:
        useful_heat_mwh: annual useful heat, MWh/a.
        construction_year, retrofit: give the flow temperature.
        probe_area_m2: plot area where probes may go (after setbacks), m2.
        neighbour_distance_m: free distance from the building to the nearest other building, m.
        params: parameter tables.
        is_excluded: True where an exclusion area (water protection zone) forbids borehole probes.
    """
    q = np.asarray(useful_heat_mwh, dtype=float)
    flow = flow_temperature_c(construction_year, retrofit, params)
    spf_g = spf_at_flow_temperature("ground", flow, params)
    spf_a = spf_at_flow_temperature("air", flow, params)
    per_probe_mwh = (
        params.value("hp.probe_depth_m") * params.value("hp.probe_extraction_w_per_m") * params.value("hp.probe_full_load_hours") / 1e6
    )
    needed = np.ceil(q * (1 - 1 / spf_g) / per_probe_mwh).astype(np.int64)
    possible = np.floor(np.asarray(probe_area_m2, dtype=float).clip(min=0) / params.value("hp.probe_spacing_m") ** 2).astype(np.int64)
    ground_ok = (possible >= needed) & (q > 0)
    if is_excluded is not None:
        ground_ok &= ~np.asarray(is_excluded, dtype=bool)
    load_kw = q * 1000 / params.value("hp.heating_full_load_hours")
    units = np.maximum(1, np.ceil(load_kw / params.value("hp.air_unit_capacity_kw")))
    lw = params.value("hp.air_unit_sound_power_db") + 10 * np.log10(units)
    noise_distance = 10 ** ((lw - params.value("hp.noise_geometry_db") - params.value("hp.noise_limit_night_db")) / 20)
    dist = np.asarray(neighbour_distance_m, dtype=float)
    air_ok = dist >= noise_distance
    air_marginal = dist >= noise_distance / 2
    cls = np.select(
        [ground_ok, air_ok, air_marginal],
        ["ground", "air", "limited"],
        "unsuitable",
    ).astype(object)
    spf = np.where(ground_ok, spf_g, spf_a)
    return HeatPumpPotential(
        hp_class=cls, flow_temp_c=flow, spf_expected=spf, probes_needed=needed, probes_possible=possible, noise_distance_m=noise_distance
    )
