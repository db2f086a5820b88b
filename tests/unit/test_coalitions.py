"""The coalition game (ghgmodel.coalitions) gives what the engine gives, coalition by coalition."""

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ghgmodel import PathwayEngine, Scenario, build_stock, calc_contributions, load_parameters
from ghgmodel.baseline import DRIVERS, UNBACKED
from ghgmodel.coalitions import CoalitionGame, copies_needed
from tests.factories import random_projects, stock_frame

P = load_parameters()
NETS = pd.DataFrame([{"network_id": "net", "network_type": "chp_gas", "fed_in_base_mwh": 20000.0}])
PLANTS = pd.DataFrame(
    [{"network_id": "net", "plant_id": "w", "name": "Abwärme", "source": "waste_heat", "heat_mwh_per_year": 900.0, "first_year": 2029}]
)


def engine_for(seed: int, n: int, *, wpg: bool) -> PathwayEngine:
    projects = random_projects(np.random.default_rng(seed), n)
    members = {p.project_id: set(p.building_ids) for p in projects if p.building_ids}
    stock = build_stock(stock_frame(seed), P, member_projects=members, networks=NETS, plants=PLANTS)
    sc = Scenario(name="s", dh_path="wpg" if wpg else "frozen", dh_connection_rate_pct=3, hp_adoption_pct={"air": 2})
    return PathwayEngine(stock, sc, P, projects)


def all_coalitions(n: int) -> np.ndarray:
    return (np.arange(1 << n)[:, None] >> np.arange(n)) & 1 == 1


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), n=st.integers(1, 6), wpg=st.booleans(), unbacked=st.booleans())
def test_every_coalition_equals_its_own_engine_run(seed, n, wpg, unbacked):
    engine = engine_for(seed, n, wpg=wpg)
    ctx = {"drivers": DRIVERS, "unbacked": UNBACKED if unbacked else ()}
    game = CoalitionGame(engine, **ctx)
    active = all_coalitions(n)
    totals, heat = game.evaluate(active)
    for k, row in enumerate(active):
        run = engine.run(row, **ctx)
        assert np.allclose(totals[k], run.totals_t, rtol=1e-9, atol=1e-6)
        assert np.allclose(heat[k], run.dh_delivered_mwh, rtol=1e-9, atol=1e-6)


def test_copies_are_one_per_subset_of_the_measures_reaching_a_group():
    engine = engine_for(7, 4, wpg=True)
    reach = np.stack(engine.reach, axis=1)
    acts = np.array([p.project_type not in ("dh_decarbonisation",) for p in engine.projects])
    expected = int((2 ** (reach & acts).sum(axis=1)).sum())
    assert copies_needed(engine) == expected == CoalitionGame(engine, drivers=DRIVERS).n_copies


def test_contributions_are_the_same_with_and_without_copies():
    """The fallback (one engine run per coalition) and the game give the same exact Shapley values."""
    projects = random_projects(np.random.default_rng(11), 5)
    members = {p.project_id: set(p.building_ids) for p in projects if p.building_ids}
    stock = build_stock(stock_frame(11), P, member_projects=members, networks=NETS, plants=PLANTS)
    sc = Scenario(name="s", dh_path="wpg")
    fast = calc_contributions(stock, sc, P, projects, variants=("central",))
    slow = calc_contributions(stock, sc, P, projects, variants=("central",), max_copies=0)
    assert set(fast.methods.values()) <= {"exact", "no effect after the base year"}
    cols = ["standalone_t", "attributed_t"]
    assert np.allclose(fast.by_year[cols].to_numpy(), slow.by_year[cols].to_numpy(), rtol=1e-9, atol=1e-6)
    pd.testing.assert_frame_equal(fast.explain, slow.explain, check_exact=False, rtol=1e-9, atol=1e-6)
