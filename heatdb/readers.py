"""Reading and validating the files the build reads (districts, census cells, district-heating areas, any
vector file). Nothing here touches a database; the importers (imports/) read a city's own files of the
same kinds with the same readers.

A reader checks the whole file and lists every problem it finds (heatdb.validate.Checker), each
with file, row (1 = first feature or data row), column, value and fix, in German and English.
Problems of the whole file (missing, empty, unreadable, wrong encoding or delimiter, missing
columns, no CRS) stop at once. With `skip_invalid` the rows with problems are left out and their
problems travel with the data (heatdb.validate.skipped).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from heatdb.census import COUNT_COLUMNS
from heatdb.errors import UNCHANGED as _UNCHANGED
from heatdb.errors import ImportValidationError
from heatdb.validate import Checker, check_file, check_line_lengths, decode_text, require_columns

UNCHANGED = _UNCHANGED["en"]
VECTOR_SUFFIXES = {
    ".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GeoPackage", ".parquet": "GeoParquet", ".geoparquet": "GeoParquet",
    ".shp": "Shapefile", ".zip": "Shapefile (zip)",
}  # fmt: skip
CELL_ID = re.compile(r"^CRS3035RES100mN(\d+)E(\d+)$")
DECLARED_CRS = "declared_crs"


def _shapefile_source(path: Path) -> str:
    """The path pyogrio reads: the .shp itself, or /vsizip/ into a zip holding exactly one .shp."""
    if path.suffix.lower() == ".shp":
        if not path.with_suffix(".prj").exists() and not path.with_suffix(".PRJ").exists():
            raise ImportValidationError.of(
                file=path,
                problem=(
                    "has no .prj file, so its coordinate reference system (CRS) is not declared",
                    "hat keine .prj-Datei, das Koordinatensystem ist also nicht angegeben",
                ),
                fix=(
                    "Put the .prj next to the .shp (export the Shapefile with its CRS).",
                    "Die .prj-Datei neben die .shp legen (Shapefile mit Koordinatensystem exportieren).",
                ),
            )
        return str(path)
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if not n.startswith("__MACOSX")]
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportValidationError.of(
            file=path,
            problem=(f"is not a readable zip file ({exc})", f"ist keine lesbare ZIP-Datei ({exc})"),
            fix=("Zip the Shapefile again.", "Das Shapefile erneut zippen."),
        ) from None
    shps = [n for n in names if n.lower().endswith(".shp")]
    if len(shps) != 1:
        raise ImportValidationError.of(
            file=path,
            problem=(f"holds {len(shps)} .shp files", f"enthält {len(shps)} .shp-Dateien"),
            fix=("Zip exactly one Shapefile (.shp, .shx, .dbf, .prj).", "Genau ein Shapefile zippen (.shp, .shx, .dbf, .prj)."),
        )
    stem = shps[0][:-4]
    if not any(n.lower() == (stem + ".prj").lower() for n in names):
        raise ImportValidationError.of(
            file=path,
            problem=(
                f"{shps[0]} has no .prj file in the zip, so its coordinate reference system (CRS) is not declared",
                f"{shps[0]} hat keine .prj-Datei in der ZIP-Datei, das Koordinatensystem ist also nicht angegeben",
            ),
            fix=("Add the .prj file to the zip.", "Die .prj-Datei mit in die ZIP-Datei packen."),
        )
    return f"/vsizip/{path}/{shps[0]}"


def open_vector(path: str | Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON, GeoPackage, GeoParquet or (zipped) Shapefile and convert it to EPSG:4326.

    Only problems of the whole file are raised here; check the geometries with Checker.geometry
    (the declared CRS is in `gdf.attrs["declared_crs"]`).
    """
    path = Path(path)
    check_file(path)
    kind = VECTOR_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise ImportValidationError.of(
            file=path,
            problem=(f"unknown file type {path.suffix!r}", f"unbekannter Dateityp {path.suffix!r}"),
            fix=(
                "Give a .geojson, .gpkg, .parquet or a zipped Shapefile (.zip).",
                "Eine .geojson-, .gpkg-, .parquet-Datei oder ein gezipptes Shapefile (.zip) angeben.",
            ),
        )
    if kind == "GeoJSON":
        decode_text(path, path.read_bytes(), encodings=("utf-8",), what="GeoJSON")
    source = _shapefile_source(path) if kind.startswith("Shapefile") else str(path)
    try:
        gdf = gpd.read_parquet(path) if kind == "GeoParquet" else gpd.read_file(source)
    except Exception as exc:  # pyogrio/pyarrow raise many types for unreadable files
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        detail = detail.replace(str(path.resolve()), path.name).replace(str(path), path.name)[:200]
        raise ImportValidationError.of(
            file=path,
            problem=(f"cannot be read as {kind} ({detail})", f"kann nicht als {kind} gelesen werden ({detail})"),
            fix=(
                f"Check that it is a valid {kind} file (not truncated).",
                f"Prüfen, ob es eine vollständige {kind}-Datei ist (nicht abgeschnitten).",
            ),
        ) from None
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf:
        raise ImportValidationError.of(
            file=path,
            problem=("has no geometry column", "hat keine Geometriespalte"),
            fix=("Export it with its geometries.", "Mit Geometrien exportieren."),
        )
    if len(gdf) == 0:
        raise ImportValidationError.of(
            file=path,
            problem=("has no features", "enthält keine Objekte"),
            fix=("Export the data again with its features.", "Die Daten mit ihren Objekten erneut exportieren."),
        )
    if gdf.crs is None:
        if kind != "GeoJSON":
            raise ImportValidationError.of(
                file=path,
                problem=("has no coordinate reference system (CRS)", "hat kein Koordinatenreferenzsystem (CRS)"),
                fix=(
                    "Set the CRS when exporting (e.g. EPSG:25832 or EPSG:4326).",
                    "Beim Export das Koordinatensystem setzen (z. B. EPSG:25832 oder EPSG:4326).",
                ),
            )
        gdf = gdf.set_crs(4326)  # RFC 7946: GeoJSON is WGS 84 lon/lat
    epsg = gdf.crs.to_epsg()
    declared = f"EPSG:{epsg}" if epsg else gdf.crs.to_string()
    try:
        gdf = gdf.to_crs(4326)
    except Exception as exc:
        raise ImportValidationError.of(
            file=path,
            problem=(
                f"its CRS {declared} cannot be converted to EPSG:4326 ({exc})",
                f"sein Koordinatensystem {declared} lässt sich nicht nach EPSG:4326 umrechnen",
            ),
            fix=("Set a standard CRS with an EPSG code.", "Ein Standard-Koordinatensystem mit EPSG-Code setzen."),
        ) from None
    gdf = gdf.reset_index(drop=True)
    gdf.attrs[DECLARED_CRS] = declared
    return gdf


