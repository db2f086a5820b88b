"""Each report read back (PDF text, slides, sheets, GeoPackage layers) shows the dataset's numbers, and the dataset's
numbers are the app's for the same scenario (Dortmund, 'Klimaneutral 2035')."""

from __future__ import annotations

import io
import re
import sqlite3

import numpy as np
import pandas as pd
import pytest

from locales import num, pct
from reports.texts import tr

PDF_YEARS = (2030, 2035)


# --- helpers --------------------------------------------------------------------------------------


def pdf_pages(payload: bytes) -> list[str]:
    import pypdf

    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(payload)).pages]


def tokens(text: str) -> set[str]:
    return set(text.split())


def squeeze(text: str) -> str:
    """The text without any whitespace (table cells wrap long words at arbitrary places)."""
    return re.sub(r"\s+", "", text)


def page_with(pages: list[str], heading: str) -> str:
    hits = [p for p in pages if heading in p]
    assert hits, f"no page with {heading!r}"
    return "\n".join(hits)


@pytest.fixture(scope="module")
def pdf_de(reports_de) -> list[str]:
    return pdf_pages(reports_de["pdf"])


@pytest.fixture(scope="module")
def slides(reports_de):
    from pptx import Presentation

    return list(Presentation(io.BytesIO(reports_de["pptx"])).slides)


def slide_texts(slide) -> str:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(out)


def slide_tables(slide) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in s.table.rows] for s in slide.shapes if s.has_table]


# --- the dataset equals the app -------------------------------------------------------------------


def test_pathway_and_band_are_the_apps(dataset, app_numbers):
    pw = dataset.table("pathway").set_index("year")
    band = app_numbers["band"]
    assert list(pw.index) == [int(y) for y in band.index]
    np.testing.assert_allclose(pw["co2e_t"], band["central"], rtol=1e-12)
    np.testing.assert_allclose(pw["co2e_low_t"], band[["low", "high"]].min(axis=1), rtol=1e-12)
    np.testing.assert_allclose(pw["co2e_high_t"], band[["low", "high"]].max(axis=1), rtol=1e-12)


def test_gaps_are_the_apps(dataset, app_numbers):
    mine = dataset.table("targets").set_index("year")
    app = app_numbers["gaps"].set_index("year")
    assert list(mine.index) == list(app.index) == list(PDF_YEARS)
    for col in ("target_t", "pathway_t", "gap_t"):
        np.testing.assert_allclose(mine[col], app[col], rtol=1e-12, atol=1e-6)


def test_contributions_are_the_apps(dataset, app_numbers):
    mine = dataset.table("contributions").set_index("project_id")
    app = app_numbers["contributions"]["summary"].set_index("project_id")
    assert set(mine.index) == set(app.index) and len(mine) > 5
    for col in ("attributed_2030_t", "attributed_2035_t", "standalone_2035_t", "cumulative_t"):
        np.testing.assert_allclose(mine[col], app.loc[mine.index, col], rtol=1e-9, atol=1e-6)


def test_indicators_are_the_apps(dataset, app_numbers):
    app = app_numbers["pathway"]["indicators"]
    app = app[app["year"].isin([2030, 2035, 2040, 2045])].reset_index(drop=True)
    mine = dataset.table("indicators")
    assert len(mine) == len(app) > 40
    np.testing.assert_allclose(mine["value"].to_numpy(float), app["value"].to_numpy(float), rtol=1e-12)


# --- PDF ------------------------------------------------------------------------------------------


def test_pdf_title_page_says_what_the_numbers_are(dataset, pdf_de):
    m = dataset.meta
    first = pdf_de[0]
    for text in (
        m["scenario_name"],
        m["city_name"],
        m["data_version"],
        m["params_hash"],
        m["portfolio_hash"],
        "Live-Berechnung",
        tr("report_kind"),
    ):
        assert text in first, text
    assert m["has_synthetic_data"] and "Synthetische Gebäudedaten" in first


def test_pdf_every_page_has_the_data_version_and_its_number(dataset, pdf_de):
    assert len(pdf_de) >= 12
    for i, text in enumerate(pdf_de, start=1):
        assert dataset.meta["data_version"] in text and f"Seite {i}" in text, i


