"""Rules of the Wärmeplanungsgesetz (WPG): indicators of Anlage 2 III, network duties, deadlines, privacy."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ghgmodel.carriers import GRID_BOUND
from ghgmodel.errors import ModelInputError
from ghgmodel.params import Parameters
from ghgmodel.pathway import Pathway

INDICATOR_YEARS = (2030, 2035, 2040, 2045)
GAS_GRID = ("gas", "hydrogen", "biogas")


def calc_wpg_indicators(pathway: Pathway, years=INDICATOR_YEARS) -> pd.DataFrame:
    """The target-scenario indicators of WPG Anlage 2 III for the given years.

    Returns a long table: indicator (Nr. and name), year, carrier ('' for totals), sector, value, unit.
    """
    d = pathway.by_district[pathway.by_district["year"].isin(years)]
    h = pathway.heating[pathway.heating["year"].isin(years)]
    rows = []
    for y in years:
        dy = d[d["year"] == y]
        total_final = dy["final_energy_mwh"].sum()
        for (sector, carrier), v in dy.groupby(["sector", "energy_carrier"])["final_energy_mwh"].sum().items():
            rows.append(("1 Endenergieverbrauch nach Sektor und Energieträger", y, carrier, sector, v, "MWh/a"))
        for sector, v in dy.groupby("sector")["co2e_t"].sum().items():
            rows.append(("2 Treibhausgasemissionen", y, "", sector, v, "t CO2e/a"))
        rows.append(("2 Treibhausgasemissionen", y, "", "gesamt", dy["co2e_t"].sum(), "t CO2e/a"))
        grid = dy[dy["energy_carrier"].isin(GRID_BOUND)]
        grid_total = grid["final_energy_mwh"].sum()
        for carrier, v in grid.groupby("energy_carrier")["final_energy_mwh"].sum().items():
            rows.append(("3 Leitungsgebundene Endenergie nach Energieträger", y, carrier, "", v, "MWh/a"))
            rows.append(
                (
                    "3 Anteil der Energieträger an der leitungsgebundenen Endenergie",
                    y,
                    carrier,
                    "",
                    100 * v / grid_total if grid_total else 0.0,
                    "%",
                )
            )
        rows.append(
            (
                "4 Anteil leitungsgebundener Wärme am Endenergieverbrauch",
                y,
                "",
                "",
                100 * grid_total / total_final if total_final else 0.0,
                "%",
            )
        )
        hy = h[h["year"] == y]
        n_all = hy["n_buildings"].sum()
        n_dh = hy.loc[hy["heating"] == "district_heating", "n_buildings"].sum()
        n_gas = hy.loc[hy["heating"].isin(GAS_GRID), "n_buildings"].sum()
        rows.append(("5 Gebäude mit Anschluss an ein Wärmenetz", y, "", "", n_dh, "Gebäude"))
        rows.append(("5 Anteil der Gebäude mit Anschluss an ein Wärmenetz", y, "", "", 100 * n_dh / n_all if n_all else 0.0, "%"))
        gas = dy[dy["energy_carrier"].isin(GAS_GRID)]
        for carrier, v in gas.groupby("energy_carrier")["final_energy_mwh"].sum().items():
            rows.append(("6 Über das Gasnetz bezogene Endenergie nach Energieträger", y, carrier, "", v, "MWh/a"))
        rows.append(("7 Gebäude mit Anschluss an ein Gasnetz", y, "", "", n_gas, "Gebäude"))
        rows.append(("7 Anteil der Gebäude mit Anschluss an ein Gasnetz", y, "", "", 100 * n_gas / n_all if n_all else 0.0, "%"))
    return pd.DataFrame(rows, columns=["indicator", "year", "carrier", "sector", "value", "unit"])


def network_renewable_duty(params: Parameters, year: int) -> float:
    """Minimum share of renewable or unavoidable waste heat a network must have in `year` (0 before 2030)."""
    series = params.series("wpg.dh_renewable_min_share")
    due = [v for y, v in series.items() if y <= year]
    return max(due) if due else 0.0


def check_network_renewable_share(renewable_mwh: float, total_mwh: float, year: int, params: Parameters) -> tuple[float, float, bool]:
    """(share, required share, passes) for WPG 29 and 31 in `year`."""
    if total_mwh <= 0:
        raise ModelInputError("total heat of the network must be positive.")
    if not 0 <= renewable_mwh <= total_mwh:
        raise ModelInputError(f"renewable heat {renewable_mwh:g} must lie between 0 and the total {total_mwh:g}.")
    share = renewable_mwh / total_mwh
    required = network_renewable_duty(params, year)
    return share, required, share >= required - 1e-12


def heat_plan_deadline(inhabitants_2024: int, params: Parameters) -> date:
    """Deadline of the heat plan by inhabitants on 1.1.2024 (WPG 4 (2))."""
    key = "wpg.plan_deadline_large" if inhabitants_2024 > params.value("wpg.large_municipality_inhabitants") else "wpg.plan_deadline_small"
    return date.fromisoformat(params.text(key))


def may_publish(n_units: int, kind: str, params: Parameters) -> bool:
    """Whether a figure over `n_units` buildings or addresses may be published.

    kind: `consumption` (WPG 10 (2), at least 5 addresses), `generators` (Anlage 1 Nr. 2, at least 3)
    or `publication` (our rule for every published figure, privacy.min_buildings).
    """
    limits = {
        "consumption": int(params.value("privacy.consumption_min_addresses")),
        "generators": int(params.value("privacy.generators_min")),
        "publication": int(params.value("privacy.min_buildings")),
    }
    if kind not in limits:
        raise ModelInputError(f"kind {kind!r}; use one of {', '.join(limits)}.")
    return n_units >= limits[kind]
