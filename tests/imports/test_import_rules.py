"""The rules every import keeps: every problem listed, skip only when asked, provenance, idempotency,
all or nothing (also when the process is killed or the disk is full), the projects template, zipped
Shapefiles and OSM addresses.
"""

from __future__ import annotations

import csv
import errno
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import duckdb
import numpy as np
import openpyxl
import pytest
import shapely

import imports.buildings
import imports.working_copy
from heatdb.errors import DatabaseError, ImportValidationError
from heatdb.validate import MAX_LISTED
from imports import import_file
from portfolio.files import KIND as PROJECTS_KIND
from portfolio.files import import_projects_file
from tests.factories import buildings_frame, census_frame, dh_frame, rows, run_heatdb, sha256, write, write_csv
from tests.factories import data_version_of as version

REPO = Path(__file__).resolve().parents[2]


def buildings_with_three_bad_rows(tmp: Path):
    g = buildings_frame()
    g.loc[1, "construction_year"] = 3019
    g.loc[4, "carrier"] = "Erdgas"
    g.loc[7, "geometry"] = shapely.Polygon([(7.33, 51.50), (7.34, 51.51), (7.34, 51.50), (7.33, 51.51), (7.33, 51.50)])
    return write(g, tmp / "drei_fehler.geojson"), g


# ---------------------------------------------------------------- every problem, and skipping


def test_every_bad_row_is_listed(tiny_db, tmp_path):
    path, _ = buildings_with_three_bad_rows(tmp_path)
    before = sha256(tiny_db)
    with pytest.raises(ImportValidationError) as info:
        import_file("buildings", path, tiny_db)
    found = {(p.row, p.column, p.value) for p in info.value.problems}
    assert found == {(2, "construction_year", 3019), (5, "carrier", "Erdgas"), (8, "geometry", "Self-intersection[7.335 51.505]")}
    assert info.value.skippable and info.value.total == 3
    assert "3 Problem(e) gefunden" in info.value.report("de")
    assert sha256(tiny_db) == before


def test_skip_invalid_leaves_out_exactly_the_listed_rows(tiny_db, tmp_path):
    path, g = buildings_with_three_bad_rows(tmp_path)
    result = import_file("buildings", path, tiny_db, skip_invalid=True, licence="ODbL-1.0")
    assert (result.n_imported, result.n_skipped) == (len(g) - 3, 3)
    assert sorted(p.row for p in result.skipped) == [2, 5, 8]
    ids = set(rows(tiny_db, "SELECT building_id FROM buildings")["building_id"])
    assert ids == set(g["building_id"]) - set(g["building_id"].iloc[[1, 4, 7]])
    log = rows(tiny_db, "SELECT n_rows, n_skipped, licence, options FROM import_log").iloc[0]
    assert (log["n_rows"], log["n_skipped"], log["licence"]) == (len(g) - 3, 3, "ODbL-1.0")
    assert '"skip_invalid": true' in log["options"]


def test_file_problems_are_not_skipped(tiny_db, tmp_path):
    path = write(buildings_frame().drop(columns="carrier"), tmp_path / "ohne_traeger.geojson")
    before = sha256(tiny_db)
    with pytest.raises(ImportValidationError, match="missing column") as info:
        import_file("buildings", path, tiny_db, skip_invalid=True)
    assert not info.value.skippable
    assert sha256(tiny_db) == before


def test_a_file_of_only_bad_rows_is_refused_even_with_skipping(tiny_db, tmp_path):
    g = dh_frame().head(3)
    g["n_zellen"] = -1
    path = write(g, tmp_path / "alle_falsch.geojson")
    with pytest.raises(ImportValidationError, match="no valid row is left"):
        import_file("dh-areas", path, tiny_db, skip_invalid=True)


def test_a_million_bad_rows_are_counted_but_not_all_listed(tiny_db, tmp_path):
    """A cap keeps the report readable; the count stays true."""
    c = census_frame()
    n = len(c)
    c["geb_gesamt_publ"] = "x"
    c["whg_gesamt_publ"] = "-1"
    path = write_csv(c, tmp_path / "alles_falsch.csv")
    with pytest.raises(ImportValidationError) as info:
        import_file("zensus-cells", path, tiny_db)
    err = info.value
    assert err.total == 2 * n and len(err.problems) == 2 * min(n, MAX_LISTED)
    assert f"and {2 * n - 50} more" in str(err)


