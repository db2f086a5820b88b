"""The Daten importieren page: planner mode only, every problem in a table, skipping after a failure,
and the other pages showing the imported data at once. Imports go into a copy of the tiny city."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from heatdb.connect import connect
from tests.factories import buildings_frame, make_portfolio, sha256, write

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def warehouse(tiny_db_template, tmp_path, monkeypatch) -> Path:
    """A private copy of the tiny warehouse that the pages read (never the Dortmund database)."""
    folder = tmp_path / "db"
    folder.mkdir()
    db = folder / "tiny.duckdb"
    shutil.copyfile(tiny_db_template, db)
    monkeypatch.setenv("WAERME_DB", str(db))
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(tmp_path / "portfolio.duckdb"))
    return db


def scalar(db: Path, sql: str):
    con = connect(db, read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def page(name: str = "08_import.py", **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=120)
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def bad_buildings(tmp: Path) -> tuple[bytes, int]:
    g = buildings_frame()
    g.loc[1, "construction_year"] = 3019
    g.loc[4, "carrier"] = "Erdgas"
    g.loc[6, "living_area_m2"] = -50.0
    path = write(g, tmp / "gebaeude.geojson")
    return path.read_bytes(), len(g)


def test_page_offers_every_kind_in_planner_mode(warehouse):
    from imports import available_kinds
    from portfolio.actuals_files import KIND as ACTUALS
    from portfolio.files import KIND as PROJECTS

    at = page()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Daten importieren"
    options = at.selectbox(key="imp_kind").options
    assert len(options) == len(set(options)) == len((*available_kinds(), PROJECTS, ACTUALS))
    assert {"Gebäude (Umrisse mit Merkmalen)", "Adressen (Hauskoordinaten NRW oder OSM)", "Projekte (Portfolio-Vorlage)"} <= set(options)
    assert at.text_input(key="imp_licence").label == "Lizenz der Datei"
    assert at.button(key="imp_go").disabled  # nothing uploaded yet
    assert not any(c.key == "imp_skip" for c in at.checkbox)  # the skip choice comes only after a failure


def test_public_mode_has_no_import_page(warehouse, monkeypatch):
    monkeypatch.setenv("WAERME_MODE", "public")
    at = page()
    assert not at.exception
    assert not at.file_uploader and not at.button
    assert at.error[0].value == "Diese Seite gibt es nur im Planungsmodus."
    # and the router does not list it
    routed = []

    class Nav:
        def run(self):
            return None

    monkeypatch.setattr(st, "navigation", lambda pages, **k: routed.extend(pages) or Nav())
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not app.exception
    assert routed and all(p.url_path != "import" for p in routed)
    monkeypatch.setenv("WAERME_MODE", "planner")
    routed.clear()
    AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert any(p.url_path == "import" for p in routed)


def test_bad_file_lists_every_problem_then_imports_without_them(warehouse, tmp_path):
    content, n = bad_buildings(tmp_path)
    before, version_before = sha256(warehouse), scalar(warehouse, "SELECT value FROM meta WHERE key = 'data_version'")
    n_before = page("01_uebersicht.py").metric
    at = page(imp_kind="buildings")
    at.file_uploader(key="imp_file").set_value(("gebaeude.geojson", content, "application/geo+json"))
    at.text_input(key="imp_licence").input("ODbL-1.0")
    at.run()
    at.button(key="imp_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error[0].value == "gebaeude.geojson: 3 Problem(e) gefunden. Es wurde nichts importiert; die Datenbank ist unverändert."
    table = at.dataframe[0].value
    assert list(table.columns) == ["Datei", "Zeile", "Spalte", "Wert", "Problem", "Lösung"]
    assert sorted(zip(table["Zeile"], table["Spalte"])) == [("2", "construction_year"), ("5", "carrier"), ("7", "living_area_m2")]
    assert "liegt außerhalb 1500..2030" in " ".join(table["Problem"])
    assert sha256(warehouse) == before
    # skipping is offered now; with it ticked the button says what it does
    at.checkbox(key="imp_skip").check().run()
    assert at.button(key="imp_go").label == "Ohne die fehlerhaften Zeilen importieren"
    at.button(key="imp_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value == f"{n - 3} Zeilen (buildings) aus gebaeude.geojson importiert, 3 fehlerhafte Zeilen übersprungen."
    assert scalar(warehouse, "SELECT count(*) FROM buildings") == n - 3
    assert scalar(warehouse, "SELECT licence FROM import_log") == "ODbL-1.0"
    assert scalar(warehouse, "SELECT value FROM meta WHERE key = 'data_version'") != version_before
    # another page shows the new data at once
    after = {m.label: m.value for m in page("01_uebersicht.py").metric}
    assert after["Gebäude mit Wohnraum"] == str(n - 3)
    assert {m.label: m.value for m in n_before}["Gebäude mit Wohnraum"] != after["Gebäude mit Wohnraum"]


def test_english_problem_table(warehouse, tmp_path):
    content, _ = bad_buildings(tmp_path)
    at = page(imp_kind="buildings", lang="en")
    at.file_uploader(key="imp_file").set_value(("gebaeude.geojson", content, "application/geo+json"))
    at.run()
    at.button(key="imp_go").click().run()
    assert at.error[0].value == "gebaeude.geojson: 3 problem(s) found. Nothing was imported; the database is unchanged."
    assert list(at.dataframe[0].value.columns) == ["File", "Row", "Column", "Value", "Problem", "Fix"]
    assert "is outside 1500..2030" in " ".join(at.dataframe[0].value["Problem"])


def test_a_file_level_problem_offers_no_skipping(warehouse, tmp_path):
    g = buildings_frame().drop(columns="carrier")
    content = write(g, tmp_path / "ohne.geojson").read_bytes()
    at = page(imp_kind="buildings")
    at.file_uploader(key="imp_file").set_value(("ohne.geojson", content, "application/geo+json"))
    at.run()
    at.button(key="imp_go").click().run()
    assert not at.exception
    assert "Spalte(n) carrier fehlen" in at.dataframe[0].value["Problem"].iloc[0]
    assert not any(c.key == "imp_skip" for c in at.checkbox)


def test_projects_template_through_the_page(warehouse, tmp_path):
    import portfolio as pf
    from portfolio.files import TEMPLATE_DIR

    make_portfolio(tmp_path / "portfolio.duckdb")  # seeded without the tiny warehouse (it lacks Dortmund's districts)
    at = page(imp_kind="projects")
    assert {b.key for b in at.get("download_button")} >= {"imp_template_xlsx", "imp_template_csv"}
    header = (TEMPLATE_DIR / "projekte_vorlage.csv").read_text(encoding="utf-8-sig").strip()
    cols = header.split(";")
    row = dict.fromkeys(cols, "")
    row.update(
        {
            "Projekt-ID": "neu-1",
            "Name": "Nahwärme Test",
            "Träger": "Stadt",
            "Projektart": "hp_programme",
            "Startjahr": "2026",
            "Endjahr": "2030",
            "Rate pro Jahr": "2",
            "Bezirke": "*",
        }
    )
    content = ("\ufeff" + header + "\n" + ";".join(row[c] for c in cols) + "\n").encode("utf-8")
    at.file_uploader(key="imp_file").set_value(("projekte.csv", content, "text/csv"))
    at.run()
    at.button(key="imp_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value.startswith("1 Zeilen (projects) aus projekte.csv importiert")
    # read-write like the app, whose connection in this process is still open (DuckDB refuses a second configuration)
    con = pf.open_portfolio(tmp_path / "portfolio.duckdb")
    try:
        assert "neu-1" in {p.project_id for p in pf.projects(con)}
    finally:
        con.close()


def test_buildings_with_an_own_column_mapping_through_the_page(warehouse, tmp_path):
    """A file in other column names (as the LANUV heat-demand model's): the planner types the mapping."""
    from tests.imports.test_import_source_layouts import alkis_layer

    g = alkis_layer().rename(columns={"gml_id": "GEB_ID", "gebaeudefunktion": "FKT", "baujahr": "BJ"})
    path = tmp_path / "lanuv.gpkg"
    g.to_file(path, driver="GPKG")
    at = page()
    at.selectbox(key="imp_kind").set_value("buildings").run()
    at.selectbox(key="imp_layout").set_value("custom").run()
    at.text_area(key="imp_map").input("GEB_ID = gml_id\nFKT gebaeudefunktion\nGEB_ID = building_id").run()
    errors = [e.value for e in at.error]
    assert any("Zeile 2 der Zuordnung („FKT gebaeudefunktion“)" in e for e in errors), errors
    assert any("Zeile 3 der Zuordnung: die Spalte „GEB_ID“ ist schon zugeordnet" in e for e in errors), errors
    at.file_uploader(key="imp_file").set_value(("lanuv.gpkg", path.read_bytes(), "application/geopackage+sqlite3")).run()
    assert at.button(key="imp_go").disabled, "no import with a broken mapping"
    at.text_area(key="imp_map").input("GEB_ID = gml_id\nFKT = gebaeudefunktion\n# Baujahr\nBJ = baujahr").run()
    assert not at.error and not at.button(key="imp_go").disabled
    at.button(key="imp_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    done = [s.value for s in at.success]
    assert done and done[0].startswith("25 Zeilen (buildings) aus lanuv.gpkg importiert."), done
    assert "5 unbeheizte Gebäude (Garagen, Schuppen, …) nicht übernommen." in done[0]
    # the file gives 1965 on the 15 even rows; rows 20, 22 and 24 are garages and left out: 12
    assert scalar(warehouse, "SELECT count(*) FROM buildings WHERE construction_year = 1965 AND building_id LIKE 'DENW36AL%'") == 12


def test_the_parallel_geometry_forks_safely_from_the_page_and_gives_the_serial_numbers(warehouse, tmp_path, monkeypatch):
    """A city-sized file (from 100,000 footprints) runs the geometry in forked processes; the page runs in a
    thread of the Streamlit server. Here the threshold is lowered so that 40 footprints take that path."""
    from imports import parallel_geometry

    g = buildings_frame().head(40)
    content = write(g, tmp_path / "gebaeude.geojson").read_bytes()
    serial_db = tmp_path / "serial.duckdb"
    shutil.copyfile(warehouse, serial_db)
    from imports import import_file

    import_file("buildings", tmp_path / "gebaeude.geojson", serial_db)  # below the threshold: one process
    calls = []
    original = parallel_geometry.probe_and_neighbour

    def counted(footprints, **kw):
        calls.append(len(footprints))
        return original(footprints, **kw)

    monkeypatch.setattr(parallel_geometry, "PARALLEL_FROM", 10)
    monkeypatch.setattr(parallel_geometry, "probe_and_neighbour", counted)
    at = page(imp_kind="buildings")
    at.file_uploader(key="imp_file").set_value(("gebaeude.geojson", content, "application/geo+json")).run()
    at.button(key="imp_go").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert calls == [40] and at.success, [s.value for s in at.success]
    query = "SELECT building_id, round(probe_area_m2, 3), round(neighbour_distance_m, 3) FROM hp_potential ORDER BY building_id"
    con_a, con_b = connect(warehouse, read_only=True), connect(serial_db, read_only=True)
    try:
        assert con_a.execute(query).fetchall() == con_b.execute(query).fetchall()
    finally:
        con_a.close()
        con_b.close()
