"""The Zensus 2011 100 m cells as the warehouse reads them: their count columns, classes and the helpers on them.

The build draws its synthetic buildings from these counts (heatdb.synth); the importers read the same
columns (zensus-cells) and estimate missing years and carriers from them (imports). Both take the
classes from here, so neither depends on the other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ghgmodel.params import Parameters

# (count column, label, first year, last year); None: open-ended (the generator's synth.year_from / year_to)
AGE_CLASSES = (
    ("geb_baujahr_vor1919", "vor 1919", None, 1918),
    ("geb_baujahr_1919_1948", "1919-1948", 1919, 1948),
    ("geb_baujahr_1949_1978", "1949-1978", 1949, 1978),
    ("geb_baujahr_1979_1986", "1979-1986", 1979, 1986),
    ("geb_baujahr_1987_1990", "1987-1990", 1987, 1990),
    ("geb_baujahr_1991_1995", "1991-1995", 1991, 1995),
    ("geb_baujahr_1996_2000", "1996-2000", 1996, 2000),
    ("geb_baujahr_2001_2004", "2001-2004", 2001, 2004),
    ("geb_baujahr_2005_2008", "2005-2008", 2005, 2008),
    ("geb_baujahr_ab2009", "ab 2009", 2009, None),
)
HEATING_TYPES = (
    ("geb_heiz_fernheizung", "fernheizung"),
    ("geb_heiz_etagenheizung", "etagenheizung"),
    ("geb_heiz_blockheizung", "blockheizung"),
    ("geb_heiz_zentralheizung_abgel", "zentralheizung"),
    ("geb_heiz_einzel_mehrraumoefen", "einzel_mehrraumoefen"),
    ("geb_heiz_keine_heizung", "keine_heizung"),
)
BUILDING_CLASSES = (
    ("geb_typ_efh_freistehend_abgel", "efh_freistehend"),
    ("geb_typ_efh_doppelhaus", "efh_doppelhaus"),
    ("geb_typ_efh_reihenhaus", "efh_reihenhaus"),
    ("geb_typ_zfh_freistehend", "zfh_freistehend"),
    ("geb_typ_zfh_doppelhaus", "zfh_doppelhaus"),
    ("geb_typ_zfh_reihenhaus", "zfh_reihenhaus"),
    ("geb_typ_mfh_3_6_whg", "mfh_3_6_whg"),
    ("geb_typ_mfh_7_12_whg", "mfh_7_12_whg"),
    ("geb_typ_mfh_13plus_whg", "mfh_13plus_whg"),
    ("geb_typ_anderer_gebaeudetyp", "anderer_gebaeudetyp"),
)
DWELLING_SIZE_COLUMNS = tuple(f"whg_wfl_{k:02d}" for k in range(1, 18))
COUNT_COLUMNS = (
    "geb_gesamt_publ",
    *[c for c, *_ in AGE_CLASSES],
    *[c for c, _ in HEATING_TYPES],
    *[c for c, _ in BUILDING_CLASSES],
    *DWELLING_SIZE_COLUMNS,
    "whg_gesamt_publ",
)


def corrected_building_counts(cells: pd.DataFrame) -> np.ndarray:
    """N per cell: the largest published family sum, at least 1 where dwellings are published."""
    sums = np.stack(
        [
            cells[[c for c, *_ in AGE_CLASSES]].to_numpy().sum(axis=1),
            cells[[c for c, _ in HEATING_TYPES]].to_numpy().sum(axis=1),
            cells[[c for c, _ in BUILDING_CLASSES]].to_numpy().sum(axis=1),
        ],
        axis=1,
    )
    n = sums.max(axis=1)
    return np.where((n == 0) & (cells["whg_gesamt_publ"].to_numpy() > 0), 1, n).astype(np.int64)


def carrier_allocation(params: Parameters, heating_names) -> tuple[list[str], np.ndarray]:
    """(carriers, cumulative shares [heating type, carrier]): how each census heating type splits into the model's carriers (alloc.* in heatdb/params/synth.csv)."""
    carriers = sorted({k.split(".")[2] for k in params.keys("alloc.")})
    share = np.zeros((len(heating_names), len(carriers)))
    for i, h in enumerate(heating_names):
        for j, c in enumerate(carriers):
            key = f"alloc.{h}.{c}"
            share[i, j] = params.value(key) if key in params else 0.0
    share = share / share.sum(axis=1, keepdims=True)
    return carriers, np.cumsum(share, axis=1)


def age_class(years: np.ndarray) -> np.ndarray:
    """The census construction-year class label of each year (e.g. 1965 -> "1949-1978")."""
    bounds = np.array([b if b is not None else 9999 for _, _, _, b in AGE_CLASSES])
    labels = np.array([lab for _, lab, _, _ in AGE_CLASSES], dtype=object)
    return labels[np.searchsorted(bounds, years, side="left").clip(max=len(labels) - 1)]


__all__ = [
    "AGE_CLASSES",
    "BUILDING_CLASSES",
    "COUNT_COLUMNS",
    "DWELLING_SIZE_COLUMNS",
    "HEATING_TYPES",
    "age_class",
    "carrier_allocation",
    "corrected_building_counts",
]
