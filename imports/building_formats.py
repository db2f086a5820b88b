"""Building files in their source's own attributes, mapped to the canonical import columns.

`to_canonical(gdf)` recognises three layouts and maps them to the columns `imports.buildings.read`
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
  Zensus 2011 cells; the importer redraws them with Zensus 2022 when that is imported; imports.census_fill): a cell's
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
from functools import lru_cache

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ghgmodel.params import Parameters
from heatdb.errors import ImportValidationError, Problem
from heatdb.geo import cell_id, cell_of_point
from imports.census_fill import CensusDistributions, add_flag, fill_from_census, shipped_distributions
from imports.params import FORMATS_PARAMS, format_parameters

# the tables stay beside the warehouse's own parameters (heatdb/params): the methods page lists them together
PARAM_DIR = FORMATS_PARAMS.parent
OSM_TABLE = PARAM_DIR / "osm_building_types.csv"
ALKIS_TABLE = PARAM_DIR / "alkis_gebaeudefunktion.csv"
MAPPINGS = ("auto", "osm", "alkis", "canonical", "lanuv")
CANONICAL = ("building_id", "building_type", "construction_year", "carrier")
YEAR_RANGE = (1500, 2030)


@lru_cache(maxsize=1)
def _osm_table() -> dict[str, dict]:
    with OSM_TABLE.open(encoding="utf-8") as f:
        return {r["osm_building"]: r for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _alkis_table() -> dict[int, dict]:
    with ALKIS_TABLE.open(encoding="utf-8") as f:
        return {int(r["code"]): r for r in csv.DictReader(f)}


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
        estimated = add_flag(estimated, guessed, "building_type")
    # storeys where missing: middle of the type's range
    mid = {t: np.ceil((params.value(f"storeys.min.{t}") + params.value(f"storeys.max.{t}")) / 2) for t in ("SFH", "TH", "MFH", "AB")}
    mid["NR"] = params.value("formats.nr_storeys_default")
    no_storeys = np.isnan(storeys)
    storeys = np.where(no_storeys, np.array([mid[t] for t in btype]) if n else storeys, storeys)
    estimated = add_flag(estimated, no_storeys, "storeys")
    living = fp_area * storeys / params.value("gross_floor_per_living_area")
    estimated = add_flag(estimated, np.ones(n, dtype=bool), "living_area_m2")

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


__all__ = ["MAPPINGS", "detect_mapping", "detect_or_none", "parse_start_date", "to_canonical"]
