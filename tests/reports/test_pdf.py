"""The council document read back page by page: a Beschlussvorlage whose first page states the proposal and the
summary with the app's numbers, annexes in German with every measure, the costs, the timeline's legal dates, the
supply areas, the networks, the districts' sum explained, German names, units, numbers and dates, no word broken."""

from __future__ import annotations

import json
import re

import pytest

from locales import num
from reports import council, finance, params_text
from reports.texts import change, eur, label, tonnes, tr
from tests.reports.helpers import pages_with, pdf_pages, squeeze, tokens


@pytest.fixture(scope="module")
def pages(reports_de) -> list[str]:
    return pdf_pages(reports_de["pdf"])


@pytest.fixture(scope="module")
def text(pages) -> str:
    return "\n".join(pages)


def test_page_one_is_the_proposal_and_the_summary_with_the_apps_numbers(compared, pages, app_numbers):
    first = pages[0]
    assert tr("proposal_heading") in first and tr("summary_heading") in first and tr("proposal_draft") in first
    gaps = app_numbers["gaps"].set_index("year")
    flat = squeeze(first)
    for year in (2030, 2035):
        assert squeeze(tonnes(gaps.loc[year, "pathway_t"])) in flat, year  # where the city goes
    assert squeeze(tonnes(gaps.loc[2035, "gap_t"])) in flat  # the gap
    steps = app_numbers["decomposition"]["steps"]
    s35 = steps[steps["to_year"] == 2035].groupby("kind")["delta_t"].sum()
    for kind in ("driver", "measure", "unbacked"):  # the federal framework, the measures, the unbacked part by name
        assert squeeze(tonnes(s35[kind], signed=True)) in flat, kind
    # the costs: the open measures' investment by hand from the contributions table
    c = compared.table("contributions")
    open_ = c[c["status"].isin(finance.OPEN_STATUSES)]
    assert squeeze(eur(open_.loc[open_["capex_eur"] > 0, "capex_eur"].sum())) in flat
    # every point of the generated proposal, in its words
    for line in council.proposal(compared).splitlines():
        assert squeeze(line[3:]) in flat, line[:40]


def test_key_figures_and_the_annexes_with_their_pages(pages):
    second = pages[1]
    assert tr("kf_heading") in second and tr("annexes") in second
    for key in (
        "sec_pathway",
        "sec_contrib",
        "sec_comparison",
        "sec_finance",
        "sec_timeline",
        "sec_fact_sheets",
        "sec_networks",
        "sec_supply",
    ):
        assert tr(key) in second, key
    # the table of contents' page numbers are the pages where the annexes' headings stand
    listed = sorted(int(line.split()[-1]) for line in second.splitlines() if line.strip().startswith(".") and line.split()[-1].isdigit())
    found = [i for i, page in enumerate(pages, start=1) if i > 2 and re.search(r"^Anlage \d+: ", page, re.MULTILINE)]
    assert len(listed) >= 12 and listed == found


def test_the_gap_arrow_and_pathway_are_the_apps_in_the_pathway_annex(pages, app_numbers):
    page = pages_with(pages, tr("annex_title", n=1, title=tr("sec_pathway")))
    gaps = app_numbers["gaps"].set_index("year")
    for year in (2030, 2035):
        assert f"{year}: Pfad {num(gaps.loc[year, 'pathway_t'])} t CO₂e/a" in page
        assert f"Lücke {change(gaps.loc[year, 'gap_t'])} t" in page
    band = app_numbers["band"]
    words = tokens(page)
    for year in (2024, 2030, 2035, 2045):
        for col in ("low", "central", "high"):
            value = band.loc[year, col] if col == "central" else band.loc[year, ["low", "high"]].agg("min" if col == "low" else "max")
            assert num(value) in words, (year, col)


def test_every_measure_has_its_fact_sheet_with_range_cost_and_flag(compared, pages):
    c = compared.table("contributions")
    projects = {p["project_id"]: p for p in json.loads(compared.meta["projects_json"])}
    sheets = [p for p in pages if squeeze(tr("fs_change_2035")) in squeeze(p)]
    assert len(sheets) == len(c)
    for i, rec in enumerate(c.itertuples(), start=1):
        page = next(p for p in sheets if squeeze(f"{i}. {rec.name}") in squeeze(p))
        flat = squeeze(page)
        assert squeeze(change(-rec.attributed_2035_t)) in flat, rec.project_id
        assert squeeze(council.abatement_text(rec.abatement_cost_eur_per_t, rec.abatement_reason)) in flat
        flag = tr("fs_estimated") if projects[rec.project_id]["is_approximated"] else tr("fs_published")
        assert squeeze(flag) in flat and squeeze(rec.owner) in flat and squeeze(label("status", rec.status)) in flat
    ex = compared.table("explain")
    for pid in ex["project_id"].unique():  # connection measures: the extra heat and both factors
        i = list(c["project_id"]).index(pid) + 1
        page = next(p for p in sheets if squeeze(f"{i}. {c.loc[i - 1, 'name']}") in squeeze(p))
        r = ex[ex["project_id"] == pid].iloc[0]
        assert {num(r.extra_heat_mwh), num(r.counterfactual_g_per_kwh), num(r.network_g_per_kwh)} <= tokens(page), pid


