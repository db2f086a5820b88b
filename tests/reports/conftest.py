"""Fixtures of the report tests: one Dortmund dataset per session (about 13 s) with two scenarios beside it, its four
reports, the app's numbers.

The shipped portfolio is copied to tmp (tests freeze snapshots there; data/portfolio.duckdb is never written).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import portfolio as pf
from tests.factories import make_portfolio

REPO = Path(__file__).resolve().parents[2]
SCENARIO = "klimaneutral-2035"
COMPARED = ["trend", "wpg-2045"]


@pytest.fixture(scope="session")
def portfolio_copy(tmp_path_factory, dortmund_db) -> Path:
    """A private copy of the portfolio (seeded fresh when the shipped one does not exist)."""
    target = tmp_path_factory.mktemp("portfolio") / "portfolio.duckdb"
    if pf.DEFAULT_PORTFOLIO.exists():
        shutil.copyfile(pf.DEFAULT_PORTFOLIO, target)
    else:
        make_portfolio(target, dortmund_db)
    return target


@pytest.fixture(scope="session")
def warehouse(dortmund_db):
    from heatdb.connect import connect

    con = connect(dortmund_db, read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="session")
def service(warehouse, portfolio_copy):
    """The model service and the portfolio the reports are computed with, like the command line's."""
    from ghgmodel import load_parameters
    from reports.model import ModelService

    pcon = pf.open_portfolio(portfolio_copy, read_only=True, warehouse=warehouse)
    yield ModelService(warehouse=warehouse.cursor, portfolio=pcon.cursor, params=load_parameters()), pcon
    pcon.close()


@pytest.fixture(scope="session")
def dataset(warehouse, service):
    """The report dataset of the scenario 'Klimaneutral 2035', computed live like the command line does."""
    from reports.dataset import build_report_data, resolve_scenario

    model, pcon = service
    sid, sc = resolve_scenario(pcon, SCENARIO)
    return build_report_data(warehouse, pcon, sc, model=model, scenario_id=sid)


@pytest.fixture(scope="session")
def compared(dataset, service):
    """The dataset with the scenarios the committee weighs beside it (python -m reports … --compare trend,wpg-2045)."""
    from reports.compare import compare_scenarios

    model, pcon = service
    return compare_scenarios(dataset, model, pcon, COMPARED)


@pytest.fixture(scope="session")
def reports_de(compared) -> dict[str, bytes]:
    from reports.render import KINDS, render

    return {kind: render(kind, compared, "de") for kind in KINDS}


@pytest.fixture(scope="session")
def app_numbers(dortmund_db, portfolio_copy, tmp_path_factory):
    """The app's own pathway band, gaps and contributions for the same scenario (ui.model outside a Streamlit run)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("WAERME_DB", str(dortmund_db))
    mp.setenv("WAERME_PORTFOLIO_DB", str(portfolio_copy))
    mp.setenv("WAERME_CACHE_DIR", str(tmp_path_factory.mktemp("app_cache")))
    mp.setenv("WAERME_MODE", "public")  # the app opens the portfolio read-only
    try:
        from ui import model

        sc = model.scenario(SCENARIO)
        yield {
            "band": model.pathway_band(sc),
            "gaps": model.gaps(sc),
            "contributions": model.contributions(sc),
            "pathway": model.pathway(sc),
            "decomposition": model.decomposition(sc),
            "trend_gaps": model.gaps(model.scenario("trend")),
        }
    finally:
        mp.undo()
