"""Reading and validating input files. Nothing here touches a database.

Every problem raises ImportValidationError naming the file, the row (1 = first feature or data
row), the column, the value and the fix.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ghgmodel.carriers import BUILDING_TYPES, HEATING_CARRIERS, RETROFIT_LEVELS
from heatdb.errors import ImportValidationError
from heatdb.synth import COUNT_COLUMNS

UNCHANGED = "Nothing was imported; the database is unchanged."
VECTOR_SUFFIXES = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage", ".parquet": "GeoParquet", ".geoparquet": "GeoParquet"}
# lon/lat box of Germany with a margin: data outside it almost always has a wrong CRS
GERMANY_BOX = (5.0, 47.0, 16.0, 55.5)
CELL_ID = re.compile(r"^CRS3035RES100mN(\d+)E(\d+)$")
HEATING_SYSTEMS = ("fernheizung", "etagenheizung", "blockheizung", "zentralheizung", "einzel_mehrraumoefen", "keine_heizung", "unknown")


def fail(path: str | Path, message: str, fix: str) -> ImportValidationError:
    return ImportValidationError(f"{Path(path).name}: {message}. {fix} {UNCHANGED}")


def fail_row(path, row: int, column: str, value, problem: str, fix: str) -> ImportValidationError:
    if isinstance(value, np.generic):  # show 3019, not np.int32(3019)
        value = value.item()
    return ImportValidationError(f"{Path(path).name}, row {row}, column {column}: {value!r} {problem}. {fix} {UNCHANGED}")


def _check_file(path: Path) -> None:
    if not path.exists():
        raise fail(path, "file not found", "Check the path.")
    if path.stat().st_size == 0:
        raise fail(path, "the file is empty", "Export the data again.")


def read_vector(path: str | Path, *, geometry_types: tuple[str, ...]) -> gpd.GeoDataFrame:
    """Read a GeoJSON, GeoPackage or GeoParquet file, check geometries and CRS, return it in EPSG:4326."""
    path = Path(path)
    _check_file(path)
    kind = VECTOR_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise fail(path, f"unknown file type {path.suffix!r}", "Give a .geojson, .gpkg or .parquet file.")
    if kind == "GeoJSON":
        raw = path.read_bytes()
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise fail(path, f"not UTF-8 (byte {exc.start})", "GeoJSON must be UTF-8; save the file as UTF-8.") from None
    try:
        gdf = gpd.read_parquet(path) if kind == "GeoParquet" else gpd.read_file(path)
    except Exception as exc:  # pyogrio/pyarrow raise many types for unreadable files
        detail = str(exc).splitlines()[0].replace(str(path.resolve()), path.name).replace(str(path), path.name)[:200]
        raise fail(path, f"cannot be read as {kind} ({detail})", f"Check that it is a valid {kind} file.") from None
    if len(gdf) == 0:
        raise fail(path, "has no features", "Export the data again with its features.")
    if gdf.crs is None:
        if kind != "GeoJSON":
            raise fail(path, "has no coordinate reference system (CRS)", "Set the CRS when exporting (e.g. EPSG:25832 or EPSG:4326).")
        gdf = gdf.set_crs(4326)
    geoms = gdf.geometry.to_numpy()
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if missing.any():
        i = int(np.flatnonzero(missing)[0])
        raise fail_row(path, i + 1, "geometry", "empty", "has no geometry", "Give every feature a geometry or remove it.")
    types = shapely.get_type_id(geoms)
    names = np.array(["Point", "LineString", "LinearRing", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"])[types]
    bad_type = ~np.isin(names, geometry_types)
    if bad_type.any():
        i = int(np.flatnonzero(bad_type)[0])
        raise fail_row(path, i + 1, "geometry", names[i], f"is not a {' or '.join(geometry_types)}", f"This import needs {' or '.join(geometry_types)} geometries.")
    invalid = ~shapely.is_valid(geoms)
    if invalid.any():
        i = int(np.flatnonzero(invalid)[0])
        raise fail_row(path, i + 1, "geometry", shapely.is_valid_reason(geoms[i]), "is not a valid geometry", "Repair it (e.g. QGIS 'Fix geometries' or shapely.make_valid) and import again.")
    declared = gdf.crs.to_string()
    try:
        gdf = gdf.to_crs(4326)
    except Exception as exc:
        raise fail(path, f"its CRS {gdf.crs} cannot be converted to EPSG:4326 ({exc})", "Set a standard CRS.") from None
    minx, miny, maxx, maxy = gdf.total_bounds
    lo_x, lo_y, hi_x, hi_y = GERMANY_BOX
    if minx < lo_x or maxx > hi_x or miny < lo_y or maxy > hi_y:
        b = gdf.geometry.bounds
        out = (b.minx < lo_x) | (b.maxx > hi_x) | (b.miny < lo_y) | (b.maxy > hi_y)
        i = int(np.flatnonzero(out.to_numpy())[0])
        raise fail_row(
            path,
            i + 1,
            "geometry",
            f"{b.minx.iloc[i]:.4f}, {b.miny.iloc[i]:.4f}",
            f"lies outside Germany when read in {declared}",
            "The declared CRS is probably wrong: set the CRS the coordinates are really in.",
        )
    return gdf.reset_index(drop=True)


def _require(path, frame: pd.DataFrame, columns) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise fail(path, f"missing column(s) {', '.join(missing)} (found: {', '.join(map(str, frame.columns[:20]))})", "Add or rename the columns.")


def _text(path, frame, column, *, allowed=None, unique=False, required=True) -> pd.Series:
    s = frame[column].astype("string").str.strip() if column in frame else pd.Series([pd.NA] * len(frame), dtype="string")
    empty = s.isna() | (s == "")
    if required and empty.any():
        i = int(np.flatnonzero(empty.to_numpy())[0])
        raise fail_row(path, i + 1, column, "", "is empty", "Give a value in every row.")
    if unique:
        dup = s.duplicated() & ~empty
        if dup.any():
            i = int(np.flatnonzero(dup.to_numpy())[0])
            raise fail_row(path, i + 1, column, s.iloc[i], "appears twice", "Every row needs its own id.")
    if allowed is not None:
        bad = ~s.isin(allowed) & ~empty
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise fail_row(path, i + 1, column, s.iloc[i], "is not allowed", f"Use one of {', '.join(allowed)}.")
    return s


def _number(path, frame, column, low, high, *, integer=False, required=True) -> pd.Series:
    if column not in frame:
        return pd.Series(np.nan, index=frame.index)
    raw = frame[column]
    val = pd.to_numeric(raw, errors="coerce")
    empty = raw.isna() | (raw.astype("string").str.strip() == "")
    bad = val.isna() & ~empty
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise fail_row(path, i + 1, column, raw.iloc[i], "is not a number", "Give a number.")
    if required and empty.any():
        i = int(np.flatnonzero(empty.to_numpy())[0])
        raise fail_row(path, i + 1, column, "", "is empty", "Give a value in every row.")
    out = ((val < low) | (val > high) | (integer & (val % 1 != 0))) & val.notna()
    if out.any():
        i = int(np.flatnonzero(out.fillna(False).to_numpy())[0])
        raise fail_row(path, i + 1, column, raw.iloc[i], f"is outside {low:g}..{high:g}" + (" or not a whole number" if integer else ""), "Correct the value or drop the row.")
    return val


def read_districts(path: str | Path) -> gpd.GeoDataFrame:
    """Districts: canonical columns level, code, name[, parent_code], or Dortmund's statbez / Stadtbezirk / city files."""
    gdf = read_vector(path, geometry_types=("Polygon", "MultiPolygon"))
    cols = set(gdf.columns)
    if cols & {"statbez_nr", "statbez_name"}:
        _require(path, gdf, ["statbez_nr", "statbez_name", "stadtbezirk_nr"])
        code = _text(path, gdf, "statbez_nr", unique=True)
        bad = ~code.str.fullmatch(r"\d{3}")
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise fail_row(path, i + 1, "statbez_nr", code.iloc[i], "is not a 3-digit code", "Use codes like 010.")
        out = pd.DataFrame({"level": "statbez", "code": code, "name": _text(path, gdf, "statbez_name"), "parent_code": gdf["stadtbezirk_nr"].astype(int).astype(str)})
        parent_level = "stadtbezirk"
    elif {"stadtbezirk_nr", "stadtbezirk_name"} <= cols:
        out = pd.DataFrame({"level": "stadtbezirk", "code": gdf["stadtbezirk_nr"].astype(int).astype(str), "name": _text(path, gdf, "stadtbezirk_name"), "parent_code": pd.NA})
        parent_level = "city"
    elif {"ags", "name"} <= cols:
        out = pd.DataFrame({"level": "city", "code": _text(path, gdf, "ags"), "name": _text(path, gdf, "name"), "parent_code": pd.NA})
        parent_level = None
    else:
        _require(path, gdf, ["level", "code", "name"])
        level = _text(path, gdf, "level", allowed=("city", "stadtbezirk", "statbez"))
        out = pd.DataFrame({"level": level, "code": _text(path, gdf, "code"), "name": _text(path, gdf, "name"), "parent_code": gdf["parent_code"].astype("string") if "parent_code" in gdf else pd.NA})
        parent_level = {"statbez": "stadtbezirk", "stadtbezirk": "city", "city": None}
    out["district_id"] = out["level"] + "-" + out["code"].astype(str)
    dup = out["district_id"].duplicated()
    if dup.any():
        i = int(np.flatnonzero(dup.to_numpy())[0])
        raise fail_row(path, i + 1, "code", out["code"].iloc[i], "appears twice", "Every district needs its own code.")
    if isinstance(parent_level, dict):
        out["parent_id"] = [f"{parent_level[lv]}-{p}" if parent_level[lv] and pd.notna(p) else None for lv, p in zip(out["level"], out["parent_code"])]
    else:
        out["parent_id"] = [f"{parent_level}-{p}" if parent_level and pd.notna(p) else None for p in out["parent_code"]]
    return gpd.GeoDataFrame(out[["district_id", "level", "code", "name", "parent_id"]], geometry=gdf.geometry.to_numpy(), crs=4326)


