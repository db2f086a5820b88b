"""Heat density, heat-line density and the proposed WPG supply-area class of an area.

Heat-density classes (MWh/(ha a)) follow density.edge.*: none < new_build < low_temp < conventional
< very_high. The grades of WPG 19 (2) follow from the criteria WPG 18 (1) names, each a stated rule
(points, parameters in supply.csv):

Heat network (heat density counts residential and non-residential heat):
- heat density: very_high +2, conventional +1, low_temp 0, new_build -1, none -2;
- heat-line density (kWh/(m a)) where streets are known: >= wld.threshold_conventional +1,
  < wld.threshold_low -1 (no points without street data);
- cost indication: distribution cost = supply.pipe_cost_eur_per_m x supply.street_m_per_ha x annuity
  / heat density, plus the connection to the nearest network (distance x supply.transport_cost_eur_per_m
  x annuity / heat of the area), EUR/MWh: <= supply.cost_good_eur_per_mwh +1, > supply.cost_max_eur_per_mwh -1;
- supply security: an existing network within expansion.max_distance_m (or a district-heating share of
  at least supply.dh_share_existing_network_pct) +1 (its plants and duties exist), else -1 (a new
  network needs new generation).
  Sum >= 3 sehr wahrscheinlich geeignet, >= 1 wahrscheinlich geeignet, >= -1 wahrscheinlich ungeeignet,
  else sehr wahrscheinlich ungeeignet.

Decentral supply:
- heat pumps fit (share of buildings with class ground or air, the rest half counted if `limited`):
  >= 80 % +2, >= supply.hp_share_decentral_pct +1, >= 40 % 0, else -1 (supply security of the
  individual heat source);
- heat density (cost): none or new_build +1, low_temp 0, conventional -1, very_high -2.
  Sum >= 2 sehr wahrscheinlich geeignet, >= 1 wahrscheinlich geeignet, >= -1 wahrscheinlich
  ungeeignet, else sehr wahrscheinlich ungeeignet.

Area type follows the grades (`area_type_from_grades`): Waermenetzgebiet where a network is at least
likely suitable and graded better than decentral supply (or equal where a network already supplies the
area); Gebiet fuer die dezentrale Waermeversorgung where decentral supply is at least likely suitable
and graded better than a network; else Pruefgebiet (WPG 3 (1) Nr. 10: not yet decidable).
This is a screening proposal for planners, not a legal designation (WPG 23 (4): the plan is not binding).
"""

from __future__ import annotations

import numpy as np

from ghgmodel.params import Parameters

DENSITY_CLASSES = ("none", "new_build", "low_temp", "conventional", "very_high")
GRADES = ("sehr wahrscheinlich geeignet", "wahrscheinlich geeignet", "wahrscheinlich ungeeignet", "sehr wahrscheinlich ungeeignet")
AREA_TYPES = ("waermenetzgebiet", "dezentral", "pruefgebiet")


def heat_density_mwh_per_ha(heat_mwh: np.ndarray, area_ha: np.ndarray) -> np.ndarray:
    area = np.asarray(area_ha, dtype=float)
    return np.divide(np.asarray(heat_mwh, dtype=float), area, out=np.zeros_like(area), where=area > 0)


def heat_density_class(density: np.ndarray, params: Parameters) -> np.ndarray:
    edges = [params.value(f"density.edge.{k}") for k in ("new_build", "low_temp", "conventional", "very_high")]
    idx = np.searchsorted(edges, np.asarray(density, dtype=float), side="right")
    return np.array(DENSITY_CLASSES, dtype=object)[idx]


def heat_line_density_kwh_per_m(heat_mwh: float, street_length_m: float) -> float:
    """Waermeliniendichte: heat per year per metre of street, kWh/(m a) (WPG 3 (1) Nr. 16)."""
    return heat_mwh * 1000.0 / street_length_m


def _grade(points: np.ndarray, edges: tuple[float, float, float]) -> np.ndarray:
    p = np.asarray(points, dtype=float)
    return np.select([p >= edges[0], p >= edges[1], p >= edges[2]], GRADES[:3], GRADES[3]).astype(object)


def annuity(params: Parameters) -> float:
    """Annuity factor of network pipes (abatement.interest_rate, abatement.lifetime.dh_expansion)."""
    i = params.value("abatement.interest_rate")
    n = params.value("abatement.lifetime.dh_expansion")
    return i / (1 - (1 + i) ** -n) if i > 0 else 1 / n


