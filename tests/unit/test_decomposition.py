"""Baseline, measures and unbacked assumptions on a toy city computed by hand; abatement costs; the shipped scenarios.

Toy city (GEG factors, so electricity is 560 g/kWh in every year and the electricity driver does nothing):
- A: MFH 1970, 1,000 m2, gas boiler, no room for a heat pump, in expansion area E1 of network n;
- B: MFH 1970, 1,000 m2, on network n;
- network n: gas CHP (GEG 180 g/kWh delivered), 1,000 MWh/a fed in the base year (B and other customers),
  15.3 % losses, pumping 1.5 % of the heat fed; a waste-heat plant of 100 MWh/a starts in 2027 (a baseline driver);
- M1 connects A in 2026 (dh_expansion, 100 %); M2 feeds 300 MWh/a of waste heat into n from 2027;
- the scenario assumes 10 %/a standard retrofits from 2025 (unbacked) and the WPG path for networks.
The baseline retrofits nothing and replaces no boiler (parameters set so), so every wedge is one line of arithmetic.
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ghgmodel import (
    Project,
    Scenario,
    annuity_factor,
    build_stock,
    calc_abatement,
    calc_contributions,
    calc_decomposition,
    calc_pathway,
    load_parameters,
)
from ghgmodel.decomposition import unbacked_levers
from ghgmodel.engine import PathwayEngine

ROOT = Path(__file__).resolve().parents[2]


def _override(**values):
    rows = [
        {"key": k, "value": str(v), "unit": u, "kind": "assumption", "rationale": "test"}
        for k, (v, u) in {
            "baseline.retrofit_rate_pct": (values.get("retrofit", 0), "%/a"),
            "boiler.lifetime_years": (1e12, "a"),
            "dh.unbacked_source": ("waste_heat", "type"),
        }.items()
    ]
    return load_parameters().with_overrides(pd.DataFrame(rows))


P = _override()
LOSS, PUMP, EL = 0.153, 0.015, 560.0
RESIDUAL = 180 * (1 - LOSS) - PUMP * EL  # g per kWh fed: GEG's 180 per kWh delivered without losses and pumping
U_NONE = 147.8586 + 15  # MWh/a useful heat of a 1,000 m2 MFH 1969-78 (TABULA + hot water)
U_STD = 147.8586 * 0.45 + 15  # after a standard retrofit (factor 0.45 before 1984)


def toy(projects=("M1", "M2")):
    b = pd.DataFrame(
        [
            {
                "building_id": "A",
                "building_type": "MFH",
                "construction_year": 1970,
                "heated_area_m2": 1000.0,
                "carrier": "gas",
                "hp_class": "unsuitable",
                "district_id": "d",
                "dh_network_id": "n",
                "in_dh_area": False,
                "expansion_area_id": "E1",
                "expansion_year": 2026,
            },
            {
                "building_id": "B",
                "building_type": "MFH",
                "construction_year": 1970,
                "heated_area_m2": 1000.0,
                "carrier": "district_heating",
                "hp_class": "unsuitable",
                "district_id": "d",
                "dh_network_id": "n",
                "in_dh_area": True,
            },
        ]
    )
    nets = pd.DataFrame([{"network_id": "n", "network_type": "chp_gas", "fed_in_base_mwh": 1000.0}])
    plants = pd.DataFrame(
        [{"network_id": "n", "plant_id": "p1", "name": "Abwärme", "source": "waste_heat", "heat_mwh_per_year": 100.0, "first_year": 2027}]
    )
    stock = build_stock(b, P, networks=nets, plants=plants)
    common = {"owner": "X", "status": "planned"}
    all_projects = {
        "M1": Project(
            project_id="M1",
            name="Anschluss A",
            project_type="dh_expansion",
            expansion_area_ids=("E1",),
            connection_share_pct=100,
            start_year=2026,
            end_year=2026,
            capex_eur=1_000_000,
            **common,
        ),
        "M2": Project(
            project_id="M2",
            name="Abwärme",
            project_type="dh_decarbonisation",
            network_id="n",
            heat_mwh_per_year=300,
            start_year=2027,
            end_year=2027,
            **common,
        ),
    }
    scenario = Scenario(
        name="toy",
        factor_set="geg",
        dh_path="wpg",
        retrofit_rate_pct={2024: 0, 2025: 10},
        retrofit_advanced_share_pct=0,
        dh_share_at_replacement_pct=50,
        fallback_system="gas_new",
    )
    return stock, scenario, [all_projects[k] for k in projects]


def test_the_wedges_add_up_to_the_pathway_by_hand():
    stock, sc, projects = toy()
    c = calc_contributions(stock, sc, P, projects, variants=("central",))
    d = calc_decomposition(stock, sc, P, projects, c)
    w = d.for_year(2030)
    # start: A burns gas, the network delivers 847 MWh at 180 g
    start = U_NONE / 0.90 * 0.240 + 1000 * (1 - LOSS) * 0.180
    assert w["start_t"] == pytest.approx(start, rel=1e-9)
    drivers = {x["driver"]: x["delta_t"] for x in w["drivers"]}
    # the plant displaces 100 MWh of residual heat
    assert drivers["networks"] == pytest.approx(-100 * (RESIDUAL - 40) / 1000, rel=1e-9)
    assert drivers["electricity"] == pytest.approx(0, abs=1e-9) and drivers["renovation"] == pytest.approx(0, abs=1e-9)
    assert drivers["replacement"] == pytest.approx(0, abs=1e-6)
    measures = {x["project_id"]: x["delta_t"] for x in w["measures"]}
    # M1: A's gas (43.43 t) against the network's extra heat, U/(1-loss) MWh fed at the residual factor plus pumping
    # (= known answer 5 of the reference sheet: 162.86 MWh x 180 g = 29.31 t)
    m1 = U_NONE / 0.90 * 0.240 - U_NONE / (1 - LOSS) * (RESIDUAL + PUMP * EL) / 1000
    assert U_NONE / (1 - LOSS) * (RESIDUAL + PUMP * EL) / 1000 == pytest.approx(U_NONE * 0.180)
    assert measures["M1"] == pytest.approx(-m1, rel=1e-9)
    assert measures["M2"] == pytest.approx(-300 * (RESIDUAL - 40) / 1000, rel=1e-9)
    unbacked = {x["lever"]: x["delta_t"] for x in w["unbacked"]}
    assert set(unbacked) == {"renovation", "network_path"}
    # six years of 10 %/a standard retrofits: both buildings (on the network) take 60 % x (U_none - U_std) less heat
    assert unbacked["renovation"] == pytest.approx(-2 * 0.6 * (U_NONE - U_STD) / (1 - LOSS) * (RESIDUAL + PUMP * EL) / 1000, rel=1e-9)
    # M2 and the plant give 400 of about 1,077 MWh fed: 37 % >= the 30 % of WPG 29, so the path needs no unbacked heat
    assert unbacked["network_path"] == pytest.approx(0, abs=1e-9)
    end = start + sum(drivers.values()) + sum(measures.values()) + sum(unbacked.values())
    assert w["end_t"] == pytest.approx(end, rel=1e-12)
    pathway = calc_pathway(stock, sc, P, projects=projects)
    assert pathway.totals().loc[2030, "co2e_t"] == pytest.approx(w["end_t"], rel=1e-12)
    useful = 0.4 * U_NONE + 0.6 * U_STD
    fed = (1000 * (1 - LOSS) - U_NONE + 2 * useful) / (1 - LOSS)
    by_hand = 400 * 0.040 + (fed - 400) * RESIDUAL / 1000 + fed * PUMP * EL / 1000
    assert w["end_t"] == pytest.approx(by_hand, rel=1e-9)
    net = pathway.networks.set_index("year")
    assert net.loc[2030, "duty_met_backed"] and net.loc[2030, "unbacked_mwh"] == 0
    assert w["gap_t"] == pytest.approx(w["end_t"] - w["target_t"])


def test_without_the_waste_heat_measure_the_legal_path_is_unbacked():
    stock, sc, projects = toy(("M1",))
    pathway = calc_pathway(stock, sc, P, projects=projects)
    net = pathway.networks.set_index("year")
    assert not net.loc[2030, "duty_met_backed"] and net.loc[2030, "duty_met"]
    share = 100 / net.loc[2030, "heat_fed_in_mwh"]
    assert net.loc[2030, "unbacked_mwh"] == pytest.approx((0.30 - share) * net.loc[2030, "heat_fed_in_mwh"])
    c = calc_contributions(stock, sc, P, projects, variants=("central",))
    w = calc_decomposition(stock, sc, P, projects, c).for_year(2030)
    unbacked = {x["lever"]: x["delta_t"] for x in w["unbacked"]}
    assert unbacked["network_path"] < 0
    # the target is a fixed number: it does not move with the portfolio
    stock2, sc2, both = toy()
    c2 = calc_contributions(stock2, sc2, P, both, variants=("central",))
    assert calc_decomposition(stock2, sc2, P, both, c2).for_year(2030)["target_t"] == w["target_t"]


def test_a_connection_is_credited_against_the_baseline_not_the_scenario():
    """The scenario's own heat-pump lever (8 %/a) must not be the counterfactual of a connection measure."""
    stock, sc, projects = toy(("M1",))
    eager = sc.with_levers(hp_adoption_pct={"air": 8, "ground": 8, "limited": 8})
    a = calc_contributions(stock, sc, P, projects, variants=("central",)).by_year
    b = calc_contributions(stock, eager, P, projects, variants=("central",)).by_year
    assert np.allclose(a["attributed_t"], b["attributed_t"])


