"""Monitoring by hand: a toy portfolio with two years of actuals gives the hand-computed plan, progress,
CO2e of the actuals, traffic lights and trends (ghgmodel.progress).

The toy city (frozen world: no baseline driver acts, GEG factors) has
- d1: ten gas SFH of 1960 (121.22 m2 each, air heat pumps fit), reached by HP, a heat-pump programme of
  10 %/a from 2025 to 2030, and by F, a retrofit programme that starts in 2027;
- d2: four gas MFH on network m, reached by E, a district-heating expansion connecting 50 % by 2026;
- network n: one district-heated MFH, 1,000 MWh/a fed in; W feeds 250 MWh/a of waste heat by 2026;
- G: an idea (no light, no CO2e).
Reported: HP 1 heat pump in 2025, none in 2026 (a report of 0); W 125 MWh in 2025, 200 MWh in 2026; E 1
connection in 2025 and no report for 2026.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ghgmodel import PathwayEngine, Project, Scenario, build_stock, calc_contributions, load_parameters
from ghgmodel.progress import calc_metered_correction, calc_plan, calc_progress, traffic_light

P = load_parameters()
SC = Scenario(name="s", factor_set="geg", retrofit_rate_pct=0, boiler_replacement=False)
AREA = 121.22
U_NONE = (P.value("q_h_nd.SFH.1958_1968") + 10) * AREA / 1000  # useful heat of one SFH 1960, MWh/a


def carnot(t, src):
    return (t + 273.15) / (t - src)


SPF_70 = 3.41 * carnot(70, 3) / carnot(50, 3)  # an air heat pump at 70 degC flow (unrenovated, before 1984)
DELTA_T = U_NONE * (0.240 / 0.90 - 0.560 / SPF_70)  # t CO2e/a one heat pump saves against the gas boiler


def buildings() -> pd.DataFrame:
    sfh = [
        {"building_id": f"h{i}", "building_type": "SFH", "construction_year": 1960, "heated_area_m2": AREA, "carrier": "gas"}
        | {"district_id": "d1", "hp_class": "air"}
        for i in range(10)
    ]
    mfh = [
        {"building_id": f"e{i}", "building_type": "MFH", "construction_year": 1970, "heated_area_m2": 500, "carrier": "gas"}
        | {"district_id": "d2", "hp_class": "air", "dh_network_id": "m"}
        for i in range(4)
    ]
    dh = {"building_id": "n1", "building_type": "MFH", "construction_year": 1970, "heated_area_m2": 1000, "carrier": "district_heating"}
    return pd.DataFrame([*sfh, *mfh, dh | {"district_id": "d3", "dh_network_id": "n"}])


NETWORKS = pd.DataFrame(
    [{"network_id": "n", "network_type": "chp_gas", "fed_in_base_mwh": 1000.0}, {"network_id": "m", "network_type": "chp_gas"}]
)


def project(pid, ptype, **kw) -> Project:
    return Project(project_id=pid, name=pid, owner="X", project_type=ptype, **kw)


HP = project(
    "HP", "hp_programme", district_ids=("d1",), rate_pct_per_year=10, start_year=2025, end_year=2030, capex_eur=1e6, funding_eur=3e5
)
W = project("W", "dh_decarbonisation", network_id="n", heat_mwh_per_year=250, start_year=2025, end_year=2026, status="in_progress")
E = project("E", "dh_expansion", district_ids=("d2",), connection_share_pct=50, start_year=2025, end_year=2026, status="approved")
F = project("F", "retrofit_programme", district_ids=("d1",), rate_pct_per_year=5, start_year=2027, end_year=2030, retrofit_depth="standard")
G = project("G", "hp_programme", district_ids=("d2",), rate_pct_per_year=5, start_year=2025, end_year=2026, status="idea")
PROJECTS = [HP, W, E, F, G]
ACTUALS = pd.DataFrame(
    [
        {"project_id": "HP", "year": 2025, "heat_pumps_installed": 1, "spent_eur": 100_000, "funding_received_eur": 20_000},
        {"project_id": "HP", "year": 2026, "heat_pumps_installed": 0, "spent_eur": 150_000},
        {"project_id": "W", "year": 2025, "heat_mwh": 125},
        {"project_id": "W", "year": 2026, "heat_mwh": 200},
        {"project_id": "E", "year": 2025, "buildings_connected": 1},
    ]
)


@pytest.fixture(scope="module")
def toy():
    stock = build_stock(buildings(), P, networks=NETWORKS)
    engine = PathwayEngine(stock, SC, P, PROJECTS)
    plan = calc_plan(engine)
    c = calc_contributions(stock, SC, P, PROJECTS, variants=("central",), drivers=())
    attributed = c.by_year[c.by_year["variant"] == "central"][["project_id", "year", "attributed_t"]]
    total = c.total[c.total["variant"] == "central"][["year", "baseline_t", "reduction_t"]]
    targets = pd.DataFrame({"year": [2030, 2035], "target_t": [40.0, 5.0]})
    progress = calc_progress(PROJECTS, plan, ACTUALS, report_year=2026, params=P, attributed=attributed, total=total, targets=targets)
    return {"stock": stock, "plan": plan, "c": c, "progress": progress, "attributed": attributed.set_index(["project_id", "year"])}


def planned(plan, pid, indicator, year):
    row = plan[(plan["project_id"] == pid) & (plan["indicator"] == indicator) & (plan["year"] == year)]
    return float(row["planned"].iloc[0])


def test_the_plan_follows_each_measures_parameters_reach_and_ramp(toy):
    plan = toy["plan"]
    # HP: 10 eligible gas SFH x min(1, 10 % x active years)
    assert [planned(plan, "HP", "heat_pumps_installed", y) for y in (2024, 2025, 2026, 2030, 2035)] == pytest.approx([0, 1, 2, 6, 6])
    # E: 50 % of the 4 non-connected MFH x ramp (1/2 in 2025, 1 from 2026)
    assert [planned(plan, "E", "buildings_connected", y) for y in (2025, 2026)] == pytest.approx([1, 2])
    # W: 250 MWh/a x ramp, the level of the year
    assert [planned(plan, "W", "heat_mwh", y) for y in (2025, 2026, 2030)] == pytest.approx([125, 250, 250])
    # F: 5 %/a of the 10 unrenovated SFH from 2027; energy saved = final energy before minus after the retrofit
    assert planned(plan, "F", "buildings_retrofitted", 2026) == 0 and planned(plan, "F", "buildings_retrofitted", 2028) == pytest.approx(
        1.0
    )
    u_std = (P.value("q_h_nd_retrofit.standard.SFH.1958_1968") + 10) * AREA / 1000
    assert planned(plan, "F", "energy_saved_mwh", 2028) == pytest.approx(10 * 0.10 * (U_NONE - u_std) / 0.90)
    # money: capex and funding along the ramp (2 of 6 years by 2026)
    assert planned(plan, "HP", "spent_eur", 2026) == pytest.approx(1e6 * 2 / 6)
    assert planned(plan, "HP", "funding_received_eur", 2026) == pytest.approx(3e5 * 2 / 6)
    eligible = plan[(plan["project_id"] == "E") & (plan["indicator"] == "buildings_connected")]["eligible"].iloc[0]
    assert eligible == 4


def test_progress_to_date_and_the_traffic_lights(toy):
    h = toy["progress"].history.set_index(["project_id", "year"])
    # HP: 1 of 1 in 2025 (green), 1 of 2 by 2026 (50 %, red: below 60 %)
    assert h.loc[("HP", 2025), ["actual", "planned", "ratio_pct", "light"]].tolist() == [1.0, 1.0, 100.0, "green"]
    assert h.loc[("HP", 2026), ["actual", "planned", "ratio_pct", "light", "reason"]].tolist() == [1.0, 2.0, 50.0, "red", "far_behind"]
    # W: a level, not a sum: 200 of 250 MWh/a in 2026 (80 %, yellow)
    assert h.loc[("W", 2026), ["actual", "planned", "ratio_pct", "light"]].tolist() == [200.0, 250.0, 80.0, "yellow"]
    # E: no report for 2026 while its ramp runs: red, whatever the ratio (1 of 2)
    assert h.loc[("E", 2026), ["ratio_pct", "is_reported", "is_due", "light", "reason"]].tolist() == [50.0, False, True, "red", "no_report"]
    assert h.loc[("E", 2025), "light"] == "green"
    # F starts in 2027: no light; G is an idea: no light, whatever was (not) reported
    assert h.loc[("F", 2026), ["light", "reason"]].tolist() == ["none", "not_due"]
    assert h.loc[("G", 2026), ["light", "reason"]].tolist() == ["none", "idea"]
    city = toy["progress"].city_summary
    assert (city["n_green"], city["n_yellow"], city["n_red"], city["n_none"]) == (0, 1, 2, 2)


def test_the_rule_of_the_traffic_light():
    rule = {"green": P.value("monitoring.green_min_pct"), "yellow": P.value("monitoring.yellow_min_pct")}
    assert (rule["green"], rule["yellow"]) == (90, 60)
    light = lambda ratio, **kw: traffic_light(ratio, **({"is_due": True, "is_reported": True, "status": "in_progress"} | kw), **rule)[0]  # noqa: E731
    assert [light(r) for r in (120, 90, 89.99, 60, 59.99, 0)] == ["green", "green", "yellow", "yellow", "red", "red"]
    assert light(100, is_reported=False) == "red"
    assert light(100, status="stopped") == "red"
    assert light(100, is_due=False, is_reported=False) == "green"  # a finished measure need not report again
    assert light(float("nan"), is_reported=False) == "none"  # nothing planned to date: nothing to miss


def test_co2_of_the_actuals_by_hand(toy):
    h = toy["progress"].history.set_index(["project_id", "year"])
    phi = toy["attributed"]["attributed_t"]
    # HP alone acts in d1 until 2027 (F starts then): its contribution in 2026 is two heat pumps' saving
    assert phi[("HP", 2026)] == pytest.approx(2 * DELTA_T, rel=1e-9)
    # one heat pump of two delivered: half of it, i.e. exactly the one heat pump's saving
    assert h.loc[("HP", 2026), "delivery_since_base"] == pytest.approx(0.5)
    assert h.loc[("HP", 2026), "co2_actual_t"] == pytest.approx(DELTA_T, rel=1e-9)
    # W: 200 of 250 MWh since the base year (nothing before 2025); E: 1 of 2 connections
    assert h.loc[("W", 2026), "co2_actual_t"] == pytest.approx(0.8 * phi[("W", 2026)], rel=1e-12)
    assert h.loc[("E", 2026), "co2_actual_t"] == pytest.approx(0.5 * phi[("E", 2026)], rel=1e-12)
    assert np.isnan(h.loc[("G", 2026), "co2_actual_t"])  # not in the scenario: no contribution, no CO2e


def test_scaling_equals_the_model_run_on_the_actuals_where_the_effect_is_linear(toy):
    """A network's factor is linear in the clean heat and one heat pump saves what the next does: here
    scaling the contribution gives exactly what the model gives for the measures as delivered."""
    stock = toy["stock"]
    delivered = [
        project("HP", "hp_programme", district_ids=("d1",), rate_pct_per_year=10, start_year=2025, end_year=2025),
        project("W", "dh_decarbonisation", network_id="n", heat_mwh_per_year=200, start_year=2026, end_year=2026),
    ]
    c = calc_contributions(stock, SC, P, delivered, variants=("central",), drivers=())
    model = c.by_year[c.by_year["year"] == 2026].set_index("project_id")["attributed_t"]
    h = toy["progress"].history.set_index(["project_id", "year"])
    assert h.loc[("HP", 2026), "co2_actual_t"] == pytest.approx(model["HP"], rel=1e-9)
    assert h.loc[("W", 2026), "co2_actual_t"] == pytest.approx(model["W"], rel=1e-9)


def test_the_citys_pathway_actual_against_planned(toy):
    city = toy["progress"].city.set_index("year")
    phi = toy["attributed"]["attributed_t"]
    total = toy["c"].total.set_index("year")
    planned_2026 = total.loc[2026, "baseline_t"] - total.loc[2026, "reduction_t"]
    assert city.loc[2026, "plan_t"] == pytest.approx(planned_2026)
    # what was not delivered comes back on top of the plan: half of HP, a fifth of W, half of E
    shortfall = DELTA_T + 0.2 * phi[("W", 2026)] + 0.5 * phi[("E", 2026)]
    assert city.loc[2026, "actual_t"] == pytest.approx(planned_2026 + shortfall, rel=1e-12)
    assert city.loc[2024, "actual_t"] == pytest.approx(city.loc[2024, "plan_t"])  # the base year is observed
    s = toy["progress"].city_summary
    achieved = DELTA_T + 0.8 * phi[("W", 2026)] + 0.5 * phi[("E", 2026)]
    assert s["ratio_pct"] == pytest.approx(100 * achieved / (2 * DELTA_T + phi[("W", 2026)] + phi[("E", 2026)]))
    assert s["needed_t_per_year_2030"] == pytest.approx((city.loc[2026, "actual_t"] - 40.0) / 4)
    assert s["needed_t_per_year_2035"] == pytest.approx((city.loc[2026, "actual_t"] - 5.0) / 9)
    assert s["observed_t_per_year"] == pytest.approx((city.loc[2024, "actual_t"] - city.loc[2026, "actual_t"]) / 2)


def test_the_trend_each_measure_needs(toy):
    s = toy["progress"].summary.set_index("project_id")
    # HP: 6 heat pumps planned by 2030 and by 2035, 1 installed by 2026; 1 per year since 2025
    assert s.loc["HP", "needed_per_year_2030"] == pytest.approx((6 - 1) / 4)
    assert s.loc["HP", "needed_per_year_2035"] == pytest.approx((6 - 1) / 9)
    assert s.loc["HP", "pace_per_year"] == pytest.approx(1 / 2)
    # money to date: 250,000 of 333,333 EUR spent, 20,000 of 100,000 EUR funding received
    assert s.loc["HP", ["actual_spent_eur", "planned_spent_eur"]].tolist() == pytest.approx([250_000, 1e6 / 3])
    assert s.loc["HP", ["actual_funding_received_eur", "planned_funding_received_eur"]].tolist() == pytest.approx([20_000, 1e5])
    # W: a level; it must rise by (250 - 200) / 4 per year; it rose 75 MWh/a in the last year
    assert s.loc["W", "needed_per_year_2030"] == pytest.approx(50 / 4)
    assert s.loc["W", "pace_per_year"] == pytest.approx(75)


def test_more_than_the_reach_is_capped_and_flagged(toy):
    too_many = pd.DataFrame(
        [{"project_id": "E", "year": 2025, "buildings_connected": 9}, {"project_id": "E", "year": 2026, "buildings_connected": 0}]
    )
    p = calc_progress([E], toy["plan"], too_many, report_year=2026, params=P, attributed=toy["attributed"].reset_index())
    h = p.history.set_index("year")
    # 9 reported, 4 buildings in reach, 2 planned: counted as 4 of 2
    assert bool(h.loc[2026, "is_capped"]) and h.loc[2026, "delivery_since_base"] == pytest.approx(2.0)
    assert h.loc[2026, "ratio_pct"] == pytest.approx(450.0)  # the ratio shows what was reported


def test_metered_consumption_replaces_the_modelled_value_of_its_buildings():
    """b1 is metered at 20 MWh of gas in 2026; the programme converts a tenth of d1 each year in the model,
    the meter says b1 still burns its gas: the correction adds back the model's saving on b1 in 2026."""
    b = pd.DataFrame(
        [
            {"building_id": bid, "building_type": "SFH", "construction_year": 1960, "heated_area_m2": AREA, "carrier": "gas"}
            | {"district_id": "d1", "hp_class": "air", "final_energy_mwh": fe}
            for bid, fe in (("b1", 20.0), ("b2", np.nan))
        ]
    )
    stock = build_stock(b, P, member_projects={"__metered_2026": {"b1"}})
    engine = PathwayEngine(stock, SC, P, [HP])
    run = engine.run(drivers=(), unbacked=(), detail=True)
    covered = {2026: np.array(["__metered_2026" in stock.member_sets[c] for c in stock.groups["member_code"]])}
    corr = calc_metered_correction(engine, run, covered)
    modelled = 0.8 * 20 * 0.240 + 0.2 * (20 * 0.90 / SPF_70) * 0.560  # 2 of 10 years: a fifth on a heat pump
    assert corr.loc[2026] == pytest.approx(20 * 0.240 - modelled, rel=1e-9)
    assert corr.loc[2026] == pytest.approx(0.2 * 20 * (0.240 - 0.90 * 0.560 / SPF_70), rel=1e-9)


