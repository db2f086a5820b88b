"""Issue 13 by hand: the demand calibration, a toy district's non-residential demand, every WPG Anlage 2 III
indicator of a toy city (heat network and gas network kept apart), the grade -> area-type rule, the SPF caps."""

import numpy as np
import pandas as pd
import pytest

from ghgmodel import Scenario, build_stock, calc_pathway, calc_wpg_indicators, load_parameters
from ghgmodel.demand import calc_heat_need, prebound_factor
from ghgmodel.epc import efficiency_class, share_e_or_better_pct
from ghgmodel.nonres import calc_nonres_stock
from ghgmodel.supply import GRADES, area_type_from_grades, classify_supply_area, grade_decentral, grade_heat_network
from ghgmodel.systems import spf_at_flow_temperature

P = load_parameters()


# --- 1. calibration ----------------------------------------------------------------------------------
def test_prebound_line_by_hand():
    # 1 - 0.00305 x (q - 60), between 0.45 and 1
    q = np.array([40.0, 60.0, 147.8586, 200.0, 300.0])
    expected = [1.0, 1.0, 1 - 0.00305 * 87.8586, 1 - 0.00305 * 140, 0.45]
    assert prebound_factor(q, P) == pytest.approx(expected)


def test_consumption_basis_of_the_known_mfh_by_hand():
    # MFH 1969-78, 1,000 m2: q_h 147.8586 x 0.732031 = 108.2371 kWh/m2, + 15 hot water (not scaled)
    args = (np.array(["MFH"]), np.array([1970]), np.array([1000.0]), np.array(["none"]), P)
    tab = calc_heat_need(*args).useful_heat_mwh[0]
    cons = calc_heat_need(*args, demand_basis="consumption").useful_heat_mwh[0]
    assert tab == pytest.approx(162.8586)
    assert cons == pytest.approx(147.8586 * (1 - 0.00305 * 87.8586) + 15, rel=1e-9)
    assert cons == pytest.approx(123.2371, abs=1e-3)


def test_a_retrofit_saves_less_at_consumption_level_than_calculated():
    args = (np.array(["SFH", "SFH"]), np.array([1965, 1965]), np.array([100.0, 100.0]), np.array(["none", "standard"]), P)
    tab = calc_heat_need(*args).useful_heat_mwh
    cons = calc_heat_need(*args, demand_basis="consumption").useful_heat_mwh
    assert cons[0] - cons[1] < tab[0] - tab[1]


def test_the_slope_gives_the_studys_mean_on_a_stock():
    """The derivation of calib.slope: on a stock with the needs 100 and 250 (equal areas) the weighted mean ratio is
    (100 x 0.878 + 250 x max(0.45, 0.4205)) / 350 = (87.8 + 112.5) / 350 = 0.5723."""
    q = np.array([100.0, 250.0])
    r = prebound_factor(q, P)
    assert r == pytest.approx([1 - 0.00305 * 40, 0.45])
    assert (q * r).sum() / q.sum() == pytest.approx((100 * 0.878 + 250 * 0.45) / 350)


def test_efficiency_classes_on_a_n_by_hand():
    # 96 kWh/(m2 a) is C, 130 is E (edges are upper bounds, exclusive), 250 is H
    assert list(efficiency_class(np.array([29.9, 96.0, 130.0, 159.9, 250.0]), P)) == ["A+", "C", "E", "E", "H"]
    # 100 m2 living -> A_N 120 m2: 15.6 MWh -> 130 kWh/m2 (E); 24 MWh -> 200 (G); half of them E or better
    assert share_e_or_better_pct(np.array([15.6, 24.0]), np.array([100.0, 100.0]), P) == 50.0


# --- 2. non-residential demand of a toy district --------------------------------------------------------
def _nr_params():
    rows = [("nonres.persons_per_dwelling", 2.5, "persons/dwelling")]
    for u in ("office", "education", "retail", "health", "hospitality", "production"):
        rows.append((f"nonres.floor_m2_per_inhabitant.{u}", 2.0 if u == "office" else 0.0, "m2/person"))
        rows.append((f"nonres.useful_kwh_per_m2.{u}", 100.0, "kWh/(m2*a)"))
    rows += [
        ("nonres.carrier_share.gas", 0.8, "1"),
        ("nonres.carrier_share.oil", 0.2, "1"),
        ("nonres.carrier_share.electric", 0.0, "1"),
        ("nonres.carrier_share.heat_pump_air", 0.0, "1"),
        ("nonres.carrier_share.wood", 0.0, "1"),
        ("nonres.dh_share_in_area", 0.5, "1"),
    ]
    return P.with_overrides(
        pd.DataFrame([{"key": k, "value": str(v), "unit": u, "kind": "assumption", "rationale": "test"} for k, v, u in rows])
    )


