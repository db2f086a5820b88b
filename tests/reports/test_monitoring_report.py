"""The yearly monitoring report of the default data (issue 19): never empty, labelled illustrative, its numbers
checked against the warehouse by hand, read back from PDF and XLSX, frozen and comparable year on year, and
the residents' version without personal or unreleased figures."""

from __future__ import annotations

import io
import subprocess
import sys

import openpyxl
import pandas as pd
import pytest

import portfolio as pf
from portfolio.actual_rows import read_actual_rows
from portfolio.actuals import save_actual
from reports.monitoring import render_monitoring_pdf, render_monitoring_xlsx
from reports.monitoring_data import MonitoringError, build_monitoring_data, freeze, load
from tests.factories import REPO

SCENARIO = "klimaneutral-2035"


@pytest.fixture(scope="module")
def setting(warehouse, tmp_path_factory, dortmund_db):
    """A fresh Dortmund portfolio (with the illustrative reports) and one model service with its own cache."""
    from ghgmodel import load_parameters
    from reports.cache import ResultCache
    from reports.model import ModelService
    from tests.factories import make_portfolio

    folder = tmp_path_factory.mktemp("monitoring")
    path = make_portfolio(folder / "portfolio.duckdb", dortmund_db)
    pcon = pf.open_portfolio(path, warehouse=warehouse)
    model = ModelService(warehouse=warehouse.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=ResultCache(folder / "cache"))
    yield {"path": path, "pcon": pcon, "model": model, "sc": pf.scenario(pcon, SCENARIO)}
    pcon.close()


@pytest.fixture(scope="module")
def data(setting, warehouse):
    return build_monitoring_data(warehouse, setting["pcon"], setting["sc"], model=setting["model"], scenario_id=SCENARIO)


def test_the_default_data_gives_a_monitoring_labelled_illustrative(data):
    m = data.meta
    assert (m["report_year"], m["n_reports"], m["has_illustrative"], m["kind"]) == (2025, 16, True, "monitoring")
    measures = data.table("measures").set_index("project_id")
    assert len(measures) == 15 and measures["light"].isin(["green", "yellow", "red"]).sum() >= 6
    assert measures.loc["dew21-suedtrasse", "has_illustrative"] and not measures.loc["fn-biomasse-scharnhorst", "has_illustrative"]
    assert measures.loc["fn-biomasse-scharnhorst", ["light", "reason"]].tolist() == ["none", "not_due"]  # starts 2027
    assert measures.loc["dew21-phoenix-west", ["light", "reason"]].tolist() == ["red", "no_report"]


def test_a_measure_by_hand_from_the_warehouse(data, warehouse):
    """Südtrasse: 10 % of the buildings not on district heating in Westfalenhalle and Dorstfelder Brücke by 2026,
    linear from 2023; reported 60 + 75 + 70 connections by 2025."""
    districts = ["statbez-010", "statbez-020"]
    eligible = warehouse.execute(
        "SELECT count(*) FROM buildings WHERE list_contains(?, statbez_id) AND carrier <> 'district_heating'", [districts]
    ).fetchone()[0]
    eligible += warehouse.execute(
        "SELECT sum(n_buildings) FROM nonres_stock WHERE list_contains(?, district_id) AND carrier <> 'district_heating'", [districts]
    ).fetchone()[0]
    planned = 0.10 * eligible * 3 / 4  # ramp 2023..2026: 3 of 4 years by 2025
    rec = data.table("measures").set_index("project_id").loc["dew21-suedtrasse"]
    assert rec["planned"] == pytest.approx(planned, rel=1e-9)
    assert rec["actual"] == 205 and rec["ratio_pct"] == pytest.approx(100 * 205 / planned)
    assert rec["light"] == ("yellow" if 60 <= 100 * 205 / planned < 90 else "green")
    # CO2e of the actuals: 70 connections since 2024 of the 0.10 x eligible / 4 planned for 2025
    assert rec["delivery_since_base"] == pytest.approx(70 / (0.10 * eligible / 4), rel=1e-9)
    assert rec["co2_actual_t"] == pytest.approx(rec["co2_planned_t"] * rec["delivery_since_base"], rel=1e-12)
    assert rec["needed_per_year_2030"] == pytest.approx((0.10 * eligible - 205) / 5)


def test_the_city_adds_up_the_measures(data):
    city = data.table("city").set_index("year")
    m = data.table("measures")
    assert city.loc[2025, "measures_planned_t"] == pytest.approx(m["co2_planned_t"].sum(), rel=1e-9)
    assert city.loc[2025, "measures_actual_t"] == pytest.approx(m["co2_actual_t"].sum(), rel=1e-9)
    shortfall = city.loc[2025, "measures_planned_t"] - city.loc[2025, "measures_actual_t"]
    assert city.loc[2025, "actual_t"] == pytest.approx(city.loc[2025, "plan_t"] + shortfall)
    s = data.table("city_summary").iloc[0]
    assert s["ratio_pct"] == pytest.approx(100 * m["co2_actual_t"].sum() / m["co2_planned_t"].sum())
    d = data.table("districts").set_index("district_id")
    assert len(d) == 62
    citywide = set(m.loc[m["is_citywide"], "project_id"])
    reach = data.table("district_shares").groupby("project_id")["district_id"].nunique()
    assert citywide == set(reach[reach >= 31].index)  # at least half of the 62 districts
    assert {"dogewo21-heizungsprogramm", "dogewo21-klimainvest", "stadt-foerderprogramm-waermepumpen"} <= citywide  # districts '*'
    local = m[~m["is_citywide"]]
    shares = data.table("district_shares").merge(local[["project_id", "co2_planned_t", "co2_actual_t"]], on="project_id")
    assert shares.groupby("project_id")["share"].sum().to_numpy() == pytest.approx(1.0)
    by_hand = (shares["share"] * shares["co2_actual_t"].fillna(0)).groupby(shares["district_id"]).sum()
    assert d["co2_actual_t"].to_numpy() == pytest.approx(
        by_hand.reindex(d.index).to_numpy(), rel=1e-9, nan_ok=True
    )  # NaN: no local measure


