"""Synthetic buildings drawn from each 100 m cell's own Zensus 2011 distributions (deterministic).

For every cell:
1. Number of buildings N: the census suppresses counts below 3, so each published family sum
   (construction year, heating type, building type) is a lower bound. N is the largest of the three
   (at least 1 where dwellings are published). This is the documented suppression correction.
2. Each family is filled up to N: the missing buildings belong to classes published as 0 (those are
   the suppressed ones), drawn in proportion to the class shares of the cell's statistischer Bezirk.
3. One building per count: every family's labels are shuffled within the cell, so each building
   gets a construction-year class, a heating type and a building type whose cell totals equal the
   (filled) census counts. The three are paired at random: the census publishes no joint table.
4. Dwellings per building follow the type (1 for EFH, 2 for ZFH, ranges for MFH) scaled to the
   cell's published dwellings; dwelling sizes are drawn from the cell's floor-area classes, larger
   dwellings going to single-family and terraced houses first.
5. Construction year uniform within the class; carrier from the heating type by the documented
   shares (heatdb/params/synth.csv); retrofit states drawn with the national stock's modernisation
   shares per construction period (the city's published efficiency classes are a comparison, not a target).
   The cells' dwellings are scaled to the official total first (reconcile.dwellings_factor).
Every random draw uses one generator seeded with synth.seed, in a fixed order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ghgmodel.params import Parameters
from heatdb.census import AGE_CLASSES, BUILDING_CLASSES, DWELLING_SIZE_COLUMNS, HEATING_TYPES, carrier_allocation, corrected_building_counts

TYPE_ORDER = {"SFH": 0, "TH": 1, "MFH": 2, "AB": 3}


def _district_shares(counts: np.ndarray, district: np.ndarray) -> np.ndarray:
    """Class shares of each cell's district [C, K] (uniform where a district has no counts)."""
    n_d = district.max() + 1
    tot = np.zeros((n_d, counts.shape[1]))
    np.add.at(tot, district, counts)
    row = tot.sum(axis=1, keepdims=True)
    shares = np.divide(tot, row, out=np.full_like(tot, 1.0 / counts.shape[1]), where=row > 0)
    return shares[district]


