"""Writing frames into the warehouse tables (geometries as WKB, converted by the spatial extension)."""

from __future__ import annotations

import json

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from heatdb.census import COUNT_COLUMNS
from heatdb.schema import column_names, comment_on, create_tables


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, geometry_columns: tuple[str, ...] = ()) -> None:
    """Replace the rows of `table` by `frame` (WKB columns named <geom>_wkb become GEOMETRY)."""
    cols = column_names(table)
    select = []
    for c in cols:
        if c in geometry_columns:
            select.append(f'ST_GeomFromWKB("{c}_wkb") AS "{c}"')
        elif c in frame.columns:
            select.append(f'"{c}"')
        else:
            select.append(f'NULL AS "{c}"')
    con.register("_frame", frame)
    try:
        # a fresh table, not DELETE: deleting and re-inserting a million keys of a PRIMARY KEY index
        # takes about 40 s in DuckDB 1.5, recreating it about 1 s (create_tables writes the comments again)
        create_tables(con, [table])
        con.execute(f'INSERT INTO "{table}" SELECT {", ".join(select)} FROM _frame')
    finally:
        con.unregister("_frame")


def wkb(geoms) -> np.ndarray:
    return shapely.to_wkb(np.asarray(geoms), output_dimension=2)


def write_districts(con, gdf: gpd.GeoDataFrame, source_id: str) -> None:
    """Replace the districts of the levels present in `gdf`."""
    area = gdf.to_crs(3035).area.to_numpy() / 1e4
    c = shapely.centroid(gdf.geometry.to_numpy())
    frame = pd.DataFrame(
        {
            "district_id": gdf["district_id"],
            "level": gdf["level"],
            "code": gdf["code"].astype(str),
            "name": gdf["name"],
            "parent_id": gdf["parent_id"],
            "area_ha": area,
            "centroid_lon": shapely.get_x(c),
            "centroid_lat": shapely.get_y(c),
            "geometry_wkb": wkb(gdf.geometry),
            "source_id": source_id,
        }
    )
    keep = con.execute(
        "SELECT * EXCLUDE (geometry), ST_AsWKB(geometry) AS geometry_wkb FROM districts WHERE level NOT IN (SELECT UNNEST(?))",
        [sorted(set(frame["level"]))],
    ).df()
    _insert(con, "districts", pd.concat([keep, frame], ignore_index=True), ("geometry",))


def write_census_cells(con, cells: pd.DataFrame, n_corrected: np.ndarray, source_id: str) -> None:
    counts = cells[list(COUNT_COLUMNS)].to_dict(orient="records")
    frame = pd.DataFrame(
        {
            "cell_id": cells["cell_id"],
            "geb_gesamt_publ": cells["geb_gesamt_publ"],
            "n_buildings_corrected": n_corrected,
            "whg_gesamt_publ": cells["whg_gesamt_publ"],
            "wohnflaeche_m2_geschaetzt": cells.get("wohnflaeche_m2_geschaetzt", 0.0),
            "counts_json": [json.dumps(r, separators=(",", ":")) for r in counts],
            "source_id": source_id,
        }
    )
    _insert(con, "census_cells", frame)


def write_grid_cells(con, cell_ids, x, y) -> None:
    """grid_cells from ids and corners; the square is built and reprojected by the spatial extension."""
    frame = pd.DataFrame({"cell_id": cell_ids, "x_3035": np.asarray(x, dtype=float), "y_3035": np.asarray(y, dtype=float)})
    con.register("_cells", frame)
    try:
        con.execute("DELETE FROM grid_cells")
        con.execute(
            """INSERT INTO grid_cells
               SELECT cell_id, x_3035, y_3035, NULL, NULL,
                      ST_Transform(ST_MakeEnvelope(x_3035, y_3035, x_3035 + 100, y_3035 + 100), 'EPSG:3035', 'EPSG:4326', always_xy := true)
               FROM _cells"""
        )
    finally:
        con.unregister("_cells")


def write_frame(con, table: str, frame: pd.DataFrame, geometry_columns: tuple[str, ...] = ()) -> None:
    _insert(con, table, frame, geometry_columns)


def write_meta(con, values: dict) -> None:
    for k, v in values.items():
        con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [k, str(v)])


def init_schema(con) -> None:
    create_tables(con)
    con.execute(
        """CREATE OR REPLACE TABLE import_log (imported_at TIMESTAMP, kind VARCHAR, file_name VARCHAR,
           sha256 VARCHAR, n_rows INTEGER, note VARCHAR)"""
    )
    con.execute(
        "COMMENT ON TABLE import_log IS 'Every import into this database: when, what, which file (name and SHA-256) and how many rows.'"
    )


def recomment(con) -> None:
    from heatdb.schema import TABLES

    for name in TABLES:
        comment_on(con, name)
