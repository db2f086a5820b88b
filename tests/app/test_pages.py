"""Every page runs without an exception (Streamlit AppTest), and the overview shows the warehouse's numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from heatdb.connect import connect
from heatdb.queries import city_totals_from_buildings
from locales import num

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.name for p in (ROOT / "pages").glob("*.py"))


def run(page: str, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=60)
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(page):
    at = run(page)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"


def test_router_runs_the_default_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert at.title[0].value == "Übersicht"


def test_overview_numbers_equal_the_warehouse(dortmund_db):
    con = connect(dortmund_db, read_only=True)
    try:
        direct = city_totals_from_buildings(con)
    finally:
        con.close()
    at = run("01_uebersicht.py")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Gebäude mit Wohnraum"] == num(direct["n_buildings"], 0, "de")
    assert metrics["Wärmebedarf der Wohngebäude (GWh/a)"] == num(direct["heat_demand_mwh_per_year"] / 1000, 0, "de")
    assert metrics["Treibhausgase der Wohngebäude (Wärme) (kt CO₂e/a)"] == num(direct["co2e_t_per_year"] / 1000, 0, "de")
    assert metrics["Anteil Fernwärme"] == f"{num(direct['dh_share_pct'], 1, 'de')} %"


def test_synthetic_notice_is_shown():
    at = run("01_uebersicht.py")
    assert any("Synthetische Gebäudedaten" in i.value for i in at.info)


def test_english_switch():
    at = run("01_uebersicht.py", lang="en")
    assert at.title[0].value == "Overview"
    assert any(m.label == "Buildings with living space" for m in at.metric)
    assert any(m.value.count(",") >= 1 for m in at.metric if m.label == "Buildings with living space")  # 89,156


def test_map_metric_switch():
    at = run("01_uebersicht.py")
    at.segmented_control(key="overview_metric").set_value("co2e_t_per_year").run()
    assert not at.exception


def test_missing_database_gives_a_plain_message(monkeypatch, tmp_path):
    monkeypatch.setenv("WAERME_DB", str(tmp_path / "nope.duckdb"))
    monkeypatch.setenv("WAERME_MODE", "public")
    at = run("01_uebersicht.py")
    assert not at.exception
    assert any("konnte nicht geöffnet werden" in e.value for e in at.error)


def test_every_map_asks_for_no_basemap():
    """Without pydeck's no-basemap marker, Streamlit's frontend would load Carto tiles from a third party."""
    import json

    from ui import maps

    spec = json.loads(maps.deck([]).to_json())
    assert spec["mapStyle"] == maps.NO_BASEMAP
    assert "\n" not in maps.deck([]).to_json()  # compact JSON
