"""The GeoPackage read back: layers in EPSG:25832 with every feature, valid geometries (the dataset's project areas are
not all valid), integer counts, QGIS default styles with the report's classes and German aliases, every field named
and described, GeoPackage 1.3 that Debian's GDAL 3.6 reads without a warning."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import xml.etree.ElementTree as ET

import geopandas as gpd
import numpy as np
import pytest

from reports.layers import LAYERS


@pytest.fixture(scope="module")
def gpkg_path(reports_de, tmp_path_factory):
    path = tmp_path_factory.mktemp("gpkg") / "report.gpkg"
    path.write_bytes(reports_de["gpkg"])
    return path


def test_layers_in_epsg_25832_with_every_feature(compared, gpkg_path):
    import pyogrio

    listed = dict(pyogrio.list_layers(gpkg_path))
    assert set(LAYERS) | {"layer_styles", "attribute_docs", "report_info", "sources"} == set(listed)
    for name in LAYERS:
        info = pyogrio.read_info(gpkg_path, layer=name)
        assert info["crs"] == "EPSG:25832", name
        assert info["features"] == len(compared.layers[name]["features"]) > 0, name


def test_geometries_are_valid_where_the_dataset_had_self_intersections(compared, gpkg_path):
    import pyogrio

    raw = gpd.GeoDataFrame.from_features(compared.layers["projects"]["features"], crs="EPSG:4326")
    assert (~raw.is_valid).sum() > 0  # the simplified project areas cross themselves: the repair is needed
    for name in LAYERS:
        gdf = pyogrio.read_dataframe(gpkg_path, layer=name)
        assert gdf.is_valid.all(), name
        assert set(gdf.geom_type) <= {"MultiPolygon"}, name
    fixed = pyogrio.read_dataframe(gpkg_path, layer="projects")
    # made valid, not changed: the areas agree with the raw outlines to a thousandth
    assert fixed.area.sum() == pytest.approx(raw.to_crs(25832).area.sum(), rel=1e-3)


def test_counts_and_years_are_integers(compared, gpkg_path):
    import pyogrio

    info = pyogrio.read_info(gpkg_path, layer="supply_areas")
    types = dict(zip(info["fields"], info["ogr_types"]))
    assert types["n_buildings"] == types["n_cells"] == "OFTInteger64"
    sa = pyogrio.read_dataframe(gpkg_path, layer="supply_areas")
    want = sorted(f["properties"]["n_buildings"] for f in compared.layers["supply_areas"]["features"])
    assert sorted(sa["n_buildings"]) == want  # the same counts, now as integers
    for layer, col in (("projects", "start_year"), ("expansion", "year_planned"), ("districts", "n_buildings")):
        assert dict(zip(*[pyogrio.read_info(gpkg_path, layer=layer)[k] for k in ("fields", "ogr_types")]))[col].startswith("OFTInteger"), (
            layer,
            col,
        )


def test_districts_carry_the_table_and_real_metres(compared, gpkg_path):
    import pyogrio

    gdf = pyogrio.read_dataframe(gpkg_path, layer="districts")
    table = compared.table("districts").set_index("district_id")
    np.testing.assert_allclose(gdf.set_index("district_id").loc[table.index, "co2e_2035_t"], table["co2e_2035_t"], rtol=1e-12)
    assert 260 < gdf.geometry.area.sum() / 1e6 < 300  # Dortmund covers 280.7 km²


def test_qgis_default_styles_with_the_reports_classes_and_aliases(gpkg_path):
    import pyogrio

    with sqlite3.connect(gpkg_path) as con:
        rows = con.execute("SELECT f_table_name, f_geometry_column, styleQML, useAsDefault FROM layer_styles").fetchall()
        registered = {r[0] for r in con.execute("SELECT table_name FROM gpkg_contents")}
    assert "layer_styles" in registered
    assert sorted(r[0] for r in rows) == sorted(LAYERS)
    for name, geom, qml, default in rows:
        assert geom == "geom" and default == 1
        root = ET.fromstring(qml.split("?>")[-1].split("'SYSTEM'>")[-1])
        renderer = root.find("renderer-v2")
        frame = pyogrio.read_dataframe(gpkg_path, layer=name)
        aliases = {a.get("field"): a.get("name") for a in root.iter("alias")}
        assert set(aliases) == set(frame.columns) - {"geometry"}, name
        assert all(a and a != f for f, a in aliases.items() if f not in ("name",)), name
        if renderer.get("type") == "categorizedSymbol":
            values = {c.get("value") for c in renderer.iter("category")}
            assert values == {str(v) for v in frame[renderer.get("attr")].dropna().unique()}, name
            labels = [c.get("label") for c in renderer.iter("category")]
            assert all(lab and "_" not in lab for lab in labels), (name, labels)
        assert len(renderer.find("symbols")) >= 1
    supply = ET.fromstring(next(q for n, _, q, _ in rows if n == "supply_areas").split("'SYSTEM'>")[-1])
    assert {c.get("label") for c in supply.iter("category")} >= {"Wärmenetzgebiet", "Prüfgebiet"}
    colours = {o.get("value") for o in supply.iter("Option") if o.get("name") == "color"}
    assert "213,94,0,255" in colours  # the report map's Wärmenetzgebiet colour (#D55E00)


def test_every_field_is_named_and_described(gpkg_path):
    import pyogrio

    with sqlite3.connect(gpkg_path) as con:
        cols = {(t, c): (n, d) for t, c, n, d in con.execute("SELECT table_name, column_name, name, description FROM gpkg_data_columns")}
        ext = con.execute("SELECT extension_name FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns'").fetchall()
    assert ext == [("gpkg_schema",)]
    for layer in LAYERS:
        for field in pyogrio.read_info(gpkg_path, layer=layer)["fields"]:
            name, desc = cols[(layer, field)]
            assert name and desc and len(desc) > 3, (layer, field)
    assert cols[("supply_areas", "n_buildings")][0] == "Gebäude (Anzahl)"


def test_geopackage_1_3_read_by_gdal_3_6_without_a_warning(gpkg_path):
    with sqlite3.connect(gpkg_path) as con:
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0x47504B47  # 'GPKG'
        assert con.execute("PRAGMA user_version").fetchone()[0] == 10300
    if shutil.which("ogrinfo") is None:
        pytest.skip("Debian's gdal-bin is not installed")
    done = subprocess.run(["ogrinfo", "-ro", "-so", "-al", str(gpkg_path)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    assert "supply_areas" in done.stdout and "n_buildings: Integer64" in done.stdout
