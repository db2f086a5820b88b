"""The Daten & Methodik page: runs in both languages, shows every parameter and every source, and its
calibration figures are the warehouse's own (checked against a direct query)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from ghgmodel import load_parameters
from ghgmodel.params import read_parameter_file
from heatdb.build import FORMATS_PARAMS, SYNTH_PARAMS
from heatdb.connect import connect
from locales import num, signed, text

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "pages" / "06_daten_methodik.py"
PARAMS = load_parameters().table
SYNTH = read_parameter_file(SYNTH_PARAMS)
FORMATS = read_parameter_file(FORMATS_PARAMS)  # the importers' parameters, in the same table
ASSUMPTION_DE = text("ui", "methodik_kind_assumption", "de")


def run(tab: str = "methodik_tab_data", **state) -> AppTest:
    """The page with `tab` open (only the open tab is drawn; the tab is in the link as ?tab=<its name>)."""
    at = AppTest.from_file(str(PAGE), default_timeout=90)
    for k, v in state.items():
        at.session_state[k] = v
    at.query_params["tab"] = text("ui", tab, state.get("lang", "de"))
    return at.run()


def frames(at: AppTest) -> list[pd.DataFrame]:
    return [d.value for d in at.dataframe]


def _parameter_tables(at: AppTest) -> list[pd.DataFrame]:
    found = [f for f in frames(at) if "rationale" in f.columns]
    assert len(found) == 2, [list(f.columns) for f in frames(at)]
    return found


def model_table(at: AppTest) -> pd.DataFrame:
    """The dataframe of the model's parameters (ghgmodel/params), shown before the generator's."""
    return _parameter_tables(at)[0]


def synth_table(at: AppTest) -> pd.DataFrame:
    """The dataframe of the generator's parameters (heatdb/params/synth.csv)."""
    return _parameter_tables(at)[1]


def markdown_text(at: AppTest) -> str:
    # database text is shown with markdown escapes; drop them to compare with the raw values
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


@pytest.fixture(scope="module")
def direct(dortmund_db) -> dict:
    con = connect(dortmund_db, read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "n_buildings": q("SELECT count(*) FROM buildings"),
            "n_buildings_census": q("SELECT sum(geb_gesamt_publ) FROM census_cells"),
            "n_dwellings": q("SELECT sum(dwellings) FROM buildings"),
            "n_dwellings_census": q("SELECT sum(whg_gesamt_publ) FROM census_cells"),
            "dh_delivered_mwh": q(
                "SELECT sum(bb.heat_demand_mwh_per_year) FROM buildings b JOIN building_balance bb USING (building_id) WHERE b.carrier = 'district_heating'"
            ),
            "titles": [r[0] for r in con.execute("SELECT title FROM data_sources").fetchall()],
            "data_version": q("SELECT value FROM meta WHERE key = 'data_version'"),
        }
    finally:
        con.close()


def test_only_the_open_tab_is_drawn():
    """The tabs are lazy: a view computes and sends the open tab only (issue 17: the five tabs cost the public instance
    0.5 s of CPU per view); a link with ?tab= opens another."""
    data, params = run(), run("methodik_tab_params")
    assert not data.exception and not params.exception
    assert not [f for f in frames(data) if "rationale" in f.columns]  # the parameter tables are not sent with the data tab
    assert len(_parameter_tables(params)) == 2
    assert not data.metric and not params.metric  # the calibration's figures neither


