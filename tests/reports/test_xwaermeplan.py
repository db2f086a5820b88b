"""The XWärmeplan export: valid by the xwp09 classes, reads back equal, EPSG:25832, no figure over fewer than 5 buildings,
ogrinfo lists its feature types; on the tiny city (built here) and on Dortmund (the session's report dataset)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from lxml import etree

import portfolio as pf

REPO = Path(__file__).resolve().parents[2]
TINY_CITY = REPO / "tests" / "data" / "tiny_city"
SCENARIO = "klimaneutral-2035"
GML = "http://www.opengis.net/gml/3.2"
XLINK = "http://www.w3.org/1999/xlink"
SF = "http://www.opengis.net/ogcapi-features-1/1.0/sf"
XWP = "http://www.xwaermeplan.de/0/9"
# every element that holds a number of buildings (or of heating systems, one per building)
BUILDING_COUNTS = (
    "anzahlAnschluesse",
    "anschluesseWaermenetz",
    "anzahl",
    "wohngebaeude",
    "nichtwohngebaeude",
    "gebaeudeGasAnschluss",
    "gebaeudeWaermenetzAnschluss",
)
SPATIAL = (
    "WP_Waermeversorgungsgebiet2030",
    "WP_Waermeversorgungsgebiet2035",
    "WP_Waermeversorgungsgebiet2040",
    "WP_WaermeversorgungsgebietZieljahr",
    "WP_WaermeNetzAbschnitt",
    "WP_GasNetzBaublock",
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """(warehouse, portfolio, report dataset of 'Klimaneutral 2035') of the tiny city, built here."""
    from ghgmodel import load_parameters
    from heatdb.build import build_database
    from heatdb.connect import connect
    from reports.dataset import build_report_data, resolve_scenario
    from reports.model import ModelService

    root = tmp_path_factory.mktemp("tiny_xwp")
    db, portfolio = root / "tiny.duckdb", root / "portfolio.duckdb"
    build_database(db, source_dir=TINY_CITY, progress=False)
    pf.open_portfolio(portfolio).close()
    con = connect(db, read_only=True)
    pcon = pf.open_portfolio(portfolio, read_only=True)
    try:
        sid, sc = resolve_scenario(pcon, SCENARIO)
        model = ModelService(warehouse=con.cursor, portfolio=pcon.cursor, params=load_parameters())
        data = build_report_data(con, pcon, sc, model=model, scenario_id=sid)
    finally:
        pcon.close()
        con.close()
    return db, portfolio, data


@pytest.fixture(scope="module")
def tiny_gml(tiny) -> bytes:
    from reports.render import render

    return render("xwaermeplan", tiny[2])


def _features(payload: bytes) -> list:
    root = etree.fromstring(payload)
    return [member[0] for member in root.iterfind(f"{{{SF}}}featureMember")]


def _round_trip(data, payload: bytes) -> dict:
    from reports.xwaermeplan import build_collection, feature_counts, feature_records, read_xwaermeplan

    built, back = build_collection(data), read_xwaermeplan(payload)
    a, b = feature_records(built), feature_records(back)
    assert set(a) == set(b)
    for fid in a:
        assert a[fid] == b[fid], (a[fid]["class"], fid)
    return feature_counts(back)


def test_tiny_city_export_validates_and_reads_back_equal(tiny, tiny_gml):
    counts = _round_trip(tiny[2], tiny_gml)
    data = tiny[2]
    assert counts["WP_Plan"] == 1 and counts["WP_Bereich"] == 1
    assert counts["WP_ZielszenarioIndikatoren"] == 4
    n_areas = len(data.layers["supply_areas"]["features"])
    assert n_areas > 0 and all(counts[f"WP_Waermeversorgungsgebiet{y}"] == n_areas for y in (2030, 2035, 2040, "Zieljahr"))
    assert counts["WP_WaermeNetzAbschnitt"] == len(data.layers["dh_areas"]["features"]) + len(data.layers["expansion"]["features"])
    assert counts["WP_Massnahme"] == len(json.loads(data.meta["projects_json"]))


def test_the_file_is_xwaermeplan_gml_in_epsg_25832_with_resolvable_references(tiny_gml):
    root = etree.fromstring(tiny_gml)
    assert root.tag == f"{{{SF}}}FeatureCollection" and root.nsmap[None] == XWP
    features = _features(tiny_gml)
    ids = {f.get(f"{{{GML}}}id") for f in features}
    assert len(ids) == len(features)
    for href in root.iterfind(f".//*[@{{{XLINK}}}href]"):
        assert href.get(f"{{{XLINK}}}href")[1:] in ids
    surfaces = root.findall(f".//{{{GML}}}MultiSurface")
    assert surfaces and {s.get("srsName") for s in surfaces} == {"EPSG:25832"}
    for pos in root.iterfind(f".//{{{GML}}}posList"):
        xy = [float(v) for v in pos.text.split()]
        assert all(360_000 < x < 420_000 for x in xy[0::2]) and all(5_680_000 < y < 5_730_000 for y in xy[1::2])
    plan = next(f for f in features if etree.QName(f).localname == "WP_Plan")
    assert plan.findtext(f".//{{{XWP}}}regionalSchluessel") == "059130000000"
    bereich = next(f for f in features if etree.QName(f).localname == "WP_Bereich")
    spatial = {f.get(f"{{{GML}}}id") for f in features if etree.QName(f).localname in SPATIAL}
    assert {e.get(f"{{{XLINK}}}href")[1:] for e in bereich.iterfind(f"{{{XWP}}}planinhalt")} == spatial


def test_the_indicators_are_the_datasets(tiny):
    from reports.xwaermeplan import CARRIER_CODES, INDICATORS, build_collection

    data = tiny[2]
    ind = data.table("indicators")
    targets = {f.betrachtungszeitpunkt: f for f in build_collection(data).features.values() if f.get_name() == "WP_ZielszenarioIndikatoren"}
    for year, code in ((2030, "1000"), (2035, "2000"), (2040, "3000"), (2045, "4000")):
        f, iy = targets[code], ind[ind["year"] == year]
        final = iy[iy["indicator"] == INDICATORS["eevGesamt"]]
        assert sum(e.verbrauchGesamt.value for e in f.eevGesamtNachEnergieTraeger) == pytest.approx(final["value"].sum(), abs=0.01)
        gas = final[final["carrier"] == "gas"]["value"].sum()
        assert {e.traeger: e.verbrauchGesamt.value for e in f.eevGesamtNachEnergieTraeger}.get(CARRIER_CODES["gas"], 0) == pytest.approx(
            gas, abs=1e-3
        )
        share = iy[iy["indicator"] == INDICATORS["anteilLeitungsgebWaermeversorgung"]]["value"].iloc[0]
        assert f.anteilLeitungsgebWaermeversorgung.value == pytest.approx(share, abs=1e-3)
        n_dh = iy[iy["indicator"] == INDICATORS["gebaeudeWaermenetzAnschluss"]]["value"].sum()
        assert f.gebaeudeNetzanschluss.gebaeudeWaermenetzAnschluss == (round(n_dh) if round(n_dh) >= 5 else 0)


def test_no_published_figure_counts_fewer_than_five_buildings(tiny, tiny_gml):
    root = etree.fromstring(tiny_gml)
    counts = [int(e.text) for name in BUILDING_COUNTS for e in root.iter(f"{{{XWP}}}{name}")]
    assert counts and all(n == 0 or n >= 5 for n in counts), counts
    districts = tiny[2].table("districts").set_index("code")
    for block in root.iter(f"{{{XWP}}}WP_GasNetzBaublock"):
        assert districts.loc[block.findtext(f"{{{XWP}}}baublockId"), "n_buildings"] >= 5


def test_small_groups_are_left_out_or_written_as_zero(tiny):
    """A district with 3 gas-heated buildings has no gas block (nor a figure to difference); 3 buildings on a network become 0."""
    from reports.xwaermeplan import INDICATORS, build_collection

    data = tiny[2]
    districts = data.table("districts").copy()
    districts.loc[0, "gas_share_pct"] = 100.0 * 3 / districts.loc[0, "n_buildings"]
    ind = data.table("indicators").copy()
    ind.loc[ind["indicator"] == INDICATORS["gebaeudeWaermenetzAnschluss"], "value"] = 3.0
    doctored = type(data)(meta=data.meta, tables={**data.tables, "districts": districts, "indicators": ind}, layers=data.layers)
    features = build_collection(doctored).features.values()
    blocks = {f.baublockId for f in features if f.get_name() == "WP_GasNetzBaublock"}
    assert districts.loc[0, "code"] not in blocks and len(blocks) == (districts["gas_share_pct"] > 0).sum() - 1
    assert {f.gebaeudeNetzanschluss.gebaeudeWaermenetzAnschluss for f in features if f.get_name() == "WP_ZielszenarioIndikatoren"} == {0}


def test_each_year_can_get_its_own_supply_areas_and_grades(tiny):
    from reports.xwaermeplan import build_collection

    data = tiny[2]
    fc = data.layers["supply_areas"]
    first = fc["features"][0]
    features = [
        {**first, "properties": {**first["properties"], "year": 2030}},
        {
            **first,
            "properties": {
                **first["properties"],
                "supply_area_type": "waermenetzgebiet",
                "year": 2045,
                "grade_heat_network": "sehr wahrscheinlich geeignet",
                "grade_hydrogen": "sehr wahrscheinlich ungeeignet",
            },
        },
    ]
    layers = {**data.layers, "supply_areas": {**fc, "features": features}}
    got = build_collection(type(data)(meta=data.meta, tables=data.tables, layers=layers)).features.values()
    by_class = {}
    for f in got:
        by_class.setdefault(f.get_name(), []).append(f)
    assert len(by_class["WP_Waermeversorgungsgebiet2030"]) == 1 and "WP_Waermeversorgungsgebiet2035" not in by_class
    target = by_class["WP_WaermeversorgungsgebietZieljahr"][0]
    assert (target.versorgungsart, target.eignungWaermenetz, target.eignungWasserstoffnetz) == ("1000", "1000", "4000")
    assert target.eignungDezentraleVersorgung == "5000"  # the layer gives no grade and the type implies none


def test_the_model_rejects_what_xwaermeplan_does_not_allow(tiny):
    """Validation is real: a code outside the enumeration, a missing required value, an unknown carrier, no municipality key."""
    import pydantic
    from xplan_tools.model.appschema import xwp09 as wp

    from reports.xwaermeplan import XWaermeplanError, build_collection

    with pytest.raises(pydantic.ValidationError):
        wp.WPSektorVerbrauch(sektor="5000", verbrauch={"value": 1.0, "uom": "MWh/a"})
    with pytest.raises(pydantic.ValidationError):
        wp.WPGemeinde(name="Dortmund")
    data = tiny[2]
    ind = data.table("indicators").copy()
    ind.loc[ind.index[0], "carrier"] = "plasma"
    with pytest.raises(XWaermeplanError, match="plasma.*CARRIER_CODES"):
        build_collection(type(data)(meta=data.meta, tables={**data.tables, "indicators": ind}, layers=data.layers))
    with pytest.raises(XWaermeplanError, match="municipality key"):
        build_collection(data.with_meta(city_ags="", city_name="Irgendwo"))


def test_ogrinfo_lists_the_feature_types(tiny_gml, tmp_path):
    if shutil.which("ogrinfo") is None:
        pytest.skip("ogrinfo is missing: `make gdal` installs Debian's gdal-bin")
    path = tmp_path / "plan.gml"
    path.write_bytes(tiny_gml)
    done = subprocess.run(["ogrinfo", "-ro", "-so", str(path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    names = {etree.QName(f).localname for f in _features(tiny_gml)}
    for name in names:
        assert f": {name} (" in done.stdout, (name, done.stdout)


def test_command_line_writes_the_plan_of_a_scenario_and_of_a_snapshot(tiny, tmp_path):
    from reports.snapshots import freeze

    db, portfolio, data = tiny
    out = tmp_path / "plan.gml"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "reports",
            "xwaermeplan",
            "--scenario",
            SCENARIO,
            "--db",
            str(db),
            "--portfolio",
            str(portfolio),
            "--out",
            str(out),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert etree.parse(str(out)).getroot().tag == f"{{{SF}}}FeatureCollection"
    frozen = tmp_path / "portfolio.duckdb"
    shutil.copyfile(portfolio, frozen)
    con = pf.open_portfolio(frozen)
    try:
        sid = freeze(con, data, title="Wärmeplan Lütgendortmund")
    finally:
        con.close()
    out2 = tmp_path / "snapshot.gml"
    done = subprocess.run(
        [sys.executable, "-m", "reports", "xwaermeplan", "--snapshot", sid, "--portfolio", str(frozen), "--out", str(out2)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert sid in out2.read_text(encoding="utf-8")  # the snapshot id is the plan's internal id


def test_dortmund_export_validates_and_reads_back_equal(dataset, artifacts):
    from reports.render import file_name, render

    payload = render("xwaermeplan", dataset)
    counts = _round_trip(dataset, payload)
    assert counts["WP_GasNetzBaublock"] <= len(dataset.table("districts"))
    assert counts["WP_WaermeNetzAbschnitt"] == len(dataset.layers["dh_areas"]["features"]) + len(dataset.layers["expansion"]["features"])
    assert file_name("xwaermeplan", dataset).endswith(".gml")
    root = etree.fromstring(payload)
    assert all(int(e.text) == 0 or int(e.text) >= 5 for name in BUILDING_COUNTS for e in root.iter(f"{{{XWP}}}{name}"))
    (artifacts / "xwaermeplan_dortmund_counts.json").write_text(
        json.dumps({"bytes": len(payload), "features": {k: int(v) for k, v in counts.items()}}, indent=1), encoding="utf-8"
    )


def test_the_public_instance_hands_out_the_plan_as_the_publication_rule_lets_it_out(dataset, warehouse):
    """The download on Für den Rat of the public instance: a published snapshot goes through the publication rule
    first (suppressed districts have no figures), and the plan is written from what is left, never from a hidden one."""
    from dataclasses import replace

    from reports.disclosure import public_figures, public_report_data
    from reports.render import render

    public = public_report_data(dataset, public_figures(warehouse, 5))
    # Dortmund's statistical districts all pass the rule; suppress two as the rule does for a small district (all
    # figures NaN) to see the plan written without them
    d = public.table("districts").copy()
    hidden = d["code"].astype(str).head(2)
    d.loc[d.index[:2], d.columns.difference(["district_id", "code", "name", "stadtbezirk"])] = np.nan
    public = replace(public, tables={**public.tables, "districts": d})
    payload = render("xwaermeplan", public)
    counts = _round_trip(public, payload)
    root = etree.fromstring(payload)
    blocks = {e.text for e in root.iter(f"{{{XWP}}}baublockId")}
    assert blocks and not blocks & set(hidden)
    assert counts["WP_GasNetzBaublock"] == len(blocks)
    assert all(int(e.text) == 0 or int(e.text) >= 5 for name in BUILDING_COUNTS for e in root.iter(f"{{{XWP}}}{name}"))
