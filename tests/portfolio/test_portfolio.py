"""The portfolio database: seeding, CSV import (validated, all or nothing), export round trip, snapshots."""

from __future__ import annotations

import pytest

import portfolio as pf
from heatdb.connect import connect
from heatdb.errors import ImportValidationError


@pytest.fixture(scope="module")
def warehouse(dortmund_db):
    con = connect(dortmund_db, read_only=True)
    yield con
    con.close()


@pytest.fixture
def con(tmp_path, warehouse):
    return pf.open_portfolio(tmp_path / "p.duckdb", warehouse=warehouse)


def test_seed_holds_the_published_measures_with_sources(con, warehouse):
    projects = pf.projects(con)
    assert len(projects) == 15
    by_id = {p.project_id: p for p in projects}
    city = by_id["dew21-innenstadt-abwaerme"]
    assert city.heat_mwh_per_year == 235000 and city.network_id == "dew21" and city.capex_eur == 120e6 and not city.is_approximated
    assert by_id["dew21-suedtrasse"].district_ids == ("statbez-010", "statbez-020")
    assert all(p.source.count("http") >= 1 for p in projects)
    n_areas = warehouse.execute("SELECT count(*) FROM dh_expansion").fetchone()[0]
    assert len(by_id["dew21-enp-erste-ausbaustufe"].expansion_area_ids) == n_areas  # '*' means all areas
    inner = warehouse.execute(
        "SELECT count(*) FROM dh_expansion e JOIN districts d ON d.district_id = e.statbez_id WHERE d.parent_id IN ('stadtbezirk-1', 'stadtbezirk-2', 'stadtbezirk-3')"
    ).fetchone()[0]
    assert len(by_id["dew21-neun-erweiterungsgebiete"].expansion_area_ids) == inner > 0
    assert set(pf.list_scenarios(con)["scenario_id"]) == {"trend", "wpg-2045", "klimaneutral-2035", "ohne-projekte"}


def test_csv_round_trip_keeps_the_portfolio(con, warehouse, tmp_path):
    before = pf.portfolio_hash(con)
    text = pf.projects_to_csv(con)
    other = pf.open_portfolio(tmp_path / "q.duckdb", warehouse=warehouse)
    pf.import_projects_csv(other, text, "export.csv", warehouse, replace=True)
    assert pf.portfolio_hash(other) == before


BAD_ROWS = [
    (
        "x1,Ok,Stadt,dh_expansion,planned,2026,2030,Hörde,,,20,,,,,,,,,,,,true,\nx2,Bad,Stadt,dh_expansion,planned,2026,2030,Atlantis,,,20,,,,,,,,,,,,true,\n",
        "upload.csv, row 2, column districts: 'Atlantis' is not a statistischer Bezirk",
    ),
    ("x1,Ok,Stadt,dh_expansion,planned,2030,2026,Hörde,,,20,,,,,,,,,,,,true,\n", "end_year 2026 is before start_year 2030"),
    ("x1,Ok,Stadt,dh_expansion,planned,2026,2030,Hörde,,,abc,,,,,,,,,,,,true,\n", "column connection_share_pct: 'abc' is not a number"),
    ("x1,Ok,Stadt,tunnel,planned,2026,2030,Hörde,,,20,,,,,,,,,,,,true,\n", "project_type = 'tunnel'"),
    ("x1,Ok,Stadt,dh_expansion,planned,2026,2030,Hörde,EXP-999,,20,,,,,,,,,,,,true,\n", "'EXP-999' is not an expansion area"),
    (
        "x1,Ok,Stadt,dh_expansion,planned,2026,2030,Hörde,,,20,,,,,,,,,,,,true,\nx1,Twice,Stadt,dh_expansion,planned,2026,2030,Hörde,,,20,,,,,,,,,,,,true,\n",
        "'x1' appears twice",
    ),
]


@pytest.mark.parametrize(("rows", "message"), BAD_ROWS)
def test_bad_csv_is_refused_whole(con, warehouse, rows, message):
    before = pf.portfolio_hash(con)
    text = ",".join(pf.CSV_COLUMNS) + "\n" + rows
    with pytest.raises(ImportValidationError) as err:
        pf.import_projects_csv(con, text, "upload.csv", warehouse)
    assert message in str(err.value) and "upload.csv" in str(err.value) and "Nothing was imported" in str(err.value)
    assert pf.portfolio_hash(con) == before