def test_explain_says_why_a_connection_saves():
    stock, sc, projects = toy(("M1",))
    ex = calc_contributions(stock, sc, P, projects, variants=("central",)).explain.set_index("year")
    assert ex.loc[2030, "extra_heat_mwh"] == pytest.approx(U_NONE)
    assert ex.loc[2030, "counterfactual_g_per_kwh"] == pytest.approx(240 / 0.90)  # A's gas per kWh of heat
    assert ex.loc[2030, "network_g_per_kwh"] == pytest.approx(180)  # the network's extra heat, losses and pumping included


def test_abatement_cost_by_the_annuity_method():
    assert annuity_factor(0.03, 40) == pytest.approx(0.03 * 1.03**40 / (1.03**40 - 1))
    assert annuity_factor(0.0, 20) == pytest.approx(1 / 20)
    p = Project(
        project_id="x",
        name="X",
        owner="Y",
        project_type="dh_expansion",
        district_ids=("d",),
        start_year=2026,
        end_year=2026,
        capex_eur=1_000_000,
        funding_eur=200_000,
    )
    ab = calc_abatement(p, {y: 10.0 for y in range(2025, 2046)}, P)
    annual = 800_000 * annuity_factor(0.03, 40)
    assert ab.annual_cost_eur == pytest.approx(annual) and ab.avoided_t_per_year == pytest.approx(10)
    assert ab.eur_per_t == pytest.approx(annual / 10) and ab.years == (2026, 2045)
    # a measure that started before the base year counts only the investment that acts afterwards
    early = Project(**{**p.to_dict(), "start_year": 2023, "end_year": 2026})
    assert calc_abatement(early, {y: 10.0 for y in range(2025, 2046)}, P).annual_cost_eur == pytest.approx(annual * 2 / 4)
    assert calc_abatement(Project(**{**p.to_dict(), "capex_eur": 0, "funding_eur": 0}), {2030: 5}, P).reason == "no_cost"
    assert calc_abatement(p, {y: -1.0 for y in range(2025, 2046)}, P).eur_per_t is None


