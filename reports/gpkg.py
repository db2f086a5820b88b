"""The report's map layers as a GeoPackage for QGIS (pyogrio), in ETRS89 / UTM 32N (EPSG:25832).

Layers: districts (the `districts` table's key figures and CO₂e joined on district_id), dh_areas,
expansion (year_planned, status, is_illustrative), supply_areas, projects (with their attributed
contributions). Geometries are valid (made valid where the simplified outlines crossed themselves; areas stay
areas), counts and years are integers. It opens styled in QGIS: the table `layer_styles` holds each layer's
default style (the report maps' colours and classes, German legends and field aliases; reports.qgis_style), and
`gpkg_data_columns` (GeoPackage schema extension) names and describes every field. Every column is documented in
the table `attribute_docs` too (alias, unit, German and English description); each layer carries a description
(`gpkg_contents.description`); `report_info` holds the meta (scenario, snapshot id, data version, hashes) and
`sources` the licences. The file is GeoPackage 1.3 (it needs nothing of 1.4, which GDAL 3.6 reads with a warning).
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import pandas as pd
import pyogrio

from reports.layers import LAYERS, REPORT_CRS, attribution_line, layer_frame
from reports.qgis_style import aliases, layer_styles_table

GPKG_VERSION = "1.3"
INTEGER_COLUMNS = ("n_buildings", "n_cells", "start_year", "end_year", "year_planned", "first_expansion_year", "year", "code_int")

# column -> (unit, German, English); shared by the layers that have the column
COLUMN_DOCS: dict[str, tuple[str, str, str]] = {
    "district_id": ("", "Kennung des statistischen Bezirks", "Id of the statistical district"),
    "code": ("", "Nummer des statistischen Bezirks (Stadt Dortmund)", "Number of the statistical district (City of Dortmund)"),
    "name": ("", "Name", "Name"),
    "stadtbezirk": ("", "Stadtbezirk, zu dem der Bezirk gehört", "Borough (Stadtbezirk) the district belongs to"),
    "n_buildings": ("Anzahl", "Anzahl der Gebäude", "Number of buildings"),
    "heat_demand_mwh_per_year": ("MWh/a", "Wärmebedarf der Gebäude heute", "Heat demand of the buildings today"),
    "heat_density_mwh_per_ha_year": ("MWh/(ha·a)", "Wärmedichte (Wärmebedarf je Hektar)", "Heat density (heat demand per hectare)"),
    "dh_share_pct": ("%", "Anteil der Gebäude mit Fernwärme heute", "Share of buildings with district heating today"),
    "hp_share_pct": ("%", "Anteil der Gebäude mit Wärmepumpe heute", "Share of buildings with a heat pump today"),
    "gas_share_pct": ("%", "Anteil der Gebäude mit Erdgas heute", "Share of buildings heated with natural gas today"),
    "supply_area_type": (
        "",
        "Vorgeschlagenes Versorgungsgebiet nach WPG (waermenetzgebiet, pruefgebiet, dezentral; Vorschlag zur Prüfung)",
        "Proposed WPG supply area (waermenetzgebiet, pruefgebiet, dezentral; a screening proposal)",
    ),
    "grade_heat_network": ("", "Eignungsstufe für ein Wärmenetz (WPG § 19 Abs. 2)", "Suitability grade for a heat network (WPG § 19 (2))"),
    "grade_decentral": (
        "",
        "Eignungsstufe für die dezentrale Versorgung (WPG § 19 Abs. 2)",
        "Suitability grade for decentral supply (WPG § 19 (2))",
    ),
    "first_expansion_year": (
        "Jahr",
        "Erstes geplantes Jahr einer Fernwärme-Erweiterung im Bezirk (illustrativ)",
        "First planned year of a district-heating expansion in the district (illustrative)",
    ),
    "co2e_2024_t": ("t CO2e/a", "Emissionen 2024 im Szenario", "Emissions 2024 in the scenario"),
    "co2e_2030_t": ("t CO2e/a", "Emissionen 2030 im Szenario", "Emissions 2030 in the scenario"),
    "co2e_2035_t": ("t CO2e/a", "Emissionen 2035 im Szenario", "Emissions 2035 in the scenario"),
    "co2e_2040_t": ("t CO2e/a", "Emissionen 2040 im Szenario", "Emissions 2040 in the scenario"),
    "co2e_2045_t": ("t CO2e/a", "Emissionen 2045 im Szenario", "Emissions 2045 in the scenario"),
    "change_2024_2035_pct": ("%", "Änderung der Emissionen 2024 bis 2035", "Change in emissions 2024 to 2035"),
    "dh_area_id": ("", "Kennung des Fernwärmegebiets", "Id of the district-heating area"),
    "network_id": ("", "Kennung des Fernwärmenetzes", "Id of the district-heating network"),
    "area_ha": ("ha", "Fläche", "Area"),
    "is_proxy": (
        "ja/nein",
        "Proxy aus dem Zensus 2011 (Zellen mit Fernheizung), nicht der Netzplan des Versorgers",
        "Proxy from the Zensus 2011 (cells with district heating), not the utility's network plan",
    ),
    "expansion_area_id": ("", "Kennung des Erweiterungsgebiets", "Id of the expansion area"),
    "year_planned": ("Jahr", "Geplantes Jahr, ab dem Anschlüsse möglich sind", "Planned year from which connections are possible"),
    "status": (
        "",
        "Status (Erweiterung: illustrative/planned/…; Projekt: idea/planned/approved/in_progress/completed/stopped)",
        "Status (expansion: illustrative/planned/…; project: idea/planned/approved/in_progress/completed/stopped)",
    ),
    "is_illustrative": ("ja/nein", "Illustrativ abgeleitet, kein Beschluss", "Derived for illustration, not a decision"),
    "n_cells": ("Anzahl", "Anzahl der 100-m-Zellen mit Gebäuden", "Number of 100 m cells with buildings"),
    "project_id": ("", "Kennung des Projekts im Portfolio", "Id of the project in the portfolio"),
    "owner": ("", "Träger (Organisation)", "Owner (organisation)"),
    "project_type": ("", "Art des Projekts", "Type of project"),
    "start_year": ("Jahr", "Beginn", "Start year"),
    "end_year": ("Jahr", "Ende", "End year"),
    "attributed_2030_t": (
        "t CO2e/a",
        "Zugerechnete Minderung 2030 (positiv: Minderung)",
        "Attributed reduction 2030 (positive: reduction)",
    ),
    "attributed_2035_t": (
        "t CO2e/a",
        "Zugerechnete Minderung 2035 (positiv: Minderung)",
        "Attributed reduction 2035 (positive: reduction)",
    ),
    "cumulative_t": ("t CO2e", "Kumulierte zugerechnete Minderung bis 2045", "Cumulative attributed reduction to 2045"),
    "geom": ("EPSG:25832", "Geometrie (ETRS89 / UTM Zone 32N, Meter)", "Geometry (ETRS89 / UTM zone 32N, metres)"),
    "grade_hydrogen": ("", "Eignung für ein Wasserstoffnetz (§ 19 Abs. 2 WPG)", "Suitability for a hydrogen network (WPG § 19 (2))"),
    "grade_green_methane": ("", "Eignung für grünes Methan (§ 19 Abs. 2 WPG)", "Suitability for green methane (WPG § 19 (2))"),
    "year": (
        "Jahr",
        "Jahr, für das die Einteilung gilt (2030, 2035, 2040, Zieljahr)",
        "Year the division applies to (2030, 2035, 2040, target year)",
    ),
}

LAYER_DOCS: dict[str, tuple[str, str]] = {
    "districts": (
        "Statistische Bezirke mit Kennzahlen und Emissionen des Szenarios",
        "Statistical districts with key figures and the scenario's emissions",
    ),
    "dh_areas": ("Fernwärmegebiete heute (Proxy aus dem Zensus 2011)", "District-heating areas today (proxy from the Zensus 2011)"),
    "expansion": (
        "Fernwärme-Erweiterungsgebiete mit geplantem Jahr (illustrativ)",
        "District-heating expansion areas with planned year (illustrative)",
    ),
    "supply_areas": (
        "Vorgeschlagene Versorgungsgebiete nach WPG (100-m-Zellen je Klasse vereinigt; Vorschlag zur Prüfung)",
        "Proposed WPG supply areas (100 m cells merged per class; a screening proposal)",
    ),
    "projects": (
        "Wirkungsgebiete der Projekte im Szenario mit ihren zugerechneten Beiträgen",
        "Areas where the scenario's projects act, with their attributed contributions",
    ),
}

TABLE_DOCS = {
    "layer_styles": "QGIS-Stile der Ebenen (Standardstil je Ebene) / QGIS styles of the layers (default style per layer)",
    "attribute_docs": "Einheit und Bedeutung jeder Spalte jeder Ebene / unit and meaning of every column of every layer",
    "report_info": "Was die Zahlen sind: Szenario, Snapshot, Datenstand, Hashes / what the numbers are: scenario, snapshot, data version, hashes",
    "sources": "Datenquellen mit Lizenz und Namensnennung / data sources with licence and attribution",
}

# the columns of each layer, so that an empty layer (a scenario without projects) still has them in QGIS
LAYER_FIELDS = {
    "dh_areas": ("dh_area_id", "name", "network_id", "area_ha", "is_proxy"),
    "expansion": (
        "expansion_area_id",
        "name",
        "network_id",
        "year_planned",
        "status",
        "area_ha",
        "heat_density_mwh_per_ha_year",
        "is_illustrative",
    ),
    "supply_areas": ("supply_area_type", "n_cells", "n_buildings"),
    "projects": (
        "project_id",
        "name",
        "owner",
        "project_type",
        "status",
        "start_year",
        "end_year",
        "area_ha",
        "attributed_2030_t",
        "attributed_2035_t",
        "cumulative_t",
    ),
}


def report_layers(data) -> dict[str, object]:
    """The GeoPackage's layers as GeoDataFrames in EPSG:25832, by name."""
    out = {}
    for name in LAYERS:
        frame = layer_frame(data, name, REPORT_CRS)
        if name == "districts" and not frame.empty and "districts" in data.tables:
            table = data.table("districts")
            frame = frame[["district_id", "geometry"]].merge(table, on="district_id", how="left")
            frame = frame[[*table.columns, "geometry"]]
        if name == "projects" and not frame.empty and "contributions" in data.tables:
            c = data.table("contributions")[["project_id", "attributed_2030_t", "attributed_2035_t", "cumulative_t"]]
            frame = frame.merge(c, on="project_id", how="left")
        if frame.empty:
            table = data.tables.get("districts")
            fields = tuple(table.columns) if name == "districts" and table is not None else LAYER_FIELDS.get(name, ())
            frame = frame.assign(**{c: pd.Series([], dtype=object) for c in fields if c not in frame.columns})
            frame = frame[[*fields, "geometry"]]
        for col in INTEGER_COLUMNS:  # counts and years as integers (a sum over cells comes back as a real)
            if col in frame and len(frame):
                frame[col] = pd.to_numeric(frame[col], errors="coerce").round().astype("Int64")
        out[name] = frame.set_geometry("geometry")
    return out


