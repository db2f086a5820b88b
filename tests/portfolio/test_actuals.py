"""Reported actuals in the portfolio: the template import (validated, all or nothing, logged), the form, the
publication of a year, and the illustrative defaults of a new Dortmund portfolio."""

from __future__ import annotations

import json
import subprocess
import sys

import openpyxl
import pytest

import portfolio as pf
from heatdb.connect import connect
from heatdb.errors import ImportValidationError
from portfolio.actual_rows import read_actual_rows
from portfolio.actuals import delete_actual, list_actuals, publish_year, save_actual
from portfolio.actuals_files import TEMPLATE, import_actuals_file, write_templates
from tests.factories import REPO, sha256


@pytest.fixture(scope="module")
def warehouse(dortmund_db):
    con = connect(dortmund_db, read_only=True)
    yield con
    con.close()


@pytest.fixture
def path(tmp_path, warehouse):
    target = tmp_path / "p.duckdb"
    pf.open_portfolio(target, warehouse=warehouse).close()
    return target


def audit(path, action):
    con = pf.open_portfolio(path)
    try:
        return con.execute("SELECT object_id, detail FROM audit_log WHERE action = ? ORDER BY logged_at", [action]).fetchall()
    finally:
        con.close()


def actuals(path):
    con = pf.open_portfolio(path)
    try:
        return list_actuals(con).set_index(["project_id", "year"])
    finally:
        con.close()


def german_csv(tmp_path, lines: list[str], name="meldung.csv"):
    header = ";".join(TEMPLATE[c][0] for c in ("project_id", "year", "buildings_connected", "heat_pumps_installed", "spent_eur"))
    header += ";" + ";".join(TEMPLATE[c][0] for c in ("reported_at", "reported_by", "source"))
    target = tmp_path / name
    target.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return target


def test_a_new_dortmund_portfolio_ships_illustrative_actuals_labelled_and_published(path):
    a = actuals(path)
    assert len(a) == 16 and a["is_illustrative"].all() and a["is_published"].all()
    assert a.loc[("dew21-suedtrasse", 2025), "buildings_connected"] == 70
    assert a["source"].str.startswith("illustrativ").all()
    assert audit(path, "actuals.seed")[0][1] == "16 illustrative reports"


def test_deleted_examples_do_not_come_back(path):
    con = pf.open_portfolio(path)
    try:
        for pid, year in list_actuals(con)[["project_id", "year"]].itertuples(index=False):
            delete_actual(con, pid, year)
    finally:
        con.close()
    assert actuals(path).empty  # opening again does not seed again: the log has the deletions


def test_the_template_imports_one_row_per_measure_and_year_and_logs_it(path, tmp_path):
    file = german_csv(
        tmp_path,
        [
            "dew21-suedtrasse;2026;12;;1.250.000,5;2026-11-30;DEW21, Frau Muster;Quartalsbericht Q3",  # no thousands separators
        ],
    )
    with pytest.raises(ImportValidationError, match="spent_eur: '1.250.000,5' is not a number"):
        import_actuals_file(file, path)
    file = german_csv(tmp_path, ["dew21-suedtrasse;2026;12;;1250000,5;30.11.2026;DEW21, Frau Muster;Quartalsbericht Q3"])
    result = import_actuals_file(file, path, licence="intern")
    assert result.n_imported == 1 and result.kind == "actuals"
    row = actuals(path).loc[("dew21-suedtrasse", 2026)]
    assert (row["buildings_connected"], row["spent_eur"], str(row["reported_at"])[:10]) == (12, 1250000.5, "2026-11-30")
    assert not row["is_published"] and not row["is_illustrative"]
    (object_id, detail), *_ = audit(path, "actuals.import_file")
    logged = json.loads(detail)
    assert object_id == "meldung.csv" and logged["rows"] == ["dew21-suedtrasse:2026"] and logged["licence"] == "intern"
    assert import_actuals_file(file, path, licence="intern").unchanged  # the same file again changes nothing


