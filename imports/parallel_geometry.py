"""The per-footprint geometry of a large import (probe area, distance to the neighbour) on all cores.

`heatdb.osm.generic_probe_area` and `heatdb.layout.nearest_distance_m` look only at a footprint's
surroundings: the probe area at the Voronoi cell of its centroid within `reach_m` of the footprint,
the neighbour distance at footprints within 100 m. So the footprints are cut into strips along x,
each strip is computed with its neighbours within MARGIN_M on both sides, and only the strip's own
results are kept: the numbers of one call over everything (a point farther than 2 x (reach +
footprint radius) cannot change a Voronoi cell inside the reach; the Voronoi vertices of a subset differ
only in the last digits, well under 1 m2 of probe area), computed in parallel processes.
Small inputs (under PARALLEL_FROM footprints) are computed in this process.
"""

from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import shapely

from heatdb.layout import nearest_distance_m
from heatdb.osm import generic_probe_area

MARGIN_M = 400.0  # > 2 x (30 m reach + 170 m footprint half-diagonal) and > the 100 m neighbour search
PARALLEL_FROM = 100_000
_SHARED: dict = {}


def _strip_job(bounds: tuple[float, float]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    lo, hi = bounds
    fps, x, setback, distance = _SHARED["fps"], _SHARED["x"], _SHARED["setback"], _SHARED["distance"]
    near = np.flatnonzero((x >= lo - MARGIN_M) & (x < hi + MARGIN_M))
    own = (x[near] >= lo) & (x[near] < hi)
    probe = generic_probe_area(fps[near], setback=setback, distance=distance)
    neighbour = nearest_distance_m(fps[near])
    return near[own], probe[own], neighbour[own]


def probe_and_neighbour(
    footprints: np.ndarray, *, setback: float, distance: float, workers: int | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(probe_area_m2, neighbour_distance_m) per footprint (EPSG:3035), as generic_probe_area and nearest_distance_m give them."""
    n = len(footprints)
    if workers is None:
        workers = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if n < PARALLEL_FROM or workers < 2:
        return generic_probe_area(footprints, setback=setback, distance=distance), nearest_distance_m(footprints)
    x = shapely.get_x(shapely.centroid(footprints))
    # strips with equal numbers of footprints, two per worker: each strip recomputes its margins, so
    # fewer strips do less extra work, and two per worker still balance a slower strip
    edges = np.quantile(x, np.linspace(0, 1, 2 * workers + 1))
    edges[0], edges[-1] = -np.inf, np.inf
    strips = [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]
    _SHARED.update(fps=footprints, x=x, setback=setback, distance=distance)
    probe = np.zeros(n)
    neighbour = np.zeros(n)
    try:
        # fork: the workers inherit the footprints instead of receiving a pickled copy
        with ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("fork")) as pool:
            for idx, p, d in pool.map(_strip_job, strips):
                probe[idx] = p
                neighbour[idx] = d
    finally:
        _SHARED.clear()
    return probe, neighbour


__all__ = ["probe_and_neighbour"]
