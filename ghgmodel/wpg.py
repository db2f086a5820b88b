"""Rules of the Wärmeplanungsgesetz (WPG): indicators of Anlage 2 III, network duties, deadlines, privacy."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ghgmodel.errors import ModelInputError
from ghgmodel.params import Parameters
from ghgmodel.pathway import Pathway

INDICATOR_YEARS = (2030, 2035, 2040, 2045)
GAS_GRID = ("gas", "hydrogen", "biogas")
HEAT_NETWORK = "district_heating"
# the source of a network's heat -> the energy carrier it is counted under (XWaermeplan WP_EnergieTraeger)
SOURCE_CARRIER = {
    "waste_heat": "waste_heat",
    "biomass": "biomass",
    "solar_thermal": "solar_thermal",
    "geothermal": "geothermal",
    "custom": "other",
    "chp_gas": "gas",
    "boiler_gas": "gas",
    "chp_coal": "coal",
    "boiler_coal": "coal",
    "electricity": "electricity",
}
INDICATOR_NAMES = {
    1: "1 Endenergieverbrauch nach Sektor und Energieträger",
    2: "2 Treibhausgasemissionen",
    3: "3 Leitungsgebundene Endenergie nach Energieträger",
    "3s": "3 Anteil der Energieträger an der leitungsgebundenen Endenergie",
    4: "4 Anteil leitungsgebundener Wärme am Endenergieverbrauch",
    5: "5 Gebäude mit Anschluss an ein Wärmenetz",
    "5s": "5 Anteil der Gebäude mit Anschluss an ein Wärmenetz",
    6: "6 Über das Gasnetz bezogene Endenergie nach Energieträger",
    7: "7 Gebäude mit Anschluss an ein Gasnetz",
    "7s": "7 Anteil der Gebäude mit Anschluss an ein Gasnetz",
    8: "8 Bedarf an grünem Methan im Zieljahr",
}


def network_input_by_carrier(network_sources: pd.DataFrame, params: Parameters) -> pd.DataFrame:
    """Heat fed into the heat networks per year by the carrier it comes from, MWh/a.

    Plants and measures count under their source's carrier, the scenario's unbacked heat under its
    source (large heat pumps: their electricity, heat / large_hp.spf, and the ambient heat they lift),
    the residual fossil heat under its fuel, pumping under electricity.
    """
    if network_sources is None or network_sources.empty:
        return pd.DataFrame(columns=["year", "carrier", "mwh"])
    ns = network_sources
    spf = params.value("large_hp.spf")
    rows = []
    for rec in ns[["year", "source", "heat_mwh"]].itertuples(index=False):
        if rec.source == "large_hp":
            rows.append((rec.year, "electricity", rec.heat_mwh / spf))
            rows.append((rec.year, "ambient_heat", rec.heat_mwh * (1 - 1 / spf)))
        else:
            rows.append((rec.year, SOURCE_CARRIER.get(rec.source, "other"), rec.heat_mwh))
    out = pd.DataFrame(rows, columns=["year", "carrier", "mwh"])
    return out.groupby(["year", "carrier"], as_index=False)["mwh"].sum()


def calc_wpg_indicators(pathway: Pathway, years=INDICATOR_YEARS, params: Parameters | None = None) -> pd.DataFrame:
    """The target-scenario indicators of WPG Anlage 2 III for the given years, as the law defines them.

    Heat networks (Waermenetze, "leitungsgebundene Waermeversorgung") and gas networks are kept apart:
    3 the energy fed into the heat networks by carrier (from the networks' mix: plants, measures,
    unbacked and residual heat, pumping) and the carriers' shares of it; 4 the share of heat-network
    heat in the final energy of all buildings; 5 buildings on a heat network; 6 final energy through the
    gas network by carrier (natural gas, hydrogen, biomethane); 7 buildings on the gas network; 8 the
    green methane needed in the target year (the biomethane of indicator 6 in the last year).

    Returns a long table: number (1..8), indicator (Nr. and name), year, carrier ('' for totals),
    sector, value, unit.
    """
    from ghgmodel.params import load_parameters

    params = params or load_parameters()
    d = pathway.by_district[pathway.by_district["year"].isin(years)]
    h = pathway.heating[pathway.heating["year"].isin(years)]
    feed = network_input_by_carrier(pathway.network_sources, params)
    feed = feed[feed["year"].isin(years)]
    rows = []

    def add(key, y, carrier, sector, value, unit):
        number = int(str(key).rstrip("s"))
        rows.append((number, INDICATOR_NAMES[key], y, carrier, sector, float(value), unit))

    for y in years:
        dy = d[d["year"] == y]
        total_final = dy["final_energy_mwh"].sum()
        for (sector, carrier), v in dy.groupby(["sector", "energy_carrier"])["final_energy_mwh"].sum().items():
            add(1, y, carrier, sector, v, "MWh/a")
        for sector, v in dy.groupby("sector")["co2e_t"].sum().items():
            add(2, y, "", sector, v, "t CO2e/a")
        add(2, y, "", "gesamt", dy["co2e_t"].sum(), "t CO2e/a")
        fy = feed[feed["year"] == y]
        fed = fy["mwh"].sum()
        for carrier, v in zip(fy["carrier"], fy["mwh"]):
            add(3, y, carrier, "", v, "MWh/a")
            add("3s", y, carrier, "", 100 * v / fed if fed else 0.0, "%")
        dh = dy.loc[dy["energy_carrier"] == HEAT_NETWORK, "final_energy_mwh"].sum()
        add(4, y, "", "", 100 * dh / total_final if total_final else 0.0, "%")
        hy = h[h["year"] == y]
        n_all = hy["n_buildings"].sum()
        n_dh = hy.loc[hy["heating"] == HEAT_NETWORK, "n_buildings"].sum()
        n_gas = hy.loc[hy["heating"].isin(GAS_GRID), "n_buildings"].sum()
        add(5, y, "", "", n_dh, "Gebäude")
        add("5s", y, "", "", 100 * n_dh / n_all if n_all else 0.0, "%")
        gas = dy[dy["energy_carrier"].isin(GAS_GRID)]
        for carrier, v in gas.groupby("energy_carrier")["final_energy_mwh"].sum().items():
            add(6, y, carrier, "", v, "MWh/a")
        add(7, y, "", "", n_gas, "Gebäude")
        add("7s", y, "", "", 100 * n_gas / n_all if n_all else 0.0, "%")
        if y == max(years):
            add(8, y, "biogas", "", gas.loc[gas["energy_carrier"] == "biogas", "final_energy_mwh"].sum(), "MWh/a")
    return pd.DataFrame(rows, columns=["number", "indicator", "year", "carrier", "sector", "value", "unit"])


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
