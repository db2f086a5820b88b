"""District-heating pipes and planned expansion areas from the operator's or the city's plan.

* `dh-network`: pipes as LineString/MultiLineString with `year` (in operation since), `temperature`
  (supply temperature, °C), `operator`, optional `network_id`, `pipe_id` and `dn` (nominal diameter).
  Stored in dh_network_pipes with their length; the length per district is in pipe_length_by_district.
* `dh-expansion`: areas (Polygon/MultiPolygon) with `year` (planned connection year 2025..2045) and
  `status` (geplant, in Prüfung, beschlossen, im Bau, in Betrieb, or the English values), optional
  `expansion_area_id`, `name`, `network_id`. The import replaces the illustrative areas of the build by
  the real plan (is_illustrative false, the file as source), assigns the buildings again (centroid in
  the area, not already in an existing district-heating area) and recomputes the derived tables.
Any CRS with an EPSG code (heatdb.readers.open_vector converts to EPSG:4326).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ghgmodel.params import Parameters
from heatdb import derive
from heatdb.geo import transform
from heatdb.readers import DECLARED_CRS, open_vector
from heatdb.store import wkb, write_frame
from heatdb.validate import Checker

YEARS_PLANNED = (2025, 2045)
STATUS = {
    "geplant": "planned",
    "planned": "planned",
    "in prüfung": "in_review",
    "in pruefung": "in_review",
    "prüfung": "in_review",
    "in_review": "in_review",
    "beschlossen": "decided",
    "decided": "decided",
    "im bau": "under_construction",
    "in bau": "under_construction",
    "under_construction": "under_construction",
    "in betrieb": "completed",
    "fertig": "completed",
    "completed": "completed",
    "in_operation": "completed",
}


def _col(gdf: pd.DataFrame, *names: str) -> str | None:
    lower = {str(c).lower(): c for c in gdf.columns}
    return next((lower[n] for n in names if n in lower), None)


def _ids(chk: Checker, gdf, column: str | None, prefix: str) -> pd.Series:
    if column is None:
        return pd.Series([f"{prefix}-{i + 1:04d}" for i in range(len(gdf))])
    chk.frame = gdf
    return chk.text(column, unique=True).astype(str)


def read_dh_network(path: str | Path, *, skip_invalid: bool = False) -> gpd.GeoDataFrame:
    """Pipes: pipe_id, network_id, operator, year_built, supply_temp_c, diameter_dn (EPSG:4326 lines)."""
    gdf = open_vector(path)
    chk = Checker(path, gdf)
    chk.geometry(gdf.geometry.to_numpy(), ("LineString", "MultiLineString"), declared_crs=gdf.attrs[DECLARED_CRS])
    year_c = _col(gdf, "year", "year_built", "baujahr", "inbetriebnahme")
    temp_c = _col(gdf, "temperature", "supply_temp_c", "vorlauftemperatur", "temperatur")
    op_c = _col(gdf, "operator", "betreiber")
    from heatdb.validate import require_columns

    require_columns(
        path,
        gdf.rename(columns={year_c: "year", temp_c: "temperature", op_c: "operator"}),
        ["year", "temperature", "operator"],
        fix=(
            "Pipes need year (in operation since), temperature (supply, degC) and operator.",
            "Leitungen brauchen year (Inbetriebnahme), temperature (Vorlauf, °C) und operator (Betreiber).",
        ),
    )
    out = pd.DataFrame({"pipe_id": _ids(chk, gdf, _col(gdf, "pipe_id", "id", "leitung_id"), "P")})
    out["year_built"] = chk.number(year_c, 1880, 2045, integer=True)
    out["supply_temp_c"] = chk.number(temp_c, 20, 200)
    out["operator"] = chk.text(op_c).astype(str)
    dn_c = _col(gdf, "dn", "diameter_dn", "nennweite")
    out["diameter_dn"] = chk.number(dn_c, 10, 2000, integer=True, required=False) if dn_c else np.nan
    net_c = _col(gdf, "network_id", "netz")
    out["network_id"] = gdf[net_c].astype("string").str.strip().to_numpy() if net_c else None
    # the same line twice is a duplicate even under another id
    key = pd.Series(shapely.to_wkb(shapely.normalize(gdf.geometry.to_numpy()), hex=True))
    chk.duplicates(key.where(~shapely.is_empty(gdf.geometry.to_numpy())), "geometry")
    res = chk.finish(gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326), skip_invalid=skip_invalid)
    res["year_built"] = res["year_built"].astype(np.int64)
    return res


def read_dh_expansion(path: str | Path, *, skip_invalid: bool = False) -> gpd.GeoDataFrame:
    """Planned areas: expansion_area_id, name, network_id, year_planned, status (EPSG:4326 polygons)."""
    gdf = open_vector(path)
    chk = Checker(path, gdf)
    chk.geometry(gdf.geometry.to_numpy(), ("Polygon", "MultiPolygon"), declared_crs=gdf.attrs[DECLARED_CRS])
    year_c = _col(gdf, "year", "year_planned", "jahr", "ausbaujahr")
    status_c = _col(gdf, "status")
    from heatdb.validate import require_columns

    require_columns(
        path,
        gdf.rename(columns={year_c: "year", status_c: "status"}),
        ["year", "status"],
        fix=(
            "Expansion areas need year (planned, 2025-2045) and status (geplant, in Prüfung, beschlossen, im Bau, in Betrieb).",
            "Ausbaugebiete brauchen year (geplantes Jahr, 2025–2045) und status (geplant, in Prüfung, beschlossen, im Bau, in Betrieb).",
        ),
    )
    out = pd.DataFrame({"expansion_area_id": _ids(chk, gdf, _col(gdf, "expansion_area_id", "id", "gebiet_id"), "EXP-IMP")})
    name_c = _col(gdf, "name", "bezeichnung")
    out["name"] = (
        gdf[name_c].astype("string").fillna("").str.strip().to_numpy()
        if name_c
        else [f"Ausbaugebiet {i}" for i in out["expansion_area_id"]]
    )
    out["year_planned"] = chk.number(year_c, *YEARS_PLANNED, integer=True)
    raw = gdf[status_c].astype("string").str.strip()
    status = raw.str.lower().map(STATUS)
    chk.add(
        status.isna().to_numpy(),
        column=status_c,
        values=raw,
        problem=("is not a known status", "ist kein bekannter Status"),
        fix=(
            "Use geplant, in Prüfung, beschlossen, im Bau or in Betrieb (planned, in_review, decided, under_construction, completed).",
            "geplant, in Prüfung, beschlossen, im Bau oder in Betrieb verwenden.",
        ),
    )
    out["status"] = status.to_numpy()
    net_c = _col(gdf, "network_id", "netz")
    out["network_id"] = gdf[net_c].astype("string").str.strip().to_numpy() if net_c else None
    res = chk.finish(gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326), skip_invalid=skip_invalid)
    res["year_planned"] = res["year_planned"].astype(np.int64)
    return res


# ---------------------------------------------------------------- apply


def _has(con, name: str) -> bool:
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()[0] > 0


def _network_for(con, geoms_4326: np.ndarray, given) -> np.ndarray:
    """The given network id, else the network of the nearest existing district-heating area ('default' without any)."""
    given = (
        np.asarray(pd.Series(given, dtype="string").fillna("").to_numpy(dtype=object))
        if given is not None
        else np.full(len(geoms_4326), "", dtype=object)
    )
    areas = con.execute("SELECT network_id, ST_AsWKB(geometry) AS wkb FROM dh_areas").df()
    if areas.empty:
        return np.where(given != "", given, "default")
    a = transform(shapely.from_wkb([bytes(w) for w in areas["wkb"]]), 4326, 3035)
    near = shapely.STRtree(a).nearest(transform(geoms_4326, 4326, 3035))
    return np.where(given != "", given, areas["network_id"].to_numpy(dtype=object)[near])


def _ensure_networks(con, ids, operators, params: Parameters, path: Path) -> None:
    """Networks named in the file but not yet in dh_networks are added (GEG factor of the default type)."""
    known = set(con.execute("SELECT network_id FROM dh_networks").df()["network_id"])
    default_type = params.text("dh.default_network_type")
    first_operator = pd.Series(list(operators), index=list(ids)).groupby(level=0).first()
    for nid, op in first_operator.items():
        if nid in known:
            continue
        con.execute(
            "INSERT INTO dh_networks VALUES (?, ?, ?, ?, NULL, NULL, false, ?, ?)",
            [
                nid,
                nid,
                op,
                default_type,
                "import:" + path.name,
                f"created by the import of {path.name}; GEG factor of type {default_type} until an own factor is set",
            ],
        )


def apply_dh_network(con, data: gpd.GeoDataFrame, params: Parameters, path: str | Path) -> int:
    """Replace dh_network_pipes by the file's pipes; returns the number of pipes."""
    from heatdb.schema import create_tables

    path = Path(path)
    source_id = "import:" + path.name
    if not _has(con, "dh_network_pipes"):
        create_tables(con, ["dh_network_pipes"])
    geoms = data.geometry.to_numpy()
    net = _network_for(con, geoms, data["network_id"] if "network_id" in data else None)
    _ensure_networks(con, net, data["operator"], params, path)
    lines_3035 = transform(geoms, 4326, 3035)
    frame = pd.DataFrame(
        {
            "pipe_id": data["pipe_id"],
            "network_id": net,
            "operator": data["operator"],
            "year_built": data["year_built"],
            "supply_temp_c": data["supply_temp_c"],
            "diameter_dn": pd.array(data["diameter_dn"], dtype="Float64").astype("Int64") if "diameter_dn" in data else None,
            "length_m": shapely.length(lines_3035),
            "geometry_wkb": wkb(geoms),
            "source_id": source_id,
        }
    )
    write_frame(con, "dh_network_pipes", frame, ("geometry",))
    con.execute(
        """UPDATE dh_network_pipes SET statbez_id = (SELECT d.district_id FROM districts d WHERE d.level = 'statbez'
           ORDER BY ST_Length(ST_Intersection(d.geometry, dh_network_pipes.geometry)) DESC LIMIT 1)"""
    )
    _register(
        con,
        source_id,
        "dh_network_pipes",
        f"Fernwärmeleitungen {path.name}",
        path,
        f"{len(frame):,} pipes, {frame['length_m'].sum() / 1000:.1f} km",
    )
    return int(len(frame))


