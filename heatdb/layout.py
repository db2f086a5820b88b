"""Footprints of synthetic buildings: rectangles placed inside their 100 m cell without overlaps.

A cell with N buildings is divided into k x k square slots (k = ceil(sqrt(N))); each building gets
its own randomly chosen slot, which also serves as its plot. The footprint is a rectangle of area
living area x gross/living ratio / storeys with a random aspect ratio, shrunk to fit its slot with a
margin (the building then gets more storeys so its floor area stays). All coordinates are EPSG:3035.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import shapely

from ghgmodel.params import Parameters

CELL_M = 100.0


@dataclass(frozen=True, kw_only=True)
class Layout:
    """Per building: footprint rectangle, plot (slot) rectangle and storeys, EPSG:3035 metres."""

    x0: np.ndarray
    y0: np.ndarray
    x1: np.ndarray
    y1: np.ndarray
    plot_x0: np.ndarray
    plot_y0: np.ndarray
    plot_size: np.ndarray
    storeys: np.ndarray

    def footprints(self) -> np.ndarray:
        return shapely.box(self.x0, self.y0, self.x1, self.y1)

    def probe_area_m2(self, setback: float, distance: float) -> np.ndarray:
        """Plot area where probes may go: the plot shrunk by `setback` minus the footprint grown by `distance`."""
        ix0 = self.plot_x0 + setback
        iy0 = self.plot_y0 + setback
        ix1 = self.plot_x0 + self.plot_size - setback
        iy1 = self.plot_y0 + self.plot_size - setback
        inner = np.clip(ix1 - ix0, 0, None) * np.clip(iy1 - iy0, 0, None)
        ox = np.clip(np.minimum(ix1, self.x1 + distance) - np.maximum(ix0, self.x0 - distance), 0, None)
        oy = np.clip(np.minimum(iy1, self.y1 + distance) - np.maximum(iy0, self.y0 - distance), 0, None)
        return inner - ox * oy


def place_buildings(
    cell_x: np.ndarray,
    cell_y: np.ndarray,
    cell_of: np.ndarray,
    n_per_cell: np.ndarray,
    living_area_m2: np.ndarray,
    storeys: np.ndarray,
    params: Parameters,
    rng: np.random.Generator,
) -> Layout:
    """Place every building in its cell (vectorised over all buildings).

    Args:
        cell_x, cell_y: lower-left corner of each cell, EPSG:3035.
        cell_of: cell index of each building (buildings ordered by cell).
        n_per_cell: buildings per cell.
        living_area_m2, storeys: per building.
        params: parameters (footprint.*, gross_floor_per_living_area).
        rng: the build's random generator.
    """
    total = len(cell_of)
    k = np.ceil(np.sqrt(np.maximum(n_per_cell, 1))).astype(np.int64)
    slots = k * k
    # random distinct slot per building: shuffle each cell's slots, take the first N
    slot_cell = np.repeat(np.arange(len(n_per_cell)), slots)
    slot_no = np.arange(len(slot_cell)) - np.repeat(np.cumsum(slots) - slots, slots)
    order = np.lexsort((rng.random(len(slot_cell)), slot_cell))
    rank = np.empty(len(slot_cell), dtype=np.int64)
    rank[order] = np.arange(len(slot_cell)) - np.repeat(np.cumsum(slots) - slots, slots)
    take = rank < np.repeat(n_per_cell, slots)
    chosen_cell = slot_cell[take]
    chosen_slot = slot_no[take]
    # buildings are ordered by cell, and so are the chosen slots
    assert np.array_equal(chosen_cell, cell_of), "buildings must be ordered by cell"
    kk = k[cell_of]
    size = CELL_M / kk
    sx = cell_x[cell_of] + (chosen_slot % kk) * size
    sy = cell_y[cell_of] + (chosen_slot // kk) * size
    margin = np.minimum(params.value("footprint.margin_m"), 0.15 * size)
    room = size - 2 * margin
    gross = living_area_m2 * params.value("gross_floor_per_living_area")
    fp = gross / np.maximum(storeys, 1)
    aspect = 1.0 + rng.random(total) * (params.value("footprint.aspect_max") - 1.0)
    w = np.sqrt(fp * aspect)
    d = fp / w
    swap = rng.random(total) < 0.5
    w, d = np.where(swap, d, w), np.where(swap, w, d)
    shrink = np.minimum(1.0, np.minimum(room / w, room / d))
    w, d = w * shrink, d * shrink
    storeys_out = np.maximum(storeys, np.ceil(gross / (w * d) - 1e-9)).astype(np.int64)
    x0 = sx + margin + rng.random(total) * (room - w)
    y0 = sy + margin + rng.random(total) * (room - d)
    return Layout(x0=x0, y0=y0, x1=x0 + w, y1=y0 + d, plot_x0=sx, plot_y0=sy, plot_size=size, storeys=storeys_out)


def nearest_distance_m(geoms: np.ndarray) -> np.ndarray:
    """Distance from each footprint to the nearest other footprint (EPSG:3035 metres)."""
    tree = shapely.STRtree(geoms)
    # beyond 100 m the distance does not matter (an outdoor unit needs far less), so the search stops there
    idx, dist = tree.query_nearest(geoms, max_distance=100.0, exclusive=True, return_distance=True, all_matches=False)
    out = np.full(len(geoms), np.inf)
    np.minimum.at(out, idx[0], dist)
    return np.where(np.isinf(out), 100.0, out)
