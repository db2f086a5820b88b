"""The council's content checked by hand: the investment plan (spread over the years, no cost read as no figure), the
legal dates from the parameters, the summary's decomposition adding up, the proposal generated or as frozen, the
parameters' German names, and the comparison of scenarios."""

from __future__ import annotations

import pandas as pd
import pytest

from reports import council, finance, params_text
from reports.dataset import ReportData
from reports.texts import column_label, day_text, eur, tonnes


def _with(data, **tables) -> ReportData:
    return ReportData(meta=data.meta, tables={**data.tables, **tables}, layers=data.layers)


def _measures(rows) -> pd.DataFrame:
    cols = [
        "project_id",
        "name",
        "owner",
        "project_type",
        "status",
        "start_year",
        "end_year",
        "capex_eur",
        "funding_eur",
        "attributed_2035_t",
    ]
    return pd.DataFrame(rows, columns=cols)


def test_investment_spread_evenly_and_no_cost_is_no_figure(dataset):
    c = _measures(
        [
            ("a", "Netz", "DEW21", "dh_expansion", "planned", 2026, 2035, 1.5e9, 0.0, 10.0),
            ("b", "Förderung", "Stadt", "hp_programme", "in_progress", 2025, 2026, 0.0, 3.0e6, 5.0),
            ("c", "Fertig", "DEW21", "dh_decarbonisation", "completed", 2018, 2023, 1.2e8, 1.4e7, 0.0),
        ]
    )
    data = _with(dataset, contributions=c)
    m = finance.measures(data).set_index("project_id")
    assert m.loc["a", "gap_eur"] == 1.5e9 and m.loc["c", "gap_eur"] == pytest.approx(1.06e8)
    assert not m.loc["b", "has_cost"] and pd.isna(m.loc["b", "gap_eur"]) and pd.isna(m.loc["b", "funding_share_pct"])
    years = finance.year_totals(data, open_only=True).set_index("year")
    assert years.loc[2026, "capex_eur"] == pytest.approx(150e6)  # 1.5 bn over ten years
    assert years.loc[2025, "funding_eur"] == years.loc[2026, "funding_eur"] == pytest.approx(1.5e6)
    assert 2018 not in years.index  # a completed measure is not in the open plan
    t = finance.totals(data, open_only=True)
    assert (t["n_measures"], t["n_without_cost"], t["capex_eur"], t["gap_eur"]) == (2, 1, 1.5e9, 1.5e9)
    owners = finance.by_owner(data).set_index("owner")
    assert owners.loc["DEW21", "capex_eur"] == pytest.approx(1.62e9) and owners.loc["Stadt", "n_without_cost"] == 1


def test_legal_dates_from_the_parameters(dataset):
    dates = council.legal_dates(dataset)
    due = next(d for d in dates if d.get("date"))
    assert due["date"] == "2026-06-30"  # Dortmund has more than 100,000 inhabitants: WPG § 4 (2)
    assert [d["x"] for d in dates if "§ 29" in d["label"]] == [2030.0, 2040.0]
    assert any("§ 31" in d["label"] and d["x"] == 2045.0 for d in dates)
    p = dataset.table("parameters").copy()
    p.loc[p["key"] == "city.population", "value"] = "80000"  # a town of 80,000: the later deadline
    town = _with(dataset, parameters=p)
    assert next(d for d in council.legal_dates(town) if d.get("date"))["date"] == "2028-06-30"


def test_summary_decomposition_adds_up_and_names_the_parts(dataset):
    k = council.key_figures(dataset)
    assert k["start_t"] + k["drivers_t"] + k["measures_t"] + k["unbacked_t"] == pytest.approx(k["result_t"], rel=1e-9)
    assert k["gap_without_unbacked_t"] == pytest.approx(k["gap_t"] - k["unbacked_t"])
    text = " ".join(council.summary(dataset))
    for value in (k["drivers_t"], k["measures_t"], k["unbacked_t"]):
        assert tonnes(value, signed=True) in text
    assert "Bundesrahmen" in text and "noch ohne Maßnahme" in text


def test_proposal_generated_from_the_numbers_or_as_frozen(dataset):
    text, frozen = council.proposal_text(dataset)
    assert not frozen and text == council.proposal(dataset)
    lines = text.splitlines()
    assert [line.split(".")[0] for line in lines] == [str(i) for i in range(1, len(lines) + 1)]
    assert dataset.meta["scenario_name"] in lines[1]
    f = finance.totals(dataset, open_only=True)
    assert eur(f["capex_eur"]) in text and eur(f["gap_eur"]) in text
    edited = dataset.with_meta(decision_proposal="1. Eigener Wortlaut.")
    assert council.proposal_text(edited) == ("1. Eigener Wortlaut.", True)


def test_proposal_asks_for_the_heat_plan_by_its_deadline_while_it_lies_ahead(dataset):
    early = dataset.with_meta(computed_at="2026-03-01T10:00:00+00:00")
    assert day_text("2026-06-30") in council.proposal(early)
    late = dataset.with_meta(computed_at="2026-12-01T10:00:00+00:00")
    assert day_text("2026-06-30") not in council.proposal(late)


def test_every_assumption_has_a_german_name_and_meaning(dataset):
    params = dataset.table("parameters")
    keys = params.loc[params["kind"] == "assumption", "key"]
    assert [k for k in keys if not params_text.has_name(k)] == []
    a = params_text.assumptions(params)
    assert (a["explanation"].str.len() > 10).all()
    assert not a["name"].str.contains(r"[a-z]+_[a-z]+", regex=True).any()  # no code ids left in a name
    assert params_text.param_name("q_h_nd.TH.0_1859") == "Heizwärmebedarf Reihenhaus, Baujahr bis 1859"
    assert params_text.param_name("el_path.central", "2030") == "Emissionsfaktor Netzstrom, zentral (2030)"
    assert params_text.param_value("199.5006") == "199,5006" and params_text.param_value("2026", unit="year") == "2026"
    assert params_text.param_unit("kWh/(m2*a)") == "kWh/(m²·a)" and params_text.param_unit("degC") == "°C"
    assert params_text.param_source("VDI 2067-1 (annuity method; the rate is the user's choice)", "") == "VDI 2067-1"


def test_comparison_is_each_scenarios_own_numbers(compared, app_numbers):
    s = compared.table("comparison_summary").set_index("scenario_id")
    assert list(s.index) == ["klimaneutral-2035", "trend", "wpg-2045"] and s["is_main"].tolist() == [True, False, False]
    trend = app_numbers["trend_gaps"].set_index("year")
    assert s.loc["trend", "gap_2035_t"] == pytest.approx(trend.loc[2035, "gap_t"], rel=1e-12)
    own = council.key_figures(compared)
    assert s.loc["klimaneutral-2035", "unbacked_2035_t"] == pytest.approx(own["unbacked_t"])
    paths = compared.table("comparison")
    assert paths.groupby("scenario_id").size().tolist() == [22, 22, 22]
    assert column_label("gap_2035_t") == "Lücke 2035 (t CO₂e/a)"
