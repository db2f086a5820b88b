"""Fixtures of the report tests: one Dortmund dataset per session (about 13 s), its four reports, the app's numbers.

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
def dataset(warehouse, portfolio_copy):
    """The report dataset of the scenario 'Klimaneutral 2035', computed live like the command line does."""
    from ghgmodel import load_parameters
    from reports.dataset import build_report_data, resolve_scenario
    from reports.model import ModelService

    pcon = pf.open_portfolio(portfolio_copy, read_only=True, warehouse=warehouse)
    try:
        sid, sc = resolve_scenario(pcon, SCENARIO)
        model = ModelService(warehouse=warehouse.cursor, portfolio=pcon.cursor, params=load_parameters())
        return build_report_data(warehouse, pcon, sc, model=model, scenario_id=sid)
    finally:
        pcon.close()


@pytest.fixture(scope="session")
def reports_de(dataset) -> dict[str, bytes]:
    from reports.render import KINDS, render

    return {kind: render(kind, dataset, "de") for kind in KINDS}


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
        }
    finally:
        mp.undo()
