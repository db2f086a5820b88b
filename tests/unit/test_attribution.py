"""Project contributions against hand-computed values, scenario and project validation, WPG indicators."""

import json

import numpy as np
import pandas as pd
import pytest

from ghgmodel import ModelInputError, Project, Scenario, build_stock, calc_contributions, calc_pathway, calc_wpg_indicators, load_parameters
from ghgmodel.contributions import _shapley_exact
from ghgmodel.targets import calc_gaps, city_target_ratio_2030

P = load_parameters()


def test_shapley_of_a_two_player_game():
    v = {0b00: np.array([0.0]), 0b01: np.array([10.0]), 0b10: np.array([20.0]), 0b11: np.array([24.0])}
    phi, se = _shapley_exact(2, lambda m: v[m])
    # phi_1 = 1/2 (10 - 0) + 1/2 (24 - 20) = 7; phi_2 = 1/2 (20 - 0) + 1/2 (24 - 10) = 17
    assert phi[:, 0].tolist() == [7.0, 17.0]
    assert phi.sum() == 24.0 and not se.any()


def carnot(t, src):
    return (t + 273.15) / (t - src)


def test_overlapping_projects_by_hand():
    """One gas SFH 1960; project A converts it to an air heat pump, project B retrofits half of it."""
    area = 121.22
    b = pd.DataFrame(
        [
            {
                "building_id": "h",
                "building_type": "SFH",
                "construction_year": 1960,
                "heated_area_m2": area,
                "carrier": "gas",
                "hp_class": "air",
                "district_id": "d",
            }
        ]
    )
    a = Project(
        project_id="A",
        name="Umstellung",
        owner="X",
        project_type="own_building_conversion",
        building_ids=("h",),
        target_system="hp",
        start_year=2025,
        end_year=2025,
    )
    r = Project(
        project_id="B",
        name="Sanierung",
        owner="X",
        project_type="retrofit_programme",
        district_ids=("d",),
        rate_pct_per_year=50,
        start_year=2025,
        end_year=2025,
        retrofit_depth="standard",
    )
    stock = build_stock(b, P, member_projects={"A": {"h"}})
    sc = Scenario(name="s", factor_set="geg", retrofit_rate_pct=0, boiler_replacement=False)
    # drivers=(): a frozen world (no baseline retrofits or replacements), so the effects are the measures' own
    c = calc_contributions(stock, sc, P, [a, r], variants=("central",), drivers=())

    u_none = (P.value("q_h_nd.SFH.1958_1968") + 10) * area / 1000
    u_std = (112 + 10) * area / 1000
    spf_70 = 3.41 * carnot(70, 3) / carnot(50, 3)  # unrenovated before 1984: 70 degC flow
    spf_45 = 3.41 * carnot(45, 3) / carnot(50, 3)  # after a standard retrofit: 45 degC
    e0 = u_none / 0.90 * 0.240
    e_a = u_none / spf_70 * 0.560
    e_b = 0.5 * e0 + 0.5 * u_std / 0.90 * 0.240
    e_ab = 0.5 * u_none / spf_70 * 0.560 + 0.5 * u_std / spf_45 * 0.560
    r_a, r_b, r_ab = e0 - e_a, e0 - e_b, e0 - e_ab
    phi_a = 0.5 * r_a + 0.5 * (r_ab - r_b)
    phi_b = 0.5 * r_b + 0.5 * (r_ab - r_a)

    got = c.by_year[c.by_year["year"] == 2030].set_index("project_id")
    assert got.loc["A", "standalone_t"] == pytest.approx(r_a, rel=1e-9)
    assert got.loc["B", "standalone_t"] == pytest.approx(r_b, rel=1e-9)
    assert got.loc["A", "attributed_t"] == pytest.approx(phi_a, rel=1e-9)
    assert got.loc["B", "attributed_t"] == pytest.approx(phi_b, rel=1e-9)
    assert got["attributed_t"].sum() == pytest.approx(r_ab, rel=1e-12)
    # the retrofit lowers the flow temperature, so the heat pump does better: together they achieve more than
    # their standalone effects add up to, and the attributed shares split that surplus equally
    assert r_a + r_b < r_ab
    assert got.loc["A", "attributed_t"] - r_a == pytest.approx(got.loc["B", "attributed_t"] - r_b)
    assert c.by_year[c.by_year["year"] == 2024]["attributed_t"].abs().max() == 0