def read_vector(path: str | Path, *, geometry_types: tuple[str, ...]) -> gpd.GeoDataFrame:
    """open_vector plus the geometry checks; raises listing every bad geometry."""
    gdf = open_vector(path)
    chk = Checker(path, gdf)
    chk.geometry(gdf.geometry.to_numpy(), geometry_types, declared_crs=gdf.attrs[DECLARED_CRS])
    if chk.problems:
        raise chk.error()
    return gdf


def _vector_checked(path, geometry_types) -> tuple[gpd.GeoDataFrame, Checker]:
    gdf = open_vector(path)
    chk = Checker(path, gdf)
    chk.geometry(gdf.geometry.to_numpy(), geometry_types, declared_crs=gdf.attrs[DECLARED_CRS])
    return gdf, chk


def read_csv_text(path: Path, text: str, *, sep: str = ",", expect: tuple[str, ...] = ()) -> pd.DataFrame:
    """A CSV as text columns; a wrong delimiter or broken quoting is a problem of the file."""
    check_line_lengths(path, text)
    first = text.split("\n", 1)[0]
    try:
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, ValueError) as exc:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise ImportValidationError.of(
            file=path,
            problem=(f"not a readable CSV file ({detail})", f"keine lesbare CSV-Datei ({detail})"),
            fix=(f"Check the separator ({sep!r}) and the quoting.", f"Trennzeichen ({sep!r}) und Anführungszeichen prüfen."),
        ) from None
    others = [d for d in (",", ";", "\t", "|") if d != sep and d in first]
    if frame.shape[1] == 1 and others and (not expect or expect[0] not in frame.columns):
        name = {"\t": "tab"}.get(others[0], repr(others[0]))
        raise ImportValidationError.of(
            file=path,
            problem=(f"is separated by {name}, not by {sep!r}", f"ist durch {name} getrennt, nicht durch {sep!r}"),
            fix=(f"Save the CSV with {sep!r} as separator.", f"Die CSV-Datei mit {sep!r} als Trennzeichen speichern."),
        )
    return frame