def read_census_cells(path: str | Path) -> pd.DataFrame:
    """Zensus 2011 100 m counts in the shipped CSV format (gitter_id_100m plus the count columns)."""
    path = Path(path)
    _check_file(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise fail(path, f"unknown file type {path.suffix!r}", "Give the census cells as a .csv file.")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise fail(path, f"not UTF-8 (byte {exc.start})", "Save the CSV as UTF-8.") from None
    import io

    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except pd.errors.ParserError as exc:
        raise fail(path, f"not a readable CSV file ({exc})", "Check separators and quoting.") from None
    if frame.empty:
        raise fail(path, "has a header but no rows", "Export the cells again.")
    _require(path, frame, ["gitter_id_100m", *COUNT_COLUMNS])
    ids = _text(path, frame, "gitter_id_100m", unique=True)
    match = ids.str.extract(CELL_ID)
    bad = match[0].isna()
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        raise fail_row(path, i + 1, "gitter_id_100m", ids.iloc[i], "is not an INSPIRE 100 m cell id", "Use ids like CRS3035RES100mN3159900E4135000.")
    y = match[0].astype(np.int64)
    x = match[1].astype(np.int64)
    off = (x % 100 != 0) | (y % 100 != 0)
    if off.any():
        i = int(np.flatnonzero(off.to_numpy())[0])
        raise fail_row(path, i + 1, "gitter_id_100m", ids.iloc[i], "is not on the 100 m grid", "Use the cell's lower-left corner.")
    out = pd.DataFrame({"cell_id": ids.astype(str), "x_3035": x.astype(float), "y_3035": y.astype(float)})
    for col in COUNT_COLUMNS:
        out[col] = _number(path, frame, col, 0, 100000, integer=True).astype(np.int64)
    for col in ("wohnflaeche_m2_geschaetzt",):
        out[col] = _number(path, frame, col, 0, 1e7, required=False).fillna(0.0) if col in frame else 0.0
    if "statbez_nr" in frame:
        out["statbez_nr"] = frame["statbez_nr"].astype(str)
    return out.sort_values("cell_id").reset_index(drop=True)


def read_dh_areas(path: str | Path) -> gpd.GeoDataFrame:
    """Existing district-heating areas: dh_area_id (or zone_id), optional name, network_id, n_cells."""
    gdf = read_vector(path, geometry_types=("Polygon", "MultiPolygon"))
    id_col = "dh_area_id" if "dh_area_id" in gdf else "zone_id"
    _require(path, gdf, [id_col])
    ids = _text(path, gdf, id_col, unique=True)
    out = pd.DataFrame({"dh_area_id": ids.astype(str)})
    out["name"] = gdf["name"].astype(str) if "name" in gdf else ("Fernwärmegebiet " + ids.astype(str)).astype(str)
    out["network_id"] = gdf["network_id"].astype(str) if "network_id" in gdf else None
    out["n_cells"] = _number(path, gdf, "n_zellen", 0, 1e6, integer=True, required=False).fillna(0).astype(int) if "n_zellen" in gdf else 0
    out["lage_stadtbezirk"] = gdf["lage_stadtbezirk"].astype(str) if "lage_stadtbezirk" in gdf else ""
    return gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326)