def test_network_project_displaces_the_network_factor():
    """Waste heat fed into a network lowers the factor of every connected building in proportion."""
    b = pd.DataFrame(
        [
            {
                "building_id": "h",
                "building_type": "MFH",
                "construction_year": 1970,
                "heated_area_m2": 1000,
                "carrier": "district_heating",
                "dh_network_id": "n",
                "district_id": "d",
            }
        ]
    )
    fed = 1000.0  # MWh/a fed into the network incl. other customers
    stock = build_stock(b, P, networks=pd.DataFrame([{"network_id": "n", "network_type": "chp_gas", "fed_in_base_mwh": fed}]))
    p = Project(
        project_id="W",
        name="Abwärme",
        owner="DEW21",
        project_type="dh_decarbonisation",
        network_id="n",
        heat_mwh_per_year=250,
        start_year=2026,
        end_year=2026,
    )
    sc = Scenario(name="s", factor_set="geg", retrofit_rate_pct=0, boiler_replacement=False)
    pw = calc_pathway(stock, sc, P, projects=[p])
    f = pw.network_factors.set_index("year")["ef_g_per_kwh"]
    loss, pump, el = 0.153, 0.015, 560.0
    residual = 180 * (1 - loss) - pump * el  # GEG's 180 g per kWh delivered, per kWh fed without losses and pumping
    delivered = fed * (1 - loss)
    assert f.loc[2025] == pytest.approx(180)  # a purely fossil network delivers at the GEG factor
    expected = (750 * residual + 250 * 40 + fed * pump * el) / delivered  # 250 of 1000 MWh from waste heat at 40 g/kWh
    assert f.loc[2026] == pytest.approx(expected, rel=1e-12)
    total = pw.totals()
    # the whole network's delivered heat (building + other customers) carries the factor
    assert total.loc[2026, "co2e_t"] == pytest.approx(delivered * f.loc[2026] / 1000, rel=1e-9)
    net = pw.networks.set_index("year")
    assert net.loc[2026, "clean_mwh"] == pytest.approx(250) and net.loc[2026, "residual_mwh"] == pytest.approx(750)
    assert net.loc[2026, "losses_mwh"] == pytest.approx(fed * loss) and net.loc[2026, "pumping_el_mwh"] == pytest.approx(fed * pump)
    assert net.loc[2026, "renewable_or_waste_heat_share_pct"] == pytest.approx(25.0)


def test_wpg_path_forces_the_legal_minimum_share():
    b = pd.DataFrame(
        [
            {
                "building_id": "h",
                "building_type": "MFH",
                "construction_year": 1970,
                "heated_area_m2": 1000,
                "carrier": "district_heating",
                "dh_network_id": "n",
            }
        ]
    )
    pw = calc_pathway(
        build_stock(b, P), Scenario(name="w", factor_set="geg", dh_path="wpg", boiler_replacement=False, retrofit_rate_pct=0), P
    )
    share = pw.network_factors.set_index("year")["renewable_share"]
    assert share.loc[2030] == pytest.approx(0.30) and share.loc[2040] == pytest.approx(0.80) and share.loc[2045] == pytest.approx(1.0)
    assert share.loc[2035] == pytest.approx(0.55)
    # no plant and no measure delivers it: all of it is the network's unbacked assumption (large heat pumps)
    net = pw.networks.set_index("year")
    assert net.loc[2035, "backed_share_pct"] == 0 and net.loc[2035, "unbacked_mwh"] == pytest.approx(
        0.55 * net.loc[2035, "heat_fed_in_mwh"]
    )
    assert bool(net.loc[2035, "duty_met"]) and not bool(net.loc[2035, "duty_met_backed"])
    f = pw.network_factors.set_index("year")["ef_g_per_kwh"]
    loss, pump, el = 0.153, 0.015, 560.0
    assert f.loc[2045] == pytest.approx((el / P.value("large_hp.spf") + pump * el) / (1 - loss))


def test_scenario_round_trips_through_json_and_rejects_bad_levers():
    sc = Scenario(
        name="Klimaneutral 2035", retrofit_rate_pct={2024: 1, 2030: 3}, hp_adoption_pct={"air": {2025: 4}}, project_ids=("a", "b")
    )
    again = Scenario.from_json(sc.to_json())
    assert again == sc and json.loads(sc.to_json())["retrofit_rate_pct"] == {"2024": 1.0, "2030": 3.0}
    with pytest.raises(ModelInputError, match="retrofit_rate_pct.*outside 0..20"):
        Scenario(name="x", retrofit_rate_pct=35)
    with pytest.raises(ModelInputError, match="el_path"):
        Scenario(name="x", el_path="cheap")
    with pytest.raises(ModelInputError, match="unknown lever"):
        Scenario.from_dict({"name": "x", "magic": 1})
    with pytest.raises(ModelInputError, match="name is empty"):
        Scenario(name="  ")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"project_type": "tunnel"}, "project_type"),
        ({"end_year": 2020, "start_year": 2025}, "before start_year"),
        ({"connection_share_pct": 120}, "outside 0..100"),
        ({"capex_eur": 10, "funding_eur": 20}, "above capex_eur"),
        ({"project_id": "a b"}, "letters, digits"),
        ({"district_ids": ()}, "no reach"),
    ],
)
def test_project_validation(changes, message):
    base = {
        "project_id": "p1",
        "name": "P",
        "owner": "Stadt",
        "project_type": "dh_expansion",
        "district_ids": ("d",),
        "connection_share_pct": 50,
    }
    base.update(changes)
    with pytest.raises(ModelInputError, match=message):
        Project(**base)


