"""Planned district-heating expansion areas (`dh-expansion`) from the city's or the operator's plan.

Areas (Polygon/MultiPolygon) with `year` (planned connection year 2025..2045) and `status` (geplant, in
Prüfung, beschlossen, im Bau, in Betrieb, or the English values), optional `expansion_area_id`, `name`,
`network_id`. The import replaces the illustrative areas of the build by the real plan (is_illustrative
false, the file as source), assigns the buildings again (centroid in the area, not already in an
existing district-heating area) and recomputes the derived tables.
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
from heatdb.validate import Checker, require_columns
from imports.networks import column, ensure_networks, ids, network_for, register_plan

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


def read(path: str | Path, *, skip_invalid: bool = False) -> gpd.GeoDataFrame:
    """Planned areas: expansion_area_id, name, network_id, year_planned, status (EPSG:4326 polygons)."""
    gdf = open_vector(path)
    chk = Checker(path, gdf)
    chk.geometry(gdf.geometry.to_numpy(), ("Polygon", "MultiPolygon"), declared_crs=gdf.attrs[DECLARED_CRS])
    year_c = column(gdf, "year", "year_planned", "jahr", "ausbaujahr")
    status_c = column(gdf, "status")
    require_columns(
        path,
        gdf.rename(columns={year_c: "year", status_c: "status"}),
        ["year", "status"],
        fix=(
            "Expansion areas need year (planned, 2025-2045) and status (geplant, in Prüfung, beschlossen, im Bau, in Betrieb).",
            "Ausbaugebiete brauchen year (geplantes Jahr, 2025–2045) und status (geplant, in Prüfung, beschlossen, im Bau, in Betrieb).",
        ),
    )
    out = pd.DataFrame({"expansion_area_id": ids(chk, gdf, column(gdf, "expansion_area_id", "id", "gebiet_id"), "EXP-IMP")})
    name_c = column(gdf, "name", "bezeichnung")
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
    net_c = column(gdf, "network_id", "netz")
    out["network_id"] = gdf[net_c].astype("string").str.strip().to_numpy() if net_c else None
    res = chk.finish(gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326), skip_invalid=skip_invalid)
    res["year_planned"] = res["year_planned"].astype(np.int64)
    return res


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


def apply(con, data: gpd.GeoDataFrame, params: Parameters, path: str | Path) -> int:
    """Replace the expansion areas (the illustrative ones included) by the file's; returns the number of areas."""
    path = Path(path)
    source_id = "import:" + path.name
    geoms = data.geometry.to_numpy()
    net = network_for(con, geoms, data["network_id"] if "network_id" in data else None)
    ensure_networks(con, net, [""] * len(net), params, path)
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
    register_plan(
        con,
        source_id,
        "dh_expansion",
        f"Fernwärme-Ausbaugebiete {path.name}",
        path,
        f"{len(frame):,} areas from the plan (not illustrative), years {int(frame['year_planned'].min())}-{int(frame['year_planned'].max())}",
    )
    return int(len(frame))


__all__ = ["STATUS", "YEARS_PLANNED", "apply", "assign_expansion", "read"]
