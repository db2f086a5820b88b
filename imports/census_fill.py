"""Estimating a building's construction year and carrier from its 100 m cell's census counts.

A cell's estimated buildings follow its census shares as closely as whole numbers allow (largest
remainders), ordered by a hash of the building id, so the result is deterministic and does not depend
on the row order. The counts are Zensus 2011 (the shipped cells, or the database's census_cells) or
Zensus 2022 where it was imported (imports.zensus2022.census_distributions).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ghgmodel.params import Parameters
from heatdb.census import AGE_CLASSES, HEATING_TYPES, carrier_allocation
from heatdb.readers import read_census_cells
from heatdb.sources import FILES, SOURCE_DIR
from imports.params import format_parameters


@dataclass(frozen=True, kw_only=True)
class CensusDistributions:
    """Per 100 m cell: counts of buildings per construction-year class and weights per heating carrier.

    `cell_ids` sorted; `year_counts` [C, K] with class bounds `year_lo`/`year_hi` (inclusive);
    `carrier_weights` [C, M] over `carriers`. `source` names the census (shown in estimated values).
    """

    source: str
    cell_ids: np.ndarray
    year_lo: np.ndarray
    year_hi: np.ndarray
    year_counts: np.ndarray
    carriers: tuple[str, ...]
    carrier_weights: np.ndarray


def distributions_from_2011(cells: pd.DataFrame, params: Parameters) -> CensusDistributions:
    """Distributions from Zensus 2011 cells (COUNT_COLUMNS of heatdb.census, `cell_id`); carriers via the alloc shares of synth.csv."""
    cells = cells.sort_values("cell_id")
    lo = np.array([a if a is not None else params.value("synth.year_from.vor1919") for _, _, a, _ in AGE_CLASSES], dtype=float)
    hi = np.array([b if b is not None else params.value("synth.year_to.ab2009") for _, _, _, b in AGE_CLASSES], dtype=float)
    carriers, cum = carrier_allocation(params, [h for _, h in HEATING_TYPES])
    alloc = np.diff(np.concatenate([np.zeros((cum.shape[0], 1)), cum], axis=1), axis=1)
    heating = cells[[c for c, _ in HEATING_TYPES]].to_numpy(dtype=float)
    return CensusDistributions(
        source="Zensus 2011",
        cell_ids=cells["cell_id"].to_numpy(dtype=object),
        year_lo=lo,
        year_hi=hi,
        year_counts=cells[[c for c, *_ in AGE_CLASSES]].to_numpy(dtype=float),
        carriers=tuple(carriers),
        carrier_weights=heating @ alloc,
    )


@lru_cache(maxsize=1)
def shipped_distributions() -> CensusDistributions:
    """Zensus 2011 distributions of the shipped Dortmund cells (data/sources/dortmund)."""
    return distributions_from_2011(read_census_cells(SOURCE_DIR / FILES["census_cells"]), format_parameters())


def uniform_from_ids(ids, salt: str) -> np.ndarray:
    """A number in [0, 1) per id from a hash of the id and `salt`: the same id always gets the same number."""
    key = (salt + "-" * 16)[:16]
    h = pd.util.hash_pandas_object(pd.Series(np.asarray(ids, dtype=object)).astype(str), index=False, hash_key=key).to_numpy()
    return (h >> np.uint64(11)).astype(np.float64) / float(2**53)


def _row_weights(table: np.ndarray, cell_ids: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Weights of each wanted cell; the whole table's sums where a cell is missing or empty."""
    city = table.sum(axis=0)
    pos = np.searchsorted(cell_ids, wanted)
    pos = np.clip(pos, 0, max(len(cell_ids) - 1, 0))
    found = (len(cell_ids) > 0) & (cell_ids[pos] == wanted) if len(cell_ids) else np.zeros(len(wanted), bool)
    w = np.where(found[:, None], table[pos] if len(cell_ids) else 0.0, city[None, :])
    empty = w.sum(axis=1) == 0
    w[empty] = city
    return w