def test_non_residential_demand_of_a_toy_district_by_hand():
    """2.5 persons per dwelling, two districts with 300 and 100 dwellings: district a has 750 people -> 1,500 m2 of
    offices at 100 kWh/m2 = 150 MWh/a; 40 % of its dwellings lie in a network area: 600 m2 inside, half on the
    network (300 m2, 30 MWh), the other 300 m2 inside and the 900 m2 outside by 80 % gas / 20 % oil."""
    p = _nr_params()
    d = pd.DataFrame({"district_id": ["a", "b"], "dwellings": [300, 100], "dh_area_share": [0.4, 0.0], "dh_network_id": ["n", ""]})
    rows = calc_nonres_stock(d, p)
    a = rows[rows["district_id"] == "a"]
    assert a["heated_area_m2"].sum() == pytest.approx(1500.0)
    assert a["useful_heat_mwh"].sum() == pytest.approx(150.0)
    by = a.groupby("carrier")["useful_heat_mwh"].sum()
    assert by["district_heating"] == pytest.approx(30.0)
    assert by["gas"] == pytest.approx(0.8 * (30.0 + 90.0))
    assert by["oil"] == pytest.approx(0.2 * (30.0 + 90.0))
    # the gas rows' final energy: useful / 0.90
    gas = a[a["carrier"] == "gas"]
    assert gas["final_energy_mwh"].sum() == pytest.approx(96.0 / 0.9)
    # synthetic buildings: 1,500 m2 / 1,000 m2 each
    assert a["n_buildings"].sum() == pytest.approx(1.5)
    b = rows[rows["district_id"] == "b"]
    assert b["useful_heat_mwh"].sum() == pytest.approx(50.0) and not b["in_dh_area"].any()
    assert set(rows["sector"]) == {"non_residential"}


def test_non_residential_rows_keep_their_heat_in_the_pathway_and_fill_the_network_before_the_rest():
    p = _nr_params()
    d = pd.DataFrame({"district_id": ["a"], "dwellings": [300], "dh_area_share": [1.0], "dh_network_id": ["n"]})
    nr = calc_nonres_stock(d, p, inhabitants=1000)  # 2,000 m2, 200 MWh/a; 100 MWh/a on the network
    res = pd.DataFrame(
        [
            {
                "building_id": "h",
                "building_type": "MFH",
                "construction_year": 1970,
                "heated_area_m2": 1000.0,
                "carrier": "gas",
                "district_id": "a",
            }
        ]
    )
    b = pd.concat([res, nr.drop(columns=["use", "useful_heat_mwh"])], ignore_index=True)
    nets = pd.DataFrame([{"network_id": "n", "network_type": "chp_gas", "fed_in_base_mwh": 1000.0}])
    pw = calc_pathway(build_stock(b, p, networks=nets), Scenario(name="x", factor_set="geg"), p)
    base = pw.by_district[pw.by_district["year"] == 2024]
    assert base.loc[base["sector"] == "non_residential", "useful_heat_mwh"].sum() == pytest.approx(200.0)
    n0 = pw.networks[(pw.networks["year"] == 2024) & (pw.networks["network_id"] == "n")].iloc[0]
    assert n0["delivered_non_residential_mwh"] == pytest.approx(100.0)
    # the other customers are only what the base leaves: 1,000 x (1 - 0.153) - 100
    assert n0["delivered_other_mwh"] == pytest.approx(1000 * (1 - 0.153) - 100.0)
    assert base.loc[base["sector"] == "non_residential", "floor_area_m2"].sum() == pytest.approx(2000.0)


def test_a_new_networks_other_customers_start_with_its_first_year():
    """PHOENIX-West (first year 2026) had 5,000 MWh of gas heat and 1.3 kt CO2e in 2024 and 2025, before it exists."""
    p = _nr_params()
    b = pd.DataFrame([{"building_id": "h", "building_type": "MFH", "construction_year": 1970, "heated_area_m2": 1000.0, "carrier": "gas"}])
    nets = pd.DataFrame(
        [{"network_id": "new", "network_type": "boiler_gas", "fed_in_base_mwh": 1000.0, "is_new": True, "first_year": 2026}]
    )
    sc = Scenario(name="x", factor_set="geg")
    pw = calc_pathway(build_stock(b, p, networks=nets), sc, p)
    n = pw.networks[pw.networks["network_id"] == "new"].set_index("year")
    assert n.loc[2024, "delivered_other_mwh"] == n.loc[2025, "delivered_other_mwh"] == 0.0
    assert n.loc[2024, "heat_fed_in_mwh"] == n.loc[2025, "co2e_t"] == 0.0
    assert n.loc[2026, "delivered_other_mwh"] == pytest.approx(1000 * (1 - 0.153))  # from its first year: the rest
    # the city's emissions of 2024 are the building's alone: the same as without the network
    alone = calc_pathway(build_stock(b, p), sc, p).totals()
    with_net = pw.totals()
    assert with_net.loc[2024, "co2e_t"] == pytest.approx(alone.loc[2024, "co2e_t"])
    assert with_net.loc[2026, "co2e_t"] > alone.loc[2026, "co2e_t"]


