"""Shared fixtures: the real Dortmund database (built once per session if missing or stale)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"


def _fresh(path: Path) -> bool:
    if not path.exists():
        return False
    from heatdb.build import build_parameters, data_version
    from heatdb.connect import connect
    from heatdb.sources import SOURCE_DIR

    con = connect(path, read_only=True)
    try:
        row = con.execute("SELECT value FROM meta WHERE key = 'data_version'").fetchone()
    finally:
        con.close()
    return bool(row) and row[0] == data_version(SOURCE_DIR, build_parameters(), 1.0)


@pytest.fixture(scope="session")
def dortmund_db(tmp_path_factory) -> Path:
    """data/dortmund.duckdb when it matches the sources (make test builds it), else a fresh build in tmp."""
    default = ROOT / "data" / "dortmund.duckdb"
    if _fresh(default):
        return default
    from heatdb.build import build_database

    out = tmp_path_factory.mktemp("db") / "dortmund.duckdb"
    build_database(out, progress=False)
    return out


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