def read_buildings(path: str | Path) -> gpd.GeoDataFrame:
    """A city's own building footprints with attributes (see README for the columns)."""
    gdf = read_vector(path, geometry_types=("Polygon", "MultiPolygon"))
    _require(path, gdf, ["building_id", "building_type", "construction_year", "carrier"])
    if "heated_area_m2" not in gdf and "living_area_m2" not in gdf:
        raise fail(path, "needs heated_area_m2 or living_area_m2", "Add one of the two columns (m2).")
    out = pd.DataFrame({"building_id": _text(path, gdf, "building_id", unique=True).astype(str)})
    out["building_type"] = _text(path, gdf, "building_type", allowed=BUILDING_TYPES).astype(str)
    out["construction_year"] = _number(path, gdf, "construction_year", 1500, 2030, integer=True).astype(np.int64)
    out["carrier"] = _text(path, gdf, "carrier", allowed=HEATING_CARRIERS).astype(str)
    heated = _number(path, gdf, "heated_area_m2", 1, 1e6, required=False)
    living = _number(path, gdf, "living_area_m2", 1, 1e6, required=False)
    out["living_area_m2"] = living
    out["heated_area_m2"] = heated
    out["storeys"] = _number(path, gdf, "storeys", 1, 100, integer=True, required=False)
    out["dwellings"] = _number(path, gdf, "dwellings", 0, 5000, integer=True, required=False)
    out["retrofit"] = _text(path, gdf, "retrofit", allowed=RETROFIT_LEVELS, required=False).fillna("none").astype(str) if "retrofit" in gdf else "none"
    out["heating_system"] = _text(path, gdf, "heating_system", allowed=HEATING_SYSTEMS, required=False).fillna("unknown").astype(str) if "heating_system" in gdf else "unknown"
    out["final_energy_mwh_measured"] = _number(path, gdf, "final_energy_mwh", 0, 1e6, required=False)
    both_missing = out["heated_area_m2"].isna() & out["living_area_m2"].isna()
    if both_missing.any():
        i = int(np.flatnonzero(both_missing.to_numpy())[0])
        raise fail_row(path, i + 1, "heated_area_m2", "", "is empty (and living_area_m2 too)", "Give one of the two areas.")
    return gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326)