def test_pdf_pathway_and_gaps_are_the_apps_formatted(pdf_de, app_numbers, dataset):
    page = page_with(pdf_de, tr("sec_pathway"))
    gaps = app_numbers["gaps"].set_index("year")
    for year in PDF_YEARS:
        path, gap, target = (num(gaps.loc[year, c], 0, "de") for c in ("pathway_t", "gap_t", "target_t"))
        assert f"{year}: Pfad {path} t CO₂e/a" in page
        assert f"{target} t, Lücke {gap} t" in page
    pw = dataset.table("pathway").set_index("year")
    words = tokens(page)
    for year in (2024, 2030, 2035, 2045):
        for col in ("co2e_t", "co2e_low_t", "co2e_high_t"):
            assert num(pw.loc[year, col], 0, "de") in words, (year, col)


def test_pdf_lists_every_assumption_with_the_count(dataset, pdf_de):
    params = dataset.table("parameters")
    assumed = params[params["kind"] == "assumption"]
    n = dataset.meta["n_assumptions"]
    assert n == len(assumed) > 10
    text = "\n".join(pdf_de)
    assert f"{n} Annahmen [U]" in text
    flat = squeeze(text)
    for key in assumed["key"]:
        assert f"[U]{key}" in flat, key
    facts = params[params["kind"] == "fact"]["key"]
    assert not any(f"[U]{k}" in flat for k in facts)


def test_pdf_contributions_per_project_and_owner_with_the_gap(dataset, pdf_de):
    text = page_with(pdf_de, tr("sec_contrib")) + "\n".join(pdf_de)
    words = tokens(text)
    for rec in dataset.table("contributions").itertuples():
        assert num(rec.attributed_2035_t, 0, "de") in words and num(rec.attributed_2030_t, 0, "de") in words, rec.project_id
    for rec in dataset.table("by_owner").itertuples():
        assert num(rec.attributed_2035_t, 0, "de") in words, rec.owner
    gap = dataset.table("targets").set_index("year").loc[2035, "gap_t"]
    assert tr("remaining_gap", "de", year=2035, gap=num(gap, 0, "de")) in text


def test_pdf_district_table_has_every_statistischer_bezirk(dataset, pdf_de):
    districts = dataset.table("districts")
    assert len(districts) == 62
    table_pages = [p for p in pdf_de if squeeze(tr("supply")) in squeeze(p)]  # its header row repeats on each of its pages
    assert 1 <= len(table_pages) <= 3
    words = tokens("\n".join(table_pages))
    for rec in districts.itertuples():
        assert rec.code in words, rec.name
        assert num(rec.co2e_2035_t, 0, "de") in words, rec.name
        assert pct(rec.change_2024_2035_pct, 1, "de").split()[0] in words, rec.name


def test_pdf_indicator_table_for_the_four_years(dataset, pdf_de):
    page = page_with(pdf_de, tr("sec_indicators"))
    words = tokens(page)
    ind = dataset.table("indicators")
    assert sorted(ind["year"].unique()) == [2030, 2035, 2040, 2045]
    for rec in ind.itertuples():
        assert num(rec.value, 1 if rec.unit == "%" else 0, "de") in words, (rec.indicator, rec.year)


def test_pdf_sources_with_licence_and_attribution(dataset, pdf_de):
    flat = squeeze(page_with(pdf_de, tr("sec_sources")))
    for rec in dataset.table("sources").itertuples():
        assert squeeze(rec.licence) in flat and squeeze(rec.attribution) in flat, rec.source_id


def test_pdf_has_the_charts_and_maps_as_images(reports_de):
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(reports_de["pdf"]))
    images = [img for page in reader.pages for img in page.images]
    assert len(images) == 7  # pathway, waterfall, owners, four maps


def test_pdf_in_english(dataset):
    from reports.render import render

    pages = pdf_pages(render("pdf", dataset, "en"))
    text = "\n".join(pages)
    assert "Live calculation" in pages[0] and "Page 1" in pages[0]
    tg = dataset.table("targets").set_index("year")
    assert f"2035: pathway {num(tg.loc[2035, 'pathway_t'], 0, 'en')} t CO₂e/a" in text
    assert "1 Final energy by sector and carrier" in text and "Endenergieverbrauch" not in text


