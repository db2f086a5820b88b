"""The page Fortschritt (issue 19) in planner and public mode: never empty on the default data, labelled
illustrative, the rule stated; the public page shows only released, aggregated figures; a planner's report
through the form reaches the page and stays internal until its year is released."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import portfolio as pf
from portfolio.actuals import list_actuals

PAGE = str(Path(__file__).resolve().parents[2] / "pages" / "10_fortschritt.py")
SAVE = "FormSubmitter:fo_form-Meldung speichern"


@pytest.fixture
def portfolio_db(tmp_path, monkeypatch):
    """A portfolio of its own (the form writes into it); the model cache stays the session's."""
    path = tmp_path / "portfolio.duckdb"
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(path))
    return path


def page(**state) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=300)
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def texts(at) -> str:
    return "\n".join(str(x.value) for x in (*at.markdown, *at.caption, *at.warning, *at.info, *at.success, *at.subheader))


def test_the_page_is_never_empty_and_says_the_figures_are_illustrative():
    at = page()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Fortschritt"
    assert any("Enthält Beispielwerte" in w.value for w in at.warning)
    shown = texts(at)
    assert "Ampel: grün ab 90 % des Plans bis heute, gelb ab 60 %" in shown  # the rule is stated
    assert "Die Stadt 2025: Ist gegenüber Plan" in shown and "Die Maßnahmen 2025" in shown
    table = at.dataframe[0].value
    assert len(table) == 15 and "Ausbaugebiet Südtrasse" in " ".join(table["Maßnahme"])
    assert at.selectbox(key="fo_year").value == 2025
    assert at.button(key=SAVE) is not None  # the planner's form


def test_english():
    at = page(lang="en")
    assert not at.exception
    assert at.title[0].value == "Progress"
    assert any("Contains example figures" in w.value for w in at.warning)


def test_the_public_page_shows_released_aggregates_and_nobody(portfolio_db, monkeypatch):
    monkeypatch.setenv("WAERME_MODE", "public")  # without a portfolio file: the defaults, read-only, in memory
    at = page()
    assert not at.exception, [e.value for e in at.exception]
    assert not any(b.key == SAVE for b in at.button)  # no form, no release, no freezing
    assert not any((b.key or "").startswith(("fo_publish", "fo_unpublish")) for b in at.button)
    assert not at.toggle  # no preview switch: the public view is the only one
    assert any("Enthält Beispielwerte" in w.value for w in at.warning)  # the shipped examples are public from the start
    for frame in at.dataframe:
        columns = set(frame.value.columns)
        assert not {"reported_by", "note", "building_id"} & columns
    assert not portfolio_db.exists()  # the public instance never writes


def test_a_report_from_the_form_reaches_the_page_and_stays_internal(portfolio_db):
    at = page()
    at.selectbox(key="fo_form_project").set_value("dew21-phoenix-west").run()
    at.number_input(key="fo_year_input").set_value(2025)
    at.number_input(key="fo_v_heat_mwh").set_value(1250.0)
    at.text_input(key="fo_reported_by").set_value("DEW21, Energiewirtschaft")
    at.text_input(key="fo_source").set_value("Betreiberdaten 2025")
    at.button(key=SAVE).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("gespeichert (noch nicht öffentlich)" in s.value for s in at.success)
    con = pf.open_portfolio(portfolio_db)  # the app holds it open for writing in this process
    try:
        internal = list_actuals(con).set_index(["project_id", "year"])
        public = list_actuals(con, published_only=True)
    finally:
        con.close()
    assert internal.loc[("dew21-phoenix-west", 2025), "heat_mwh"] == 1250
    assert not (public["project_id"] == "dew21-phoenix-west").any()
    # the page counts it: 1,250 of the 2,500 MWh planned for 2025 (the plan's first of two years)
    table = at.dataframe[0].value.set_index("Maßnahme")
    row = table.loc[[n for n in table.index if n.startswith("Neues Fernwärmenetz PHOENIX-West")][0]]
    assert row["Erfüllung"] == "50 %" and row["Ampel"].startswith("rot")
    # a missing figure is refused with the template's words
    at.number_input(key="fo_v_heat_mwh").set_value(None)
    at.button(key=SAVE).click().run()
    assert any("eingespeiste Wärme" in e.value or "heat_mwh" in e.value for e in at.error)


def test_another_citys_empty_portfolio_says_how_to_begin(tiny_db_template, tmp_path, monkeypatch):
    import shutil

    from heatdb.connect import connect

    db = tmp_path / "bochum.duckdb"
    shutil.copyfile(tiny_db_template, db)
    con = connect(db)
    try:
        con.execute("UPDATE meta SET value = 'Bochum' WHERE key = 'city_name'")
    finally:
        con.close()
    monkeypatch.setenv("WAERME_DB", str(db))
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(tmp_path / "portfolio.duckdb"))
    monkeypatch.setenv("WAERME_CACHE_DIR", str(tmp_path / "cache"))
    at = page()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Das Portfolio hat noch keine Maßnahmen" in i.value for i in at.info)
    assert not at.warning  # no illustrative reports: they are Dortmund's