def test_more_than_63_building_list_projects():
    n = 70
    b = pd.DataFrame(
        {
            "building_id": [f"b{i}" for i in range(n)],
            "building_type": "SFH",
            "construction_year": 1960,
            "heated_area_m2": 120.0,
            "carrier": "gas",
            "district_id": "d",
        }
    )
    members = {f"p{i}": {f"b{i}"} for i in range(n)}
    stock = build_stock(b, P, member_projects=members)
    projects = [
        Project(project_id=f"p{i}", name="Eigene Gebäude", owner="X", project_type="own_building_conversion", building_ids=(f"b{i}",))
        for i in range(n)
    ]
    engine = PathwayEngine(stock, Scenario(name="s"), P, projects)
    for i in (0, 63, 64, 69):
        reached = set(stock.groups.loc[engine.reach[i], "member_code"])
        assert len(reached) == 1 and stock.member_sets[reached.pop()] == {f"p{i}"}


def test_shipped_trend_is_baseline_plus_decided_measures():
    params = load_parameters()
    shipped = {
        s["scenario_id"]: Scenario.from_dict(s["levers"]) for s in json.loads((ROOT / "data/sources/dortmund/scenarios.json").read_text())
    }
    assert unbacked_levers(shipped["trend"], params) == ()
    assert unbacked_levers(shipped["ohne-projekte"], params) == ()
    assert {"network_path", "renovation", "heat_pumps"} <= set(unbacked_levers(shipped["klimaneutral-2035"], params))
    planned = Project(project_id="a", name="A", owner="X", project_type="hp_programme", district_ids=("d",), status="planned")
    assert not shipped["trend"].selects(planned) and shipped["wpg-2045"].selects(planned)
    assert shipped["trend"].selects(Project(**{**planned.to_dict(), "status": "in_progress"}))


