"""The data version changes when, and only when, what the build makes the stored numbers from changes.

A frozen council snapshot compares its data version with the warehouse's and says "the data changed
since" when they differ; editing the portfolio, a query or an importer changes no stored number and
must not say so. The code is hashed from a copy of the repository here, edited one file at a time.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import grimp
import pytest

from heatdb import build
from heatdb.build import BUILD_MODULES, build_parameters, data_version
from heatdb.sources import SOURCE_DIR

REPO = Path(__file__).resolve().parents[2]
PACKAGES = ("ghgmodel", "heatdb", "imports", "portfolio")


@pytest.fixture(scope="module")
def params():
    return build_parameters()


@pytest.fixture
def code_copy(tmp_path, monkeypatch) -> Path:
    """The product code copied to tmp; data_version hashes the copy."""
    root = tmp_path / "code"
    for pkg in PACKAGES:
        shutil.copytree(REPO / pkg, root / pkg, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(build, "CODE_ROOT", root)
    return root


def edit(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")


def test_the_copy_gives_the_version_of_the_repository(code_copy, params, monkeypatch):
    on_the_copy = data_version(SOURCE_DIR, params, 1.0)
    monkeypatch.setattr(build, "CODE_ROOT", REPO)
    assert data_version(SOURCE_DIR, params, 1.0) == on_the_copy


@pytest.mark.parametrize(
    "module",
    [
        "heatdb/queries.py",  # the app's and the command line's reads
        "heatdb/map_queries.py",
        "heatdb/cli.py",
        "heatdb/settings.py",
        "heatdb/import_result.py",
        "portfolio/db.py",  # the planners' portfolio
        "portfolio/project_table.py",
        "portfolio/files.py",
        "imports/registry.py",  # the importers
        "imports/buildings.py",
        "ghgmodel/pathway.py",  # the model's pathway runs live in the app, it stores nothing in the warehouse
        "ghgmodel/contributions.py",
    ],
)
def test_code_the_build_does_not_run_leaves_the_version(code_copy, params, module):
    before = data_version(SOURCE_DIR, params, 1.0)
    edit(code_copy / module)
    assert data_version(SOURCE_DIR, params, 1.0) == before


@pytest.mark.parametrize(
    "module", ["heatdb/synth.py", "heatdb/derive.py", "heatdb/readers.py", "ghgmodel/balance.py", "ghgmodel/heatpump.py"]
)
def test_a_build_step_changes_the_version(code_copy, params, module):
    before = data_version(SOURCE_DIR, params, 1.0)
    edit(code_copy / module)
    assert data_version(SOURCE_DIR, params, 1.0) != before


def test_a_source_file_a_parameter_table_and_the_scale_change_the_version(tmp_path, params, monkeypatch):
    before = data_version(SOURCE_DIR, params, 1.0)
    assert data_version(SOURCE_DIR, params, 2.0) != before
    sources = tmp_path / "sources"
    shutil.copytree(SOURCE_DIR, sources)
    assert data_version(sources, params, 1.0) == before
    edit(sources / "dortmund_statistische_bezirke.geojson")
    assert data_version(sources, params, 1.0) != before
    synth = tmp_path / "synth.csv"
    shutil.copyfile(build.SYNTH_PARAMS, synth)
    edit(synth)
    monkeypatch.setattr(build, "SYNTH_PARAMS", synth)
    assert data_version(SOURCE_DIR, params, 1.0) != before


def test_build_modules_are_exactly_what_the_build_imports():
    """BUILD_MODULES is the list of the modules heatdb.build imports, directly or not: a new build step cannot be forgotten."""
    graph = grimp.build_graph("heatdb", "ghgmodel", include_external_packages=False)
    runs = graph.find_upstream_modules("heatdb.build") | {"heatdb.build"}
    assert set(BUILD_MODULES) == runs
    assert all(build.module_path(m).is_file() for m in BUILD_MODULES)
