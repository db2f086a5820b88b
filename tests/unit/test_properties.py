"""Properties the model must keep for any input (hypothesis)."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghgmodel import (
    BUILDING_TYPES,
    HEATING_CARRIERS,
    PathwayEngine,
    Project,
    Scenario,
    build_stock,
    calc_balance,
    calc_contributions,
    calc_pathway,
    check_contributions_add_up,
    load_parameters,
)
from ghgmodel.params import Parameters
from tests.factories import random_projects, stock_frame

P = load_parameters()
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(
    btype=st.sampled_from(BUILDING_TYPES),
    year=st.integers(1800, 2045),
    carrier=st.sampled_from(HEATING_CARRIERS),
    balance_year=st.integers(2000, 2045),
    factors=st.sampled_from(["geg", "bisko"]),
)
def test_zero_area_gives_zero_emissions(btype, year, carrier, balance_year, factors):
    b = pd.DataFrame([{"building_id": "x", "building_type": btype, "construction_year": year, "heated_area_m2": 0.0, "carrier": carrier}])
    r = calc_balance(b, P, year=balance_year, factor_set=factors).totals()
    assert r["useful_heat_mwh"] == 0 and r["final_energy_mwh"] == 0 and r["co2e_t"] == 0


@FAST
@given(
    spf_low=st.floats(1.5, 6.0),
    extra=st.floats(0.0, 2.0),
    area=st.floats(10, 5000),
    year=st.integers(1850, 2040),
    ground=st.booleans(),
)
def test_better_heat_pump_never_raises_emissions(spf_low, extra, area, year, ground):
    carrier = "heat_pump_ground" if ground else "heat_pump_air"
    rows = [
        {
            "building_id": "a",
            "building_type": "MFH",
            "construction_year": year,
            "heated_area_m2": area,
            "carrier": carrier,
            "system_efficiency": spf_low,
        },
        {
            "building_id": "b",
            "building_type": "MFH",
            "construction_year": year,
            "heated_area_m2": area,
            "carrier": carrier,
            "system_efficiency": min(8.0, spf_low + extra),
        },
    ]
    co2 = calc_balance(pd.DataFrame(rows), P, year=2024, factor_set="bisko").buildings["co2e_t"].to_numpy()
    assert co2[1] <= co2[0] + 1e-12


@FAST
@given(field=st.floats(2.5, 5.0), bump=st.floats(0.0, 1.0), seed=st.integers(0, 1000))
def test_better_heat_pumps_never_raise_the_pathway(field, bump, seed):
    """A higher field SPF of new heat pumps lowers (or keeps) emissions in every year."""
    b = stock_frame(seed)

    def with_spf(value):
        rows = P.table[P.table["key"] == "spf.air.field"].copy()
        rows["value"] = str(value)
        return P.with_overrides(rows)

    sc = Scenario(name="hp", hp_adoption_pct={"air": 8, "ground": 0, "limited": 8}, retrofit_rate_pct=0)
    lo, hi = with_spf(field), with_spf(field + bump)
    e_lo = calc_pathway(build_stock(b, lo), sc, lo).totals()["co2e_t"].to_numpy()
    e_hi = calc_pathway(build_stock(b, hi), sc, hi).totals()["co2e_t"].to_numpy()
    assert np.all(e_hi <= e_lo + 1e-6)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 5), wpg=st.booleans())
def test_contributions_add_up_to_the_joint_reduction(seed, n, wpg):
    rng = np.random.default_rng(seed)
    projects = random_projects(rng, n)
    members = {p.project_id: set(p.building_ids) for p in projects if p.building_ids}
    stock = build_stock(
        stock_frame(seed),
        P,
        member_projects=members,
        networks=pd.DataFrame([{"network_id": "net", "network_type": "chp_gas", "fed_in_base_mwh": 20000.0}]),
    )
    sc = Scenario(name="s", dh_path="wpg" if wpg else "frozen", dh_connection_rate_pct=3)
    c = calc_contributions(stock, sc, P, projects, variants=("central",))
    assert check_contributions_add_up(c) < 1e-6 * max(1.0, c.total["baseline_t"].abs().max())
    # and the joint reduction is what the engine gives against the baseline with and without the projects
    engine = PathwayEngine(stock, sc, P, projects)
    with_p = engine.run(unbacked=()).total_t
    without = engine.run(np.zeros(len(projects), dtype=bool), unbacked=()).total_t
    joint = c.total.set_index("year")["reduction_t"]
    assert np.allclose(without - with_p, joint.to_numpy(), rtol=1e-9, atol=1e-6)


def test_sampled_shapley_adds_up_too():
    common = {"owner": "X", "start_year": 2026, "end_year": 2030, "district_ids": ("d1",)}
    projects = [
        Project(project_id="a", name="A", project_type="dh_expansion", connection_share_pct=50, **common),
        Project(project_id="b", name="B", project_type="hp_programme", rate_pct_per_year=5, **common),
        Project(project_id="c", name="C", project_type="retrofit_programme", rate_pct_per_year=3, **common),
        Project(project_id="d", name="D", project_type="hp_programme", rate_pct_per_year=2, **common),
    ]
    stock = build_stock(stock_frame(7), P)
    exact = calc_contributions(stock, Scenario(name="s"), P, projects, variants=("central",))
    sampled = calc_contributions(stock, Scenario(name="s"), P, projects, variants=("central",), max_exact=2, n_permutations=24)
    assert exact.methods == {0: "exact"} and sampled.methods == {0: "sampled (24 orders)"}
    assert check_contributions_add_up(sampled) < 1e-6
    # the sample estimates the exact values within a few standard errors
    e = exact.by_year.set_index(["project_id", "year"])["attributed_t"]
    s = sampled.by_year.set_index(["project_id", "year"])
    assert (abs(s["attributed_t"] - e) <= 5 * s["attributed_se_t"] + 1e-6).all()


def test_pathway_is_flat_without_levers_and_fixed_factors():
    sc = Scenario(name="still", factor_set="geg", retrofit_rate_pct=0, boiler_replacement=False)
    e = calc_pathway(build_stock(stock_frame(3), P), sc, P).totals()["co2e_t"].to_numpy()
    assert np.allclose(e, e[0], rtol=1e-12)


@FAST
@given(seed=st.integers(0, 1000), change_year=st.integers(2026, 2040), rate=st.floats(0.5, 10))
def test_pathway_only_changes_after_a_lever_changes(seed, change_year, rate):
    b = build_stock(stock_frame(seed), P)
    base = Scenario(name="a", retrofit_rate_pct={2024: 1.0})
    changed = Scenario(name="b", retrofit_rate_pct={2024: 1.0, change_year - 1: 1.0, change_year: 1.0 + rate})
    e0 = calc_pathway(b, base, P).totals()["co2e_t"]
    e1 = calc_pathway(b, changed, P).totals()["co2e_t"]
    before = e0.index < change_year
    assert np.allclose(e0[before], e1[before], rtol=1e-12)
    assert (e1[~before] <= e0[~before] + 1e-6).all()
    assert e1.loc[change_year] < e0.loc[change_year]


@FAST
@given(seed=st.integers(0, 1000), retro=st.floats(0, 5), hp=st.floats(0, 5), conn=st.floats(0, 10))
def test_pathway_has_no_jumps(seed, retro, hp, conn):
    """With fixed factors, a year changes emissions by at most the share of buildings that may switch."""
    sc = Scenario(
        name="c",
        factor_set="geg",
        retrofit_rate_pct=retro,
        hp_adoption_pct={"air": hp, "ground": hp, "limited": hp},
        dh_connection_rate_pct=conn,
    )
    e = calc_pathway(build_stock(stock_frame(seed), P), sc, P).totals()["co2e_t"].to_numpy()
    moving = (retro + 3 * hp + conn) / 100 + 1 / P.value("boiler.lifetime_years")
    rel = np.abs(np.diff(e)) / e[:-1]
    assert rel.max() <= 1.5 * moving + 1e-9


def test_pathway_base_year_equals_the_static_balance():
    b = stock_frame(11)
    for fs in ("geg", "bisko"):
        pw = calc_pathway(build_stock(b, P), Scenario(name="x", factor_set=fs), P).totals()
        static = calc_balance(b, P, year=2024, factor_set=fs).totals()
        assert pw.loc[2024, "co2e_t"] == pytest.approx(static["co2e_t"], rel=1e-12)
        assert pw.loc[2024, "final_energy_mwh"] == pytest.approx(static["final_energy_mwh"], rel=1e-12)


def test_parameters_are_immutable_between_calls():
    before = P.table.copy()
    calc_pathway(build_stock(stock_frame(1), P), Scenario(name="x"), P)
    assert isinstance(P, Parameters)
    pd.testing.assert_frame_equal(before, P.table)