@pytest.mark.parametrize("seed", range(10))
def test_the_decomposition_adds_up_for_any_scenario(seed):
    """start + drivers + measures + unbacked = the scenario's pathway, for random levers (half of them at the baseline's
    value or zero) and measures."""
    rng = np.random.default_rng(seed)

    def maybe(value, default=0.0):
        return float(value) if rng.random() < 0.5 else default

    n = 40
    b = pd.DataFrame(
        {
            "building_id": [f"b{i}" for i in range(n)],
            "building_type": rng.choice(["SFH", "MFH", "TH"], n),
            "construction_year": rng.integers(1900, 2015, n),
            "heated_area_m2": rng.uniform(100, 900, n),
            "carrier": rng.choice(["gas", "oil", "district_heating", "heat_pump_air", "electric"], n),
            "hp_class": rng.choice(["air", "ground", "limited", "unsuitable"], n),
            "district_id": rng.choice(["d1", "d2"], n),
            "dh_network_id": "n",
            "in_dh_area": rng.random(n) < 0.3,
            "expansion_area_id": np.where(rng.random(n) < 0.4, "E1", ""),
            "expansion_year": np.where(rng.random(n) < 0.4, 2028, 0),
        }
    )
    params = load_parameters()
    nets = pd.DataFrame(
        [
            {"network_id": "n", "network_type": "chp_gas", "fed_in_base_mwh": 20000.0, "is_new": False, "first_year": 0},
            # a network built later, with customers of its own only from its first year (as PHOENIX-West)
            {
                "network_id": "m",
                "network_type": "boiler_gas",
                "fed_in_base_mwh": 5000.0,
                "is_new": True,
                "first_year": int(rng.integers(2025, 2036)),
            },
        ]
    )
    stock = build_stock(b, params, networks=nets)
    projects = [
        Project(
            project_id="x",
            name="X",
            owner="O",
            project_type="dh_expansion",
            district_ids=("d1",),
            connection_share_pct=40,
            start_year=2026,
            end_year=2031,
        ),
        Project(
            project_id="y",
            name="Y",
            owner="O",
            project_type="hp_programme",
            district_ids=("d2",),
            rate_pct_per_year=3,
            start_year=2025,
            end_year=2030,
        ),
        Project(
            project_id="z",
            name="Z",
            owner="O",
            project_type="dh_decarbonisation",
            network_id="n",
            heat_mwh_per_year=3000,
            start_year=2027,
            end_year=2029,
        ),
    ]
    sc = Scenario(
        name="r",
        el_path=str(rng.choice(["central", "fast", "slow"])),
        dh_path=str(rng.choice(["frozen", "wpg"])),
        retrofit_rate_pct=maybe(rng.uniform(0, 3), 0.7),
        hp_adoption_pct={"air": maybe(rng.uniform(0, 5))},
        dh_connection_rate_pct=maybe(rng.uniform(0, 8)),
        dh_connection_max_pct=float(rng.uniform(40, 95)),
        dh_share_at_replacement_pct=maybe(rng.uniform(0, 100), 50.0),
        fallback_system=str(rng.choice(["gas_new", "wood_new", "hp_air"])),
        h2_share_pct={2024: 0, 2045: maybe(rng.uniform(0, 30))},
    )
    c = calc_contributions(stock, sc, params, projects, variants=("central",))
    d = calc_decomposition(stock, sc, params, projects, c)
    end = calc_pathway(stock, sc, params, projects=projects).totals()["co2e_t"]
    for year in (2030, 2035):
        w = d.for_year(year)
        total = w["start_t"] + sum(x["delta_t"] for x in w["drivers"] + w["measures"] + w["unbacked"])
        assert total == pytest.approx(w["end_t"], rel=1e-9, abs=1e-6)
        assert w["end_t"] == pytest.approx(end.loc[year], rel=1e-9)
