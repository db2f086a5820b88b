"""Key interactions of the planners' pages, driven by widget key (Streamlit AppTest)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import portfolio as pf
from locales import num

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def portfolio_db(tmp_path, monkeypatch):
    path = tmp_path / "portfolio.duckdb"
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(path))
    return path


def page(name: str, **state) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / name), default_timeout=300)
    for k, v in state.items():
        at.session_state[k] = v
    return at.run()


def test_pick_a_district_and_compare(portfolio_db):
    at = page("02_quartiere.py")
    assert not at.exception
    first = [m.value for m in at.markdown if m.value.startswith("### ")][0]
    at.selectbox(key="q_district").set_value("statbez-510").run()
    assert not at.exception
    names = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert names[0] != first and names[0] == "### Benninghofen"
    at.selectbox(key="q_compare").set_value("statbez-000").run()
    names = [m.value for m in at.markdown if m.value.startswith("### ")]
    assert names == ["### Benninghofen", "### City"]
    at.radio(key="q_level").set_value("stadtbezirk").run()
    assert not at.exception
    assert [m.value for m in at.markdown if m.value.startswith("### ")][0] == "### Innenstadt-West"


def test_district_profile_numbers_come_from_the_warehouse(portfolio_db, dortmund_db):
    from heatdb.connect import connect

    con = connect(dortmund_db, read_only=True)
    n = con.execute("SELECT count(*) FROM buildings WHERE statbez_id = 'statbez-510'").fetchone()[0]
    con.close()
    at = page("02_quartiere.py")
    at.selectbox(key="q_district").set_value("statbez-510").run()
    metric = next(m for m in at.metric if m.label == "Gebäude")
    assert metric.value == f"{n:,}".replace(",", ".")


def test_change_a_lever_for_the_session(portfolio_db):
    at = page("05_szenarien.py")
    assert not at.exception
    before = len(at.session_state["s_compare"])
    at.selectbox(key="s_base").set_value("trend").run()
    at.number_input(key="s_dh_max").set_value(95.0)
    at.selectbox(key="s_el").set_value("fast")
    at.button(key="FormSubmitter:s_form-Für diese Sitzung übernehmen").click().run()
    assert not at.exception
    assert "custom" in at.session_state["s_compare"], at.session_state["s_compare"]
    sc = at.session_state["s_custom"]
    assert sc.el_path == "fast" and sc.dh_connection_max_pct == 95.0
    assert len(at.session_state["s_compare"]) >= min(before, 3)
    # nothing was saved
    con = pf.open_portfolio(portfolio_db)
    assert "fast" not in " ".join(pf.list_scenarios(con)["levers_json"][pf.list_scenarios(con)["scenario_id"] == "trend"])


def test_save_a_scenario(portfolio_db):
    at = page("05_szenarien.py")
    at.text_input(key="s_name").set_value("Mein Pfad")
    at.button(key="FormSubmitter:s_form-Als Szenario speichern").click().run()
    assert not at.exception
    con = pf.open_portfolio(portfolio_db)
    assert "Mein Pfad" in pf.list_scenarios(con)["name"].tolist()


def test_add_a_project_with_a_bad_value_shows_the_message(portfolio_db):
    at = page("04_projekte.py")
    assert not at.exception
    n_before = len(pf.projects(pf.open_portfolio(portfolio_db)))
    at.text_input(key="f_name").set_value("Quartierswärme Test")
    at.text_input(key="f_owner").set_value("Stadt Dortmund")
    at.multiselect(key="f_districts").set_value(["statbez-510"])
    at.number_input(key="f_start").set_value(2032)
    at.number_input(key="f_end").set_value(2028)
    at.number_input(key="f_share").set_value(30.0)
    at.button(key="FormSubmitter:p_form-Speichern").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors == ["Das Endjahr liegt vor dem Startjahr. Bitte die Jahre tauschen oder korrigieren."], errors
    assert len(pf.projects(pf.open_portfolio(portfolio_db))) == n_before


def test_add_edit_and_delete_a_project(portfolio_db):
    at = page("04_projekte.py")
    at.text_input(key="f_name").set_value("<script>alert(1)</script> Nahwärme")
    at.text_input(key="f_owner").set_value("Stadt Dortmund")
    at.multiselect(key="f_districts").set_value(["statbez-510"])
    at.number_input(key="f_share").set_value(30.0)
    at.button(key="FormSubmitter:p_form-Speichern").click().run()
    assert not at.exception and any("Gespeichert" in m.value for m in at.success)
    con = pf.open_portfolio(portfolio_db)
    mine = [p for p in pf.projects(con) if p.name.endswith("Nahwärme")]
    con.close()
    assert len(mine) == 1 and mine[0].district_ids == ("statbez-510",)
    # the name is shown as text, never as markup
    assert not any("<script>" in m.value for m in at.markdown if getattr(m, "allow_html", False))
    at.selectbox(key="p_edit_pick").set_value(mine[0].project_id).run()
    at.checkbox(key="p_delete_confirm").check().run()
    at.button(key="p_delete").click().run()
    assert not at.exception
    con = pf.open_portfolio(portfolio_db)
    assert mine[0].project_id not in [p.project_id for p in pf.projects(con)]


def test_a_save_says_the_measures_new_contribution_where_it_was_saved(portfolio_db):
    """Issue 17: the planner sees an edit's effect beside "Speichern", with the number the table above shows."""
    pid = "dogewo21-heizungsprogramm"
    at = page("04_projekte.py", scenario="wpg-2045")
    at.selectbox(key="p_edit_pick").set_value(pid).run()
    rate = at.number_input(key=f"f_rate@{pid}")
    rate.set_value(rate.value + 0.5)
    at.button(key="FormSubmitter:p_form-Speichern").click().run()
    assert not at.exception
    said = [m.value for m in at.success if "Gespeichert" in m.value]
    assert len(said) == 1 and "neu berechnet im Szenario" in said[0], said
    table = at.dataframe[0].value
    name = next(p.name for p in pf.projects(pf.open_portfolio(portfolio_db)) if p.project_id == pid)
    row = table[table["Name"] == name].iloc[0]
    for year in (2030, 2035):
        shown = f"{year} {num(row[f'Beitrag {year} zugerechnet (t CO₂e/a)'], 0, 'de')} t"
        assert shown in said[0], (shown, said[0])


