from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _db_env(dortmund_db, monkeypatch):
    """Pages read the database named by WAERME_DB; tests run in planner mode unless they set it."""
    monkeypatch.setenv("WAERME_DB", str(dortmund_db))
    monkeypatch.delenv("WAERME_MODE", raising=False)