def test_every_problem_is_listed_and_nothing_is_imported(path, tmp_path):
    before = sha256(path)
    file = german_csv(
        tmp_path,
        [
            "dew21-suedtrasse;2025;10;;;;DEW21;Bericht",  # fine on its own
            "atlantis;2025;1;;;;X;Y",  # no such measure
            "dew21-suedtrasse;2031;1;;;;DEW21;Bericht",  # the future
            "dew21-buelowstrasse;2025;-3;;;;DEW21;Bericht",  # negative
            "dogewo21-heizungsprogramm;2025;;;;;DOGEWO21;Bericht",  # its indicator (heat pumps) is missing
            "dew21-suedtrasse;2025;2,5;;;;DEW21;Bericht",  # twice, and not a whole count
            "dew21-hafenquartier;2025;1;;;;;",  # who and where from are missing
        ],
    )
    with pytest.raises(ImportValidationError) as info:
        import_actuals_file(file, path)
    found = {(p.row, p.column, p.value, p.problem_en) for p in info.value.problems}
    assert found == {
        (2, "project_id", "atlantis", "is not a measure of the portfolio"),
        (3, "year", "2031", "lies in the future (it is 2026)"),
        (4, "buildings_connected", "-3", "is negative"),
        (5, "heat_pumps_installed", "", "is missing: the indicator of a measure of type hp_programme is heat_pumps_installed"),
        (6, "project_id", "dew21-suedtrasse 2025", "appears twice in the file (measure and year)"),
        (6, "buildings_connected", "2,5", "is not a whole number"),
        (7, "reported_by", "", "is missing"),
        (7, "source", "", "is missing"),
    }
    german = info.value.report("de")
    assert "meldung.csv, Zeile 2, Spalte project_id: 'atlantis' ist keine Maßnahme des Portfolios. Die Projekt-ID" in german
    assert sha256(path) == before  # all or nothing: the portfolio file is byte for byte the same
    result = import_actuals_file(file, path, skip_invalid=True)
    assert result.n_imported == 1 and result.n_skipped == 6 and len(result.skipped) == 8
    assert actuals(path).loc[("dew21-suedtrasse", 2025), "buildings_connected"] == 10


def test_the_xlsx_template_round_trip(path, tmp_path):
    xlsx = write_templates(tmp_path)[1]
    wb = openpyxl.load_workbook(xlsx)
    ws = wb["Meldungen"]
    headers = [c.value for c in ws[1]]
    values = {"Projekt-ID": "dogewo21-klimainvest", "Jahr": 2026, "Sanierte Gebäude": 512, "Gemeldet von": "DOGEWO21", "Quelle": "Bericht"}
    ws.append([values.get(h) for h in headers])
    wb.save(xlsx)
    assert import_actuals_file(xlsx, path).n_imported == 1
    assert actuals(path).loc[("dogewo21-klimainvest", 2026), "buildings_retrofitted"] == 512


def test_the_command_line_imports_actuals_and_refuses_a_bad_file(path, tmp_path):
    good = german_csv(tmp_path, ["dew21-suedtrasse;2026;3;;;;DEW21;Bericht"], "gut.csv")
    bad = german_csv(tmp_path, ["dew21-suedtrasse;2026;drei;;;;DEW21;Bericht"], "schlecht.csv")
    run = lambda f: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "heatdb", "import", "actuals", str(f), "--portfolio", str(path), "--lang", "de"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    refused = run(bad)
    assert refused.returncode == 2 and "Spalte buildings_connected: 'drei' ist keine Zahl" in refused.stderr
    done = run(good)
    assert done.returncode == 0, done.stderr
    assert "1 Zeilen (actuals) aus gut.csv importiert" in done.stdout
    assert actuals(path).loc[("dew21-suedtrasse", 2026), "buildings_connected"] == 3


def test_the_form_logs_what_it_replaces_and_a_year_is_published(path):
    con = pf.open_portfolio(path)
    try:
        known = {p.project_id: p for p in pf.projects(con)}
        row = read_actual_rows(
            [
                {
                    "project_id": "dew21-suedtrasse",
                    "year": "2025",
                    "buildings_connected": "71",
                    "reported_by": "Planer",
                    "source": "Korrektur",
                }
            ],
            "form",
            known,
        )[0]
        save_actual(con, row)
        logged = json.loads(con.execute("SELECT detail FROM audit_log WHERE action = 'actuals.report'").fetchone()[0])
        assert logged["replaced"]["buildings_connected"] == 70 and logged["new"]["buildings_connected"] == 71
        a = list_actuals(con).set_index(["project_id", "year"])
        assert not a.loc[("dew21-suedtrasse", 2025), "is_published"]  # a changed figure must be released again
        assert set(list_actuals(con, published_only=True)["year"]) == {2023, 2024, 2025}
        assert publish_year(con, 2025) == 1
        assert (
            list_actuals(con, published_only=True).set_index(["project_id", "year"]).loc[("dew21-suedtrasse", 2025), "buildings_connected"]
            == 71
        )
        assert con.execute("SELECT detail FROM audit_log WHERE action = 'actuals.publish'").fetchone()[0] == "1 reports"
    finally:
        con.close()


def test_every_problem_of_the_rules_has_its_text_and_fix():
    import ast

    from locales import has

    tree = ast.parse((REPO / "portfolio" / "actual_rows.py").read_text(encoding="utf-8"))
    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("bad", "_texts") and node.args:
            arg = node.args[2 if node.func.id == "bad" else 0]
            if isinstance(arg, ast.Constant):
                keys.add(arg.value)
    assert len(keys) >= 12
    missing = [k for key in sorted(keys) for k in (f"act_{key}", f"act_{key}_fix") if not has("monitoring", k)]
    assert not missing