def test_the_pdf_and_the_workbook_read_back(data):
    import pypdf

    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_monitoring_pdf(data, "de"))).pages]
    assert "Monitoring-Bericht 2025" in pages[0] and "Enthält Beispielwerte" in pages[0]
    assert all(data.meta["data_version"] in p for p in pages)
    text = "\n".join(pages)
    rec = data.table("measures").set_index("project_id").loc["dew21-suedtrasse"]
    assert "Ausbaugebiet Südtrasse" in text and f"{round(rec['ratio_pct'])} %" in text
    assert "grün ab 90 % des Plans bis heute, gelb ab 60 %" in text
    wb = openpyxl.load_workbook(io.BytesIO(render_monitoring_xlsx(data, "en")))
    assert wb.sheetnames[:3] == ["Info", "measures", "history"]
    sheet = pd.DataFrame(list(wb["measures"].values)[1:], columns=list(wb["measures"].values)[0]).set_index("project_id")
    assert sheet.loc["dew21-suedtrasse", "co2_actual_t"] == pytest.approx(rec["co2_actual_t"], rel=1e-14)  # full precision
    assert sheet.loc["dew21-suedtrasse", "light"] == rec["light"]


def test_a_frozen_report_reads_back_unchanged_and_is_the_next_years_comparison(setting, data, warehouse):
    rid = freeze(setting["pcon"], data, title="Monitoring 2025")
    again = load(setting["pcon"], rid)
    for name, table in data.tables.items():
        pd.testing.assert_frame_equal(again.table(name), table, check_dtype=False)
    assert again.meta["snapshot_id"] == rid and len(again.meta["report_sha256"]) == 64
    # a report of 2026 sets each measure beside the 2025 report as frozen, even when 2025 is corrected later
    known = {p.project_id: p for p in pf.projects(setting["pcon"])}
    rows = [
        {"project_id": "dew21-suedtrasse", "year": "2025", "buildings_connected": "10", "reported_by": "DEW21", "source": "Korrektur"},
        {"project_id": "dew21-suedtrasse", "year": "2026", "buildings_connected": "80", "reported_by": "DEW21", "source": "Bericht"},
    ]
    for row in read_actual_rows(rows, "form", known):
        save_actual(setting["pcon"], row)
    later = build_monitoring_data(warehouse, setting["pcon"], setting["sc"], model=setting["model"], scenario_id=SCENARIO, report_year=2026)
    assert later.meta["previous_source"] == rid
    prev = later.table("previous").set_index("project_id")
    frozen = data.table("measures").set_index("project_id")
    assert prev.loc["dew21-suedtrasse", "ratio_pct"] == frozen.loc["dew21-suedtrasse", "ratio_pct"]
    assert later.table("measures").set_index("project_id").loc["dew21-suedtrasse", "actual"] == 60 + 75 + 10 + 80
    # the stored numbers are checked: a changed byte is refused
    setting["pcon"].execute("UPDATE monitoring_reports SET report_json = replace(report_json, '2025', '2024') WHERE report_id = ?", [rid])
    with pytest.raises(MonitoringError, match="SHA-256"):
        load(setting["pcon"], rid)


def test_the_residents_version_counts_only_released_reports_and_names_nobody(setting, warehouse):
    public = build_monitoring_data(
        warehouse, setting["pcon"], setting["sc"], model=setting["model"], scenario_id=SCENARIO, report_year=2025, published_only=True
    )
    a = public.table("actuals")
    assert "reported_by" not in a and "note" not in a
    assert a["is_published"].all()
    # the corrected 2025 report of Südtrasse (previous test) is not released: the public count is the shipped one
    assert public.table("measures").set_index("project_id").loc["dew21-suedtrasse", "actual"] == 205


def test_the_command_line_writes_the_monitoring_report(setting, dortmund_db, tmp_path):
    out = tmp_path / "monitoring.xlsx"
    run = subprocess.run(
        [sys.executable, "-m", "reports", "monitoring", "--scenario", SCENARIO, "--year", "2025", "--public"]
        + ["--db", str(dortmund_db), "--portfolio", str(setting["path"]), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        env={**__import__("os").environ, "WAERME_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert run.returncode == 0, run.stderr
    assert openpyxl.load_workbook(out)["Info"]["B2"].value == 2025
    bad = subprocess.run(
        [
            sys.executable,
            "-m",
            "reports",
            "monitoring",
            "--snapshot",
            "M-nope",
            "--portfolio",
            str(setting["path"]),
            "--out",
            str(tmp_path / "x.pdf"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert bad.returncode == 2 and "no monitoring report 'M-nope'" in bad.stderr
