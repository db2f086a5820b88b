"""The workbook read back: German sheet names and headers with units, numbers stored as numbers (also the parameters
and levers the tables write as text), no cell near Excel's limit, every sheet set up for printing, the dataset's
numbers at full precision."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from reports.texts import column_label, tr
from reports.xlsx import sheet_name, tables


@pytest.fixture(scope="module")
def wb(reports_de):
    import openpyxl

    return openpyxl.load_workbook(io.BytesIO(reports_de["xlsx"]))


def test_sheets_in_german_in_the_workbooks_order(wb, compared):
    expected = [sheet_name("info", "de"), *[sheet_name(n, "de") for n in tables(compared)]]
    assert wb.sheetnames == expected
    assert {"Pfad", "Ziele", "Maßnahmen", "Kosten und Finanzierung", "Bezirke", "Parameter", "Quellen"} <= set(wb.sheetnames)
    assert not any("_" in n for n in wb.sheetnames)


def test_headers_are_german_with_units_and_every_table_is_there_at_full_precision(wb, compared):
    for name, df in tables(compared).items():
        ws = wb[sheet_name(name, "de")]
        header = [c.value for c in ws[1]]
        assert len(header) == len(df.columns) and all(c.font.b for c in ws[1]), name
        unknown = [c for c, h in zip(df.columns, header) if h == c]
        assert not unknown, (name, unknown)  # every column has a German header
        assert ws.max_row == len(df) + 1, name
        for j, col in enumerate(df.columns, start=1):
            if not pd.api.types.is_numeric_dtype(df[col]) or pd.api.types.is_bool_dtype(df[col]):
                continue
            got = [ws.cell(row=r, column=j).value for r in range(2, len(df) + 2)]
            want = [None if pd.isna(v) else float(v) for v in df[col]]
            assert [g is None for g in got] == [w is None for w in want], (name, col)
            assert [g for g in got if g is not None] == pytest.approx([w for w in want if w is not None], rel=1e-15, abs=1e-12), (name, col)
    assert column_label("co2e_2035_t") == "CO₂e 2035 (t/a)"


def test_parameters_and_levers_are_numbers(wb, compared):
    ws = wb[sheet_name("parameters", "de")]
    values = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert values["q_h_nd.TH.0_1859"] == pytest.approx(199.5006) and isinstance(values["q_h_nd.TH.0_1859"], float)
    assert values["baseline.fallback_system"] == "gas_new"  # text stays text
    params = compared.table("parameters")
    numeric = pd.to_numeric(params["value"], errors="coerce").notna()
    cells = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(v, (int, float)) for v, n in zip(cells, numeric) if n)
    levers = list(wb[sheet_name("levers", "de")].iter_rows(min_row=2, values_only=True))
    rate = [(r[3], r[4]) for r in levers if r[0] == "retrofit_rate_pct"]
    assert rate == [(2024, 1), (2027, 4)]  # '2024: 1, 2027: 4' as two rows of numbers
    codes = {r[1] for r in wb[sheet_name("districts", "de")].iter_rows(min_row=2, values_only=True)}
    assert "000" in codes and "010" in codes  # a district's number stays text


def test_no_giant_cell_and_no_json_in_info(wb):
    longest = max(len(str(c.value)) for ws in wb for row in ws.iter_rows() for c in row if c.value is not None)
    assert longest < 5000
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(min_row=2, values_only=True)}
    assert not any(str(v).startswith(("{", "[")) for v in info.values())
    assert tr("info_json") in info


def test_every_sheet_prints_one_page_wide_with_its_header(wb):
    for ws in wb:
        assert ws.print_area, ws.title
        assert ws.print_title_rows in ("1:1", "$1:$1"), ws.title
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.freeze_panes == "A2"


def test_info_sheet_says_what_the_numbers_are(wb, compared):
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(min_row=2, values_only=True)}
    for key in ("scenario_id", "data_version", "params_hash", "portfolio_hash", "computed_at"):
        assert info[tr(f"info_{key}")] == compared.meta[key], key
    assert info[tr("info_n_assumptions")] == compared.meta["n_assumptions"]