def read_districts(path: str | Path, *, skip_invalid: bool = False) -> gpd.GeoDataFrame:
    """Districts: canonical columns level, code, name[, parent_code], or Dortmund's statbez / Stadtbezirk / city files."""
    gdf, chk = _vector_checked(path, ("Polygon", "MultiPolygon"))
    cols = set(gdf.columns)

    def code_of(column):  # a number column (10) or a text column ("10") as text without ".0"
        v = chk.number(column, 0, 1e12, integer=True) if pd.api.types.is_numeric_dtype(gdf[column]) else None
        return v.astype("Int64").astype("string") if v is not None else chk.text(column)

    if cols & {"statbez_nr", "statbez_name"}:
        require_columns(path, gdf, ["statbez_nr", "statbez_name", "stadtbezirk_nr"])
        code = chk.text("statbez_nr", unique=True)
        bad = ~code.str.fullmatch(r"\d{3}").fillna(True).to_numpy() & code.notna().to_numpy()
        chk.add(
            bad,
            column="statbez_nr",
            values=code,
            problem=("is not a 3-digit code", "ist kein dreistelliger Code"),
            fix=("Use codes like 010.", "Codes wie 010 verwenden."),
        )
        out = pd.DataFrame({"level": "statbez", "code": code, "name": chk.text("statbez_name"), "parent_code": code_of("stadtbezirk_nr")})
        parent_level = "stadtbezirk"
    elif {"stadtbezirk_nr", "stadtbezirk_name"} <= cols:
        out = pd.DataFrame(
            {"level": "stadtbezirk", "code": code_of("stadtbezirk_nr"), "name": chk.text("stadtbezirk_name"), "parent_code": pd.NA}
        )
        parent_level = "city"
    elif {"ags", "name"} <= cols:
        out = pd.DataFrame({"level": "city", "code": chk.text("ags"), "name": chk.text("name"), "parent_code": pd.NA})
        parent_level = None
    else:
        require_columns(path, gdf, ["level", "code", "name"])
        level = chk.text("level", allowed=("city", "stadtbezirk", "statbez"))
        parent = gdf["parent_code"].astype("string") if "parent_code" in gdf else pd.NA
        out = pd.DataFrame({"level": level, "code": chk.text("code"), "name": chk.text("name"), "parent_code": parent})
        parent_level = {"statbez": "stadtbezirk", "stadtbezirk": "city", "city": None}
    out["district_id"] = out["level"] + "-" + out["code"].astype("string")
    dup = out["district_id"].duplicated().to_numpy() & out["district_id"].notna().to_numpy() & ~chk.bad
    chk.add(
        dup,
        column="code",
        values=out["code"],
        problem=("appears twice", "kommt doppelt vor"),
        fix=("Every district needs its own code.", "Jeder Bezirk braucht einen eigenen Code."),
    )
    out = gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326)
    out = chk.finish(out, skip_invalid=skip_invalid)
    if isinstance(parent_level, dict):
        out["parent_id"] = [
            f"{parent_level[lv]}-{p}" if parent_level[lv] and pd.notna(p) else None for lv, p in zip(out["level"], out["parent_code"])
        ]
    else:
        out["parent_id"] = [f"{parent_level}-{p}" if parent_level and pd.notna(p) else None for p in out["parent_code"]]
    for c in ("district_id", "level", "code", "name"):
        out[c] = out[c].astype(str)
    return _keep_attrs(out, out[["district_id", "level", "code", "name", "parent_id", "geometry"]])


def _keep_attrs(src, dst):
    dst = dst.copy()
    dst.attrs.update(src.attrs)
    return dst