# ---------------------------------------------------------------- provenance and idempotency


def test_provenance_is_recorded(tiny_db, tmp_path):
    path = write(dh_frame().head(4), tmp_path / "fernwaerme_2025.geojson")
    result = import_file("dh-areas", path, tiny_db, licence="dl-de/by-2-0")
    src = rows(tiny_db, "SELECT * FROM data_sources WHERE source_id = 'import:fernwaerme_2025.geojson'").iloc[0]
    assert src["licence"] == "dl-de/by-2-0" and src["title"] == path.name
    assert sha256(path) in src["origin"] and sha256(path) in src["notes"]
    assert time.strftime("%Y-%m-%d", time.gmtime()) in src["notes"]
    log = rows(tiny_db, "SELECT * FROM import_log").iloc[0]
    assert (log["file_name"], log["sha256"], log["licence"], log["data_version"]) == (
        path.name,
        sha256(path),
        "dl-de/by-2-0",
        result.data_version,
    )
    comments = rows(tiny_db, "SELECT column_name, comment FROM duckdb_columns() WHERE table_name = 'import_log'").set_index("column_name")[
        "comment"
    ]
    assert all(comments[c] for c in ("licence", "n_skipped", "options", "data_version"))


def test_the_same_file_twice_changes_nothing(tiny_db, tmp_path):
    path = write(dh_frame().head(4), tmp_path / "fw.geojson")
    first = import_file("dh-areas", path, tiny_db, licence="CC-BY-4.0")
    assert not first.unchanged
    before, v = sha256(tiny_db), version(tiny_db)
    again = import_file("dh-areas", path, tiny_db, licence="CC-BY-4.0")
    assert again.unchanged and again.n_imported == 4 and again.data_version == v
    assert "nothing changed" in again.message("en") and "nichts geändert" in again.message("de")
    assert sha256(tiny_db) == before and version(tiny_db) == v
    assert [p.name for p in tiny_db.parent.iterdir()] == [tiny_db.name]
    # another licence is another import (the provenance changes)
    third = import_file("dh-areas", path, tiny_db, licence="dl-de/zero-2-0")
    assert not third.unchanged and version(tiny_db) != v


def test_the_same_file_after_another_is_imported_again(tiny_db, tmp_path):
    a = write(dh_frame().head(4), tmp_path / "a.geojson")
    b = write(dh_frame().head(2), tmp_path / "b.geojson")
    import_file("dh-areas", a, tiny_db)
    import_file("dh-areas", b, tiny_db)
    assert not import_file("dh-areas", a, tiny_db).unchanged
    assert len(rows(tiny_db, "SELECT * FROM dh_areas")) == 4


# ---------------------------------------------------------------- all or nothing


