"""Building files in their source's own attributes, mapped to the canonical import columns.

`to_canonical(gdf)` recognises three layouts and maps them to the columns `heatdb.readers.read_buildings`
validates (building_id, building_type, construction_year, carrier, living_area_m2, heated_area_m2,
storeys, dwellings, retrofit, heating_system) plus `is_residential`, `estimated_attributes` and the
address columns street, housenumber, postcode, city:

* **osm**: OpenStreetMap tags `building`, `building:levels`, `building:flats`, `start_date`, `addr:*`
  (also with `_` for `:` as in shapefile exports). `building` values map to TABULA types through
  heatdb/params/osm_building_types.csv.
* **alkis**: ALKIS AX_Gebaeude (NRW Hausumringe or NAS exports): `gebaeudefunktion` (or `gfk`, also as
  `31001_1010`), `anzahlDerOberirdischenGeschosse` (or `aog`), `baujahr`. Function codes map through
  heatdb/params/alkis_gebaeudefunktion.csv; non-residential codes are kept as type NR with
  is_residential false.
* **canonical**: the file already has building_type, construction_year and carrier.

A dict {source column: canonical column} is a user-defined mapping (renamed, then completed like the
others). The LANUV NRW heat-demand model (Raumwärmebedarfsmodell) is not mapped: its attribute names
could not be verified here, so `mapping="lanuv"` is refused with that explanation; map its columns
with a dict.

Unheated buildings (garages, sheds, barns, supply buildings) are left out; their number is in
`out.attrs["n_unheated_dropped"]`. Whatever the source does not give is estimated and named per row in
`estimated_attributes` (comma separated), never silently:
* construction_year and carrier: from the 100 m cell's census distribution (by default the shipped
  Zensus 2011 cells; the importer redraws them with Zensus 2022 when that is imported): a cell's
  estimated buildings follow its census shares (largest remainders), ordered by a hash of the building
  id, so the result is deterministic and independent of the row order.
* building_type of residential buildings of unknown size: attached to a neighbour (gap at most
  formats.attached_distance_m) and small (formats.sfh_max_*) -> TH; small and free-standing -> SFH;
  at least formats.ab_min_storeys storeys -> AB; else MFH.
* storeys: the middle of the type's range (storeys.min/max in synth.csv), NR formats.nr_storeys_default.
* living area: footprint x storeys / gross_floor_per_living_area; heated area from it (a_c_ref_per_living_area).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ghgmodel.params import Parameters, load_parameters
from heatdb.build import FORMATS_PARAMS, SYNTH_PARAMS
from heatdb.census import AGE_CLASSES, HEATING_TYPES, carrier_allocation
from heatdb.errors import ImportValidationError, Problem
from heatdb.geo import cell_id, cell_of_point

# the tables stay beside the warehouse's own parameters (heatdb/params): the methods page lists them together
PARAM_DIR = FORMATS_PARAMS.parent
OSM_TABLE = PARAM_DIR / "osm_building_types.csv"
ALKIS_TABLE = PARAM_DIR / "alkis_gebaeudefunktion.csv"
MAPPINGS = ("auto", "osm", "alkis", "canonical", "lanuv")
CANONICAL = ("building_id", "building_type", "construction_year", "carrier")
YEAR_RANGE = (1500, 2030)


def format_parameters(params: Parameters | None = None) -> Parameters:
    """`params` (default: the model's plus synth.csv) with heatdb/params/formats.csv added."""
    if params is None:
        params = load_parameters(SYNTH_PARAMS, FORMATS_PARAMS)
    if "formats.attached_distance_m" in params:
        return params
    from ghgmodel.params import read_parameter_file

    return params.with_overrides(read_parameter_file(FORMATS_PARAMS), name=FORMATS_PARAMS.name)


@lru_cache(maxsize=1)
def _osm_table() -> dict[str, dict]:
    with OSM_TABLE.open(encoding="utf-8") as f:
        return {r["osm_building"]: r for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _alkis_table() -> dict[int, dict]:
    with ALKIS_TABLE.open(encoding="utf-8") as f:
        return {int(r["code"]): r for r in csv.DictReader(f)}


# ---------------------------------------------------------------- census distributions


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
    from heatdb.readers import read_census_cells
    from heatdb.sources import FILES, SOURCE_DIR

    return distributions_from_2011(read_census_cells(SOURCE_DIR / FILES["census_cells"]), format_parameters())


def uniform_from_ids(ids, salt: str) -> np.ndarray:
    """A number in [0, 1) per id from a hash of the id and `salt`: the same id always gets the same number."""
    key = (salt + "-" * 16)[:16]
    h = pd.util.hash_pandas_object(pd.Series(np.asarray(ids, dtype=object)).astype(str), index=False, hash_key=key).to_numpy()
    return (h >> np.uint64(11)).astype(np.float64) / float(2**53)


def _pick(weights: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Class index per row from row weights [N, K] and uniforms [N] (inverse CDF)."""
    tot = weights.sum(axis=1, keepdims=True)
    cum = np.cumsum(weights, axis=1) / np.where(tot > 0, tot, 1.0)
    return np.minimum((u[:, None] >= cum).sum(axis=1), weights.shape[1] - 1)


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
        frame["estimated_attributes"] = _add_flag(frame["estimated_attributes"], year, "construction_year")
    if carrier.any():
        w = _row_weights(dist.carrier_weights, dist.cell_ids, cells[carrier])
        k = apportion(pd.factorize(cells[carrier])[0], uniform_from_ids(ids[carrier], "carrier"), w)
        col = frame["carrier"].to_numpy(dtype=object).copy()
        col[carrier] = np.asarray(dist.carriers, dtype=object)[k]
        frame["carrier"] = col
        frame["estimated_attributes"] = _add_flag(frame["estimated_attributes"], carrier, "carrier")
    return frame


def _add_flag(current: pd.Series, mask: np.ndarray, name: str) -> pd.Series:
    cur = current.fillna("").astype(str).to_numpy(dtype=object)
    add = np.where(cur == "", name, cur + "," + name)
    has = np.array([name in c.split(",") for c in cur]) if len(cur) else np.zeros(0, bool)
    return pd.Series(np.where(mask & ~has, add, cur), index=current.index, dtype=object)


# ---------------------------------------------------------------- OSM start_date

_YEAR = re.compile(r"^~?\s*(\d{4})(?:-\d{2}(?:-\d{2})?)?$")
_DECADE = re.compile(r"^~?\s*(\d{3})0s$")
_CENTURY = re.compile(r"^(early |mid |late )?C(\d{1,2})$")
_RANGE = re.compile(r"^(\d{4})\s*\.\.\s*(\d{4})$")


def parse_start_date(values, params: Parameters) -> np.ndarray:
    """OSM start_date -> year (float, NaN where not understood).

    '1965', '1965-05', '1965-05-12', '~1900' -> the year; '1960s' -> 1960 + formats.decade_year_offset;
    'C19' -> 1800 + formats.century_year_offset (early/mid/late C19 -> 1815/1850/1885); '1900..1910' -> the middle.
    """
    dec = params.value("formats.decade_year_offset")
    cen = params.value("formats.century_year_offset")
    out = np.full(len(values), np.nan)
    for i, raw in enumerate(values):
        if raw is None or (isinstance(raw, float) and np.isnan(raw)):
            continue
        s = str(raw).strip()
        if m := _YEAR.match(s):
            out[i] = int(m.group(1))
        elif m := _DECADE.match(s):
            out[i] = int(m.group(1)) * 10 + dec
        elif m := _CENTURY.match(s):
            first = (int(m.group(2)) - 1) * 100
            part = (m.group(1) or "").strip()
            out[i] = first + {"early": 0.3 * cen, "": cen, "mid": cen, "late": 1.7 * cen}[part]
        elif m := _RANGE.match(s):
            out[i] = np.floor((int(m.group(1)) + int(m.group(2))) / 2)
    return out


# ---------------------------------------------------------------- the mapping


def detect_mapping(columns) -> str:
    """osm, alkis or canonical from the column names (ValueError if none fits)."""
    cols = {str(c).lower() for c in columns}
    if set(CANONICAL) <= cols:
        return "canonical"
    if cols & {"gebaeudefunktion", "gfk", "funktion"}:
        return "alkis"
    if "building" in cols:
        return "osm"
    raise ValueError("no known layout")


def _col(gdf: pd.DataFrame, *names: str):
    lower = {str(c).lower(): c for c in gdf.columns}
    for n in names:
        if n.lower() in lower:
            return gdf[lower[n.lower()]]
    return None


def _numbers(series, n: int) -> np.ndarray:
    if series is None:
        return np.full(n, np.nan)
    first = series.astype("string").str.extract(r"(-?\d+(?:[.,]\d+)?)")[0].str.replace(",", ".", regex=False)
    return pd.to_numeric(first, errors="coerce").to_numpy(dtype=float)


def _attached(fps_3035: np.ndarray, distance: float) -> np.ndarray:
    tree = shapely.STRtree(fps_3035)
    idx = tree.query(fps_3035, predicate="dwithin", distance=distance)
    other = idx[0] != idx[1]
    out = np.zeros(len(fps_3035), dtype=bool)
    out[idx[0][other]] = True
    return out


def to_canonical(
    gdf: gpd.GeoDataFrame,
    mapping: str | dict = "auto",
    *,
    file_name: str = "buildings",
    distributions: CensusDistributions | None = None,
    params: Parameters | None = None,
) -> tuple[gpd.GeoDataFrame, str]:
    """Map a building layer to the canonical import columns (see the module docstring).

    Args:
        gdf: footprints (Polygon/MultiPolygon) with their source attributes, any CRS with an EPSG code.
        mapping: auto (detect), osm, alkis, canonical, lanuv (refused), or {source column: canonical column}.
        file_name: shown in problems.
        distributions: census distributions for estimated year and carrier (default: shipped Zensus 2011).
        params: parameters (default: the model's plus synth.csv and formats.csv).
    Returns:
        (GeoDataFrame in the input's CRS, name of the mapping used). Unheated buildings are left out
        (their count in `.attrs["n_unheated_dropped"]`; `.attrs["source_rows"]` gives each kept row's
        1-based row number in the input, for problems reported on the kept rows).
    Raises:
        ImportValidationError: unknown mapping, unknown ALKIS function codes, or no CRS.
    """
    params = format_parameters(params)
    if isinstance(mapping, dict):
        missing = [c for c in mapping if c not in gdf.columns]
        if missing:
            raise ImportValidationError(
                problems=[
                    Problem.of(
                        file=file_name,
                        column=c,
                        problem=("column named in the mapping is missing", "in der Zuordnung genannte Spalte fehlt"),
                        fix=("Check the mapping's source column names.", "Prüfen Sie die Spaltennamen der Zuordnung."),
                    )
                    for c in missing
                ]
            )
        gdf = gdf.rename(columns=mapping)
        name = "custom"
        base = "canonical" if set(CANONICAL) <= set(gdf.columns) else detect_or_none(gdf.columns) or "canonical"
    elif mapping == "lanuv":
        raise ImportValidationError.of(
            file=file_name,
            value="lanuv",
            problem=(
                "the attribute names of the LANUV NRW heat-demand model could not be verified, so there is no built-in mapping",
                "die Attributnamen des LANUV-Wärmebedarfsmodells NRW konnten nicht geprüft werden; es gibt keine eingebaute Zuordnung",
            ),
            fix=(
                "Pass a column mapping {source column: canonical column} (building_id, construction_year, gebaeudefunktion, storeys, ...).",
                "Geben Sie eine Spaltenzuordnung {Quellspalte: Zielspalte} an (building_id, construction_year, gebaeudefunktion, storeys, …).",
            ),
        )
    elif mapping == "auto":
        base = detect_or_none(gdf.columns)
        if base is None:
            raise ImportValidationError.of(
                file=file_name,
                value=", ".join(map(str, list(gdf.columns)[:15])),
                problem=(
                    "no known building layout (canonical columns, OSM 'building' tag or ALKIS 'gebaeudefunktion')",
                    "kein bekanntes Gebäudeformat (Standardspalten, OSM-Tag 'building' oder ALKIS 'gebaeudefunktion')",
                ),
                fix=(
                    "Add the canonical columns building_id, building_type, construction_year, carrier, or export with OSM tags or ALKIS attributes.",
                    "Ergänzen Sie die Spalten building_id, building_type, construction_year, carrier oder exportieren Sie mit OSM-Tags bzw. ALKIS-Attributen.",
                ),
            )
        name = base
    elif mapping in ("osm", "alkis", "canonical"):
        base = name = mapping
    else:
        raise ImportValidationError.of(
            file=file_name,
            value=mapping,
            problem=("unknown mapping", "unbekannte Zuordnung"),
            fix=(f"Use one of {', '.join(MAPPINGS)}.", f"Verwenden Sie eine von {', '.join(MAPPINGS)}."),
        )
    if gdf.crs is None or gdf.crs.to_epsg() is None:
        raise ImportValidationError.of(
            file=file_name,
            column="geometry",
            value=str(gdf.crs),
            problem=("has no CRS with an EPSG code", "hat kein Koordinatensystem mit EPSG-Code"),
            fix=("Declare the CRS (e.g. EPSG:25832).", "Geben Sie das Koordinatensystem an (z. B. EPSG:25832)."),
        )
    if base == "canonical":
        out = gdf.copy()
        if "estimated_attributes" not in out:
            out["estimated_attributes"] = ""
        if "is_residential" not in out:
            out["is_residential"] = out["building_type"].astype(str) != "NR"
        out.attrs["n_unheated_dropped"] = 0
        out.attrs["source_rows"] = np.arange(1, len(out) + 1)
        return out, name
    return _map(gdf, base, file_name, distributions, params), name


def detect_or_none(columns) -> str | None:
    try:
        return detect_mapping(columns)
    except ValueError:
        return None


def _map(gdf: gpd.GeoDataFrame, base: str, file_name: str, dist: CensusDistributions | None, params: Parameters) -> gpd.GeoDataFrame:
    n = len(gdf)
    fps = gdf.to_crs(3035).geometry.to_numpy()
    fp_area = shapely.area(fps)
    problems: list[Problem] = []
    if base == "osm":
        table = _osm_table()
        tag = _col(gdf, "building")
        tag = tag.astype("string").fillna("yes").str.strip().to_numpy(dtype=object)
        rows = [table.get(t, table["yes"]) for t in tag]
        storeys = _numbers(_col(gdf, "building:levels", "building_levels"), n)
        year = parse_start_date(_col(gdf, "start_date") if _col(gdf, "start_date") is not None else [None] * n, params)
        dwellings = _numbers(_col(gdf, "building:flats", "building_flats"), n)
        ids = _col(gdf, "osm_id", "@id", "id")
        addr = {k: _col(gdf, f"addr:{k}", f"addr_{k}") for k in ("street", "housenumber", "postcode", "city")}
        small_yes = (np.array([t not in table or t == "yes" for t in tag])) & (fp_area < params.value("formats.min_heated_footprint_m2"))
    else:
        table = _alkis_table()
        raw = _col(gdf, "gebaeudefunktion", "gfk", "funktion").astype("string").str.strip()
        code = pd.to_numeric(raw.str.extract(r"(\d{4})$")[0], errors="coerce")
        rows = []
        for i, (r, c) in enumerate(zip(raw.tolist(), code.tolist())):
            if pd.isna(c) or int(c) not in table:
                problems.append(
                    Problem.of(
                        file=file_name,
                        row=i + 1,
                        column="gebaeudefunktion",
                        value=str(r),
                        problem=(
                            "is not an ALKIS building-function code (AX_Gebaeudefunktion)",
                            "ist kein ALKIS-Gebäudefunktionsschlüssel (AX_Gebaeudefunktion)",
                        ),
                        fix=(
                            "Use the 4-digit code, e.g. 1010 (Wohnhaus), or drop the row.",
                            "Verwenden Sie den vierstelligen Schlüssel, z. B. 1010 (Wohnhaus), oder entfernen Sie die Zeile.",
                        ),
                    )
                )
                rows.append(table[9998])
            else:
                rows.append(table[int(c)])
        storeys = _numbers(_col(gdf, "anzahlDerOberirdischenGeschosse", "aog", "geschosse", "storeys"), n)
        year = _numbers(_col(gdf, "baujahr", "construction_year"), n)
        dwellings = _numbers(_col(gdf, "anzahlDerWohnungen", "dwellings"), n)
        ids = _col(gdf, "gml_id", "oi", "building_id", "id")
        addr = {k: _col(gdf, k, f"addr_{k}") for k in ("street", "housenumber", "postcode", "city")}
        small_yes = np.zeros(n, dtype=bool)
    if problems:
        raise ImportValidationError(problems=problems)
    btype = np.array([r["building_type"] for r in rows], dtype=object)
    residential = np.array([r["is_residential"] == "true" for r in rows])
    heated = np.array([r["is_heated"] == "true" for r in rows]) & ~small_yes
    estimated = pd.Series([""] * n, dtype=object)

    storeys = np.where((storeys < 1) | (storeys > 100), np.nan, np.round(storeys))
    # type of residential buildings of unknown size: attached / small / tall
    size_rule = np.isin(btype, ("size", "multi"))
    if size_rule.any():
        attached = _attached(fps, params.value("formats.attached_distance_m"))
        small = (fp_area <= params.value("formats.sfh_max_footprint_m2")) & ~(storeys > params.value("formats.sfh_max_storeys"))
        tall = storeys >= params.value("formats.ab_min_storeys")
        by_size = np.where(tall, "AB", np.where(small, np.where(attached, "TH", "SFH"), "MFH"))
        by_multi = np.where(tall, "AB", "MFH")
        guessed = btype == "size"
        btype = np.where(btype == "size", by_size, np.where(btype == "multi", by_multi, btype)).astype(object)
        estimated = _add_flag(estimated, guessed, "building_type")
    # storeys where missing: middle of the type's range
    mid = {t: np.ceil((params.value(f"storeys.min.{t}") + params.value(f"storeys.max.{t}")) / 2) for t in ("SFH", "TH", "MFH", "AB")}
    mid["NR"] = params.value("formats.nr_storeys_default")
    no_storeys = np.isnan(storeys)
    storeys = np.where(no_storeys, np.array([mid[t] for t in btype]) if n else storeys, storeys)
    estimated = _add_flag(estimated, no_storeys, "storeys")
    living = fp_area * storeys / params.value("gross_floor_per_living_area")
    estimated = _add_flag(estimated, np.ones(n, dtype=bool), "living_area_m2")

    if ids is None:
        ids = pd.Series([f"B{i + 1:07d}" for i in range(n)])
    out = pd.DataFrame(
        {
            "building_id": ids.astype("string").fillna("").str.strip().to_numpy(dtype=object),
            "building_type": btype,
            "construction_year": pd.array(
                np.where((year >= YEAR_RANGE[0]) & (year <= YEAR_RANGE[1]), year, np.nan), dtype="Float64"
            ).astype("Int64"),
            "carrier": pd.Series([None] * n, dtype=object),
            "living_area_m2": living,
            "heated_area_m2": living * params.value("a_c_ref_per_living_area"),
            "storeys": storeys.astype(np.int64),
            "dwellings": dwellings,
            "retrofit": "none",
            "heating_system": "unknown",
            "is_residential": residential,
            "estimated_attributes": estimated.to_numpy(dtype=object),
        }
    )
    for k, s in addr.items():
        out[k] = s.astype("string").to_numpy(dtype=object) if s is not None else None
    cent = shapely.centroid(fps)
    cx, cy = cell_of_point(shapely.get_x(cent), shapely.get_y(cent))
    cells = cell_id(cx, cy)
    dist = dist or shipped_distributions()
    out = fill_from_census(out, cells, dist, year=out["construction_year"].isna().to_numpy(), carrier=out["carrier"].isna().to_numpy())
    out["construction_year"] = out["construction_year"].astype(np.int64)
    keep = heated
    result = gpd.GeoDataFrame(out[keep].reset_index(drop=True), geometry=gdf.geometry.to_numpy()[keep], crs=gdf.crs)
    result.attrs["n_unheated_dropped"] = int((~keep).sum())
    result.attrs["source_rows"] = np.flatnonzero(keep) + 1  # row numbers in the file, for problems of the kept rows
    return result


__all__ = [
    "CensusDistributions",
    "detect_mapping",
    "distributions_from_2011",
    "apportion",
    "fill_from_census",
    "format_parameters",
    "parse_start_date",
    "shipped_distributions",
    "to_canonical",
    "uniform_from_ids",
]
