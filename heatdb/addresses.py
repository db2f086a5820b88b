"""Addresses for the residents' lookup: the official house coordinates (HK-DE / Hauskoordinaten NRW) or
OpenStreetMap `addr:*` tags.

HK-DE is a semicolon-separated text file with 18 fields per line (NBA; OI; QUA; LAN; RBZ; KRS; GMD;
OTT; SSS; HNR; ADZ; East; North; STN; PLZ; ONM; ZON; POT), coordinates in ETRS89/UTM zone 32
(EPSG:25832) with a decimal comma and the zone number possibly prefixed to the east value
(32xxxxxx,xxx). A header line with these names is allowed. The specification names ISO Latin-1,
newer deliveries are UTF-8: both are read. OSM data come as GeoJSON with `addr_street`,
`addr_housenumber` (or `addr:street`, ...) on points or building polygons (their centroid is used).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from heatdb.errors import ImportValidationError
from heatdb.geo import cell_id, cell_of_point, lonlat_to_3035, transform
from heatdb.readers import DECLARED_CRS, open_vector
from heatdb.validate import GERMANY_BOX, Checker, check_file, check_line_lengths

HK_FIELDS = ("NBA", "OI", "QUA", "LAN", "RBZ", "KRS", "GMD", "OTT", "SSS", "HNR", "ADZ", "EAST", "NORTH", "STN", "PLZ", "ONM", "ZON", "POT")
MAX_QUERY = 100


def search_key(text: str) -> str:
    """Lower case, umlauts and ß folded, punctuation dropped, 'straße' and 'str.' made the same."""
    s = str(text).lower().replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = re.sub(r"strasse\b|str\b\.?", "str", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _hk_frame(path: Path) -> tuple[pd.DataFrame, Checker]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # the HK-DE specification's character set
    check_line_lengths(path, text)
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise ImportValidationError.of(
            file=path,
            problem=("has no address lines", "enthält keine Adresszeilen"),
            fix=("Export the house coordinates again.", "Die Hauskoordinaten erneut exportieren."),
        )
    header = [c.strip().upper() for c in lines[0].split(";")]
    has_header = "HNR" in header and "STN" in header
    body = "\n".join(lines[1:] if has_header else lines)
    layout_en = "Use the HK-DE layout (18 fields: NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;SSS;HNR;ADZ;East;North;STN;PLZ;ONM;ZON;POT)."
    layout_de = "Das HK-DE-Format verwenden (18 Felder: NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;SSS;HNR;ADZ;Ost;Nord;STN;PLZ;ONM;ZON;POT)."
    if not body.strip():
        raise ImportValidationError.of(
            file=path,
            problem=("has a header but no address lines", "hat eine Kopfzeile, aber keine Adresszeilen"),
            fix=("Export the house coordinates again.", "Die Hauskoordinaten erneut exportieren."),
        )
    try:
        frame = pd.read_csv(
            io.StringIO(body), sep=";", header=None, dtype=str, keep_default_na=False, on_bad_lines="error", engine="python"
        )
    except (pd.errors.ParserError, ValueError, csv.Error) as exc:
        detail = str(exc).splitlines()[0][:200]
        raise ImportValidationError.of(
            file=path,
            problem=(f"not a readable ';'-separated file ({detail})", f"keine lesbare, durch ';' getrennte Datei ({detail})"),
            fix=(layout_en, layout_de),
        ) from None
    if has_header:
        if len(header) != frame.shape[1]:
            raise ImportValidationError.of(
                file=path,
                problem=(
                    f"the header has {len(header)} fields but the lines have {frame.shape[1]}",
                    f"die Kopfzeile hat {len(header)} Felder, die Zeilen aber {frame.shape[1]}",
                ),
                fix=(layout_en, layout_de),
            )
        frame.columns = [c if c not in ("EEEEEEEE,EEE", "OSTWERT", "EASTING") else "EAST" for c in header]
        frame = frame.rename(columns={"NNNNNNN,NNN": "NORTH", "NORDWERT": "NORTH", "NORTHING": "NORTH"})
    else:
        if frame.shape[1] < 16:
            sep = next((d for d in (",", "\t", "|") if d in lines[0]), None)
            hint = f" (the lines look separated by {'tab' if sep == chr(9) else repr(sep)})" if sep else ""
            raise ImportValidationError.of(
                file=path,
                problem=(
                    f"lines have {frame.shape[1]} fields separated by ';'{hint}",
                    f"die Zeilen haben {frame.shape[1]} durch ';' getrennte Felder{hint}",
                ),
                fix=(layout_en, layout_de),
            )
        frame = frame.iloc[:, : len(HK_FIELDS)]
        frame.columns = list(HK_FIELDS[: frame.shape[1]])
    for col in ("HNR", "EAST", "NORTH", "STN"):
        if col not in frame:
            raise ImportValidationError.of(file=path, problem=(f"missing field {col}", f"Feld {col} fehlt"), fix=(layout_en, layout_de))
    chk = Checker(path, frame)

    def coord(col):
        v = pd.to_numeric(frame[col].str.strip().str.replace(",", ".", regex=False), errors="coerce").to_numpy(dtype=float)
        chk.add(
            ~np.isfinite(v),
            column=col,
            values=frame[col],
            problem=("is not a coordinate", "ist keine Koordinate"),
            fix=("Give ETRS89/UTM metres with a decimal comma.", "ETRS89/UTM-Meter mit Dezimalkomma angeben."),
        )
        return np.where(np.isfinite(v), v, np.nan)

    east = coord("EAST")
    east = np.where(east > 1e7, east - 32e6, east)  # zone prefix 32xxxxxx
    north = coord("NORTH")
    ok = np.isfinite(east) & np.isfinite(north)
    lon = np.full(len(frame), np.nan)
    lat = np.full(len(frame), np.nan)
    if ok.any():
        pts = transform(shapely.points(east[ok], north[ok]), 25832, 4326)
        lon[ok], lat[ok] = shapely.get_x(pts), shapely.get_y(pts)
    empty = pd.Series("", index=frame.index)
    out = pd.DataFrame(
        {
            "street": frame["STN"].str.strip(),
            "housenumber": (frame["HNR"].str.strip() + frame.get("ADZ", empty).str.strip()),
            "postcode": frame.get("PLZ", empty).str.strip(),
            "city": frame.get("ONM", empty).str.strip(),
            "lon": lon,
            "lat": lat,
            "row": np.arange(1, len(frame) + 1),
        }
    )
    return out, chk


def _osm_frame(path: Path) -> tuple[pd.DataFrame, Checker]:
    gdf = open_vector(path)
    cols: dict[str, list[str]] = {}
    for c in gdf.columns:  # addr:street and addr_street (GeoPackage/Shapefile names) mean the same
        if c != gdf.geometry.name:
            cols.setdefault(str(c).replace(":", "_"), []).append(c)
    if "addr_street" not in cols or "addr_housenumber" not in cols:
        raise ImportValidationError.of(
            file=path,
            problem=("has no addr:street / addr:housenumber properties", "hat keine Eigenschaften addr:street / addr:housenumber"),
            fix=("Export OSM addresses with their addr:* tags.", "OSM-Adressen mit ihren addr:*-Tags exportieren."),
        )
    g = gpd.GeoDataFrame(
        {k: _coalesce(gdf, v) for k, v in cols.items() if k.startswith("addr_")}, geometry=gdf.geometry.to_numpy(), crs=4326
    )
    # features without an address (e.g. buildings without tags) are not addresses: left out, not errors
    keep = (g["addr_street"].notna() & g["addr_housenumber"].notna()).to_numpy()
    g = g[keep].reset_index(drop=True)
    rows = np.flatnonzero(keep) + 1
    chk = Checker(path, g, rows=rows)
    geoms = g.geometry.to_numpy()
    chk.geometry(geoms, ("Point", "Polygon", "MultiPolygon"), declared_crs=gdf.attrs.get(DECLARED_CRS, "EPSG:4326"))
    c = shapely.centroid(np.where(chk.bad, None, geoms))
    return pd.DataFrame(
        {
            "street": g["addr_street"].astype(str).str.strip(),
            "housenumber": g["addr_housenumber"].astype(str).str.strip(),
            "postcode": g["addr_postcode"].fillna("").astype(str).str.strip() if "addr_postcode" in g else "",
            "city": g["addr_city"].fillna("").astype(str).str.strip() if "addr_city" in g else "",
            "lon": shapely.get_x(c),
            "lat": shapely.get_y(c),
            "row": rows,
        }
    ), chk


def _coalesce(frame: pd.DataFrame, columns: list[str]) -> pd.Series:
    """The first non-empty value of several columns that hold the same tag."""
    out = frame[columns[0]].replace("", None)
    for c in columns[1:]:
        out = out.fillna(frame[c].replace("", None))
    return out


def read_addresses(path: str | Path, *, skip_invalid: bool = False) -> pd.DataFrame:
    """Addresses from an HK-DE text/CSV file or an OSM GeoJSON/GeoPackage; validated, in EPSG:4326."""
    path = Path(path)
    check_file(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        frame, chk = _hk_frame(path)
    elif suffix in (".geojson", ".json", ".gpkg", ".parquet", ".zip", ".shp"):
        frame, chk = _osm_frame(path)
    else:
        raise ImportValidationError.of(
            file=path,
            problem=(f"unknown file type {suffix!r}", f"unbekannter Dateityp {suffix!r}"),
            fix=(
                "Give house coordinates as .csv/.txt (HK-DE) or OSM addresses as .geojson/.gpkg.",
                "Hauskoordinaten als .csv/.txt (HK-DE) oder OSM-Adressen als .geojson/.gpkg angeben.",
            ),
        )
    if frame.empty:
        raise ImportValidationError.of(
            file=path, problem=("contains no addresses", "enthält keine Adressen"), fix=("Check the file.", "Die Datei prüfen.")
        )
    for col in ("street", "housenumber"):
        empty = frame[col].isin(["", "nan", "None"]).to_numpy()
        chk.add(
            empty,
            column=col,
            values="",
            problem=("is empty", "ist leer"),
            fix=("Every address needs a street and a house number.", "Jede Adresse braucht Straße und Hausnummer."),
        )
    lo_x, lo_y, hi_x, hi_y = GERMANY_BOX
    known = frame["lon"].notna().to_numpy() & ~chk.bad
    out = known & ~(frame["lon"].between(lo_x, hi_x) & frame["lat"].between(lo_y, hi_y)).to_numpy()
    where = [f"{x:.4f}, {y:.4f}" for x, y in zip(frame["lon"], frame["lat"])]
    chk.add(
        out,
        column="coordinates",
        values=np.array(where, dtype=object),
        problem=("lies outside Germany", "liegt außerhalb Deutschlands"),
        fix=("Check the coordinate system (HK-DE: ETRS89/UTM zone 32).", "Das Koordinatensystem prüfen (HK-DE: ETRS89/UTM Zone 32)."),
    )
    frame = chk.finish(frame, skip_invalid=skip_invalid)
    frame["label"] = (
        frame["street"]
        + " "
        + frame["housenumber"]
        + np.where(frame["postcode"].isin(["", "nan", "None"]), "", ", " + frame["postcode"] + " " + frame["city"])
    )
    frame["search_key"] = [
        search_key(f"{s} {h} {p} {c}") for s, h, p, c in zip(frame["street"], frame["housenumber"], frame["postcode"], frame["city"])
    ]
    attrs = dict(frame.attrs)
    frame = frame.drop_duplicates("search_key").reset_index(drop=True)
    frame.attrs.update(attrs)
    return frame


def write_addresses(con, frame: pd.DataFrame, source_id: str) -> None:
    """Replace the address table (one source at a time: the newest import wins)."""
    from heatdb.store import write_frame

    x, y = lonlat_to_3035(frame["lon"].to_numpy(), frame["lat"].to_numpy())
    cx, cy = cell_of_point(x, y)
    out = pd.DataFrame(
        {
            "address_id": [f"A{i + 1:07d}" for i in range(len(frame))],
            "label": frame["label"],
            "street": frame["street"],
            "housenumber": frame["housenumber"],
            "postcode": frame["postcode"],
            "city": frame["city"],
            "lon": frame["lon"],
            "lat": frame["lat"],
            "cell_id": cell_id(cx, cy),
            "search_key": frame["search_key"],
            "source_id": source_id,
        }
    )
    write_frame(con, "addresses", out)


def clean_query(text: str) -> str:
    """A user's search text made safe to match: bounded length, folded; '' if nothing is left."""
    return search_key(str(text)[:MAX_QUERY])


__all__ = ["clean_query", "read_addresses", "search_key", "write_addresses"]
