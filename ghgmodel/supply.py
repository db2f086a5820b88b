"""Heat density, heat-line density and the proposed WPG supply-area class of an area.

Heat-density classes (MWh/(ha a)) follow density.edge.*: none < new_build < low_temp < conventional
< very_high. The proposed area type and the suitability grades of WPG 19 (2) come from our rule:

- grade for a heat network: very likely suitable from density.edge.very_high or a district-heating
  share of twice supply.dh_share_existing_network_pct; likely suitable from density.edge.conventional
  or that share; likely unsuitable from density.edge.low_temp; else very likely unsuitable.
- grade for decentral supply by the share of buildings with heat-pump class ground or air:
  >= 80 % very likely, >= supply.hp_share_decentral_pct likely suitable, >= 30 % likely unsuitable.
- area type: Waermenetzgebiet where a network is (very) likely suitable or expansion is planned (the
  warehouse counts an area as planned when at least supply.dh_share_existing_network_pct of its
  buildings lie in expansion areas; a district's proposal is the type of most of its buildings' cells);
  else Gebiet fuer die dezentrale Waermeversorgung where decentral supply is (very) likely
  suitable; else Pruefgebiet.
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


def grade_heat_network(density: np.ndarray, dh_share_pct: np.ndarray, params: Parameters) -> np.ndarray:
    d = np.asarray(density, dtype=float)
    s = np.asarray(dh_share_pct, dtype=float)
    share = params.value("supply.dh_share_existing_network_pct")
    return np.select(
        [
            (d >= params.value("density.edge.very_high")) | (s >= 2 * share),
            (d >= params.value("density.edge.conventional")) | (s >= share),
            d >= params.value("density.edge.low_temp"),
        ],
        GRADES[:3],
        GRADES[3],
    ).astype(object)


def grade_decentral(hp_share_pct: np.ndarray, params: Parameters) -> np.ndarray:
    s = np.asarray(hp_share_pct, dtype=float)
    return np.select([s >= 80, s >= params.value("supply.hp_share_decentral_pct"), s >= 30], GRADES[:3], GRADES[3]).astype(object)


def classify_supply_area(density, dh_share_pct, hp_share_pct, has_expansion, params: Parameters):
    """(area type, grade heat network, grade decentral) per area."""
    g_net = grade_heat_network(density, dh_share_pct, params)
    g_dec = grade_decentral(hp_share_pct, params)
    net_ok = np.isin(g_net, GRADES[:2]) | np.asarray(has_expansion, dtype=bool)
    dec_ok = np.isin(g_dec, GRADES[:2])
    kind = np.where(net_ok, "waermenetzgebiet", np.where(dec_ok, "dezentral", "pruefgebiet")).astype(object)
    return kind, g_net, g_dec
