"""The policy baseline: what happens without any local measure, and the switches of the pathway engine.

Every scenario is split into three parts (issue "contributions a council can trust"):

- the **baseline drivers**, federal and EU rules and trends that act without any local measure, each a
  sourced parameter path (`baseline.csv`, `paths.csv`, `systems.csv`):
  `electricity` (the grid factor falls along the federal path), `renovation` (retrofits at the national
  pace), `replacement` (boilers replaced at the end of their life: like for like with the national
  heat-pump share before the GEG 65 % rule applies, then district heating where a network is at the door,
  a heat pump where one fits, else a gas boiler with the GEG 71 (9) green-gas shares), `networks` (each
  heat network's own plants start and stop in their years);
- the **measures**: the Climate City Contract's projects, each acting on its own reach;
- the **unbacked assumptions**: whatever the scenario assumes beyond the baseline and the measures,
  lever by lever (UNBACKED). They are never folded into the baseline.

A scenario's lever is an assumption about the *total*: where the measures already deliver part of it,
only the rest is unbacked. With scenario value s, baseline value b and the measures' value m of a rate,
the engine applies

    effective = max(s, min(s, b) + m)       (unbacked lever on)
    effective = b + m                       (unbacked lever off)

so the measures count towards a scenario's target, and a scenario below the national pace lowers it.
With every driver off nothing changes after the base year: the pathway stays at the base-year value.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ghgmodel.params import Parameters

DRIVERS = ("electricity", "renovation", "replacement", "networks")
UNBACKED = ("renovation", "heat_pumps", "dh_connections", "replacement", "network_path", "electricity", "hydrogen")


@dataclass(frozen=True, kw_only=True)
class Baseline:
    """The baseline levers, read from the parameter tables.

    Attributes:
        retrofit_rate_pct: share of buildings retrofitted per year (from the unrenovated ones).
        retrofit_advanced_share_pct: share of those retrofits done to the advanced level.
        hp_share_at_replacement_pct: share of end-of-life replacements that choose a heat pump (where
            one fits) before the GEG 65 % rule applies.
        dh_share_at_replacement_pct: share of replacements next to a network that connect, once the rule applies.
        fallback_system: the replacement where neither a network nor a heat pump fits.
        el_path: the federal grid-electricity path.
    """

    retrofit_rate_pct: float
    retrofit_advanced_share_pct: float
    hp_share_at_replacement_pct: float
    dh_share_at_replacement_pct: float
    fallback_system: str
    el_path: str


def baseline_levers(params: Parameters) -> Baseline:
    """The baseline levers of a parameter set."""
    return Baseline(
        retrofit_rate_pct=params.value("baseline.retrofit_rate_pct"),
        retrofit_advanced_share_pct=params.value("baseline.retrofit_advanced_share_pct"),
        hp_share_at_replacement_pct=params.value("baseline.hp_share_at_replacement_pct"),
        dh_share_at_replacement_pct=params.value("baseline.dh_share_at_replacement_pct"),
        fallback_system=params.text("baseline.fallback_system"),
        el_path=params.text("baseline.el_path"),
    )


def combine(scenario, base, measures, *, unbacked: bool):
    """The effective value of a rate: baseline plus measures, or the scenario's total where it is higher.

    Works elementwise on numbers and numpy arrays (see the module docstring).
    """
    if not unbacked:
        return base + measures
    return np.maximum(scenario, np.minimum(scenario, base) + measures)