# --- PPTX -----------------------------------------------------------------------------------------


def test_pptx_title_slide_and_footer(dataset, slides):
    m = dataset.meta
    first = slide_texts(slides[0])
    for text in (m["scenario_name"], m["data_version"], m["params_hash"], m["portfolio_hash"]):
        assert text in first
    assert "Synthetische Gebäudedaten" in first
    for slide in slides[1:]:
        assert m["data_version"] in slide_texts(slide)


def test_pptx_pathway_slide_says_the_2035_numbers(dataset, slides, app_numbers):
    gaps = app_numbers["gaps"].set_index("year")
    title = tr("slide_pathway_msg", "de", path=num(gaps.loc[2035, "pathway_t"], 0, "de"), gap=num(gaps.loc[2035, "gap_t"], 0, "de"))
    assert any(slide.shapes[0].text_frame.text == title for slide in slides)


def test_pptx_has_every_chart_and_map(slides):
    pictures = [s for slide in slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 7
    for pic in pictures:
        assert pic.image.content_type == "image/png" and pic.image.size[0] >= 1900


def test_pptx_top_districts_with_a_pointer_to_the_workbook(dataset, slides):
    districts = dataset.table("districts")
    top = districts.sort_values("co2e_2024_t", ascending=False).head(12)
    slide = next(s for s in slides if tr("districts_top", "de", n=12) in slide_texts(s))
    rows = slide_tables(slide)[0][1:]
    assert [r[0] for r in rows] == list(top["code"])
    assert [r[3] for r in rows] == [num(v, 0, "de") for v in top["co2e_2024_t"]]
    assert tr("districts_full", "de", n=len(districts)) in slide_texts(slide)


def test_pptx_indicator_slides_hold_every_indicator(dataset, slides):
    ind = dataset.table("indicators")
    rows = [r for s in slides if tr("sec_indicators") in s.shapes[0].text_frame.text for t in slide_tables(s) for r in t[1:]]
    n_rows = len(ind.drop_duplicates(["indicator", "carrier", "sector", "unit"]))
    assert len(rows) == n_rows
    cells = {c for r in rows for c in r}
    for rec in ind.itertuples():
        assert num(rec.value, 1 if rec.unit == "%" else 0, "de") in cells


def test_pptx_sources_slide(dataset, slides):
    slide = next(s for s in slides if s.shapes[0].text_frame.text == tr("sec_sources"))
    text = slide_texts(slide)
    for rec in dataset.table("sources").itertuples():
        assert rec.licence in text and rec.attribution in text


# --- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_one_sheet_per_table_with_the_numbers_as_numbers(dataset, reports_de):
    import openpyxl

    from reports.xlsx import SHEETS

    wb = openpyxl.load_workbook(io.BytesIO(reports_de["xlsx"]))
    assert wb.sheetnames == ["Info", *SHEETS]
    for name in SHEETS:
        df = dataset.table(name)
        ws = wb[name]
        header = [c.value for c in ws[1]]
        assert header == list(df.columns), name
        assert all(c.font.b for c in ws[1])
        assert ws.max_row == len(df) + 1, name
        for col_idx, col in enumerate(df.columns, start=1):
            if not pd.api.types.is_numeric_dtype(df[col]) or pd.api.types.is_bool_dtype(df[col]):
                continue
            got = [ws.cell(row=r, column=col_idx).value for r in range(2, len(df) + 2)]
            want = [None if pd.isna(v) else v for v in df[col]]
            assert all(g is None or isinstance(g, (int, float)) for g in got), (name, col)
            # openpyxl writes 16 significant digits (Excel itself keeps 15): equal to the last printed digit
            assert [g is None for g in got] == [w is None for w in want], (name, col)
            assert [g for g in got if g is not None] == pytest.approx([w for w in want if w is not None], rel=1e-15, abs=1e-12), (name, col)


def test_xlsx_info_sheet(dataset, reports_de):
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(reports_de["xlsx"]))["Info"]
    info = {r[0]: r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
    for key in ("title", "scenario_id", "data_version", "params_hash", "portfolio_hash", "computed_at"):
        assert info[key] == dataset.meta[key], key
    assert "_t = t CO₂e" in info["units"] and info["n_assumptions"] == dataset.meta["n_assumptions"]


# --- GeoPackage -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gpkg_path(reports_de, tmp_path_factory):
    path = tmp_path_factory.mktemp("gpkg") / "report.gpkg"
    path.write_bytes(reports_de["gpkg"])
    return path


def test_gpkg_layers_in_epsg_25832_with_every_feature(dataset, gpkg_path):
    import pyogrio

    from reports.layers import LAYERS

    listed = {name: geom for name, geom in pyogrio.list_layers(gpkg_path)}
    assert set(LAYERS) | {"attribute_docs", "report_info", "sources"} == set(listed)
    for name in LAYERS:
        info = pyogrio.read_info(gpkg_path, layer=name)
        assert info["crs"] == "EPSG:25832", name
        assert info["features"] == len(dataset.layers[name]["features"]) > 0, name


def test_gpkg_districts_carry_the_table_and_real_metres(dataset, gpkg_path):
    import pyogrio

    gdf = pyogrio.read_dataframe(gpkg_path, layer="districts")
    table = dataset.table("districts").set_index("district_id")
    assert set(table.columns) <= set(gdf.columns)
    np.testing.assert_allclose(gdf.set_index("district_id").loc[table.index, "co2e_2035_t"], table["co2e_2035_t"], rtol=1e-12)
    area_km2 = gdf.geometry.area.sum() / 1e6
    assert 260 < area_km2 < 300  # Dortmund covers 280.7 km²; degrees or a wrong CRS would not give this


def test_gpkg_expansion_keeps_year_status_and_illustrative(gpkg_path):
    import pyogrio

    ex = pyogrio.read_dataframe(gpkg_path, layer="expansion")
    assert {"year_planned", "status", "is_illustrative"} <= set(ex.columns)
    assert ex["year_planned"].between(2024, 2045).all() and ex["is_illustrative"].astype(bool).all()


def test_gpkg_documents_every_column_of_every_layer(gpkg_path, dataset):
    import pyogrio

    from reports.layers import LAYERS

    docs = pyogrio.read_dataframe(gpkg_path, layer="attribute_docs")
    documented = set(zip(docs["layer"], docs["column"]))
    for name in LAYERS:
        fields = set(pyogrio.read_info(gpkg_path, layer=name)["fields"]) | {"geom"}
        assert {(name, f) for f in fields} == {d for d in documented if d[0] == name}, name
    assert (docs["description_de"].str.len() > 3).all() and (docs["description_en"].str.len() > 3).all()
    info = pyogrio.read_dataframe(gpkg_path, layer="report_info")
    assert dict(zip(info["key"], info["value"]))["data_version"] == dataset.meta["data_version"]
    with sqlite3.connect(gpkg_path) as con:
        desc = dict(con.execute("SELECT table_name, description FROM gpkg_contents").fetchall())
    assert all(desc[name] for name in LAYERS)
    assert "Zensus 2011" in desc["dh_areas"] and "illustrativ" in desc["expansion"]


def test_waterfall_bars_add_up_from_2024_to_the_result(dataset):
    from reports import charts

    steps = charts.waterfall_steps(dataset, 2035, "de")
    by = {s["key"]: s for s in steps}
    assert steps[0]["value"] == pytest.approx(dataset.table("pathway").set_index("year").loc[2024, "co2e_t"])
    targets = dataset.table("targets").set_index("year")
    assert by["result"]["value"] == pytest.approx(targets.loc[2035, "pathway_t"])
    assert by["target"]["value"] == pytest.approx(targets.loc[2035, "target_t"])
    # start + drivers + measures + unbacked = result (measures under half a tonne are not drawn: at most 0.5 t each)
    changes = sum(s["value"] for s in steps if s["kind"] in ("driver", "measure", "unbacked"))
    assert steps[0]["value"] + changes == pytest.approx(by["result"]["value"], abs=0.5 * len(dataset.table("contributions")))
    assert [s["kind"] for s in steps if s["kind"] == "driver"] == ["driver"] * 4
    assert steps[-1]["kind"] == "gap" and steps[-1]["value"] == pytest.approx(targets.loc[2035, "gap_t"])