def pipe_length_by_district(con) -> pd.DataFrame:
    """Pipe length per network and statistischer Bezirk, km (the WPG Anlage 2 'length' of the heat networks)."""
    return con.execute(
        """SELECT statbez_id, network_id, sum(length_m) / 1000 AS length_km, count(*) AS n_pipes,
                  min(year_built) AS first_year, max(supply_temp_c) AS max_supply_temp_c
           FROM dh_network_pipes GROUP BY ALL ORDER BY statbez_id, network_id"""
    ).df()


def assign_expansion(con) -> None:
    """Buildings in an expansion area (centroid inside, not already in an existing area) and their network."""
    con.execute("UPDATE buildings SET expansion_area_id = NULL")
    con.execute(
        """UPDATE buildings SET expansion_area_id = m.expansion_area_id FROM (
               SELECT b.building_id, min(e.expansion_area_id) AS expansion_area_id FROM buildings b JOIN dh_expansion e
               ON ST_Within(ST_Point(b.centroid_lon, b.centroid_lat), e.geometry) GROUP BY b.building_id) m
           WHERE buildings.building_id = m.building_id AND NOT buildings.in_dh_area"""
    )
    con.execute(
        "UPDATE buildings SET dh_network_id = e.network_id FROM dh_expansion e WHERE buildings.expansion_area_id = e.expansion_area_id"
    )