def test_a_finished_count_measure_needs_no_new_report_but_one_that_never_reported_is_red(toy):
    reported = calc_progress([E], toy["plan"], ACTUALS, report_year=2028, params=P).history.set_index("year")
    # E ended in 2026 with 1 of 2 connections reported: in 2028 no report is due, the light follows the ratio
    assert reported.loc[2028, ["is_due", "ratio_pct", "light", "reason"]].tolist() == [False, 50.0, "red", "far_behind"]
    silent = calc_progress([E], toy["plan"], ACTUALS.iloc[0:0], report_year=2028, params=P).history.set_index("year")
    assert silent.loc[2028, ["is_due", "light", "reason"]].tolist() == [True, "red", "no_report"]


def test_the_district_map_shares_each_measure_out_where_it_acts(toy):
    from ghgmodel.progress import calc_district_progress, calc_district_shares

    shares = calc_district_shares(PathwayEngine(toy["stock"], SC, P, PROJECTS)).set_index(["project_id", "district_id"])["share"]
    assert shares[("HP", "d1")] == 1.0 and shares[("E", "d2")] == 1.0 and shares[("W", "d3")] == 1.0  # W: its network's customers
    d = calc_district_progress(shares.reset_index(), toy["progress"].summary, P).set_index("district_id")
    phi = toy["attributed"]["attributed_t"]
    # d1: HP planned two heat pumps' saving, delivered one; F has not started (its planned CO2e is 0)
    assert d.loc["d1", ["co2_planned_t", "co2_actual_t", "ratio_pct", "light"]].tolist() == pytest.approx(
        [2 * DELTA_T, DELTA_T, 50.0, "red"]
    )
    assert d.loc["d1", ["n_measures", "n_red", "n_none"]].tolist() == [2, 1, 1]  # HP red, F not due
    assert d.loc["d2", ["n_measures", "n_red", "n_none"]].tolist() == [2, 1, 1]  # E without a report, G an idea
    assert d.loc["d3", "ratio_pct"] == pytest.approx(100 * 0.8 * phi[("W", 2026)] / phi[("W", 2026)])


def test_a_measure_completed_by_the_base_year_without_reports_is_not_followed(toy):
    done = project("D", "hp_programme", district_ids=("d1",), rate_pct_per_year=10, start_year=2022, end_year=2024, status="completed")
    engine = PathwayEngine(toy["stock"], SC, P, [done])
    h = calc_progress([done], calc_plan(engine), ACTUALS.iloc[0:0], report_year=2026, params=P).history.set_index("year")
    assert h.loc[2026, "planned"] == pytest.approx(3.0) and h.loc[2026, ["light", "reason"]].tolist() == ["none", "before_monitoring"]
