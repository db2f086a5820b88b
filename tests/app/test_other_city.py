"""The app on another city's warehouse: Dortmund's projects are not seeded, and every page that shows
projects says so instead of failing. (The tiny city with its meta city_name changed.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from heatdb.connect import connect
from locales import text

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bochum(tiny_db_template, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("bochum") / "bochum.duckdb"
    shutil.copyfile(tiny_db_template, out)
    con = connect(out)
    try:
        con.execute("UPDATE meta SET value = 'Bochum' WHERE key = 'city_name'")
    finally:
        con.close()
    return out


@pytest.fixture
def other_city(bochum, tmp_path, monkeypatch) -> Path:
    db = tmp_path / "bochum.duckdb"
    shutil.copyfile(bochum, db)
    monkeypatch.setenv("WAERME_DB", str(db))
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(tmp_path / "portfolio.duckdb"))
    monkeypatch.setenv("WAERME_CACHE_DIR", str(tmp_path / "cache"))
    return db


def run(page: str) -> AppTest:
    return AppTest.from_file(str(ROOT / "pages" / page), default_timeout=180).run()


def test_projects_page_says_why_the_portfolio_is_empty_and_offers_the_editor(other_city):
    at = run("04_projekte.py")
    assert not at.exception, [e.value for e in at.exception]
    infos = " ".join(i.value for i in at.info)
    assert "Das Portfolio hat noch keine Projekte." in infos
    assert "Die mitgelieferten Projekte sind die von Dortmund; dieser Datenbestand ist der von Bochum." in infos
    assert at.selectbox(key="p_edit_pick").options == [text("ui", "p_new", "de")]  # nothing to edit yet: only a new project


@pytest.mark.parametrize("page", ["01_uebersicht.py", "05_szenarien.py", "09_rat.py"])
def test_pages_with_scenarios_run_without_projects(other_city, page):
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]


def test_mein_zuhause_answers_with_the_general_rules_and_the_citys_own_bounds(other_city, monkeypatch):
    monkeypatch.setenv("WAERME_MODE", "public")
    con = connect(other_city, read_only=True)
    try:
        lon, lat = con.execute(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geometry) p FROM districts WHERE level = 'statbez' ORDER BY code LIMIT 1)"
        ).fetchone()
        east = con.execute("SELECT max(ST_XMax(geometry)) FROM districts").fetchone()[0]
    finally:
        con.close()

    def zuhause(lo: float, la: float) -> AppTest:
        at = AppTest.from_file(str(ROOT / "pages" / "07_mein_zuhause.py"), default_timeout=120)
        at.query_params["lon"], at.query_params["lat"] = f"{lo:.5f}", f"{la:.5f}"
        return at.run()

    at = zuhause(lon, lat)
    assert not at.exception, [e.value for e in at.exception]
    body = "\n".join(m.value for m in at.markdown)
    assert "Wer in Bochum eine **neue Heizung** einbaut" in body and "Stadt Bochum" in body
    assert "DEW21" not in body and "in Dortmund" not in body
    # a link 0.1° east of the (tiny) city's districts is no address of this city: no answer
    far = zuhause(east + 0.1, lat)
    assert not far.exception and not [s for s in far.subheader if s.value.startswith("Antwort für")]