def apply_dh_expansion(con, data: gpd.GeoDataFrame, params: Parameters, path: str | Path) -> int:
    """Replace the expansion areas (the illustrative ones included) by the file's; returns the number of areas."""
    path = Path(path)
    source_id = "import:" + path.name
    geoms = data.geometry.to_numpy()
    net = _network_for(con, geoms, data["network_id"] if "network_id" in data else None)
    _ensure_networks(con, net, [""] * len(net), params, path)
    g3035 = transform(geoms, 4326, 3035)
    areas = con.execute("SELECT ST_AsWKB(geometry) AS wkb FROM dh_areas").df()
    existing = shapely.union_all(transform(shapely.from_wkb([bytes(w) for w in areas["wkb"]]), 4326, 3035)) if len(areas) else None
    frame = pd.DataFrame(
        {
            "expansion_area_id": data["expansion_area_id"],
            "name": data["name"],
            "network_id": net,
            "year_planned": data["year_planned"],
            "status": data["status"],
            "area_ha": shapely.area(g3035) / 1e4,
            "n_cells": 0,
            "distance_to_network_m": shapely.distance(g3035, existing) if existing is not None else np.nan,
            "geometry_wkb": wkb(geoms),
            "is_illustrative": False,
            "source_id": source_id,
        }
    )
    write_frame(con, "dh_expansion", frame, ("geometry",))
    derive.assign_area_districts(con)
    assign_expansion(con)
    derive.compute_balance(con, params)
    # demand, density and cells of each area from its buildings
    con.execute(
        """UPDATE dh_expansion SET heat_demand_mwh_per_year = coalesce(s.q, 0), n_cells = coalesce(s.nc, 0),
                  heat_density_mwh_per_ha_year = coalesce(s.q, 0) / greatest(dh_expansion.area_ha, 1e-9)
           FROM (SELECT e.expansion_area_id AS id, sum(bb.heat_demand_mwh_per_year) AS q, count(DISTINCT b.cell_id) AS nc
                 FROM dh_expansion e LEFT JOIN buildings b USING (expansion_area_id) LEFT JOIN building_balance bb USING (building_id)
                 GROUP BY 1) s
           WHERE dh_expansion.expansion_area_id = s.id"""
    )
    hp_inputs = con.execute("SELECT building_id, probe_area_m2, neighbour_distance_m FROM hp_potential").df()
    derive.compute_hp_potential(con, params, hp_inputs)
    derive.compute_aggregates(con, params)
    # the illustrative areas are gone: their source row stays for history, marked as replaced
    con.execute(
        "UPDATE data_sources SET table_names = 'none (replaced)', notes = notes || ?, title = title || ' (ersetzt)' WHERE source_id = 'dh_expansion_illustrative' AND table_names <> 'none (replaced)'",
        [f"; replaced by the import of {path.name}"],
    )
    _register(
        con,
        source_id,
        "dh_expansion",
        f"Fernwärme-Ausbaugebiete {path.name}",
        path,
        f"{len(frame):,} areas from the plan (not illustrative), years {int(frame['year_planned'].min())}-{int(frame['year_planned'].max())}",
    )
    return int(len(frame))


def _register(con, source_id: str, tables: str, title: str, path: Path, notes: str) -> None:
    con.execute(
        "INSERT OR REPLACE INTO data_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [source_id, tables, title, f"imported file {path.name}", "nicht angegeben / not given", "", "", False, notes],
    )


__all__ = ["apply_dh_expansion", "apply_dh_network", "assign_expansion", "pipe_length_by_district", "read_dh_expansion", "read_dh_network"]