def read_census_cells(path: str | Path, *, skip_invalid: bool = False) -> pd.DataFrame:
    """Zensus 2011 100 m counts in the shipped CSV format (gitter_id_100m plus the count columns)."""
    path = Path(path)
    check_file(path)
    if path.suffix.lower() not in (".csv", ".txt"):
        raise ImportValidationError.of(
            file=path,
            problem=(f"unknown file type {path.suffix!r}", f"unbekannter Dateityp {path.suffix!r}"),
            fix=("Give the census cells as a .csv file.", "Die Zensuszellen als .csv-Datei angeben."),
        )
    text = decode_text(path, path.read_bytes(), encodings=("utf-8-sig",))
    frame = read_csv_text(path, text, sep=",", expect=("gitter_id_100m",))
    if frame.empty:
        raise ImportValidationError.of(
            file=path,
            problem=("has a header but no rows", "hat eine Kopfzeile, aber keine Zeilen"),
            fix=("Export the cells again.", "Die Zellen erneut exportieren."),
        )
    require_columns(path, frame, ["gitter_id_100m", *COUNT_COLUMNS])
    chk = Checker(path, frame)
    ids = chk.text("gitter_id_100m", unique=True)
    match = ids.str.extract(CELL_ID)
    bad = match[0].isna().to_numpy() & ids.notna().to_numpy() & (ids != "").fillna(False).to_numpy()
    chk.add(
        bad,
        column="gitter_id_100m",
        values=ids,
        problem=("is not an INSPIRE 100 m cell id", "ist keine INSPIRE-100-m-Zellkennung"),
        fix=("Use ids like CRS3035RES100mN3159900E4135000.", "Kennungen wie CRS3035RES100mN3159900E4135000 verwenden."),
    )
    y = pd.to_numeric(match[0], errors="coerce")
    x = pd.to_numeric(match[1], errors="coerce")
    off = (((x % 100) != 0) | ((y % 100) != 0)).fillna(False).to_numpy() & ~bad
    chk.add(
        off,
        column="gitter_id_100m",
        values=ids,
        problem=("is not on the 100 m grid", "liegt nicht auf dem 100-m-Raster"),
        fix=("Use the cell's lower-left corner.", "Die linke untere Ecke der Zelle verwenden."),
    )
    out = pd.DataFrame({"cell_id": ids.astype(str), "x_3035": x.astype(float), "y_3035": y.astype(float)})
    for col in COUNT_COLUMNS:
        out[col] = chk.number(col, 0, 100000, integer=True)
    out["wohnflaeche_m2_geschaetzt"] = (
        chk.number("wohnflaeche_m2_geschaetzt", 0, 1e7, required=False).fillna(0.0) if "wohnflaeche_m2_geschaetzt" in frame else 0.0
    )
    if "statbez_nr" in frame:
        out["statbez_nr"] = frame["statbez_nr"].astype(str)
    out = chk.finish(out, skip_invalid=skip_invalid)
    for col in COUNT_COLUMNS:
        out[col] = out[col].astype(np.int64)
    return _keep_attrs(out, out.sort_values("cell_id").reset_index(drop=True))


def read_dh_areas(path: str | Path, *, skip_invalid: bool = False) -> gpd.GeoDataFrame:
    """Existing district-heating areas: dh_area_id (or zone_id), optional name, network_id, n_cells."""
    gdf, chk = _vector_checked(path, ("Polygon", "MultiPolygon"))
    id_col = "dh_area_id" if "dh_area_id" in gdf else "zone_id"
    require_columns(path, gdf, [id_col], fix=("Add an id column dh_area_id.", "Eine Kennungsspalte dh_area_id ergänzen."))
    ids = chk.text(id_col, unique=True)
    out = pd.DataFrame({"dh_area_id": ids.astype(str)})
    out["name"] = gdf["name"].astype(str) if "name" in gdf else ("Fernwärmegebiet " + ids.astype(str)).astype(str)
    out["network_id"] = gdf["network_id"].astype(str) if "network_id" in gdf else None
    out["n_cells"] = chk.number("n_zellen", 0, 1e6, integer=True, required=False).fillna(0) if "n_zellen" in gdf else 0
    out["lage_stadtbezirk"] = gdf["lage_stadtbezirk"].astype(str) if "lage_stadtbezirk" in gdf else ""
    out = chk.finish(gpd.GeoDataFrame(out, geometry=gdf.geometry.to_numpy(), crs=4326), skip_invalid=skip_invalid)
    out["n_cells"] = out["n_cells"].astype(int)
    return out
