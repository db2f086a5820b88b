"""A tiny warehouse built once per session from tests/data/tiny_city, and a private copy per test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from heatdb.build import build_database

REPO = Path(__file__).resolve().parents[2]
TINY_CITY = REPO / "tests" / "data" / "tiny_city"


@pytest.fixture(scope="session")
def tiny_city() -> Path:
    """The folder with the tiny city's source files (same names as heatdb.sources.FILES)."""
    return TINY_CITY


@pytest.fixture(scope="session")
def tiny_db_template(tmp_path_factory, tiny_city) -> Path:
    """The tiny database, built once. Never write to it: use `tiny_db`."""
    out = tmp_path_factory.mktemp("tiny_template") / "tiny.duckdb"
    build_database(out, source_dir=tiny_city, progress=False)
    return out


@pytest.fixture
def tiny_db(tiny_db_template, tmp_path) -> Path:
    """A private copy of the tiny database, alone in its own folder (so leftovers next to it show)."""
    folder = tmp_path / "db"
    folder.mkdir()
    target = folder / "tiny.duckdb"
    shutil.copyfile(tiny_db_template, target)
    return target