# --- 3. WPG indicators on a toy city -----------------------------------------------------------------------
def toy_city():
    """A: MFH 1970 1,000 m2 gas; B: MFH 1970 1,000 m2 on network n (gas CHP, 1,000 MWh/a fed in, a waste-heat
    plant of 100 MWh/a); nothing changes (no retrofit, no replacement), GEG factors."""
    b = pd.DataFrame(
        [
            {"building_id": "A", "building_type": "MFH", "construction_year": 1970, "heated_area_m2": 1000.0, "carrier": "gas"},
            {
                "building_id": "B",
                "building_type": "MFH",
                "construction_year": 1970,
                "heated_area_m2": 1000.0,
                "carrier": "district_heating",
                "dh_network_id": "n",
                "in_dh_area": True,
            },
        ]
    )
    nets = pd.DataFrame([{"network_id": "n", "network_type": "chp_gas", "fed_in_base_mwh": 1000.0}])
    plants = pd.DataFrame(
        [
            {
                "network_id": "n",
                "plant_id": "w",
                "name": "w",
                "source": "waste_heat",
                "heat_mwh_per_year": 100.0,
                "first_year": 2000,
                "last_year": 2100,
            }
        ]
    )
    sc = Scenario(name="t", factor_set="geg", retrofit_rate_pct=0, boiler_replacement=False)
    p = P.with_overrides(
        pd.DataFrame([{"key": "baseline.retrofit_rate_pct", "value": "0", "unit": "%/a", "kind": "assumption", "rationale": "test"}])
    )
    pw = calc_pathway(build_stock(b, p, networks=nets, plants=plants), sc, p)
    return calc_wpg_indicators(pw, years=(2030,), params=p), p


def _val(ind, number, carrier="", unit=None):
    r = ind[(ind["number"] == number) & (ind["carrier"] == carrier)]
    if unit:
        r = r[r["unit"] == unit]
    assert len(r) == 1, r
    return float(r["value"].iloc[0])


def test_wpg_indicators_of_a_toy_city_by_hand():
    ind, _ = toy_city()
    u = 147.8586 + 15  # useful heat of each house, MWh/a
    gas_a = u / 0.90
    dh_b = u  # delivered heat is final energy
    fed = 1000.0  # the base keeps the network at its fed-in heat: B and the other customers
    # 1: final energy by sector and carrier; the network's other customers are their own sector
    assert _val(ind[ind["sector"] == "residential"], 1, "gas") == pytest.approx(gas_a)
    assert _val(ind[ind["sector"] == "residential"], 1, "district_heating") == pytest.approx(dh_b)
    other = fed * (1 - 0.153) - dh_b
    assert _val(ind[ind["sector"] == "dh_other"], 1, "district_heating") == pytest.approx(other)
    # 3: the heat network's feed-in by carrier: 100 waste heat, 900 gas (residual), pumping 1.5 % of 1,000
    assert _val(ind, 3, "waste_heat", "MWh/a") == pytest.approx(100.0)
    assert _val(ind, 3, "gas", "MWh/a") == pytest.approx(900.0)
    assert _val(ind, 3, "electricity", "MWh/a") == pytest.approx(15.0)
    assert _val(ind, 3, "waste_heat", "%") == pytest.approx(100 * 100 / 1015)
    # 4: heat networks' share of all final energy (gas is not grid-bound heat in the WPG's sense)
    assert _val(ind, 4) == pytest.approx(100 * (dh_b + other) / (gas_a + dh_b + other))
    # 5 and 7: one building on each network
    five = ind[ind["number"] == 5]
    assert five.loc[five["unit"] == "Gebäude", "value"].iloc[0] == pytest.approx(1.0)
    assert five.loc[five["unit"] == "%", "value"].iloc[0] == pytest.approx(50.0)
    seven = ind[ind["number"] == 7]
    assert seven.loc[seven["unit"] == "Gebäude", "value"].iloc[0] == pytest.approx(1.0)
    # 6: only the gas network's carriers, never district heating
    six = ind[ind["number"] == 6]
    assert set(six["carrier"]) == {"gas"} and six["value"].sum() == pytest.approx(gas_a)
    # 8: no green methane without new boilers
    assert _val(ind, 8, "biogas") == pytest.approx(0.0)