def test_wpg_indicators_are_consistent_with_the_pathway():
    rng = np.random.default_rng(2)
    n = 40
    b = pd.DataFrame(
        {
            "building_id": [str(i) for i in range(n)],
            "building_type": rng.choice(["SFH", "MFH"], n),
            "construction_year": rng.integers(1900, 2010, n),
            "heated_area_m2": rng.uniform(100, 900, n),
            "carrier": rng.choice(["gas", "oil", "district_heating", "heat_pump_air"], n),
            "district_id": "d",
        }
    )
    pw = calc_pathway(build_stock(b, P), Scenario(name="i", h2_share_pct={2024: 0, 2045: 50}), P)
    ind = calc_wpg_indicators(pw)
    tot = pw.totals()
    for y in (2030, 2035, 2040, 2045):
        iy = ind[ind["year"] == y]
        assert iy[iy["indicator"].str.startswith("2 ") & (iy["sector"] == "gesamt")]["value"].item() == pytest.approx(tot.loc[y, "co2e_t"])
        assert iy[iy["indicator"].str.startswith("1 ")]["value"].sum() == pytest.approx(tot.loc[y, "final_energy_mwh"])
        share = iy[iy["indicator"].str.startswith("4 ")]["value"].item()
        assert 0 <= share <= 100
        n_dh = iy[iy["indicator"] == "5 Gebäude mit Anschluss an ein Wärmenetz"]["value"].item()
        n_gas = iy[iy["indicator"] == "7 Gebäude mit Anschluss an ein Gasnetz"]["value"].item()
        assert n_dh + n_gas <= n + 1e-9
    # 2030: the grid gas holds 50 x 6/21 % hydrogen (a line from 0 in 2024 to 50 % in 2045), in old and new boilers alike;
    # boilers installed since 2024 burn 15 % green gas from 2029 (GEG 71 (9)), counted as biogas
    h2 = ind[(ind["year"] == 2030) & ind["indicator"].str.startswith("6 ")].set_index("carrier")["value"]
    assert h2["hydrogen"] / (h2["hydrogen"] + h2["gas"]) == pytest.approx(50 * 6 / 21 / 100)
    assert h2["biogas"] > 0


def test_targets_follow_the_city_and_gaps_are_differences():
    ratio = city_target_ratio_2030(P)
    # 1990 = 3.28 Mt / 0.6; 2030 = 45 % of that; divided by 3.4065 Mt (2022)
    assert ratio == pytest.approx(3.28e6 / 0.6 * 0.45 / 3.4065e6)
    totals = pd.Series({2024: 1000.0, 2030: 800.0, 2035: 300.0})
    g = calc_gaps(totals, P).set_index("year")
    assert g.loc[2030, "target_t"] == pytest.approx(1000 * ratio)
    assert g.loc[2030, "gap_t"] == pytest.approx(800 - 1000 * ratio)
    assert g.loc[2035, "target_t"] == 0 and g.loc[2035, "gap_t"] == 300


def test_connection_year_and_rate_per_expansion_area():
    """An area's own year and rate replace the planned year and the general rate, for that area only."""
    b = pd.DataFrame(
        [
            {
                "building_id": "a",
                "building_type": "MFH",
                "construction_year": 1970,
                "heated_area_m2": 1000,
                "carrier": "gas",
                "expansion_area_id": "E1",
                "expansion_year": 2030,
            },
            {
                "building_id": "b",
                "building_type": "MFH",
                "construction_year": 1970,
                "heated_area_m2": 1000,
                "carrier": "gas",
                "expansion_area_id": "E2",
                "expansion_year": 2030,
            },
        ]
    )
    base = dict(
        name="s", factor_set="geg", boiler_replacement=False, retrofit_rate_pct=0, dh_connection_rate_pct=10, dh_connection_max_pct=100
    )
    stock = build_stock(b, P)

    def dh(sc):
        h = calc_pathway(stock, sc, P).heating
        return h[h["heating"] == "district_heating"].groupby("year")["n_buildings"].sum().reindex(range(2024, 2046), fill_value=0.0)

    general = dh(Scenario(**base))
    assert general.loc[2029] == 0 and general.loc[2030] == pytest.approx(2 * 0.10)
    faster = dh(Scenario(**base, dh_connection_by_area={"E1": {"year": 2026, "rate_pct": 25}}))
    # E1 from 2026 at 25 %/a; E2 as before (2030, 10 %/a)
    assert faster.loc[2026] == pytest.approx(0.25)
    assert faster.loc[2029] == pytest.approx(1.0)
    assert faster.loc[2031] == pytest.approx(1.0 + 0.20)
    with pytest.raises(ModelInputError, match="rate_pct 80 is outside"):
        Scenario(**base, dh_connection_by_area={"E1": {"rate_pct": 80}})
    assert Scenario.from_json(Scenario(**base, dh_connection_by_area={"E1": {"year": 2026}}).to_json()).dh_connection_by_area == {
        "E1": {"year": 2026}
    }