def fill_family(counts: np.ndarray, n: np.ndarray, district: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Counts [C, K] filled up to n per cell, the extra buildings in zero (suppressed) classes."""
    counts = counts.astype(np.int64)
    deficit = n - counts.sum(axis=1)
    if (deficit < 0).any():
        raise ValueError("a family sum exceeds the corrected building count")
    shares = _district_shares(counts, district)
    zero = counts == 0
    weights = shares * zero
    # the suppressed classes are the zero ones: weight them by the district's shares, else the city's,
    # else equally; only a cell without any zero class gets extra buildings in published classes
    city = counts.sum(axis=0) / max(counts.sum(), 1)
    w = weights.sum(axis=1) == 0
    weights[w] = city * zero[w]
    w = weights.sum(axis=1) == 0
    weights[w] = zero[w].astype(float)
    w = weights.sum(axis=1) == 0
    weights[w] = shares[w]
    weights = weights / weights.sum(axis=1, keepdims=True)
    extra = rng.multinomial(deficit, weights)
    return counts + extra


def scale_family(counts: np.ndarray, n_new: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Counts rescaled to new cell totals by a multinomial draw on the cell's shares (scale-up only)."""
    tot = counts.sum(axis=1, keepdims=True)
    p = np.divide(counts, tot, out=np.full(counts.shape, 1.0 / counts.shape[1]), where=tot > 0)
    return rng.multinomial(n_new, p)


def expand_labels(counts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One class label per building, ordered by cell, shuffled within the cell."""
    c, k = counts.shape
    labels = np.repeat(np.tile(np.arange(k), c), counts.ravel())
    cell = np.repeat(np.arange(c), counts.sum(axis=1))
    order = np.lexsort((rng.random(len(labels)), cell))
    return labels[order]


@dataclass(frozen=True, kw_only=True)
class SyntheticStock:
    """Buildings (one row each, ordered by cell) and the corrected counts per cell."""

    buildings: pd.DataFrame
    n_per_cell: np.ndarray


def _class_param(params: Parameters, names, prefix: str) -> np.ndarray:
    return np.array([params.value(f"{prefix}.{n}") for n in names], dtype=float)


def generate_buildings(cells: pd.DataFrame, params: Parameters, *, scale: float = 1.0) -> SyntheticStock:
    """Draw the synthetic buildings of all cells.

    Args:
        cells: census cells sorted by cell_id with COUNT_COLUMNS, `cell_id` and `statbez_code`.
        params: ghgmodel parameters merged with heatdb/params/synth.csv.
        scale: multiply every cell's buildings and dwellings (benchmarks; 1.0 for the real city).
    """
    rng = np.random.default_rng(int(params.value("synth.seed")))
    district = pd.factorize(cells["statbez_code"], sort=True)[0]
    n = corrected_building_counts(cells)
    families = {}
    for name, cols in (
        ("age", [c for c, *_ in AGE_CLASSES]),
        ("heating", [c for c, _ in HEATING_TYPES]),
        ("btype", [c for c, _ in BUILDING_CLASSES]),
    ):
        families[name] = fill_family(cells[cols].to_numpy(), n, district, rng)
    # the grid's dwellings are a 2011 lower bound: scaled to the official total (reconcile.dwellings_factor)
    dwellings_cell = cells["whg_gesamt_publ"].to_numpy().astype(float) * params.value("reconcile.dwellings_factor")
    size_counts = cells[list(DWELLING_SIZE_COLUMNS)].to_numpy().astype(float)
    if scale != 1.0:
        n_new = np.round(n * scale).astype(np.int64)
        families = {k: scale_family(v, n_new, rng) for k, v in families.items()}
        n = n_new
        dwellings_cell = dwellings_cell * scale
    cell_of = np.repeat(np.arange(len(cells)), n)
    age = expand_labels(families["age"], rng)
    heating = expand_labels(families["heating"], rng)
    bclass = expand_labels(families["btype"], rng)
    total = len(cell_of)

    # construction year, uniform within the census class
    lo = np.array([a if a is not None else params.value("synth.year_from.vor1919") for _, _, a, _ in AGE_CLASSES])
    hi = np.array([b if b is not None else params.value("synth.year_to.ab2009") for _, _, _, b in AGE_CLASSES])
    year = np.floor(lo[age] + rng.random(total) * (hi[age] - lo[age] + 1)).astype(np.int64)

    # building type and dwellings
    class_names = [b for _, b in BUILDING_CLASSES]
    tabula_type = np.array([params.text(f"type_map.{c}") for c in class_names], dtype=object)[bclass]
    d_lo = _class_param(params, class_names, "dwellings.min")[bclass]
    d_hi = _class_param(params, class_names, "dwellings.max")[bclass]
    flex = d_hi > d_lo
    fixed_sum = np.bincount(cell_of, np.where(flex, 0, d_lo), minlength=len(cells))
    mid = (d_lo + d_hi) / 2
    flex_mid = np.bincount(cell_of, np.where(flex, mid, 0), minlength=len(cells))
    s = np.divide(dwellings_cell - fixed_sum, flex_mid, out=np.zeros(len(cells)), where=flex_mid > 0)
    jitter = rng.random(total)
    dwellings = np.where(flex, np.clip(np.floor(mid * s[cell_of] + jitter), d_lo, d_hi), d_lo).astype(np.int64)

    # dwelling sizes: drawn from the cell's floor-area classes, the largest to houses first
    district_size = _district_shares(size_counts, district)
    row = size_counts.sum(axis=1, keepdims=True)
    p_size = np.divide(size_counts, row, out=district_size.copy(), where=row > 0)
    p_size = p_size / p_size.sum(axis=1, keepdims=True)
    d_per_cell = np.bincount(cell_of, dwellings, minlength=len(cells)).astype(np.int64)
    size_class = expand_labels(rng.multinomial(d_per_cell, p_size), rng)
    s_lo = np.array([params.value(f"whg_size.{k:02d}.lo") for k in range(1, 18)])
    s_hi = np.array([params.value(f"whg_size.{k:02d}.hi") for k in range(1, 18)])
    size = s_lo[size_class] + rng.random(len(size_class)) * (s_hi[size_class] - s_lo[size_class])
    dwell_cell = np.repeat(np.arange(len(cells)), d_per_cell)
    size_sorted = size[np.lexsort((-size, dwell_cell))]
    type_rank = np.array([TYPE_ORDER[t] for t in tabula_type]) if total else np.zeros(0, int)
    b_order = np.lexsort((rng.random(total), type_rank, cell_of))
    owner = np.repeat(b_order, dwellings[b_order])
    living = np.bincount(owner, size_sorted, minlength=total)

    # carrier from the heating type
    heating_names = [h for _, h in HEATING_TYPES]
    carriers, cum = carrier_allocation(params, heating_names)
    u = rng.random(total)
    carrier = np.array(carriers, dtype=object)[(u[:, None] > cum[heating]).sum(axis=1).clip(max=len(carriers) - 1)]

    storeys_lo = np.array([params.value(f"storeys.min.{t}") for t in tabula_type]) if total else np.zeros(0)
    storeys_hi = np.array([params.value(f"storeys.max.{t}") for t in tabula_type]) if total else np.zeros(0)
    storeys = np.floor(storeys_lo + rng.random(total) * (storeys_hi - storeys_lo + 1)).astype(np.int64)

    frame = pd.DataFrame(
        {
            "cell_index": cell_of,
            "building_type": tabula_type,
            "zensus_building_type": np.array(class_names, dtype=object)[bclass],
            "construction_year": year,
            "age_class": np.array([lab for _, lab, _, _ in AGE_CLASSES], dtype=object)[age],
            "storeys": storeys,
            "dwellings": dwellings,
            "living_area_m2": living,
            "heated_area_m2": living * params.value("a_c_ref_per_living_area"),
            "heating_system": np.array(heating_names, dtype=object)[heating],
            "carrier": carrier,
        }
    )
    frame["retrofit"] = draw_retrofit(frame, params, rng)
    return SyntheticStock(buildings=frame, n_per_cell=n)


def draw_retrofit(frame: pd.DataFrame, params: Parameters, rng: np.random.Generator) -> np.ndarray:
    """Retrofit states drawn per construction period with the stock's modernisation shares (retrofit.share_*).

    The shares describe the national stock; the city's published efficiency classes are compared with the
    result (Daten & Methodik), never used to pick buildings.
    """
    year = frame["construction_year"].to_numpy()
    u = rng.random(len(frame))
    std = np.zeros(len(frame))
    adv = np.zeros(len(frame))
    for key in params.keys("retrofit.share_standard."):
        a, b = (int(x) for x in key.rsplit(".", 1)[1].split("_"))
        span = (year >= a) & (year <= b)
        std = np.where(span, params.value(key), std)
        adv = np.where(span, params.value(f"retrofit.share_advanced.{a}_{b}"), adv)
    return np.select([u < adv, u < adv + std], ["advanced", "standard"], "none").astype(object)
