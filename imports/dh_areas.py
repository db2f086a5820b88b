"""Existing district-heating areas (`dh-areas`): polygons with dh_area_id (or zone_id), optional name and network_id."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import shapely

from ghgmodel.params import Parameters
from heatdb import derive
from heatdb.geo import transform
from heatdb.readers import read_dh_areas as read  # the build reads the shipped proxy areas with the same reader
from heatdb.store import wkb, write_frame
from imports.provenance import register_source


def apply(con, data, params: Parameters, path: Path) -> int:
    """Replace the areas (a network named in the file but not yet known is added) and recompute what depends on them."""
    geoms = transform(data.geometry.to_numpy(), 4326, 3035)
    known = set(con.execute("SELECT network_id FROM dh_networks").df()["network_id"])
    fallback = next(iter(sorted(known)), "default")
    net = data["network_id"].fillna(fallback).replace({"None": fallback, "": fallback})
    default_type = params.text("dh.default_network_type")
    for nid in sorted(set(net) - known):  # a network named in the file but not yet known
        con.execute(
            "INSERT INTO dh_networks VALUES (?, ?, '', ?, NULL, NULL, false, ?, ?)",
            [
                nid,
                nid,
                default_type,
                "import:" + path.name,
                f"created by the import of {path.name}; GEG factor of type {default_type} until an own factor is set",
            ],
        )
    write_frame(
        con,
        "dh_areas",
        pd.DataFrame(
            {
                "dh_area_id": data["dh_area_id"],
                "name": data["name"],
                "network_id": net,
                "area_ha": shapely.area(geoms) / 1e4,
                "n_cells": data["n_cells"],
                "geometry_wkb": wkb(data.geometry),
                "is_proxy": False,
                "source_id": "import:" + path.name,
            }
        ),
        ("geometry",),
    )
    register_source(con, "import:" + path.name, "dh_areas", path)
    derive.assign_area_districts(con)
    derive.assign_buildings(con)
    derive.compute_balance(con, params)
    derive.compute_aggregates(con, params)
    return len(data)


__all__ = ["apply", "read"]
