"""Real OpenStreetMap footprints replacing synthetic ones where the sample covers a cell.

OSM buildings that can hold dwellings (house, apartments, residential, detached, semi-detached,
terrace, or untyped 'yes' of at least osm.min_footprint_m2) are matched to the synthetic buildings
of their 100 m cell by size rank (largest OSM footprint to the building with the largest floor
area). Matched buildings keep their census-drawn attributes but take the real footprint. Synthetic
buildings left over in such cells are moved to free spots that do not touch any footprint.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from heatdb.geo import cell_of_point, transform

RESIDENTIAL = ("house", "apartments", "residential", "detached", "semidetached_house", "terrace", "yes")
MIN_FOOTPRINT_M2 = 35.0


def residential_osm(osm: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """OSM buildings that may be residential, in EPSG:3035 with their cell corner."""
    keep = osm["building"].isin(RESIDENTIAL) & (osm["footprint_m2"].astype(float) >= MIN_FOOTPRINT_M2)
    sel = osm[keep].reset_index(drop=True)
    geoms = transform(sel.geometry.to_numpy(), 4326, 3035)
    c = shapely.centroid(geoms)
    cx, cy = cell_of_point(shapely.get_x(c), shapely.get_y(c))
    out = pd.DataFrame(
        {
            "osm_id": sel["osm_id"].astype(str),
            "levels": pd.to_numeric(sel.get("building_levels"), errors="coerce"),
            "cell_x": cx,
            "cell_y": cy,
        }
    )
    out["area_m2"] = shapely.area(geoms)
    return gpd.GeoDataFrame(out, geometry=geoms, crs=3035)


def merge_osm(
    footprints: np.ndarray, cell_x: np.ndarray, cell_y: np.ndarray, floor_area: np.ndarray, osm: gpd.GeoDataFrame, rng: np.random.Generator
):
    """Replace footprints in OSM cells; returns (footprints, osm_id per building or None, moved mask).

    Args:
        footprints: synthetic footprints (EPSG:3035) per building.
        cell_x, cell_y: corner of each building's cell.
        floor_area: gross floor area per building (ranks the match).
        osm: residential_osm() output.
        rng: the build's generator (placement of leftover buildings).
    """
    footprints = footprints.copy()
    osm_id = np.full(len(footprints), None, dtype=object)
    moved = np.zeros(len(footprints), dtype=bool)
    key_b = pd.Series(list(zip(cell_x.tolist(), cell_y.tolist())))
    osm_key = pd.Series(list(zip(osm["cell_x"].tolist(), osm["cell_y"].tolist())))
    by_cell_b = key_b.groupby(key_b).indices
    by_cell_o = osm_key.groupby(osm_key).indices
    osm_geoms = osm.geometry.to_numpy()
    for cell in sorted(by_cell_o):
        b_idx = np.asarray(by_cell_b.get(cell, []), dtype=np.int64)
        o_idx = np.asarray(by_cell_o[cell], dtype=np.int64)
        if len(b_idx) == 0:
            continue
        b_sorted = b_idx[np.argsort(-floor_area[b_idx], kind="stable")]
        o_sorted = o_idx[np.argsort(-osm["area_m2"].to_numpy()[o_idx], kind="stable")]
        m = min(len(b_sorted), len(o_sorted))
        footprints[b_sorted[:m]] = osm_geoms[o_sorted[:m]]
        osm_id[b_sorted[:m]] = osm["osm_id"].to_numpy()[o_sorted[:m]]
    # leftover synthetic buildings must not overlap any real footprint
    real = shapely.buffer(osm_geoms, 2.0)
    real_tree = shapely.STRtree(real)
    synthetic = np.flatnonzero(osm_id == None)  # noqa: E711  (object array)
    hit = synthetic[np.unique(real_tree.query(footprints[synthetic], predicate="intersects")[0])] if len(real) else synthetic[:0]
    keep = np.setdiff1d(synthetic, hit)
    tree = shapely.STRtree(footprints[keep])
    placed: dict[tuple, list] = {}  # footprints moved so far, per cell
    for i in hit:
        fp = footprints[i]
        minx, miny, maxx, maxy = fp.bounds
        w, d = maxx - minx, maxy - miny
        x0, y0 = cell_x[i], cell_y[i]
        around = shapely.box(x0 - 5, y0 - 5, x0 + 105, y0 + 105)
        near = keep[tree.query(around)]
        obstacle = shapely.union_all([*real[real_tree.query(around)], *shapely.buffer(footprints[near], 2.0), *placed.get((x0, y0), [])])
        ok = None
        for scale in (1.0, 0.7, 0.5):
            ww, dd = w * scale, d * scale
            xs = np.arange(x0 + 2, x0 + 100 - ww - 2, 3.0)
            ys = np.arange(y0 + 2, y0 + 100 - dd - 2, 3.0)
            if len(xs) == 0 or len(ys) == 0:
                continue
            gx, gy = np.meshgrid(xs, ys)
            order = rng.permutation(gx.size)
            cand = shapely.box(gx.ravel()[order], gy.ravel()[order], gx.ravel()[order] + ww, gy.ravel()[order] + dd)
            free = ~shapely.intersects(cand, obstacle)
            if free.any():
                ok = cand[np.flatnonzero(free)[0]]
                break
        if ok is not None:
            footprints[i] = ok
            placed.setdefault((x0, y0), []).append(ok.buffer(2.0))
            moved[i] = True
    return footprints, osm_id, moved


def generic_probe_area(footprints: np.ndarray, *, setback: float, distance: float, reach_m: float = 30.0) -> np.ndarray:
    """Probe area where plots are unknown: the Voronoi cell of the footprint within reach_m of it,
    shrunk by the plot setback, minus the footprint grown by the building distance (EPSG:3035)."""
    if len(footprints) == 0:
        return np.zeros(0)
    centroids = shapely.centroid(footprints)
    regions = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(centroids)))
    tree = shapely.STRtree(regions)
    idx = tree.query(centroids, predicate="within")
    region_of = np.full(len(footprints), -1)
    region_of[idx[0]] = idx[1]
    plots = np.where(region_of >= 0, regions[np.maximum(region_of, 0)], None)
    plots = shapely.intersection(plots, shapely.buffer(footprints, reach_m))
    usable = shapely.difference(shapely.buffer(plots, -setback), shapely.buffer(footprints, distance))
    return np.nan_to_num(shapely.area(usable))
