"""Illustrative district-heating expansion areas derived from heat density next to existing areas.

Candidates are 100 m cells with a heat density of at least density.edge.conventional, outside the
existing areas and within expansion.max_distance_m of them. Candidates are joined into areas by a
morphological closing (grow by 50 m, merge, shrink by 50 m); areas of fewer than expansion.min_cells
cells are dropped. Areas are ranked by distance to the existing network (near first) and heat density
(dense first) and given the years expansion.first_year..last_year in that order.
These areas and years are an illustration of the method, not a decision of DEW21 or the city.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ghgmodel.params import Parameters


def derive_expansion_areas(
    cells: pd.DataFrame, dh_areas_3035: np.ndarray, dh_network: np.ndarray, statbez_names: dict, params: Parameters
) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """Expansion areas (EPSG:3035) and the area of each cell (index cell_id).

    Args:
        cells: cell_id, x_3035, y_3035 (lower-left), heat_demand_mwh_per_year, statbez_id.
        dh_areas_3035: existing area polygons in EPSG:3035.
        dh_network: network id of each existing area.
        statbez_names: statbez_id -> name (for area names).
        params: parameters.
    """
    empty = gpd.GeoDataFrame(
        {
            "expansion_area_id": [],
            "name": [],
            "network_id": [],
            "year_planned": [],
            "n_cells": [],
            "heat_demand_mwh_per_year": [],
            "distance_to_network_m": [],
            "statbez_id": [],
        },
        geometry=[],
        crs=3035,
    )
    if len(dh_areas_3035) == 0 or cells.empty:
        return empty, pd.Series(dtype=object)
    boxes = shapely.box(cells["x_3035"], cells["y_3035"], cells["x_3035"] + 100, cells["y_3035"] + 100)
    centre = shapely.points(cells["x_3035"] + 50, cells["y_3035"] + 50)
    existing = shapely.union_all(dh_areas_3035)
    density = cells["heat_demand_mwh_per_year"].to_numpy()  # one cell is one hectare
    dist = shapely.distance(centre, existing)
    cand = (density >= params.value("density.edge.conventional")) & (dist > 0) & (dist <= params.value("expansion.max_distance_m"))
    if not cand.any():
        return empty, pd.Series(dtype=object)
    merged = shapely.union_all(shapely.buffer(boxes[cand], 50.0, join_style="mitre")).buffer(-50.0, join_style="mitre")
    parts = shapely.get_parts(merged)
    parts = parts[~shapely.is_empty(parts)]
    tree = shapely.STRtree(parts)
    idx = tree.query(centre[cand], predicate="intersects")
    part_of = np.full(int(cand.sum()), -1)
    part_of[idx[0]] = idx[1]
    cand_cells = cells[cand].assign(part=part_of, dist=dist[cand]).query("part >= 0")
    stats = cand_cells.groupby("part").agg(
        n_cells=("cell_id", "size"),
        heat=("heat_demand_mwh_per_year", "sum"),
        dist=("dist", "min"),
        statbez_id=("statbez_id", lambda s: s.value_counts().index[0]),
    )
    stats = stats[stats["n_cells"] >= params.value("expansion.min_cells")]
    if stats.empty:
        return empty, pd.Series(dtype=object)
    stats["density"] = stats["heat"] / stats["n_cells"]
    stats = stats.sort_values(["dist", "density"], ascending=[True, False])
    first, last = int(params.value("expansion.first_year")), int(params.value("expansion.last_year"))
    rank = np.arange(len(stats))
    stats["year_planned"] = first + np.floor(rank * (last - first + 1) / len(stats)).astype(int)
    stats["expansion_area_id"] = [f"EXP-{i + 1:03d}" for i in rank]
    geoms = parts[stats.index.to_numpy()]
    nearest = shapely.STRtree(dh_areas_3035).nearest(geoms)
    stats["network_id"] = np.asarray(dh_network)[nearest]
    counter: dict[str, int] = {}
    names = []
    for sb in stats["statbez_id"]:
        counter[sb] = counter.get(sb, 0) + 1
        names.append(f"Erweiterung {statbez_names.get(sb, sb)} {counter[sb]}")
    stats["name"] = names
    out = gpd.GeoDataFrame(
        {
            "expansion_area_id": stats["expansion_area_id"].to_numpy(),
            "name": stats["name"].to_numpy(),
            "network_id": stats["network_id"].to_numpy(),
            "year_planned": stats["year_planned"].to_numpy(),
            "n_cells": stats["n_cells"].to_numpy(),
            "heat_demand_mwh_per_year": stats["heat"].to_numpy(),
            "distance_to_network_m": stats["dist"].to_numpy(),
            "statbez_id": stats["statbez_id"].to_numpy(),
        },
        geometry=geoms,
        crs=3035,
    )
    area_of_part = dict(zip(stats.index, stats["expansion_area_id"]))
    cell_area = cand_cells.set_index("cell_id")["part"].map(area_of_part).dropna()
    return out, cell_area