def test_costs_per_measure_owner_and_year(compared, pages):
    text = squeeze(pages_with(pages, tr("financing_gap")))
    m = finance.measures(compared)
    for r in m.itertuples():
        assert squeeze(eur(r.capex_eur) if r.has_cost else tr("no_cost_figure")) in text, r.project_id
    assert (~m["has_cost"]).sum() >= 1  # "keine Kostenangabe" is there because some measures give no investment
    years = finance.year_totals(compared, open_only=True)
    # spread evenly: the 1.5 bn EUR of a measure from 2026 to 2035 gives 150 m EUR in 2030 alone
    assert years.set_index("year").loc[2030, "capex_eur"] == pytest.approx(150e6)
    for r in years.itertuples():
        assert squeeze(eur(r.capex_eur)) in text
    t = finance.totals(compared, open_only=True)
    assert squeeze(tr("total_open", n=t["n_measures"])) in text and squeeze(eur(t["gap_eur"])) in text


def test_timeline_names_the_legal_dates(pages):
    page = pages_with(pages, tr("sec_timeline"))
    assert "30.06.2026" in page and "§ 29" in page and "§ 31" in page


def test_networks_duty_with_and_without_the_unbacked_part(compared, pages):
    page = pages_with(pages, tr("sec_networks"))
    net = compared.table("networks")
    r = net[(net["year"] == 2030) & (net["network_id"] == "dew21")].iloc[0]
    assert not r.duty_met_backed and r.duty_met  # Klimaneutral 2035: met only with heat no plant delivers yet
    assert tr("met") in page and tr("missed") in page


def test_districts_sum_is_explained(compared, pages):
    page = pages_with(pages, tr("sec_districts"))
    note = council.district_note(compared)
    assert note["districts_t"] + note["difference_t"] == pytest.approx(note["city_t"])
    assert 0 < note["difference_t"] < 0.2 * note["city_t"]
    for key in ("districts_t", "city_t", "difference_t"):
        assert squeeze(tonnes(note[key])) in squeeze(page), key


def test_scenario_comparison_has_the_other_scenarios_gaps(compared, pages, app_numbers):
    page = pages_with(pages, tr("sec_comparison"))
    trend = app_numbers["trend_gaps"].set_index("year")
    assert "Trend" in page and "WPG" in page
    assert change(trend.loc[2035, "gap_t"]) in tokens(page)


def test_assumptions_in_german_with_names_units_and_decimal_commas(compared, text):
    a = params_text.assumptions(compared.table("parameters"))
    assert len(a) == compared.meta["n_assumptions"] > 50
    flat = squeeze(text)
    for r in a.itertuples():
        assert squeeze(f"[U] {r.name}") in flat, r.key
    assert "199,5006" in text and "199.5006" not in text
    for code in ("q_h_nd.TH.0_1859", "el_path.central", "degC", "kWh/(m2*a)"):
        assert code not in text, code
    assert squeeze("Emissionsfaktor Netzstrom, zentral (2030)") in flat and "kWh/(m²·a)" in text


def test_dates_are_german(compared, pages):
    page = pages_with(pages, tr("sec_sources"))
    dates = [d for d in compared.table("sources")["reference_date"] if isinstance(d, str) and len(d) == 10]
    assert dates
    for d in dates:
        y, m, day = d.split("-")
        assert f"{day}.{m}.{y}" in page and d not in page


def test_no_word_is_broken_in_the_tables(compared, text):
    """Every word of the tables' cells and headers stands whole in the text (reportlab breaks a word too long for its
    column mid-word; the columns are widened to the longest word instead)."""
    words = set(tokens(text))
    c = compared.table("contributions")
    wanted = {label("status", s) for s in c["status"]} | {label("ptype", t) for t in c["project_type"]}
    wanted |= {tr(k) for k in ("financing_gap", "abatement_cost", "period", "funding", "capex", "reach", "param_explanation")}
    wanted |= {w for owner in c["owner"] for w in str(owner).split()}
    wanted = {w for phrase in wanted for w in phrase.split() if len(w) >= 6 and w.isalpha()}
    assert "abgeschlossen" in wanted and "Finanzierungslücke" in wanted
    broken = sorted(w for w in wanted if w not in words)
    assert not broken, broken


def test_english_document(compared):
    from reports.render import render

    pages = pdf_pages(render("pdf", compared, "en"))
    assert tr("proposal_heading", "en") in pages[0] and "Page 1" in pages[0]
    assert "Annex 1: Emission pathway" in "\n".join(pages)


def test_a_frozen_proposal_is_printed_as_frozen(compared):
    from reports.render import render

    frozen = compared.with_meta(
        snapshot_id="20261206-000000-abcdef", frozen_at="2026-12-06 10:00:00", decision_proposal="1. Der Rat beschließt den Testtext."
    )
    first = pdf_pages(render("pdf", frozen))[0]
    assert tr("proposal_frozen") in first and "Der Rat beschließt den Testtext." in first
    assert council.proposal(compared).splitlines()[1][3:20] not in first


def test_city_balance_and_reconciliation_get_their_pages_when_present(compared):
    import pandas as pd

    from reports.dataset import ReportData
    from reports.render import render

    balance = pd.DataFrame({"year": [2022, 2022], "sector": ["residential", "dh_other"], "co2e_t": [1234567.8, 89012.3]})
    recon = pd.DataFrame({"step": ["Wärme dieses Berichts", "Stadtbilanz"], "value_t": [1115715.1, 3406500.0]})
    with_both = ReportData(
        meta=compared.meta, tables={**compared.tables, "city_balance": balance, "reconciliation": recon}, layers=compared.layers
    )
    text = "\n".join(pdf_pages(render("pdf", with_both)))
    assert tr("sec_city_balance") in text and tr("sec_reconciliation") in text
    assert "1.234.568" in text and "3.406.500" in text and "Wohngebäude" in text
    without = ReportData(
        meta=compared.meta,
        tables={k: v for k, v in compared.tables.items() if k not in ("city_balance", "reconciliation")},
        layers=compared.layers,
    )
    assert tr("sec_city_balance") not in "\n".join(pdf_pages(render("pdf", without)))
