from __future__ import annotations

from pathlib import Path

import pytest

TINY_CITY = Path(__file__).resolve().parents[1] / "data" / "tiny_city"


@pytest.fixture(scope="session")
def tiny_template(tmp_path_factory) -> Path:
    """The tiny city's warehouse, built once; tests copy it before they change it."""
    from heatdb.build import build_database

    out = tmp_path_factory.mktemp("tiny_app") / "tiny.duckdb"
    build_database(out, source_dir=TINY_CITY, progress=False)
    return out


@pytest.fixture(scope="session")
def _shared_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("app")
    return root / "portfolio.duckdb", root / "cache"


@pytest.fixture(autouse=True)
def _db_env(dortmund_db, monkeypatch, _shared_dirs):
    """Pages read the database named by WAERME_DB and a test portfolio; planner mode unless a test sets it."""
    portfolio, cache = _shared_dirs
    monkeypatch.setenv("WAERME_DB", str(dortmund_db))
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(portfolio))
    monkeypatch.setenv("WAERME_CACHE_DIR", str(cache))
    monkeypatch.delenv("WAERME_MODE", raising=False)
