"""Shared fixtures: the real Dortmund database (built once per session if missing or stale) and the tiny
city's warehouse (built once per session; every test that changes it gets its own copy)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.factories import TINY_CITY, build_warehouse

ROOT = Path(__file__).resolve().parents[1]
# every chart's Vega-Lite spec is checked against the schema in the tests (the app skips it: heatdb.settings validate_charts)
os.environ.setdefault("WAERME_VALIDATE_CHARTS", "1")
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
    return build_warehouse(tmp_path_factory.mktemp("db") / "dortmund.duckdb")


@pytest.fixture(scope="session")
def tiny_city() -> Path:
    """The folder with the tiny city's source files (same names as heatdb.sources.FILES)."""
    return TINY_CITY


@pytest.fixture(scope="session")
def tiny_db_template(tmp_path_factory, tiny_city) -> Path:
    """The tiny city's warehouse, built once. Never write to it: use `tiny_db`, or copy it."""
    return build_warehouse(tmp_path_factory.mktemp("tiny_template") / "tiny.duckdb", tiny_city)


@pytest.fixture
def tiny_db(tiny_db_template, tmp_path) -> Path:
    """A private copy of the tiny database, alone in its own folder (so leftovers next to it show)."""
    folder = tmp_path / "db"
    folder.mkdir()
    target = folder / "tiny.duckdb"
    shutil.copyfile(tiny_db_template, target)
    return target


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
