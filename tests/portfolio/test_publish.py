"""The route to the public instance (issue 15, item 6): the published-only export of the portfolio, written atomically,
and its command line `python -m portfolio publish`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import portfolio as pf
from portfolio.actuals import publish_year
from portfolio.monitoring_reports import list_monitoring_reports, publish_monitoring_report, save_monitoring_report
from tests.factories import make_portfolio, rows

REPO = Path(__file__).resolve().parents[2]


def freeze(con, name: str) -> str:
    """A snapshot with a stand-in report (the export copies rows; it does not read the report)."""
    return pf.save_snapshot(
        con, name=name, data_version="dv", params_hash="ph", scenario_json="{}", projects_json="[]", results={}, report_json='{"x": 1}'
    )


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, dortmund_db) -> Path:
    return make_portfolio(tmp_path_factory.mktemp("seed") / "portfolio.duckdb", dortmund_db)


@pytest.fixture
def planner(seeded, tmp_path):
    """The planners' portfolio, open for writing as the planners' app holds it."""
    path = tmp_path / "portfolio.duckdb"
    path.write_bytes(seeded.read_bytes())
    con = pf.open_portfolio(path)
    yield con
    con.close()


def snapshot_ids(path: Path) -> set[str]:
    return set(rows(path, "SELECT snapshot_id FROM snapshots")["snapshot_id"])


def test_the_export_holds_published_snapshots_only_and_what_the_public_pages_read(planner, tmp_path):
    shown, draft = freeze(planner, "Vorlage 2026/123"), freeze(planner, "Entwurf")
    assert pf.publish_snapshot(planner, shown)
    out = tmp_path / "public" / "portfolio.duckdb"
    written = pf.export_published(planner, out)
    assert written.path == out and written.snapshots == 1
    assert snapshot_ids(out) == {shown} and draft not in snapshot_ids(out)
    public = pf.open_portfolio(out, read_only=True)
    try:
        assert list(pf.list_snapshots(public, published_only=True)["snapshot_id"]) == [shown]
        assert pf.snapshot(public, shown)["report_json"] == '{"x": 1}'
        # the projects and scenarios the public pages show, unchanged (the same portfolio hash: snapshots say "unchanged")
        assert pf.portfolio_hash(public) == pf.portfolio_hash(planner)
        assert set(pf.list_scenarios(public)["scenario_id"]) == set(pf.list_scenarios(planner)["scenario_id"])
    finally:
        public.close()
    # nothing of the planners' log, one row that says what was exported
    log = rows(out, "SELECT action, object_id FROM audit_log")
    assert list(log["action"]) == ["public.export"]
    assert not [p for p in out.parent.iterdir() if p != out], "no temporary file left"


def test_withdrawn_and_unpublished_snapshots_leave_the_export(planner, tmp_path):
    out = tmp_path / "public" / "portfolio.duckdb"
    a, b = freeze(planner, "A"), freeze(planner, "B")
    pf.publish_snapshot(planner, a)
    pf.publish_snapshot(planner, b)
    pf.export_published(planner, out)
    assert snapshot_ids(out) == {a, b}
    pf.publish_snapshot(planner, a, published=False)
    assert pf.export_published(planner, out).snapshots == 1
    assert snapshot_ids(out) == {b}
    freeze(planner, "C (not published)")
    pf.export_published(planner, out)
    assert snapshot_ids(out) == {b}


def test_released_monitoring_goes_out_without_names_and_internal_reports_stay(planner, tmp_path):
    out = tmp_path / "public" / "portfolio.duckdb"
    frozen = save_monitoring_report(
        planner,
        report_year=2025,
        name="Monitoring 2025",
        scenario_id="trend",
        data_version="dv",
        params_hash="ph",
        portfolio_hash="pfh",
        actuals_hash="ah",
        report_json="{}",
    )
    internal = save_monitoring_report(
        planner,
        report_year=2025,
        name="intern",
        scenario_id="trend",
        data_version="dv",
        params_hash="ph",
        portfolio_hash="pfh",
        actuals_hash="ah",
        report_json="{}",
    )
    publish_monitoring_report(planner, frozen)
    publish_year(planner, 2025, published=False)  # the seeded 2025 reports are withdrawn
    pf.export_published(planner, out)
    public = pf.open_portfolio(out, read_only=True)
    try:
        assert list(list_monitoring_reports(public)["report_id"]) == [frozen] and internal not in set(
            list_monitoring_reports(public)["report_id"]
        )
    finally:
        public.close()
    released = rows(out, "SELECT year, reported_by, note FROM project_actuals_published")
    expected = planner.execute("SELECT DISTINCT year FROM project_actuals_published").df()
    assert set(released["year"]) == set(expected["year"]) and 2025 not in set(released["year"])
    assert released["reported_by"].isna().all() and released["note"].isna().all(), "who reported never leaves the planners' file"
    assert rows(out, "SELECT count(*) AS n FROM project_actuals")["n"].iloc[0] == 0


def test_the_export_is_replaced_atomically_and_an_open_reader_keeps_the_old_file(planner, tmp_path):
    out = tmp_path / "public" / "portfolio.duckdb"
    first = freeze(planner, "first")
    pf.publish_snapshot(planner, first)
    pf.export_published(planner, out)
    inode = out.stat().st_ino
    reader = duckdb.connect(str(out), read_only=True)  # a public replica in the middle of a page
    try:
        second = freeze(planner, "second")
        pf.publish_snapshot(planner, second)
        pf.export_published(planner, out)
        assert out.stat().st_ino != inode, "a new file moved into place, not the old one written over"
        assert {r[0] for r in reader.execute("SELECT snapshot_id FROM snapshots").fetchall()} == {first}
    finally:
        reader.close()
    assert snapshot_ids(out) == {first, second}  # the next reader opens the new file
    assert [p.name for p in out.parent.iterdir()] == ["portfolio.duckdb"], "no temporary file left"


def test_a_failed_export_leaves_the_old_one_and_no_temporary_file(planner, tmp_path):
    out = tmp_path / "public" / "portfolio.duckdb"
    pf.publish_snapshot(planner, freeze(planner, "kept"))
    pf.export_published(planner, out)
    before = out.read_bytes()
    not_a_portfolio = duckdb.connect()
    with pytest.raises(pf.PublishError, match="not a portfolio"):
        pf.export_published(not_a_portfolio, out)
    with pytest.raises(pf.PublishError, match="is a folder"):
        pf.export_published(planner, out.parent)
    assert out.read_bytes() == before
    assert [p.name for p in out.parent.iterdir()] == ["portfolio.duckdb"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "portfolio", *args], capture_output=True, text=True, cwd=REPO, timeout=120)


def test_the_command_line_writes_the_export_and_says_where(seeded, tmp_path):
    source = tmp_path / "portfolio.duckdb"
    source.write_bytes(seeded.read_bytes())
    con = pf.open_portfolio(source)
    shown = freeze(con, "öffentlich")
    pf.publish_snapshot(con, shown)
    freeze(con, "Entwurf")
    con.close()
    out = tmp_path / "public" / "portfolio.duckdb"
    done = run_cli("publish", "--portfolio", str(source), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert str(out) in done.stdout and "1 published snapshots" in done.stdout
    assert snapshot_ids(out) == {shown}


def test_the_command_line_names_bad_input(seeded, tmp_path):
    missing = run_cli("publish", "--portfolio", str(tmp_path / "nope.duckdb"), "--out", str(tmp_path / "x.duckdb"))
    assert missing.returncode == 2 and "no portfolio" in missing.stderr and "nope.duckdb" in missing.stderr
    source = tmp_path / "portfolio.duckdb"
    source.write_bytes(seeded.read_bytes())
    folder = run_cli("publish", "--portfolio", str(source), "--out", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
    itself = run_cli("publish", "--portfolio", str(source), "--out", str(source))
    assert itself.returncode == 2 and "the portfolio itself" in itself.stderr
    held = duckdb.connect(str(source))  # a planner's app holds the write lock
    try:
        locked = run_cli("publish", "--portfolio", str(source), "--out", str(tmp_path / "x.duckdb"))
    finally:
        held.close()
    assert locked.returncode == 3 and "Publish in the app" in locked.stderr
    assert not (tmp_path / "x.duckdb").exists()


def test_the_export_opened_for_writing_is_not_seeded_again(planner, tmp_path):
    """python -m reports precompute once opened the export read-write, and the seeding of a new portfolio's
    monitoring tried to release the shipped reports a second time (duplicate key): the export holds released
    reports only, so it is no new portfolio."""
    from portfolio.publish import export_published

    out = tmp_path / "public" / "portfolio.duckdb"
    export_published(planner, out)
    released = rows(out, "SELECT count(*) AS n FROM project_actuals_published")["n"].iloc[0]
    assert released > 0
    con = pf.open_portfolio(out)  # read-write, as a careless tool would
    assert con.execute("SELECT count(*) FROM project_actuals").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM project_actuals_published").fetchone()[0] == released
    con.close()