def _start_import(db: Path, path: Path, pause: str) -> subprocess.Popen:
    """`python -m heatdb import buildings` in its own process, paused for a minute at `pause` (tests/imports/pausing_import.py)."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.imports.pausing_import", pause, "60", "import", "buildings", str(path), "--db", str(db)],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


def _wait_for_copy(db: Path, proc: subprocess.Popen, *, written: bool) -> Path:
    """The working copy of the import (written: the process has closed it and waits before the swap)."""
    deadline = time.monotonic() + 90
    copy = db.with_name(f"{db.name}.import-{proc.pid}")
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.communicate()[1].decode()
        if copy.exists() and (not written or not Path(str(copy) + ".wal").exists()):
            if not written or copy.stat().st_mtime < time.time() - 1:
                return copy
        time.sleep(0.2)
    raise AssertionError("the import never made its working copy")


@pytest.mark.parametrize("pause", ["after_copy", "before_swap"])
def test_import_killed_with_sigkill_leaves_the_database_as_it_was(tiny_db, tmp_path, pause):
    path = write(buildings_frame().head(30), tmp_path / "b.geojson")
    before = sha256(tiny_db)
    proc = _start_import(tiny_db, path, pause)
    copy = _wait_for_copy(tiny_db, proc, written=pause == "before_swap")
    if pause == "before_swap":
        time.sleep(1.5)  # the copy is complete and closed; the swap is all that is left
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # reaps the process and closes its pipes
    assert proc.returncode == -signal.SIGKILL
    assert sha256(tiny_db) == before
    con = duckdb.connect(str(tiny_db), read_only=True)  # openable, and the import left no trace
    try:
        assert con.execute("SELECT count(*) FROM import_log").fetchone()[0] == 0
    finally:
        con.close()
    assert copy.exists()  # a killed process cannot clean up ...
    result = import_file("buildings", path, tiny_db)  # ... the next import does
    assert result.n_imported == 30
    assert [p.name for p in tiny_db.parent.iterdir()] == [tiny_db.name]


def test_a_second_import_while_one_runs_is_refused_and_changes_nothing(tiny_db, tmp_path):
    first = write(buildings_frame().head(30), tmp_path / "erste.geojson")
    second = write(buildings_frame().head(20), tmp_path / "zweite.geojson")
    before = sha256(tiny_db)
    proc = _start_import(tiny_db, first, "after_copy")
    try:
        _wait_for_copy(tiny_db, proc, written=False)
        with pytest.raises(DatabaseError, match=rf"another import into tiny.duckdb is running \(pid {proc.pid}, since .* UTC\)"):
            import_file("buildings", second, tiny_db)
        assert sha256(tiny_db) == before
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    # the lock died with the killed process: the next import runs, and only its rows are there
    assert import_file("buildings", second, tiny_db).n_imported == 20
    assert [p.name for p in tiny_db.parent.iterdir()] == [tiny_db.name]


@pytest.mark.parametrize("where", ["copy", "write"])
def test_a_full_disk_leaves_the_database_unchanged_with_a_clear_message(tiny_db, tmp_path, monkeypatch, where):
    path = write(buildings_frame().head(30), tmp_path / "b.geojson")
    if where == "copy":

        def full(src, dst, *a, **k):
            Path(dst).write_bytes(b"partial")
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(imports.working_copy.shutil, "copyfile", full)
    else:

        def full(*a, **k):
            raise duckdb.IOException('Could not write file "tiny.duckdb.import-1": No space left on device')

        monkeypatch.setattr(imports.buildings, "write_frame", full)
    before = sha256(tiny_db)
    with pytest.raises(DatabaseError, match="the disk is full") as info:
        import_file("buildings", path, tiny_db)
    assert "the database is unchanged" in str(info.value) and "b.geojson" in str(info.value)
    assert sha256(tiny_db) == before
    assert [p.name for p in tiny_db.parent.iterdir()] == [tiny_db.name]


def test_cli_full_disk_exits_3(tiny_db, tmp_path):
    """Through the command line: a disk that fills up (the copy cannot be written) gives exit 3 and a message."""
    path = write(dh_frame().head(2), tmp_path / "fw.geojson")
    code = (
        "import errno, shutil, sys\n"
        "def full(*a, **k): raise OSError(errno.ENOSPC, 'No space left on device')\n"
        "shutil.copyfile = full\n"
        "from heatdb.__main__ import main\n"
        f"sys.exit(main(['import', 'dh-areas', {str(path)!r}, '--db', {str(tiny_db)!r}]))\n"
    )
    before = sha256(tiny_db)
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert r.returncode == 3, r.stderr
    assert "the disk is full" in r.stderr and "Traceback" not in r.stderr
    assert sha256(tiny_db) == before


# ---------------------------------------------------------------- the command line


def test_cli_report_lists_every_problem_in_both_languages(tiny_db, tmp_path):
    path, _ = buildings_with_three_bad_rows(tmp_path)
    report = tmp_path / "bericht.csv"
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db), "--lang", "de", "--report", str(report))
    assert r.returncode == 2 and r.stderr.startswith("error: 3 Problem(e) gefunden:"), r.stderr
    assert "Es wurde nichts importiert; die Datenbank ist unverändert." in r.stderr
    with report.open(encoding="utf-8-sig") as f:
        listed = list(csv.DictReader(f))
    assert [(x["row"], x["column"]) for x in listed] == [("5", "carrier"), ("8", "geometry"), ("2", "construction_year")] or sorted(
        (int(x["row"]), x["column"]) for x in listed
    ) == [(2, "construction_year"), (5, "carrier"), (8, "geometry")]
    assert all(x["file"] == path.name and x["problem_de"] and x["problem_en"] and x["fix_de"] and x["fix_en"] for x in listed)


def test_cli_skip_invalid_and_licence(tiny_db, tmp_path):
    path, g = buildings_with_three_bad_rows(tmp_path)
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db), "--skip-invalid", "--licence", "ODbL-1.0")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"imported {len(g) - 3} rows of buildings from {path.name}, skipped 3 invalid rows into "), r.stdout
    assert r.stderr.count("skipped: ") == 3
    r = run_heatdb("import", "buildings", str(path), "--db", str(tiny_db), "--skip-invalid", "--licence", "ODbL-1.0")
    assert r.returncode == 0 and "nothing changed" in r.stdout, r.stdout + r.stderr


# ---------------------------------------------------------------- zipped Shapefiles


def _shapefile(tmp: Path, *, prj: bool) -> Path:
    folder = tmp / "shp"
    folder.mkdir()
    dh_frame().head(3)[["zone_id", "n_zellen", "geometry"]].to_crs(25832).to_file(folder / "fernwaerme.shp")
    z = tmp / "fernwaerme.zip"
    with zipfile.ZipFile(z, "w") as f:
        for part in folder.iterdir():
            if prj or part.suffix != ".prj":
                f.write(part, part.name)
    return z


def test_zipped_shapefile_in_utm_is_imported(tiny_db, tmp_path):
    z = _shapefile(tmp_path, prj=True)
    assert import_file("dh-areas", z, tiny_db).n_imported == 3
    built = rows(tiny_db, "SELECT sum(area_ha) AS a FROM dh_areas")["a"].iloc[0]
    expected = dh_frame().head(3).to_crs(3035).area.sum() / 1e4
    assert built == pytest.approx(expected, rel=1e-6)


def test_zipped_shapefile_without_prj_is_refused(tiny_db, tmp_path):
    z = _shapefile(tmp_path, prj=False)
    with pytest.raises(ImportValidationError, match=r"fernwaerme.shp has no .prj file") as info:
        import_file("dh-areas", z, tiny_db)
    assert info.value.problems[0].file == "fernwaerme.zip" and not info.value.skippable


def test_shapefile_without_prj_is_refused(tiny_db, tmp_path):
    _shapefile(tmp_path, prj=True)
    shp = tmp_path / "shp" / "fernwaerme.shp"
    shp.with_suffix(".prj").unlink()
    with pytest.raises(ImportValidationError, match="has no .prj file"):
        import_file("dh-areas", shp, tiny_db)


# ---------------------------------------------------------------- OSM addresses


def test_osm_addresses_from_building_polygons(tiny_db, tiny_city, tmp_path):
    import geopandas as gpd

    from heatdb.sources import FILES

    osm = gpd.read_file(tiny_city / FILES["osm"])
    with_addr = osm[osm["addr_street"].notna() & osm["addr_housenumber"].notna()]
    assert len(with_addr) > 10
    g = osm.drop(columns=[c for c in osm.columns if c in ("addr_postcode", "addr_city")])
    g = g.rename(columns={"addr_street": "addr:street", "addr_housenumber": "addr:housenumber"})
    g["addr:postcode"] = "44388"
    g["addr_city"] = "Dortmund"  # GeoPackage-style name of addr:city
    path = write(g, tmp_path / "osm_adressen.gpkg")
    result = import_file("addresses", path, tiny_db, licence="ODbL-1.0")
    labels = set(rows(tiny_db, "SELECT label FROM addresses")["label"])
    expected = {f"{s} {h}, 44388 Dortmund" for s, h in zip(with_addr["addr_street"], with_addr["addr_housenumber"])}
    assert result.n_imported == len(labels) == len(expected)
    assert labels == expected
    pts = rows(tiny_db, "SELECT lon, lat FROM addresses")
    assert pts["lon"].between(7.2, 7.5).all() and pts["lat"].between(51.4, 51.6).all()


# ---------------------------------------------------------------- the projects template


def test_template_is_in_sync_with_the_columns(tmp_path):
    from portfolio import CSV_COLUMNS
    from portfolio.files import TEMPLATE, TEMPLATE_DIR, write_templates

    assert list(TEMPLATE) == list(CSV_COLUMNS)
    fresh = write_templates(tmp_path)
    shipped = TEMPLATE_DIR / fresh[0].name
    assert shipped.read_bytes() == fresh[0].read_bytes(), "run .venv/bin/python -m portfolio.files"
    wb = openpyxl.load_workbook(TEMPLATE_DIR / fresh[1].name)
    assert [c.value for c in wb["Projekte"][1]] == [TEMPLATE[c][0] for c in CSV_COLUMNS]
    assert [r[1] for r in wb["Erläuterung"].iter_rows(min_row=2, max_row=len(CSV_COLUMNS) + 1, values_only=True)] == list(CSV_COLUMNS)


def _fill_template(tmp: Path, suffix: str, rows_: list[dict]) -> Path:
    from portfolio import CSV_COLUMNS
    from portfolio.files import TEMPLATE, write_templates

    csv_t, xlsx_t = write_templates(tmp / "vorlage")
    if suffix == ".csv":
        lines = [csv_t.read_text(encoding="utf-8-sig").rstrip("\n")]
        lines += [";".join(str(r.get(c, "")) for c in CSV_COLUMNS) for r in rows_]
        out = tmp / "projekte.csv"
        out.write_text("\n".join(lines) + "\n", encoding="cp1252")  # as German Excel saves it
        return out
    wb = openpyxl.load_workbook(xlsx_t)
    ws = wb["Projekte"]
    assert [c.value for c in ws[1]] == [TEMPLATE[c][0] for c in CSV_COLUMNS]
    for r in rows_:
        ws.append([r.get(c) for c in CSV_COLUMNS])
    out = tmp / "projekte.xlsx"
    wb.save(out)
    return out


PROJECTS = [
    {"project_id": "wbg-nord-wp", "name": "Wärmepumpen Nordmarkt", "owner": "Wohnungsbau eG", "project_type": "hp_programme", "start_year": 2026, "end_year": 2032, "districts": "Hörde", "rate_pct_per_year": "2,5", "capex_eur": 1200000, "is_approximated": "nein"},
    {"project_id": "stadt-schulen", "name": "Schulen auf Fernwärme", "owner": "Stadt", "project_type": "own_building_conversion", "start_year": 2027, "end_year": 2030, "districts": "510", "target_system": "dh", "is_approximated": "ja", "n_buildings": 3, "building_type": "MFH"},
]  # fmt: skip


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_projects_template_imports_into_the_portfolio(dortmund_db, tmp_path, suffix):
    import portfolio as pf

    path = _fill_template(tmp_path, suffix, PROJECTS)
    portfolio = tmp_path / "portfolio.duckdb"
    result = import_projects_file(path, portfolio, warehouse_db=dortmund_db, licence="intern")
    assert (result.n_imported, result.n_skipped, result.unchanged) == (2, 0, False)
    con = pf.open_portfolio(portfolio)
    try:
        got = {p.project_id: p for p in pf.projects(con)}
        n_projects = len(got)
    finally:
        con.close()
    assert got["wbg-nord-wp"].rate_pct_per_year == 2.5 and got["wbg-nord-wp"].capex_eur == 1.2e6 and not got["wbg-nord-wp"].is_approximated
    assert got["stadt-schulen"].district_ids == ("statbez-510",) and got["stadt-schulen"].target_system == "dh"
    assert len(got["stadt-schulen"].building_ids) == 3  # three MFH of the district, not all of its buildings
    again = import_projects_file(path, portfolio, warehouse_db=dortmund_db, licence="intern")
    assert again.unchanged
    con = pf.open_portfolio(portfolio)
    try:
        assert len(pf.projects(con)) == n_projects
    finally:
        con.close()


def test_projects_file_lists_every_bad_row_and_can_skip_them(dortmund_db, tmp_path):
    bad = [
        {**PROJECTS[0], "districts": "Atlantis"},
        PROJECTS[1],
        {**PROJECTS[0], "project_id": "x3", "capex_eur": "viel"},
    ]
    path = _fill_template(tmp_path, ".xlsx", bad)
    portfolio = tmp_path / "portfolio.duckdb"
    with pytest.raises(ImportValidationError) as info:
        import_projects_file(path, portfolio, warehouse_db=dortmund_db)
    assert {(p.row, p.column) for p in info.value.problems} == {(1, "districts"), (3, "capex_eur")}
    assert all(p.file == "projekte.xlsx" for p in info.value.problems)
    assert not portfolio.exists()
    result = import_projects_file(path, portfolio, warehouse_db=dortmund_db, skip_invalid=True)
    assert (result.n_imported, result.n_skipped) == (1, 2)


def test_numbers_in_the_template_must_be_finite(dortmund_db, tmp_path):
    path = _fill_template(tmp_path, ".csv", [{**PROJECTS[0], "capex_eur": "inf"}])
    with pytest.raises(ImportValidationError, match="'inf' is not a number"):
        import_projects_file(path, tmp_path / "p.duckdb", warehouse_db=dortmund_db)


def test_progress_is_reported_from_start_to_end(tiny_db, tmp_path):
    path = write(dh_frame().head(2), tmp_path / "fw.geojson")
    seen = []
    import_file("dh-areas", path, tiny_db, progress=lambda f, text: seen.append((f, text["de"], text["en"])))
    fractions = [f for f, _, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] < 0.1 and fractions[-1] == 1.0
    assert all(de and en for _, de, en in seen)
    assert np.all(np.diff(fractions) >= 0)


# ---------------------------------------------------------------- the other importers' kinds through import_file


def test_every_installed_kind_is_offered_by_the_command_line():
    from imports import available_kinds

    r = run_heatdb("import", "--help")
    assert r.returncode == 0
    for kind in (*available_kinds(), PROJECTS_KIND):
        assert kind in r.stdout, kind


def test_pipes_through_import_file_keep_the_rules(tiny_db, tmp_path):
    """A kind of another module gets provenance, idempotency and refusal the same way."""
    from tests.imports.test_import_network import pipes_frame
    from tests.imports.test_import_network import write as write_pipes

    path = write_pipes(pipes_frame(), tmp_path / "leitungen.gpkg")
    result = import_file("dh-network", path, tiny_db, licence="dl-de/by-2-0")
    assert result.n_imported == 3 and not result.unchanged
    log = rows(tiny_db, "SELECT kind, file_name, sha256, licence FROM import_log").iloc[0].tolist()
    assert log == ["dh-network", "leitungen.gpkg", sha256(path), "dl-de/by-2-0"]
    before = sha256(tiny_db)
    assert import_file("dh-network", path, tiny_db, licence="dl-de/by-2-0").unchanged
    assert sha256(tiny_db) == before
    bad = pipes_frame()
    bad.loc[1, "year"] = 3025
    bad_path = write_pipes(bad, tmp_path / "leitungen_falsch.gpkg")
    with pytest.raises(ImportValidationError) as info:
        import_file("dh-network", bad_path, tiny_db)
    assert [(p.file, p.row, p.column) for p in info.value.problems] == [("leitungen_falsch.gpkg", 2, "year")]
    assert sha256(tiny_db) == before
    skipped = import_file("dh-network", bad_path, tiny_db, skip_invalid=True)
    assert (skipped.n_imported, skipped.n_skipped) == (2, 1)


def test_a_log_row_from_before_the_options_counts_as_default_options(tiny_db, tmp_path):
    path = write(dh_frame().head(4), tmp_path / "fw.geojson")
    import_file("dh-areas", path, tiny_db)
    con = duckdb.connect(str(tiny_db))
    try:
        con.execute("UPDATE import_log SET options = NULL, licence = NULL")  # as an older version logged it
    finally:
        con.close()
    before = sha256(tiny_db)
    assert import_file("dh-areas", path, tiny_db).unchanged
    assert sha256(tiny_db) == before
    assert not import_file("dh-areas", path, tiny_db, skip_invalid=True).unchanged
