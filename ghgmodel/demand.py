"""Useful heat demand from the TABULA typology: space heating plus hot water.

useful heat [kWh/a] = A_C,Ref [m2] x (q_h [kWh/(m2 a)] + q_w [kWh/(m2 a)])

q_h comes from `q_h_nd.<type>.<from>_<to>` for the building's construction year, lowered by a
retrofit (`q_h_nd_retrofit.<level>.<type>.<span>` where given, else `retrofit_factor.<level>.<span>`
times the existing need). With `demand_basis="consumption"` (the basis of the warehouse and the app)
q_h is scaled to the typical measured level (the prebound effect, Sunikka-Blank & Galvin 2012: German
dwellings consume on average 30 % less heating energy than their calculated rating, the more so the
higher the rating):

    consumption / need = clip(1 - calib.slope x (q_h - calib.q_full), calib.floor, 1)

calib.slope is derived so that the need-weighted mean over the city's stock is 1 - calib.mean_prebound
(the 30 % of the study); a retrofitted building, with a lower need, is scaled less, so retrofits save
less than calculated (the study's policy point). Hot water is not scaled.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.carriers import BUILDING_TYPES, RETROFIT_LEVELS
from ghgmodel.errors import ModelInputError
from ghgmodel.params import Parameters

DEMAND_BASES = ("tabula", "consumption")


@dataclass(frozen=True, kw_only=True)
class NeedTable:
    """Specific needs by type, TABULA span and retrofit level.

    Attributes:
        span_from, span_to: construction-year bounds of each TABULA span (inclusive).
        q_h_kwh_per_m2: array [type, span, retrofit level] of space-heating need, kWh/(m2 a).
        q_w_kwh_per_m2: array [type] of hot-water need, kWh/(m2 a).
    """

    span_from: np.ndarray
    span_to: np.ndarray
    q_h_kwh_per_m2: np.ndarray
    q_w_kwh_per_m2: np.ndarray

    def span_index(self, construction_year: np.ndarray) -> np.ndarray:
        """Index of the TABULA span of each construction year."""
        year = np.asarray(construction_year, dtype=np.int64)
        return np.clip(np.searchsorted(self.span_to, year, side="left"), 0, len(self.span_to) - 1)

    def span_label(self, index: np.ndarray) -> np.ndarray:
        labels = np.array([f"{a if a > 0 else ''}-{b if b < 9999 else ''}" for a, b in zip(self.span_from, self.span_to)], dtype=object)
        return labels[index]


def _spans(params: Parameters) -> list[tuple[int, int]]:
    spans = set()
    for key in params.keys("q_h_nd.SFH."):
        a, b = key.rsplit(".", 1)[1].split("_")
        spans.add((int(a), int(b)))
    return sorted(spans)


def _factor_spans(params: Parameters, level: str) -> list[tuple[int, int, float]]:
    out = []
    for key in params.keys(f"retrofit_factor.{level}."):
        a, b = key.rsplit(".", 1)[1].split("_")
        out.append((int(a), int(b), params.value(key)))
    return out


def prebound_factor(q_h: np.ndarray, params: Parameters) -> np.ndarray:
    """Ratio of consumption to calculated need for a calculated space-heating need q_h."""
    q_full = params.value("calib.q_full_kwh_per_m2")
    slope = params.value("calib.slope_per_kwh_per_m2")
    return np.clip(1.0 - slope * (np.asarray(q_h, dtype=float) - q_full), params.value("calib.floor"), 1.0)


def mean_prebound_ratio(q_h: np.ndarray, area_m2: np.ndarray, params: Parameters) -> float:
    """Need-weighted mean of consumption / need over buildings with space-heating need q_h on area_m2."""
    need = np.asarray(q_h, dtype=float) * np.asarray(area_m2, dtype=float)
    return float((need * prebound_factor(q_h, params)).sum() / need.sum()) if need.sum() > 0 else 1.0


def need_table(params: Parameters, demand_basis: str = "tabula") -> NeedTable:
    """The specific-need lookup table for all types, spans and retrofit levels."""
    if demand_basis not in DEMAND_BASES:
        raise ModelInputError(f"demand_basis = {demand_basis!r}; use one of {', '.join(DEMAND_BASES)}.")
    spans = _spans(params)
    q_h = np.zeros((len(BUILDING_TYPES), len(spans), len(RETROFIT_LEVELS)))
    for ti, btype in enumerate(BUILDING_TYPES):
        for si, (a, b) in enumerate(spans):
            existing = params.value(f"q_h_nd.{btype}.{a}_{b}" if btype != "NR" else "q_h_nd.NR.all")
            q_h[ti, si, 0] = existing
            for li, level in enumerate(RETROFIT_LEVELS[1:], start=1):
                explicit = f"q_h_nd_retrofit.{level}.{btype}.{a}_{b}"
                if explicit in params:
                    q_h[ti, si, li] = min(existing, params.value(explicit))
                    continue
                factor = next((f for f0, f1, f in _factor_spans(params, level) if f0 <= b <= f1 or (f0 <= a <= f1)), None)
                if factor is None:
                    raise ModelInputError(f"no retrofit_factor.{level} covers buildings built {a}-{b}; add one to retrofit.csv.")
                q_h[ti, si, li] = existing * factor
    if demand_basis == "consumption":
        q_h = q_h * prebound_factor(q_h, params)
    q_w = np.array([params.value(f"q_w_nd.{t}") for t in BUILDING_TYPES])
    return NeedTable(
        span_from=np.array([a for a, _ in spans]),
        span_to=np.array([b for _, b in spans]),
        q_h_kwh_per_m2=q_h,
        q_w_kwh_per_m2=q_w,
    )


def _codes(values: np.ndarray, categories: tuple[str, ...], what: str) -> np.ndarray:
    codes = pd.Categorical(np.asarray(values, dtype=object), categories=categories).codes.astype(np.int64)
    if (codes < 0).any():
        bad = np.asarray(values, dtype=object)[codes < 0][0]
        raise ModelInputError(f"{what} {bad!r} is unknown; use one of {', '.join(categories)}.")
    return codes


def type_index(building_type: np.ndarray) -> np.ndarray:
    return _codes(building_type, BUILDING_TYPES, "building type")


def retrofit_index(retrofit: np.ndarray) -> np.ndarray:
    return _codes(retrofit, RETROFIT_LEVELS, "retrofit level")


@dataclass(frozen=True, kw_only=True)
class HeatNeed:
    """Useful heat per building.

    Attributes:
        space_heat_mwh: space-heating need, MWh/a.
        hot_water_mwh: hot-water need, MWh/a.
    """

    space_heat_mwh: np.ndarray
    hot_water_mwh: np.ndarray

    @property
    def useful_heat_mwh(self) -> np.ndarray:
        return self.space_heat_mwh + self.hot_water_mwh


def calc_heat_need(
    building_type: np.ndarray,
    construction_year: np.ndarray,
    heated_area_m2: np.ndarray,
    retrofit: np.ndarray,
    params: Parameters,
    *,
    demand_basis: str = "tabula",
    table: NeedTable | None = None,
) -> HeatNeed:
    """Useful heat of each building (vectorised).

    Args:
        building_type: SFH, TH, MFH, AB or NR per building.
        construction_year: year of construction.
        heated_area_m2: TABULA reference area A_C,Ref in m2.
        retrofit: none, standard or advanced.
        params: parameter tables.
        demand_basis: `tabula` (calculated need) or `consumption` (prebound-calibrated).
        table: a precomputed NeedTable (speeds up repeated calls).
    """
    table = table or need_table(params, demand_basis)
    ti = type_index(np.asarray(building_type))
    si = table.span_index(construction_year)
    ri = retrofit_index(np.asarray(retrofit))
    area = np.asarray(heated_area_m2, dtype=float)
    return HeatNeed(
        space_heat_mwh=area * table.q_h_kwh_per_m2[ti, si, ri] / 1000.0,
        hot_water_mwh=area * table.q_w_kwh_per_m2[ti] / 1000.0,
    )