def apportion(cell_of_row: np.ndarray, u: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Class index per row so that each cell's rows follow its weights as closely as whole numbers allow.

    Args:
        cell_of_row: group (cell) number of each row.
        u: a number in [0, 1) per row; it orders the rows inside a cell (deterministic).
        weights: [N, K] class weights of each row's cell (equal within a cell).
    Each cell with n rows gets floor(n x share) rows per class and the rest by the largest remainders
    (Hamilton's method); the classes go to the cell's rows in the order of u.
    """
    n = len(u)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort((u, cell_of_row))
    cells, first, size = np.unique(cell_of_row[order], return_index=True, return_counts=True)
    w = weights[order][first]
    tot = w.sum(axis=1, keepdims=True)
    share = np.divide(w, tot, out=np.full(w.shape, 1.0 / w.shape[1]), where=tot > 0)
    quota = share * size[:, None]
    counts = np.floor(quota).astype(np.int64)
    rest = size - counts.sum(axis=1)
    rank = np.argsort(np.argsort(-(quota - counts), axis=1, kind="stable"), axis=1, kind="stable")
    counts += (rank < rest[:, None]).astype(np.int64)
    labels = np.repeat(np.tile(np.arange(w.shape[1]), len(cells)), counts.ravel())
    out = np.empty(n, dtype=np.int64)
    out[order] = labels
    return out


def fill_from_census(
    frame: pd.DataFrame, cells: np.ndarray, dist: CensusDistributions, *, year: np.ndarray, carrier: np.ndarray
) -> pd.DataFrame:
    """Draw construction_year where `year` and carrier where `carrier` is true from each row's cell.

    Args:
        frame: rows with building_id, construction_year, carrier, estimated_attributes.
        cells: INSPIRE 100 m cell id of each row.
        dist: the census distributions.
        year, carrier: boolean masks of the rows to fill.
    The filled rows of a cell follow the cell's census shares (`apportion`; cells outside the census
    take the shares of all cells); a hash of the building id orders them, so the result does not
    depend on the row order. The year inside its class comes from a second hash. Filled attributes are
    added to estimated_attributes.
    """
    frame = frame.copy()
    ids = frame["building_id"].to_numpy(dtype=object)
    year = np.asarray(year, dtype=bool)
    carrier = np.asarray(carrier, dtype=bool)
    if year.any():
        w = _row_weights(dist.year_counts, dist.cell_ids, cells[year])
        k = apportion(pd.factorize(cells[year])[0], uniform_from_ids(ids[year], "year-class"), w)
        lo, hi = dist.year_lo[k], dist.year_hi[k]
        y = np.floor(lo + uniform_from_ids(ids[year], "year-in-class") * (hi - lo + 1)).astype(np.int64)
        col = pd.array(frame["construction_year"], dtype="Int64")
        col[year] = y
        frame["construction_year"] = col
        frame["estimated_attributes"] = add_flag(frame["estimated_attributes"], year, "construction_year")
    if carrier.any():
        w = _row_weights(dist.carrier_weights, dist.cell_ids, cells[carrier])
        k = apportion(pd.factorize(cells[carrier])[0], uniform_from_ids(ids[carrier], "carrier"), w)
        col = frame["carrier"].to_numpy(dtype=object).copy()
        col[carrier] = np.asarray(dist.carriers, dtype=object)[k]
        frame["carrier"] = col
        frame["estimated_attributes"] = add_flag(frame["estimated_attributes"], carrier, "carrier")
    return frame


def add_flag(current: pd.Series, mask: np.ndarray, name: str) -> pd.Series:
    cur = current.fillna("").astype(str).to_numpy(dtype=object)
    add = np.where(cur == "", name, cur + "," + name)
    has = np.array([name in c.split(",") for c in cur]) if len(cur) else np.zeros(0, bool)
    return pd.Series(np.where(mask & ~has, add, cur), index=current.index, dtype=object)


__all__ = [
    "CensusDistributions",
    "add_flag",
    "apportion",
    "distributions_from_2011",
    "fill_from_census",
    "shipped_distributions",
    "uniform_from_ids",
]
