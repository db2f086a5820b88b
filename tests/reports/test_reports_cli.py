"""python -m reports as a planner calls it: the app's numbers in the file, snapshots without a warehouse, clear exit codes."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import portfolio as pf
from locales import num
from reports.compare import summary_columns
from reports.xlsx import sheet_name

REPO = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reports", *args], cwd=REPO, capture_output=True, text=True, timeout=300)


def test_scenario_workbook_has_the_apps_numbers(dortmund_db, portfolio_copy, app_numbers, tmp_path):
    import openpyxl

    out = tmp_path / "sub" / "klimaneutral.xlsx"
    done = run("xlsx", "--scenario", "Klimaneutral 2035", "--out", str(out), "--db", str(dortmund_db), "--portfolio", str(portfolio_copy))
    assert done.returncode == 0, done.stderr
    assert "klimaneutral-2035 (live)" in done.stdout
    wb = openpyxl.load_workbook(out)
    targets = {row[0]: row for row in wb[sheet_name("targets", "de")].iter_rows(min_row=2, values_only=True)}
    gaps = app_numbers["gaps"].set_index("year")
    for year in (2030, 2035):
        _, _, target_t, pathway_t, gap_t = targets[year]
        assert (target_t, pathway_t, gap_t) == pytest.approx(tuple(gaps.loc[year, ["target_t", "pathway_t", "gap_t"]]), rel=1e-15, abs=1e-9)
    central = {row[0]: row[1] for row in wb[sheet_name("pathway", "de")].iter_rows(min_row=2, values_only=True)}
    band = app_numbers["band"]["central"]
    assert [central[int(y)] for y in band.index] == pytest.approx(list(band), rel=1e-15)


@pytest.fixture
def frozen(dataset, portfolio_copy, tmp_path):
    """A portfolio copy with the dataset frozen as a snapshot: (path, snapshot id)."""
    from reports.snapshots import freeze

    path = tmp_path / "portfolio.duckdb"
    shutil.copyfile(portfolio_copy, path)
    con = pf.open_portfolio(path)
    try:
        frozen = dataset.with_meta(decision_proposal="1. Der Ausschuss beschließt den Testwortlaut.")
        sid = freeze(con, frozen, title="Vorlage Rat 2026/17")
    finally:
        con.close()
    return path, sid


def test_snapshot_pdf_needs_no_warehouse_and_shows_the_frozen_numbers(dataset, frozen, tmp_path):
    import pypdf

    path, sid = frozen
    listed = run("list", "--portfolio", str(path))
    assert listed.returncode == 0 and sid in listed.stdout and "Vorlage Rat 2026/17" in listed.stdout
    out = tmp_path / "vorlage.pdf"
    done = run("pdf", "--snapshot", sid, "--out", str(out), "--portfolio", str(path), "--db", str(tmp_path / "no-warehouse.duckdb"))
    assert done.returncode == 0, done.stderr
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(out.read_bytes())).pages]
    assert "Vorlage Rat 2026/17" in pages[0] and sid in pages[0] and "Eingefrorener Stand" in pages[0]
    assert "Wortlaut wie eingefroren." in pages[0] and "Der Ausschuss beschließt den Testwortlaut." in pages[0]
    assert all(sid in p for p in pages)
    text = "\n".join(pages)
    tg = dataset.table("targets").set_index("year")
    for year in (2030, 2035):
        assert f"{year}: Pfad {num(tg.loc[year, 'pathway_t'])} t CO₂e/a" in text


def test_unknown_scenario_exits_2_naming_the_choices(dortmund_db, portfolio_copy, tmp_path):
    done = run(
        "pdf",
        "--scenario",
        "Klimaneutral 2099",
        "--out",
        str(tmp_path / "x.pdf"),
        "--db",
        str(dortmund_db),
        "--portfolio",
        str(portfolio_copy),
    )
    assert done.returncode == 2
    assert "Klimaneutral 2099" in done.stderr and "klimaneutral-2035" in done.stderr and "trend" in done.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_unknown_snapshot_exits_2(frozen, tmp_path):
    path, sid = frozen
    done = run("xlsx", "--snapshot", "20990101-000000-abcdef", "--out", str(tmp_path / "x.xlsx"), "--portfolio", str(path))
    assert done.returncode == 2
    assert "20990101-000000-abcdef" in done.stderr and sid in done.stderr and "python -m reports list" in done.stderr


def test_missing_database_exits_3(portfolio_copy, tmp_path):
    missing = tmp_path / "missing.duckdb"
    done = run("gpkg", "--scenario", "trend", "--out", str(tmp_path / "x.gpkg"), "--db", str(missing), "--portfolio", str(portfolio_copy))
    assert done.returncode == 3
    assert str(missing) in done.stderr and "python -m heatdb build" in done.stderr


def test_arguments_are_checked():
    assert run("pdf", "--scenario", "trend").returncode == 2  # no --out
    assert run("docx", "--scenario", "trend", "--out", "x.docx").returncode == 2  # not a kind
    assert run("pdf", "--scenario", "trend", "--snapshot", "s", "--out", "x.pdf").returncode == 2  # one or the other


def test_compare_puts_other_scenarios_beside_and_each_step_is_one_line(dortmund_db, portfolio_copy, app_numbers, tmp_path):
    """--compare adds the scenario comparison; the progress is one line per step on stderr, no progress bars."""
    import openpyxl

    out = tmp_path / "vergleich.xlsx"
    done = run(
        "xlsx",
        "--scenario",
        "klimaneutral-2035",
        "--compare",
        "trend",
        "--out",
        str(out),
        "--db",
        str(dortmund_db),
        "--portfolio",
        str(portfolio_copy),
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines and all(line.startswith("[reports] ") for line in lines), lines
    assert "\r" not in done.stderr and "%|" not in done.stderr and "█" not in done.stderr
    assert any("comparing with trend" in line for line in lines)
    rows = list(openpyxl.load_workbook(out)[sheet_name("comparison_summary", "de")].iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows] == ["klimaneutral-2035", "trend"]
    gaps = app_numbers["gaps"].set_index("year")
    assert rows[0][summary_columns().index("gap_2035_t")] == pytest.approx(gaps.loc[2035, "gap_t"], rel=1e-12)


def test_compare_with_a_snapshot_is_refused(frozen, tmp_path):
    path, sid = frozen
    done = run("pdf", "--snapshot", sid, "--compare", "trend", "--out", str(tmp_path / "x.pdf"), "--portfolio", str(path))
    assert done.returncode == 2 and "--compare" in done.stderr and not (tmp_path / "x.pdf").exists()