def test_good_csv_adds_projects_with_names_resolved(con, warehouse):
    text = (
        ",".join(pf.CSV_COLUMNS)
        + "\nneu-1,Nahwärme Hörde,Stadt,dh_expansion,planned,2026,2030,Hörde;510,,,20,,,,,,,1000000,250000,,,,true,\n"
    )
    assert pf.import_projects_csv(con, text, "ok.csv", warehouse) == 1
    p = next(p for p in pf.projects(con) if p.project_id == "neu-1")
    hoerde = warehouse.execute("SELECT district_id FROM districts WHERE name = 'Hörde' AND level = 'statbez'").fetchone()[0]
    assert p.district_ids == (hoerde, "statbez-510") and p.capex_eur == 1e6 and p.funding_eur == 250000


def test_snapshot_freezes_numbers(con):
    sid = pf.save_snapshot(
        con,
        name="Vorlage 2026/1",
        data_version="abc",
        params_hash="def",
        scenario_json="{}",
        projects_json="[]",
        results={"gaps": [{"year": 2030, "gap_t": 1.5}]},
    )
    snap = pf.snapshot(con, sid)
    assert snap["results"]["gaps"][0]["gap_t"] == 1.5 and snap["data_version"] == "abc"
    assert pf.list_snapshots(con)["snapshot_id"].tolist() == [sid]
    log = con.execute("SELECT action FROM audit_log").df()["action"].tolist()
    assert "snapshot.save" in log and "seed" in log


def test_read_only_without_a_file_writes_nothing(tmp_path, warehouse):
    path = tmp_path / "none.duckdb"
    ro = pf.open_portfolio(path, read_only=True, warehouse=warehouse)
    assert len(pf.projects(ro)) == 15
    assert not path.exists()


def test_read_only_while_a_writer_holds_the_file_serves_the_defaults(tmp_path, warehouse):
    """Another process writing the portfolio must not break the public instance."""
    import subprocess
    import sys

    path = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(path)!r}); c.execute('CREATE TABLE x(a INT)'); print('ok', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ok"
        ro = pf.open_portfolio(path, read_only=True, warehouse=warehouse)
        assert len(pf.projects(ro)) == 15
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()


def _changed_copy(tiny_db, sql: str):
    con = connect(tiny_db)
    try:
        con.execute(sql)
    finally:
        con.close()
    return connect(tiny_db, read_only=True)


def test_another_citys_warehouse_starts_with_the_scenarios_only(tiny_db, tmp_path):
    """Dortmund's projects name Dortmund's districts; another city gets no crash and no foreign projects."""
    w = _changed_copy(tiny_db, "UPDATE meta SET value = 'Bochum' WHERE key = 'city_name'")
    con = pf.open_portfolio(tmp_path / "bochum.duckdb", warehouse=w)
    assert con.execute("SELECT count(*) FROM projects").fetchone()[0] == 0
    assert con.execute("SELECT count(*) FROM scenarios").fetchone()[0] == 4
    assert pf.seed_note(con) == "no default projects: they are Dortmund's and this warehouse is Bochum's"
    assert pf.warehouse_city(w) == "Bochum"


def test_a_dortmund_warehouse_with_other_districts_seeds_without_the_projects_and_says_why(tiny_db, tmp_path):
    w = _changed_copy(tiny_db, "UPDATE districts SET name = 'Bezirk ' || code")
    con = pf.open_portfolio(tmp_path / "umbenannt.duckdb", warehouse=w)
    assert con.execute("SELECT count(*) FROM projects").fetchone()[0] == 0
    note = pf.seed_note(con)
    assert (
        note.startswith("no default projects: ") and "do not resolve in this warehouse" in note and "is not a statistischer Bezirk" in note
    )


def test_dortmunds_warehouse_seeds_the_projects_without_a_note(con, warehouse):
    assert pf.warehouse_city(warehouse) == "Dortmund"
    assert con.execute("SELECT count(*) FROM projects").fetchone()[0] > 0
    assert pf.seed_note(con) == ""
