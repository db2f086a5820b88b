"""Dortmund's targets applied to the heat pathway, and the gap to them.

The city's targets are for all sectors: Klima-Luft 2030 (-55 % against 1990) and climate neutrality
in 2035. No heat-sector target is published, so (target.heat_follows_city) heat must fall by the same
share as the city's total:

    city 1990      = city 2020 / (1 - reduction 2020 vs 1990)         = 3.28 Mt / 0.60 = 5.47 Mt
    city 2030      = city 1990 x (1 - 0.55)                            = 2.46 Mt
    heat target 2030 = heat in the base year x city 2030 / city 2022   = x 0.722
    heat target 2035 = heat in the base year x target.neutrality.residual_share_pct / 100
The base year of the pathway (2024) stands in for 2022.
"""

from __future__ import annotations

import pandas as pd

from ghgmodel.params import Parameters


def city_target_ratio_2030(params: Parameters) -> float:
    """City 2030 target divided by city emissions 2022."""
    city_1990 = params.value("city.ghg_t_per_year", 2020) / (1 - params.value("city.reduction_vs_1990_pct", 2020) / 100)
    target_2030 = city_1990 * (1 - params.value("target.klima_luft_2030.reduction_vs_1990_pct") / 100)
    return target_2030 / params.value("city.ghg_t_per_year", 2022)


def calc_targets(base_t: float, params: Parameters) -> pd.DataFrame:
    """Heat targets in t CO2e/a for 2030 and the neutrality year, from base-year heat emissions."""
    year_n = int(params.value("target.neutrality.year"))
    return pd.DataFrame(
        [
            {"year": 2030, "target": "Klima-Luft 2030", "target_t": base_t * city_target_ratio_2030(params)},
            {
                "year": year_n,
                "target": f"Klimaneutralität {year_n}",
                "target_t": base_t * params.value("target.neutrality.residual_share_pct") / 100,
            },
        ]
    )


def calc_gaps(totals: pd.Series, params: Parameters, base_year: int = 2024) -> pd.DataFrame:
    """Targets with the pathway's value and the gap (positive = above target) in t CO2e/a."""
    t = calc_targets(float(totals.loc[base_year]), params)
    t["pathway_t"] = [float(totals.loc[y]) for y in t["year"]]
    t["gap_t"] = t["pathway_t"] - t["target_t"]
    return t


def per_capita_t(total_t: float, population: float) -> float:
    return total_t / population
