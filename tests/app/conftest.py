from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def _shared_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("app")
    return root / "portfolio.duckdb", root / "cache", root / "public" / "portfolio.duckdb"


@pytest.fixture(autouse=True)
def _db_env(dortmund_db, monkeypatch, _shared_dirs):
    """Pages read the database named by WAERME_DB and a test portfolio; planner mode unless a test sets it. Publishing
    writes its export to tmp, never into the repository's data/public/."""
    portfolio, cache, export = _shared_dirs
    monkeypatch.setenv("WAERME_DB", str(dortmund_db))
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(portfolio))
    monkeypatch.setenv("WAERME_CACHE_DIR", str(cache))
    monkeypatch.setenv("WAERME_PUBLIC_EXPORT", str(export))
    monkeypatch.delenv("WAERME_MODE", raising=False)