def test_a_large_heat_pump_counts_its_electricity_and_ambient_heat():
    from ghgmodel.wpg import network_input_by_carrier

    ns = pd.DataFrame({"year": [2030], "source": ["large_hp"], "heat_mwh": [300.0]})
    got = network_input_by_carrier(ns, P).set_index("carrier")["mwh"]
    spf = P.value("large_hp.spf")
    assert got["electricity"] == pytest.approx(300 / spf)
    assert got["ambient_heat"] == pytest.approx(300 - 300 / spf)


# --- 4. grades and the area type ---------------------------------------------------------------------------
def test_grades_by_hand():
    # density 500 (conventional +1), cost 1500 x 120 x annuity(3 %, 40 a) / 500 = 15.6 EUR/MWh (+1), a network
    # next door (+1): 3 points -> sehr wahrscheinlich geeignet
    g = grade_heat_network(np.array([500.0]), np.array([0.0]), np.array([100.0]), np.array([5000.0]), P)
    assert g[0] == GRADES[0]
    # density 100 (new_build -1), cost 78 EUR/MWh (-1), no network within 500 m (-1): -3 -> sehr wahrscheinlich ungeeignet
    g = grade_heat_network(np.array([100.0]), np.array([0.0]), np.array([2000.0]), np.array([5000.0]), P)
    assert g[0] == GRADES[3]
    # decentral: 85 % fit (+2), density 100 (+1) -> sehr; 50 % fit (0), density 500 (-1) -> wahrscheinlich ungeeignet
    assert list(grade_decentral(np.array([85.0, 50.0]), np.array([100.0, 500.0]), P)) == [GRADES[0], GRADES[2]]


@pytest.mark.parametrize(
    ("g_net", "g_dec", "has_network", "expected"),
    [
        (0, 1, False, "waermenetzgebiet"),  # network better and suitable
        (1, 0, False, "dezentral"),  # decentral better and suitable
        (1, 1, True, "waermenetzgebiet"),  # a tie where a network already supplies
        (1, 1, False, "pruefgebiet"),  # a tie elsewhere: not yet decidable
        (2, 3, False, "pruefgebiet"),  # neither at least likely suitable
        (3, 2, True, "pruefgebiet"),
    ],
)
def test_the_area_type_follows_the_grades(g_net, g_dec, has_network, expected):
    assert area_type_from_grades([GRADES[g_net]], [GRADES[g_dec]], [has_network])[0] == expected


def test_no_area_contradicts_its_grades():
    rng = np.random.default_rng(1)
    n = 500
    kind, g_net, g_dec = classify_supply_area(
        rng.uniform(0, 1500, n), rng.uniform(0, 60, n), rng.uniform(0, 100, n), rng.uniform(0, 3000, n), rng.uniform(10, 1e5, n), P
    )
    net_ok = np.isin(g_net, GRADES[:2])
    dec_ok = np.isin(g_dec, GRADES[:2])
    assert net_ok[kind == "waermenetzgebiet"].all()
    assert dec_ok[kind == "dezentral"].all()


# --- 5. heat pumps -------------------------------------------------------------------------------------
def test_spf_is_capped_at_the_field_values():
    t = np.array([35.0, 70.0])
    air, ground = spf_at_flow_temperature("air", t, P), spf_at_flow_temperature("ground", t, P)
    assert air[0] == pytest.approx(4.16) and ground[0] == pytest.approx(4.85)  # half-way to the best system, rounded
    assert air[1] < 3.41 < air[0]


def test_flow_temperature_is_no_veto():
    from ghgmodel.heatpump import calc_hp_potential

    # an unrenovated 1960 house (70 degC flow) with room for probes and for an air unit
    hp = calc_hp_potential(
        np.array([20.0, 20.0]), np.array([1960, 1960]), np.array(["none", "none"]), np.array([400.0, 0.0]), np.array([30.0, 30.0]), P
    )
    assert list(hp.hp_class) == ["ground", "air"]
    excluded = calc_hp_potential(
        np.array([20.0]), np.array([1960]), np.array(["none"]), np.array([400.0]), np.array([30.0]), P, is_excluded=np.array([True])
    )
    assert excluded.hp_class[0] == "air"
