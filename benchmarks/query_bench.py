"""Query latency and map payload size on one benchmark database.

Every repetition runs on a fresh cursor of one read-only connection, the way the app runs its
queries (ui/db.py opens the database once and takes a cursor per query).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from heatdb import queries
from heatdb.connect import connect

DISTRICT_ID = "statbez-010"  # Westfalenhalle, a real statistischer Bezirk
H3_LIVE_SQL = """SELECT b.h3_r8 AS h3_index, count(*) AS n_buildings, sum(bb.heat_demand_mwh_per_year) AS heat_demand_mwh_per_year,
                        sum(bb.co2e_t_per_year) AS co2e_t_per_year
                 FROM buildings b JOIN building_balance bb USING (building_id) GROUP BY b.h3_r8"""
CELL_LAYER_SQL = """SELECT cell_id, n_buildings, heat_demand_mwh_per_year, heat_density_mwh_per_ha_year, co2e_t_per_year, dh_share_pct,
                           supply_area_type, geometry FROM agg_cell"""
H3_R9_LAYER_SQL = """SELECT h3_index, n_buildings, heat_demand_mwh_per_year, heat_density_mwh_per_ha_year, co2e_t_per_year
                     FROM agg_h3 WHERE resolution = 9"""


# the SQL part of queries.geojson for the cell layer (without the Python loop that builds the features)
CELL_LAYER_SQL_ONLY = f"SELECT * EXCLUDE (geometry), ST_AsGeoJSON(ST_ReducePrecision(geometry, 1e-5)) AS _geojson FROM ({CELL_LAYER_SQL})"
# the same numbers as h3_r8_live, read from the aggregate table the build writes
H3_R8_PRECOMPUTED_SQL = "SELECT h3_index, n_buildings, heat_demand_mwh_per_year, co2e_t_per_year FROM agg_h3 WHERE resolution = 8"


def district_summary(con) -> dict:
    """One district's key figures, carriers and stock, each query on its own cursor (as the UI does)."""
    row = con.cursor().execute("SELECT * FROM agg_district WHERE district_id = ?", [DISTRICT_ID]).df()
    return {
        "district": row,
        "carriers": queries.district_carriers(con.cursor(), DISTRICT_ID),
        "stock": queries.district_stock(con.cursor(), DISTRICT_ID),
    }


def h3_r9_layer(cur) -> list[dict]:
    return cur.execute(H3_R9_LAYER_SQL).df().to_dict(orient="records")


# name -> (function of the connection, kind): `goal` queries make up the "every aggregate query p50 under
# 50 ms" goal; `payload` builds a map layer; `diagnostic` splits a cost or shows an alternative.
QUERIES = {
    "district_summary": (district_summary, "goal"),
    "city_aggregate": (lambda con: queries.city(con.cursor()), "goal"),
    "h3_r8_live": (lambda con: con.cursor().execute(H3_LIVE_SQL).df(), "goal"),
    "city_totals_live": (lambda con: queries.city_totals_from_buildings(con.cursor()), "goal"),
    "district_map": (lambda con: queries.district_map(con.cursor(), "statbez"), "goal"),
    "cell_layer_geojson": (lambda con: queries.geojson(con.cursor(), CELL_LAYER_SQL), "payload"),
    "h3_r9_layer": (lambda con: h3_r9_layer(con.cursor()), "payload"),
    "cell_layer_sql_only": (lambda con: con.cursor().execute(CELL_LAYER_SQL_ONLY).df(), "diagnostic"),
    "h3_r8_precomputed": (lambda con: con.cursor().execute(H3_R8_PRECOMPUTED_SQL).df(), "diagnostic"),
}


try:  # the app's map-layer queries (open rings rounded in Python, no ST_ReducePrecision), where present
    from heatdb import map_queries
except ImportError:  # an older tree without the module
    map_queries = None
if map_queries is not None and hasattr(map_queries, "cells"):
    QUERIES["cells_map_queries"] = (lambda con: map_queries.cells(con.cursor()), "diagnostic")


def time_query(fn, con, *, warmups: int, reps: int) -> dict:
    for _ in range(warmups):
        fn(con)
    times = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn(con)
        times.append(time.perf_counter() - t0)
    ms = np.array(times) * 1000.0
    return {
        "p50_ms": float(np.percentile(ms, 50)),
        "p95_ms": float(np.percentile(ms, 95)),
        "min_ms": float(ms.min()),
        "max_ms": float(ms.max()),
        "reps": reps,
    }


def compact_bytes(obj) -> int:
    return len(json.dumps(obj, separators=(",", ":")).encode("utf-8"))


def bench_queries(path: Path, *, warmups: int = 3, reps: int = 30, names=None) -> dict:
    con = connect(path, read_only=True)
    try:
        out = {}
        for name, (fn, kind) in QUERIES.items():
            if names and name not in names:
                continue
            out[name] = {**time_query(fn, con, warmups=warmups, reps=reps), "kind": kind}
        out["_threads"] = con.execute("SELECT current_setting('threads')").fetchone()[0]
        return out
    finally:
        con.close()


def _rounded(collection: dict, digits: int = 1) -> dict:
    """The same FeatureCollection with float properties rounded (what a compact layer would send)."""
    feats = [
        {**f, "properties": {k: round(v, digits) if isinstance(v, float) else v for k, v in f["properties"].items()}}
        for f in collection["features"]
    ]
    return {**collection, "features": feats}


def bench_payloads(path: Path) -> dict:
    """Compact JSON size and feature count of each map layer (kind `layer`), plus a `diagnostic`
    variant of the cell layer with properties rounded to 0.1, to show what rounding saves."""
    con = connect(path, read_only=True)
    try:
        cells = queries.geojson(con.cursor(), CELL_LAYER_SQL)
        layers = {
            "district_map_statbez": (queries.district_map(con.cursor(), "statbez"), "layer"),
            "cell_layer_100m": (cells, "layer"),
            "h3_r9_layer": (h3_r9_layer(con.cursor()), "layer"),
            "cell_layer_100m_rounded_props": (_rounded(cells), "diagnostic"),
        }
        out_deck = _deck_bytes(layers["district_map_statbez"][0])
        if "cells_map_queries" in QUERIES:  # the records pydeck's PolygonLayer would receive
            layers["cells_map_queries_records"] = (QUERIES["cells_map_queries"][0](con).to_dict(orient="records"), "diagnostic")
        out = {}
        for name, (payload, kind) in layers.items():
            n = len(payload["features"]) if isinstance(payload, dict) else len(payload)
            out[name] = {"bytes": compact_bytes(payload), "features": n, "kind": kind}
        out["district_map_as_sent_by_pydeck"] = {
            "bytes": out_deck,
            "features": len(layers["district_map_statbez"][0]["features"]),
            "kind": "diagnostic",
        }
        return out
    finally:
        con.close()


def _deck_bytes(collection: dict) -> int:
    """Bytes st.pydeck_chart sends for the district map: ui.maps.deck(...).to_json() (pydeck indents it)."""
    import pydeck as pdk

    from ui import maps

    layer = pdk.Layer("GeoJsonLayer", collection, id="districts", pickable=True, stroked=True, filled=True)
    return len(maps.deck([layer]).to_json().encode("utf-8"))