@pytest.mark.parametrize("lang", ["de", "en"])
def test_page_runs_in_both_languages(lang):
    at = run(lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == text("ui", "page_methodik", lang)
    assert [t.label for t in at.tabs] == [
        text("ui", k, lang)
        for k in ("methodik_tab_data", "methodik_tab_params", "methodik_tab_method", "methodik_tab_limits", "methodik_tab_calibration")
    ]
    assert any("Synthetische Gebäudedaten" in i.value or "Synthetic building data" in i.value for i in at.info)


def test_parameter_table_shows_every_parameter():
    at = run("methodik_tab_params")
    shown = model_table(at)
    assert len(shown) == len(PARAMS)
    assert sorted(shown["key"]) == sorted(PARAMS["key"])
    assert {"key", "value", "unit", "kind", "valid_year", "description", "source", "reference", "url", "rationale"} <= set(shown.columns)
    # assumptions are visibly marked as such
    assert (shown["kind"] == ASSUMPTION_DE).sum() == (PARAMS["kind"] == "assumption").sum() > 20
    generator = synth_table(at)
    assert len(generator) == len(SYNTH) + len(FORMATS) and set(generator["table"]) == {"synth.csv", "formats.csv"}
    # the importers' assumptions ([U]) are marked as such too
    assert (
        (generator.loc[generator["table"] == "formats.csv", "kind"] == ASSUMPTION_DE).sum() == (FORMATS["kind"] == "assumption").sum() >= 10
    )


def test_kind_filter_shows_only_assumptions():
    at = run("methodik_tab_params")
    at.pills(key="methodik_kinds").set_value(["assumption"]).run()
    assert not at.exception
    shown = model_table(at)
    assert len(shown) == (PARAMS["kind"] == "assumption").sum()
    assert set(shown["kind"]) == {ASSUMPTION_DE}
    assert set(synth_table(at)["kind"]) == {ASSUMPTION_DE}


def test_table_filter_and_search_are_plain_text():
    at = run("methodik_tab_params")
    at.multiselect(key="methodik_tables").set_value(["heatpump.csv"])
    at.text_input(key="methodik_search").set_value("PROBE").run()
    shown = model_table(at)
    expected = PARAMS[(PARAMS["table"] == "heatpump.csv") & PARAMS.apply(lambda r: "probe" in " ".join(map(str, r.values)).lower(), axis=1)]
    assert len(shown) == len(expected) > 0
    assert set(shown["table"]) == {"heatpump.csv"}
    # characters with a meaning in SQL or regular expressions are just text
    at.text_input(key="methodik_search").set_value("'; DROP TABLE x; --(.*").run()
    assert not at.exception
    assert len(model_table(at)) == 0


def test_every_data_source_appears(direct):
    at = run()
    text = markdown_text(at)
    for title in direct["titles"]:
        assert title in text, title
    assert direct["data_version"] in text


def test_calibration_numbers_equal_a_direct_query(direct):
    at = run("methodik_tab_calibration")
    metrics = {m.label: m for m in at.metric}
    p = load_parameters()

    b = metrics["Gebäude mit Wohnraum"]
    assert b.value == num(direct["n_buildings"], 0, "de")
    dev = 100 * (direct["n_buildings"] / direct["n_buildings_census"] - 1)
    assert b.delta.startswith(f"+{num(dev, 1, 'de')} %") and num(direct["n_buildings_census"], 0, "de") in b.delta

    d = metrics["Wohnungen"]
    assert d.value == num(direct["n_dwellings"], 0, "de")
    dev = 100 * (direct["n_dwellings"] / direct["n_dwellings_census"] - 1)
    assert d.delta.startswith(f"{signed(dev, 1, 'de')} %") and num(direct["n_dwellings_census"], 0, "de") in d.delta

    fed_gwh = direct["dh_delivered_mwh"] / (1 - p.value("dh.network_loss_share")) / 1000
    atlas = p.value("dh.fed_in_gwh_per_year")
    h = metrics["Fernwärme der Wohngebäude, eingespeist (GWh/a)"]
    assert h.value == num(fed_gwh, 0, "de")
    assert h.delta.startswith(f"{num(100 * (fed_gwh / atlas - 1), 1, 'de')} %") and num(atlas, 0, "de") in h.delta


def test_english_calibration_uses_english_numbers(direct):
    at = run("methodik_tab_calibration", lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Buildings with living space"] == num(direct["n_buildings"], 0, "en")


def test_method_text_quotes_the_parameters():
    at = run("methodik_tab_method")
    text = markdown_text(at)
    p = load_parameters()
    assert f"Luft {num(p.value('spf.air.field'), 2, 'de')}" in text
    assert f"ab {int(p.value('geg65.from_year'))}" in text  # years without a thousands separator
    assert "{" not in text.replace("{p}", "")  # every placeholder was filled
    assert len(at.latex) >= 8