def test_public_mode_has_no_editing(portfolio_db, monkeypatch):
    monkeypatch.setenv("WAERME_MODE", "public")
    at = page("04_projekte.py")
    assert not at.exception
    assert not [b for b in at.button if "p_form" in str(b.key)]
    assert any("nicht ändern" in i.value for i in at.info)
    at = page("05_szenarien.py")
    save = at.button(key="FormSubmitter:s_form-Als Szenario speichern")
    assert save.disabled
    assert not portfolio_db.exists()  # the public instance never writes a portfolio file (checked last: opening it would create it)


def test_a_scenario_with_areas_no_longer_in_the_data_says_so(portfolio_db):
    import dataclasses

    con = pf.open_portfolio(portfolio_db)
    base = pf.scenario(con, "trend")
    stale = dataclasses.replace(base, name="Alt", dh_connection_by_area={"exp-gone-1": {"year": 2030}})
    fresh = dataclasses.replace(base, name="Neu", dh_connection_by_area={})
    pf.save_scenario(con, "alt", stale)
    pf.save_scenario(con, "neu", fresh)
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "pages" / "05_szenarien.py"), default_timeout=120)
    at.query_params["compare"] = "alt,neu"
    try:
        at.run()
    finally:
        pf.delete_scenario(con, "alt")
        pf.delete_scenario(con, "neu")
    assert not at.exception, [e.value for e in at.exception]
    # the ids are Markdown-escaped (text from data): compare the text as it reads
    warnings = [re.sub(r"\\(.)", r"\1", w.value) for w in at.warning if "nicht mehr gibt" in w.value]
    assert len(warnings) == 1 and "„Alt“" in warnings[0] and "exp-gone-1" in warnings[0], warnings
