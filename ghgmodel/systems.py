"""Heating systems: efficiencies, heat-pump seasonal performance and flow temperatures.

final energy = useful heat / efficiency, where a heat pump's "efficiency" is its seasonal performance
factor (SPF): useful heat per unit of electricity.

SPF at a design flow temperature T is scaled from the field mean by the ratio of Carnot COPs
(the rule "COP about half of Carnot" makes the half cancel):

    SPF(T) = SPF_field x COP_carnot(T) / COP_carnot(T_field),  COP_carnot(T) = (T + 273.15) / (T - T_source)

clipped to [spf.min, spf.max.<source>]: the Carnot scaling alone would promise 4.8 (air) and 6.0
(ground) at a 35 degC flow, more than field monitoring of heat pumps in German homes measures (Fraunhofer
ISE WP-QS im Bestand 2025: air 2.6-4.9, mean 3.41; brine 3.6-5.4, mean 4.3), so the caps sit half-way
between the field mean and the best monitored system.
"""

from __future__ import annotations

import numpy as np

from ghgmodel.carriers import HEATING_CARRIERS
from ghgmodel.params import Parameters

HP_SOURCES = ("air", "ground")


def spf_at_flow_temperature(source: str, flow_temp_c: np.ndarray, params: Parameters) -> np.ndarray:
    """Expected SPF of an air or ground source heat pump at a design flow temperature (degC)."""
    t_src = params.value(f"spf.source_temp_c.{source}")
    t_ref = params.value("spf.field_flow_temp_c")
    field = params.value(f"spf.{source}.field")
    t = np.asarray(flow_temp_c, dtype=float)
    carnot = (t + 273.15) / np.maximum(t - t_src, 1.0)
    carnot_ref = (t_ref + 273.15) / (t_ref - t_src)
    return np.clip(field * carnot / carnot_ref, params.value("spf.min"), params.value(f"spf.max.{source}"))


def flow_temperature_c(construction_year: np.ndarray, retrofit: np.ndarray, params: Parameters) -> np.ndarray:
    """Design flow temperature by age and retrofit state (degC)."""
    year = np.asarray(construction_year)
    ret = np.asarray(retrofit)
    unrenovated = np.where(
        year < 1984,
        params.value("hp.flow_temp_c.unrenovated_before_1984"),
        np.where(year < 2010, params.value("hp.flow_temp_c.unrenovated_1984_2009"), params.value("hp.flow_temp_c.from_2010")),
    )
    standard = np.minimum(unrenovated, params.value("hp.flow_temp_c.standard_retrofit"))
    advanced = np.minimum(unrenovated, params.value("hp.flow_temp_c.advanced_retrofit"))
    return np.where(ret == "advanced", advanced, np.where(ret == "standard", standard, unrenovated)).astype(float)


def default_efficiency(params: Parameters) -> dict[str, float]:
    """Efficiency (or field SPF) of each heating carrier without building-specific information."""
    eff = {c: params.value(f"eta.{c}") for c in HEATING_CARRIERS if f"eta.{c}" in params}
    eff["heat_pump_air"] = params.value("spf.air.field")
    eff["heat_pump_ground"] = params.value("spf.ground.field")
    missing = [c for c in HEATING_CARRIERS if c not in eff]
    if missing:
        from ghgmodel.errors import ParameterError

        raise ParameterError(f"no efficiency for {', '.join(missing)}; add eta.<carrier> rows to systems.csv.")
    return eff


def system_efficiency(carrier: np.ndarray, params: Parameters) -> np.ndarray:
    """Default efficiency or SPF per building from its heating carrier."""
    eff = default_efficiency(params)
    carrier = np.asarray(carrier, dtype=object)
    out = np.empty(len(carrier), dtype=float)
    for c, e in eff.items():
        out[carrier == c] = e
    return out