def network_cost_eur_per_mwh(density, distance_m, heat_mwh, params: Parameters) -> np.ndarray:
    """Cost indication of network heat: distribution in the area plus the connection to the nearest network, EUR/MWh."""
    d = np.asarray(density, dtype=float)
    a = annuity(params)
    dist_cost = params.value("supply.pipe_cost_eur_per_m") * params.value("supply.street_m_per_ha") * a
    distribution = np.divide(dist_cost, d, out=np.full_like(d, np.inf), where=d > 0)
    q = np.asarray(heat_mwh, dtype=float)
    link = np.nan_to_num(np.asarray(distance_m, dtype=float), nan=0.0, posinf=1e6) * params.value("supply.transport_cost_eur_per_m") * a
    connection = np.divide(link, q, out=np.where(link > 0, np.inf, 0.0), where=q > 0)
    return distribution + connection


def heat_network_points(density, dh_share_pct, distance_m, heat_mwh, params: Parameters, *, line_density=None) -> np.ndarray:
    d = np.asarray(density, dtype=float)
    cls = heat_density_class(d, params)
    pts = np.select([cls == "very_high", cls == "conventional", cls == "low_temp", cls == "new_build"], [2, 1, 0, -1], -2).astype(float)
    if line_density is not None:
        w = np.asarray(line_density, dtype=float)
        pts += np.where(
            np.isnan(w),
            0,
            np.where(w >= params.value("wld.threshold_conventional"), 1, np.where(w < params.value("wld.threshold_low"), -1, 0)),
        )
    cost = network_cost_eur_per_mwh(d, distance_m, heat_mwh, params)
    pts += np.where(
        cost <= params.value("supply.cost_good_eur_per_mwh"), 1, np.where(cost > params.value("supply.cost_max_eur_per_mwh"), -1, 0)
    )
    near = (np.nan_to_num(np.asarray(distance_m, dtype=float), nan=np.inf) <= params.value("expansion.max_distance_m")) | (
        np.asarray(dh_share_pct, dtype=float) >= params.value("supply.dh_share_existing_network_pct")
    )
    return pts + np.where(near, 1, -1)


def grade_heat_network(density, dh_share_pct, distance_m, heat_mwh, params: Parameters, *, line_density=None) -> np.ndarray:
    """WPG 19 (2) grade for a heat network from the criteria above."""
    return _grade(heat_network_points(density, dh_share_pct, distance_m, heat_mwh, params, line_density=line_density), (3, 1, -1))


def decentral_points(hp_fit_pct, density, params: Parameters) -> np.ndarray:
    s = np.asarray(hp_fit_pct, dtype=float)
    pts = np.select([s >= 80, s >= params.value("supply.hp_share_decentral_pct"), s >= 40], [2, 1, 0], -1).astype(float)
    cls = heat_density_class(np.asarray(density, dtype=float), params)
    return pts + np.select([np.isin(cls, ["none", "new_build"]), cls == "low_temp", cls == "conventional"], [1, 0, -1], -2)


def grade_decentral(hp_fit_pct, density, params: Parameters) -> np.ndarray:
    """WPG 19 (2) grade for decentral supply from the criteria above."""
    return _grade(decentral_points(hp_fit_pct, density, params), (2, 1, -1))


def area_type_from_grades(g_net, g_dec, has_network) -> np.ndarray:
    """The area type implied by the two grades (the rule in the module docstring)."""
    rn = np.array([GRADES.index(g) for g in np.asarray(g_net, dtype=object)])
    rd = np.array([GRADES.index(g) for g in np.asarray(g_dec, dtype=object)])
    net = (rn <= 1) & ((rn < rd) | ((rn == rd) & np.asarray(has_network, dtype=bool)))
    dec = (rd <= 1) & (rd < rn)
    return np.where(net, "waermenetzgebiet", np.where(dec, "dezentral", "pruefgebiet")).astype(object)


def classify_supply_area(density, dh_share_pct, hp_fit_pct, distance_m, heat_mwh, params: Parameters, *, line_density=None):
    """(area type, grade heat network, grade decentral) per area."""
    g_net = grade_heat_network(density, dh_share_pct, distance_m, heat_mwh, params, line_density=line_density)
    g_dec = grade_decentral(hp_fit_pct, density, params)
    has_network = np.asarray(dh_share_pct, dtype=float) >= params.value("supply.dh_share_existing_network_pct")
    return area_type_from_grades(g_net, g_dec, has_network), g_net, g_dec
