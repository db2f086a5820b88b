"""Publishing reaches a running public instance (issue 15, item 6): the planners' app writes the published-only export at
every publish and withdraw and says where it went; a public app reading that export (WAERME_PORTFOLIO_DB) shows a
snapshot published after it started at its next run, and no longer shows a withdrawn one, without a restart."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import portfolio as pf
from ghgmodel import load_parameters
from heatdb.connect import connect
from reports import snapshots as snaps
from reports.dataset import build_report_data, resolve_scenario
from reports.model import ModelService
from tests.factories import rows

ROOT = Path(__file__).resolve().parents[2]
RAT = str(ROOT / "pages" / "09_rat.py")


def planner_publishes(snapshot_id: str, published: bool) -> None:
    """What the planners' page does when a snapshot's "öffentlich" box is ticked or cleared."""
    from ui import publish, rat

    rat.snaps_publish({snapshot_id: published})
    publish.flash()


@pytest.fixture
def planner(tiny_db_template, tmp_path, monkeypatch):
    """The tiny city's warehouse, a planners' portfolio with one frozen (unpublished) snapshot, and the export path."""
    monkeypatch.setenv("WAERME_DB", str(tiny_db_template))
    monkeypatch.setenv("WAERME_CACHE_DIR", str(tmp_path / "cache"))
    source, export = tmp_path / "planner" / "portfolio.duckdb", tmp_path / "public" / "portfolio.duckdb"
    monkeypatch.setenv("WAERME_PUBLIC_EXPORT", str(export))
    warehouse = connect(tiny_db_template, read_only=True)
    con = pf.open_portfolio(source, warehouse=warehouse)
    model = ModelService(warehouse=warehouse.cursor, portfolio=con.cursor, params=load_parameters())
    sid, sc = resolve_scenario(con, "trend")
    snapshot_id = snaps.freeze(con, build_report_data(warehouse, con, sc, model=model, scenario_id=sid), title="Vorlage 2026/7")
    pf.export_published(con, export)  # what deploy/start.sh writes at start: nothing published yet
    yield source, export, snapshot_id
    con.close()
    warehouse.close()


def as_planner(monkeypatch, source: Path, snapshot_id: str, published: bool) -> AppTest:
    """The planners' app (planner mode, their portfolio) ticks or clears the box of one snapshot."""
    monkeypatch.delenv("WAERME_MODE", raising=False)
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(source))
    at = AppTest.from_function(planner_publishes, default_timeout=120, args=(snapshot_id, published)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def as_public(monkeypatch, export: Path) -> None:
    monkeypatch.setenv("WAERME_MODE", "public")
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(export))


def test_a_running_public_app_sees_publish_and_withdraw_at_its_next_run(planner, monkeypatch):
    source, export, snapshot_id = planner
    as_public(monkeypatch, export)
    public = AppTest.from_file(RAT, default_timeout=180).run()
    assert not public.exception, [e.value for e in public.exception]
    assert [i.value for i in public.info] == ["Es ist noch kein Stand für die Öffentlichkeit freigegeben."]

    at = as_planner(monkeypatch, source, snapshot_id, True)
    said = [s.value for s in at.success]
    assert len(said) == 1 and str(export) in said[0] and "nächsten Seitenaufruf" in said[0], said
    assert "1 veröffentlichte Stände" in said[0]

    as_public(monkeypatch, export)
    public.run()  # the same session's next run: no restart
    assert not public.exception, [e.value for e in public.exception]
    assert len(public.selectbox(key="r_pick").options) == 1 and public.selectbox(key="r_pick").value == snapshot_id
    assert "Vorlage 2026/7" in public.selectbox(key="r_pick").options[0]

    at = as_planner(monkeypatch, source, snapshot_id, False)
    assert "0 veröffentlichte Stände" in at.success[0].value

    as_public(monkeypatch, export)
    public.query_params["snapshot"] = snapshot_id  # a link to the withdrawn snapshot
    public.run()
    assert not public.exception, [e.value for e in public.exception]
    assert any("gibt es hier nicht" in e.value for e in public.error), "a withdrawn snapshot is answered like an unknown one"
    assert [i.value for i in public.info] == ["Es ist noch kein Stand für die Öffentlichkeit freigegeben."]


def test_a_failed_export_tells_the_planner_and_keeps_the_publish(planner, monkeypatch, tmp_path):
    source, export, snapshot_id = planner
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("WAERME_PUBLIC_EXPORT", str(blocked / "portfolio.duckdb"))  # its folder cannot be made
    at = as_planner(monkeypatch, source, snapshot_id, True)
    assert len(at.error) == 1 and "python -m portfolio publish" in at.error[0].value and str(blocked) in at.error[0].value
    con = pf.open_portfolio(source)  # the same in-process database as the planner's
    assert pf.snapshot(con, snapshot_id)["is_published"], "the publish itself is saved"


def test_withdrawing_a_monitoring_year_reaches_the_export_and_says_where(tmp_path, monkeypatch):
    """Fortschritt: the planner withdraws a released year; the export no longer holds it, and the page names the file."""
    source, export = tmp_path / "portfolio.duckdb", tmp_path / "public" / "portfolio.duckdb"
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(source))
    monkeypatch.setenv("WAERME_PUBLIC_EXPORT", str(export))
    at = AppTest.from_file(str(ROOT / "pages" / "10_fortschritt.py"), default_timeout=300).run()
    assert not at.exception, [e.value for e in at.exception]
    year = at.selectbox(key="fo_publish_year").value
    at.button(key="fo_unpublish_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    said = [s.value for s in at.success]
    assert any(str(export) in s and "nächsten Seitenaufruf" in s for s in said), said
    assert year not in set(rows(export, "SELECT DISTINCT year FROM project_actuals_published")["year"])
    at.button(key="fo_publish_go").click().run()
    assert year in set(rows(export, "SELECT DISTINCT year FROM project_actuals_published")["year"])
