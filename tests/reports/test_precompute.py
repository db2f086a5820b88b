"""Precomputed results are found by the app, and never served once the data, parameters, portfolio or model
code have changed; an edited measure recomputes only its own component."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

import ghgmodel.contributions as contributions_module
import portfolio as pf
import reports.model as model_module
from ghgmodel import load_parameters
from heatdb.connect import connect
from reports.cache import ResultCache
from reports.model import ModelService
from reports.precompute import precompute
from tests.factories import make_portfolio

SCENARIO = "trend"


@pytest.fixture
def setup(dortmund_db, tmp_path):
    warehouse = connect(dortmund_db, read_only=True)
    pcon = pf.open_portfolio(make_portfolio(tmp_path / "portfolio.duckdb", dortmund_db), warehouse=warehouse)
    cache_dir = tmp_path / "cache"
    service = ModelService(warehouse=warehouse.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=ResultCache(cache_dir))
    precompute(service, warehouse.cursor, pcon.cursor, scenario_ids=[SCENARIO], reports=False)
    yield warehouse, pcon, cache_dir
    pcon.close()
    warehouse.close()


def fresh(warehouse, pcon, cache_dir, params=None, **kw) -> ModelService:
    """A new service on the same files, as a newly started app process would make it."""
    return ModelService(
        warehouse=warehouse.cursor, portfolio=pcon.cursor, params=params or load_parameters(), cache=ResultCache(cache_dir), **kw
    )


def no_compute(*a, **k):
    raise AssertionError("computed although precomputed")


def attributed(c: dict) -> pd.Series:
    return c["summary"].set_index("project_id")["attributed_2030_t"]


def test_a_new_process_finds_every_precomputed_result(setup, monkeypatch):
    warehouse, pcon, cache_dir = setup
    monkeypatch.setattr(model_module, "calc_contributions", no_compute)
    monkeypatch.setattr(model_module, "calc_decomposition", no_compute)
    monkeypatch.setattr(model_module, "calc_pathway", no_compute)
    svc = fresh(warehouse, pcon, cache_dir)
    sc = pf.scenario(pcon, SCENARIO)
    assert len(svc.contributions(sc)["summary"]) > 0
    assert set(svc.decomposition(sc)["steps"]["kind"]) >= {"start", "driver", "measure", "end"}
    assert len(svc.band(sc)) == 22


def test_a_changed_portfolio_is_computed_anew(setup):
    warehouse, pcon, cache_dir = setup
    sc = pf.scenario(pcon, SCENARIO)
    before = fresh(warehouse, pcon, cache_dir).contributions(sc)
    p = next(p for p in pf.projects(pcon) if p.project_id == "dogewo21-heizungsprogramm")
    pf.save_project(pcon, dataclasses.replace(p, rate_pct_per_year=p.rate_pct_per_year * 3))
    after = fresh(warehouse, pcon, cache_dir).contributions(sc)
    uncached = ModelService(warehouse=warehouse.cursor, portfolio=pcon.cursor, params=load_parameters()).contributions(sc)
    assert attributed(after)["dogewo21-heizungsprogramm"] > 2.5 * attributed(before)["dogewo21-heizungsprogramm"]
    pd.testing.assert_series_equal(attributed(after), attributed(uncached))


def test_changed_parameters_are_computed_anew(setup):
    warehouse, pcon, cache_dir = setup
    sc = pf.scenario(pcon, SCENARIO)
    params = load_parameters()
    rows = params.table[params.table["key"] == "eta.gas_condensing"].copy()
    rows["value"] = "0.80"
    changed = params.with_overrides(rows)
    before = fresh(warehouse, pcon, cache_dir).band(sc)["central"]
    after = fresh(warehouse, pcon, cache_dir, params=changed).band(sc)["central"]
    assert after.loc[2035] > before.loc[2035] + 1000  # worse new gas boilers: more emissions, not the cached path
    assert after.loc[2024] == pytest.approx(before.loc[2024])  # the base year has no new boilers


def test_another_data_version_or_model_code_is_computed_anew(setup, monkeypatch):
    warehouse, pcon, cache_dir = setup
    sc = pf.scenario(pcon, SCENARIO)
    calls = []
    real = model_module.calc_pathway
    monkeypatch.setattr(model_module, "calc_pathway", lambda *a, **k: calls.append(1) or real(*a, **k))
    fresh(warehouse, pcon, cache_dir).pathway(sc)
    assert calls == []
    fresh(warehouse, pcon, cache_dir, data_version=lambda: "another-warehouse").pathway(sc)
    assert calls == [1]
    monkeypatch.setattr(model_module, "model_code_version", lambda: "newer-code")
    fresh(warehouse, pcon, cache_dir).pathway(sc)
    assert calls == [1, 1]


def test_an_edit_recomputes_only_its_own_component(setup, monkeypatch):
    warehouse, pcon, cache_dir = setup
    sc = pf.scenario(pcon, "wpg-2045")
    svc = fresh(warehouse, pcon, cache_dir)
    svc.contributions(sc)
    components = svc.contributions(sc)["summary"].set_index("project_id")["component"]
    assert components.nunique() >= 2, "needs a portfolio with independent measures"
    calls = []
    real = contributions_module._component
    monkeypatch.setattr(contributions_module, "_component", lambda *a, **k: calls.append(a[4]) or real(*a, **k))
    alone = components[components.map(components.value_counts()) == 1].index[0]  # a measure alone in its component
    p = next(p for p in pf.projects(pcon) if p.project_id == alone)
    pf.save_project(pcon, dataclasses.replace(p, name=p.name + " (geändert)", end_year=p.end_year + 1))
    c = fresh(warehouse, pcon, cache_dir).contributions(sc)
    assert len(calls) == 3  # its component, in three variants; the others are read back
    assert all(len(comp) == 1 for comp in calls)
    assert np.isfinite(attributed(c)).all()


def test_fortschritts_first_view_is_precomputed_and_a_new_report_is_computed_anew(dortmund_db, tmp_path, monkeypatch):
    """The monitoring of the default scenario and latest year (planners' and residents' count) is precomputed; filing
    or publishing a report changes its key, so the precomputed one is not served after it."""
    import reports.monitoring_data as md
    from portfolio.actuals import list_actuals, publish_year

    warehouse = connect(dortmund_db, read_only=True)
    pcon = pf.open_portfolio(make_portfolio(tmp_path / "portfolio.duckdb", dortmund_db), warehouse=warehouse)
    cache_dir = tmp_path / "cache"
    service = ModelService(warehouse=warehouse.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=ResultCache(cache_dir))
    steps = precompute(service, warehouse.cursor, pcon.cursor, scenario_ids=[md.DEFAULT_SCENARIO])
    assert {"monitoring", "monitoring (published)"} <= {r["step"] for r in steps}
    built = md.build_monitoring_data
    monkeypatch.setattr(md, "build_monitoring_data", no_compute)
    svc = fresh(warehouse, pcon, cache_dir)
    sc = pf.scenario(pcon, md.DEFAULT_SCENARIO)
    for public in (False, True):
        year = md.default_report_year(pcon, published_only=public)
        assert md.monitoring_data(svc, warehouse.cursor(), pcon.cursor(), sc, md.DEFAULT_SCENARIO, year, public).meta["report_year"] == year
    # the residents' count changes when a year is withdrawn: computed anew, never the stored one
    published = list_actuals(pcon, published_only=True)["year"]
    assert len(published), "the seeded reports have a published year"
    publish_year(pcon, int(published.max()), published=False)
    year = md.default_report_year(pcon, published_only=True)
    with pytest.raises(AssertionError, match="computed although precomputed"):
        md.monitoring_data(svc, warehouse.cursor(), pcon.cursor(), sc, md.DEFAULT_SCENARIO, year, True)
    monkeypatch.setattr(md, "build_monitoring_data", built)
    assert md.monitoring_data(svc, warehouse.cursor(), pcon.cursor(), sc, md.DEFAULT_SCENARIO, year, True).meta["report_year"] == year
    pcon.close()
    warehouse.close()
