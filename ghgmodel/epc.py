"""Efficiency classes of the Energieausweis (GEG Anlage 10) from a building's final energy.

    class = GEG Anlage 10 band of  final energy [kWh/a] / A_N [m2]
    A_N   = epc.a_n_per_living_area x living area  (the Verbrauchsausweis convention; GEG 82 (2) with the
            Bekanntmachung der Regeln fuer Energieverbrauchswerte im Wohngebaeudebestand)

The bands' upper edges are the parameters `epc.edge.<class>` (A+ < 30, A < 50, ... G < 250, H above).
With the calibrated (consumption-level) final energy the class is the one a Verbrauchsausweis would show;
the city's published split (41 % of residential buildings E or better) is compared with it, never forced.
"""

from __future__ import annotations

import numpy as np

from ghgmodel.params import Parameters

CLASSES = ("A+", "A", "B", "C", "D", "E", "F", "G", "H")
_EDGE_KEYS = ("A+", "A", "B", "C", "D", "E", "F", "G")


def reference_area_m2(living_area_m2, params: Parameters) -> np.ndarray:
    """Energieausweis reference area A_N from the living area, m2."""
    return np.asarray(living_area_m2, dtype=float) * params.value("epc.a_n_per_living_area")


def efficiency_class(final_kwh_per_m2: np.ndarray, params: Parameters) -> np.ndarray:
    """GEG Anlage 10 class of each final energy per A_N (kWh/(m2 a))."""
    edges = [params.value(f"epc.edge.{c}") for c in _EDGE_KEYS]
    idx = np.searchsorted(edges, np.asarray(final_kwh_per_m2, dtype=float), side="right")
    return np.array(CLASSES, dtype=object)[idx]


def share_e_or_better_pct(final_mwh, living_area_m2, params: Parameters) -> float:
    """Share of buildings in class E or better, % (buildings without living area are left out)."""
    area = reference_area_m2(living_area_m2, params)
    ok = area > 0
    if not ok.any():
        return float("nan")
    intensity = np.asarray(final_mwh, dtype=float)[ok] * 1000.0 / area[ok]
    cls = efficiency_class(intensity, params)
    return 100.0 * float(np.isin(cls, CLASSES[: CLASSES.index("E") + 1]).mean())
