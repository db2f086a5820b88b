"""Coordinate transforms and H3 indexing (vectorised)."""

from __future__ import annotations

from functools import lru_cache

import h3
import numpy as np
import shapely
from pyproj import Transformer


@lru_cache(maxsize=4)
def _transformer(src: int, dst: int) -> Transformer:
    return Transformer.from_crs(src, dst, always_xy=True)


def transform(geoms: np.ndarray, src: int, dst: int) -> np.ndarray:
    """Reproject shapely geometries between EPSG codes."""
    t = _transformer(src, dst)

    def f(xy: np.ndarray) -> np.ndarray:
        x, y = t.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geoms, f)


def points_to_lonlat(x: np.ndarray, y: np.ndarray, src: int = 3035) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = _transformer(src, 4326).transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return np.asarray(lon), np.asarray(lat)


def lonlat_to_3035(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    x, y = _transformer(4326, 3035).transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x), np.asarray(y)


def h3_cells(lat: np.ndarray, lon: np.ndarray, resolution: int) -> np.ndarray:
    """H3 cell (hex string) of each point."""
    f = h3.latlng_to_cell
    return np.array([f(a, o, resolution) for a, o in zip(lat.tolist(), lon.tolist())], dtype=object)


def h3_area_ha(cells) -> np.ndarray:
    return np.array([h3.cell_area(c, unit="km^2") * 100.0 for c in cells])


def cell_id(x_ll: np.ndarray, y_ll: np.ndarray) -> np.ndarray:
    """INSPIRE 100 m cell id of lower-left corners."""
    xs = np.asarray(x_ll, dtype=np.int64)
    ys = np.asarray(y_ll, dtype=np.int64)
    return np.array([f"CRS3035RES100mN{y}E{x}" for x, y in zip(xs.tolist(), ys.tolist())], dtype=object)


def cell_of_point(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Lower-left corner of the 100 m cell containing each EPSG:3035 point."""
    return np.floor(np.asarray(x) / 100.0) * 100.0, np.floor(np.asarray(y) / 100.0) * 100.0
