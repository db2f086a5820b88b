"""A snapshot still gives its numbers after the warehouse is rebuilt with changed data (the tiny city), and reports
are drawn without the network."""

from __future__ import annotations

import csv
import io
import shutil
import socket
from pathlib import Path

import pytest

import portfolio as pf
from tests.factories import TINY_CITY, build_warehouse, make_portfolio

CELLS = "zensus2011_100m_gebaeude_wohnungen_dortmund.csv"


def _live(db: Path, portfolio: Path):
    from ghgmodel import load_parameters
    from heatdb.connect import connect
    from reports.dataset import build_report_data, resolve_scenario
    from reports.model import ModelService

    con = connect(db, read_only=True)
    pcon = pf.open_portfolio(portfolio, read_only=True)
    try:
        sid, sc = resolve_scenario(pcon, "trend")
        model = ModelService(warehouse=con.cursor, portfolio=pcon.cursor, params=load_parameters())
        return build_report_data(con, pcon, sc, model=model, scenario_id=sid)
    finally:
        pcon.close()
        con.close()


def _drop_every_other_cell(src: Path, dst: Path) -> None:
    """The tiny city with half of its census cells: fewer buildings, so less heat and CO2e."""
    shutil.copytree(src, dst)
    with (src / CELLS).open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with (dst / CELLS).open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([rows[0], *rows[1::2]])


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory, tiny_db_template):
    """(frozen dataset, snapshot id, portfolio, live dataset after the rebuild, data version after)."""
    from reports.snapshots import freeze

    root = tmp_path_factory.mktemp("tiny_reports")
    db, portfolio = root / "tiny.duckdb", root / "portfolio.duckdb"
    shutil.copyfile(tiny_db_template, db)  # the tiny city's build
    make_portfolio(portfolio)  # the default projects; those outside the tiny city act nowhere
    before = _live(db, portfolio)
    con = pf.open_portfolio(portfolio)
    try:
        sid = freeze(con, before, title="Ratsvorlage Lütgendortmund")
    finally:
        con.close()
    _drop_every_other_cell(TINY_CITY, root / "changed")
    build_warehouse(db, root / "changed")
    after = _live(db, portfolio)
    return before, sid, portfolio, after


def test_the_rebuild_changed_the_live_numbers(rebuilt):
    before, _, _, after = rebuilt
    assert after.meta["data_version"] != before.meta["data_version"]
    b = before.table("pathway").set_index("year")["co2e_t"]
    a = after.table("pathway").set_index("year")["co2e_t"]
    assert a.loc[2024] < 0.95 * b.loc[2024]  # half the cells, but the network load of other customers stays


def test_the_snapshot_keeps_every_frozen_table(rebuilt):
    from reports.snapshots import changes_since, load

    before, sid, portfolio, after = rebuilt
    con = pf.open_portfolio(portfolio, read_only=True)
    try:
        frozen = load(con, sid)
    finally:
        con.close()
    assert frozen.meta["snapshot_id"] == sid and frozen.meta["data_version"] == before.meta["data_version"]
    for name, table in before.tables.items():
        got = frozen.table(name)
        assert list(got.columns) == list(table.columns), name
        assert got.astype(str).equals(table.astype(str)) or got.equals(table), name
    assert changes_since(
        frozen, data_version=after.meta["data_version"], params_hash=after.meta["params_hash"], portfolio_hash=after.meta["portfolio_hash"]
    ) == ["data"]


def test_reports_of_the_snapshot_show_the_frozen_numbers_not_the_live_ones(rebuilt):
    import openpyxl
    import pypdf

    from locales import num
    from reports.render import render
    from reports.snapshots import load
    from reports.texts import tr
    from reports.xlsx import sheet_name

    before, sid, portfolio, after = rebuilt
    con = pf.open_portfolio(portfolio, read_only=True)
    try:
        frozen = load(con, sid)
    finally:
        con.close()
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render("pdf", frozen))).pages)
    frozen_2035 = before.table("targets").set_index("year").loc[2035, "pathway_t"]
    live_2035 = after.table("targets").set_index("year").loc[2035, "pathway_t"]
    assert num(frozen_2035) != num(live_2035)
    assert f"2035: Pfad {num(frozen_2035)} t CO₂e/a" in text and f"Pfad {num(live_2035)} t" not in text
    assert sid in text and before.meta["data_version"] in text and after.meta["data_version"] not in text
    wb = openpyxl.load_workbook(io.BytesIO(render("xlsx", frozen)))
    co2 = {row[0]: row[1] for row in wb[sheet_name("pathway", "de")].iter_rows(min_row=2, values_only=True)}
    b = before.table("pathway").set_index("year")["co2e_t"]
    assert [co2[y] for y in b.index] == pytest.approx(list(b), rel=1e-15)
    info = {r[0]: r[1] for r in wb["Info"].iter_rows(min_row=2, values_only=True)}
    assert info[tr("info_snapshot_id")] == sid and info[tr("info_data_version")] == before.meta["data_version"]


def test_reports_are_drawn_without_the_network(rebuilt, monkeypatch):
    """No map tiles, fonts or scripts from the net: every kind renders with sockets refused."""
    from reports.render import KINDS, render

    def refuse(*args, **kwargs):
        raise OSError("network use while rendering a report")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    _, _, _, after = rebuilt
    for kind in KINDS:
        for lang in ("de", "en"):
            assert len(render(kind, after, lang)) > 1000, (kind, lang)


def test_a_scenario_without_projects_still_gives_every_report(rebuilt, tmp_path):
    """No contributions, no project areas: the reports say so, and the GeoPackage keeps an empty projects layer with its columns."""
    import pyogrio
    import pypdf

    from reports.dataset import ReportData
    from reports.gpkg import LAYER_FIELDS
    from reports.render import render
    from reports.texts import tr

    _, _, _, after = rebuilt
    wf = after.table("waterfall")
    tables = {
        **after.tables,
        "contributions": after.table("contributions").iloc[0:0],
        "by_owner": after.table("by_owner").iloc[0:0],
        "waterfall": wf[wf["step"] != "project"],
    }
    bare = ReportData(meta=after.meta, tables=tables, layers={**after.layers, "projects": {"type": "FeatureCollection", "features": []}})
    text = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render("pdf", bare, "en"))).pages)
    assert tr("no_projects", "en") in text
    path = tmp_path / "bare.gpkg"
    path.write_bytes(render("gpkg", bare))
    info = pyogrio.read_info(path, layer="projects")
    assert info["features"] == 0 and info["crs"] == "EPSG:25832" and tuple(info["fields"]) == LAYER_FIELDS["projects"]
    assert len(render("pptx", bare)) > 1000 and len(render("xlsx", bare)) > 1000