def attribute_docs(layers: dict, lang: str = "de") -> pd.DataFrame:
    """One row per layer and column: alias, unit and description in German and English ('' where undocumented)."""
    rows = []
    for name, frame in layers.items():
        names = aliases(frame, lang)
        for col in [*[c for c in frame.columns if c != "geometry"], "geom"]:
            unit, de, en = COLUMN_DOCS.get(col, ("", "", ""))
            rows.append(
                {"layer": name, "column": col, "alias": names.get(col, col), "unit": unit, "description_de": de, "description_en": en}
            )
    return pd.DataFrame(rows, columns=["layer", "column", "alias", "unit", "description_de", "description_en"])


def _data_columns(path: Path, docs: pd.DataFrame, lang: str) -> None:
    """The GeoPackage schema extension: every field's name (the alias) and description, as GIS programs read them."""
    with sqlite3.connect(path) as con:
        con.execute(
            """CREATE TABLE IF NOT EXISTS gpkg_data_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, name TEXT,
               title TEXT, description TEXT, mime_type TEXT, constraint_name TEXT,
               CONSTRAINT pk_gdc PRIMARY KEY (table_name, column_name), CONSTRAINT gdc_tn UNIQUE (table_name, name))"""
        )
        rows = [
            (r.layer, r.column, r.alias, r.alias, r.description_de if lang != "en" else r.description_en or r.description_de)
            for r in docs.itertuples()
            if r.column != "geom"
        ]
        con.executemany(
            "INSERT OR REPLACE INTO gpkg_data_columns (table_name, column_name, name, title, description) VALUES (?, ?, ?, ?, ?)", rows
        )
        con.execute(
            """INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
               SELECT 'gpkg_data_columns', NULL, 'gpkg_schema', 'http://www.geopackage.org/spec/#extension_schema', 'read-write'
               WHERE NOT EXISTS (SELECT 1 FROM gpkg_extensions WHERE table_name = 'gpkg_data_columns' AND extension_name = 'gpkg_schema')"""
        )


