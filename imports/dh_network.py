"""District-heating pipes (`dh-network`) from the operator's plan.

Pipes as LineString/MultiLineString with `year` (in operation since), `temperature` (supply
temperature, °C), `operator`, optional `network_id`, `pipe_id` and `dn` (nominal diameter). Stored in
dh_network_pipes with their length; the length per district is in pipe_length_by_district. Any CRS with
an EPSG code (heatdb.readers.open_vector converts to EPSG:4326).
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ghgmodel.params import Parameters
from heatdb.geo import transform
from heatdb.readers import DECLARED_CRS, open_vector
from heatdb.schema import create_tables
from heatdb.store import wkb, write_frame
from heatdb.validate import Checker, require_columns
from imports.networks import column, ensure_networks, has_table, ids, network_for, register_plan


def read(path: str | Path, *, skip_invalid: bool = False) -> gpd.GeoDataFrame:
    """Pipes: pipe_id, network_id, operator, year_built, supply_temp_c, diameter_dn (EPSG:4326 lines)."""
    gdf = open_vector(path)
    chk = Checker(path, gdf)
    chk.geometry(gdf.geometry.to_numpy(), ("LineString", "MultiLineString"), declared_crs=gdf.attrs[DECLARED_CRS])
    year_c = column(gdf, "year", "year_built", "baujahr", "inbetriebnahme")
    temp_c = column(gdf, "temperature", "supply_temp_c", "vorlauftemperatur", "temperatur")
    op_c = column(gdf, "operator", "betreiber")
    require_columns(
        path,
        gdf.rename(columns={year_c: "year", temp_c: "temperature", op_c: "operator"}),
        ["year", "temperature", "operator"],
        fix=(
            "Pipes need year (in operation since), temperature (supply, degC) and operator.",
            "Leitungen brauchen year (Inbetriebnahme), temperature (Vorlauf, °C) und operator (Betreiber).",
        ),
    )
    out = pd.DataFrame({"pipe_id": ids(chk, gdf, column(gdf, "pipe_id", "id", "leitung_id"), "P")})
    out["year_built"] = chk.number(year_c, 1880, 2045, integer=True)
    out["supply_temp_c"] = chk.number(temp_c, 20, 200)
    out["operator"] = chk.text(op_c).astype(str)
    dn_c = column(gdf, "dn", "diameter_dn", "nennweite")
    out["diameter_dn"] = chk.number(dn_c, 10, 2000, integer=True, required=False) if dn_c else np.nan
    net_c = column(gdf, "network_id", "netz")
    out["network_id"] = gdf[net_c].astype("string").str.strip().to_numpy() if net_c else None
    # the same line twice is a duplicate even under another id
    key = pd.Series(shapely.to_wkb(shapely.normalize(gdf.geometry.to_numpy()), hex=True))
    chk.duplicates(key.where(~shapely.is_empty(gdf.geometry.to_numpy())), "geometry")
    res = chk.finish(gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326), skip_invalid=skip_invalid)
    res["year_built"] = res["year_built"].astype(np.int64)
    return res


def apply(con, data: gpd.GeoDataFrame, params: Parameters, path: str | Path) -> int:
    """Replace dh_network_pipes by the file's pipes; returns the number of pipes."""
    path = Path(path)
    source_id = "import:" + path.name
    if not has_table(con, "dh_network_pipes"):
        create_tables(con, ["dh_network_pipes"])
    geoms = data.geometry.to_numpy()
    net = network_for(con, geoms, data["network_id"] if "network_id" in data else None)
    ensure_networks(con, net, data["operator"], params, path)
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
    register_plan(
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


__all__ = ["apply", "pipe_length_by_district", "read"]
