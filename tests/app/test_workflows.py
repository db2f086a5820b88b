"""The planners' and the committee's workflows (issue 15): each test failed on the code before its fix."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import portfolio as pf

PAGES = Path(__file__).resolve().parents[2] / "pages"


@pytest.fixture
def portfolio_db(tmp_path, monkeypatch):
    path = tmp_path / "portfolio.duckdb"
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(path))
    return path


def page(name: str, **query) -> AppTest:
    at = AppTest.from_file(str(PAGES / name), default_timeout=240)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def test_a_new_base_scenario_fills_the_whole_form():
    """Changing Ausgangsszenario showed only the new lever table; name, paths and fallback stayed from the old one."""
    at = page("05_szenarien.py")
    at.selectbox(key="s_base").set_value("trend").run()
    at.selectbox(key="s_base").set_value("klimaneutral-2035").run()
    assert not at.exception
    assert at.selectbox(key="s_el").value == "fast"
    assert at.selectbox(key="s_dh").value == "custom"
    assert at.selectbox(key="s_fb").value == "hp_air"
    assert at.text_input(key="s_name").value.startswith("Klimaneutral 2035")
    at.button(key="FormSubmitter:s_form-Für diese Sitzung übernehmen").click().run()
    assert not at.exception
    sc = at.session_state["s_custom"]
    # the levers the form does not show come from the base too: its own network path and the measures' statuses
    assert sc.dh_min_share_pct == {2024: 0.0, 2035: 100.0}
    assert sc.project_statuses == ("planned", "approved", "in_progress", "completed")
    assert sc.el_path == "fast" and sc.fallback_system == "hp_air"


def test_picking_a_project_shows_its_values_and_an_empty_name_is_refused_in_german(portfolio_db):
    at = page("04_projekte.py")
    at.selectbox(key="p_edit_pick").set_value("dew21-suedtrasse").run()
    assert not at.exception
    assert at.text_input(key="f_name@dew21-suedtrasse").value.startswith("Ausbaugebiet Südtrasse")
    assert at.selectbox(key="f_type@dew21-suedtrasse").value == "dh_expansion"
    assert at.number_input(key="f_share@dew21-suedtrasse").value == 10.0
    at.text_input(key="f_name@dew21-suedtrasse").set_value("   ")
    at.button(key="FormSubmitter:p_form-Speichern").click().run()
    assert [e.value for e in at.error] == ["Bitte einen Namen für das Projekt eingeben."]
    con = pf.open_portfolio(portfolio_db)
    assert next(p for p in pf.projects(con) if p.project_id == "dew21-suedtrasse").name.startswith("Ausbaugebiet Südtrasse")


def test_the_council_page_shows_names_not_codes():
    at = page("09_rat.py")
    assert not at.exception
    shown = " ".join(m.value for m in at.markdown) + " ".join(str(d.value.to_dict()) for d in at.dataframe)
    for code in ("factor_set", "el_path", "waermenetzgebiet", "pruefgebiet", '"2024":', "bisko)"):
        assert code not in shown, code
    assert "BISKO" in shown


def test_the_overview_says_why_its_figures_differ_from_the_pathway():
    at = page("01_uebersicht.py")
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "übrigen Kunden der Fernwärmenetze" in captions and "beginnt er bei" in captions


@pytest.mark.slow
def test_a_page_visit_warms_every_saved_scenario_and_an_edit_warms_again(portfolio_db):
    """Issue 17: the first visitor after a start or an edit computed the other scenarios on their own request."""
    import threading

    from ui import model

    def settle():
        for th in [th for th in threading.enumerate() if th.name == "warm-model"]:
            th.join(timeout=600)

    page("08_import.py")  # a page that computes nothing itself
    settle()
    svc, pcon = model.service(), model.portfolio()  # the app's own connection to the portfolio
    ids = list(pf.list_scenarios(pcon)["scenario_id"])
    assert ids and all(svc.peek_contributions(pf.scenario(pcon, sid)) is not None for sid in ids)
    sc = pf.scenario(pcon, "wpg-2045")
    before = svc.key(sc)
    p = next(p for p in pf.projects(pcon) if p.project_id == "dew21-phoenix-west")
    pf.save_project(pcon, dataclasses.replace(p, heat_mwh_per_year=p.heat_mwh_per_year * 2))
    assert svc.peek_contributions(sc) is None  # the new portfolio state is not computed yet
    page("08_import.py")
    settle()
    assert svc.key(sc) != before and svc.peek_contributions(sc) is not None