def _info_table(data) -> pd.DataFrame:
    m = data.meta
    return pd.DataFrame({"key": list(m), "value": ["" if v is None else str(v) for v in m.values()]})


def render_gpkg(data, lang: str = "de") -> bytes:
    """The GeoPackage of `data` as bytes (written through a temporary file: GDAL needs a path)."""
    layers = report_layers(data)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.gpkg"
        for i, (name, frame) in enumerate(layers.items()):
            de, en = LAYER_DOCS[name]
            desc = f"{de} / {en}. " + attribution_line(data, name)
            pyogrio.write_dataframe(
                frame,
                path,
                layer=name,
                driver="GPKG",
                promote_to_multi=True,
                geometry_type="Unknown" if frame.empty else None,
                layer_options={"DESCRIPTION": desc[:1000], "IDENTIFIER": name},
                dataset_options={"VERSION": GPKG_VERSION} if i == 0 else None,
            )
        docs = attribute_docs(layers, lang)
        tables = {"layer_styles": layer_styles_table(layers, lang), "attribute_docs": docs, "report_info": _info_table(data)}
        if "sources" in data.tables:
            tables["sources"] = (
                data.table("sources").astype({"is_synthetic": bool}) if "is_synthetic" in data.table("sources") else data.table("sources")
            )
        for name, df in tables.items():
            options = {"DESCRIPTION": TABLE_DOCS[name], "IDENTIFIER": name, **({"FID": "id"} if name == "layer_styles" else {})}
            pyogrio.write_dataframe(df, path, layer=name, driver="GPKG", layer_options=options)
        _data_columns(path, docs, lang)
        return path.read_bytes()


__all__ = ["COLUMN_DOCS", "GPKG_VERSION", "LAYER_DOCS", "attribute_docs", "render_gpkg", "report_layers"]
