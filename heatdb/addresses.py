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

import io
import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from heatdb.errors import ImportValidationError
from heatdb.geo import cell_id, cell_of_point, lonlat_to_3035, transform
from heatdb.readers import GERMANY_BOX, UNCHANGED, fail, fail_row, read_vector

HK_FIELDS = ("NBA", "OI", "QUA", "LAN", "RBZ", "KRS", "GMD", "OTT", "SSS", "HNR", "ADZ", "EAST", "NORTH", "STN", "PLZ", "ONM", "ZON", "POT")
MAX_QUERY = 100


def search_key(text: str) -> str:
    """Lower case, umlauts and ß folded, punctuation dropped, 'straße' and 'str.' made the same."""
    s = str(text).lower().replace("ß", "ss")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode()
    s = re.sub(r"strasse\b|str\b\.?", "str", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def _hk_frame(path: Path) -> pd.DataFrame:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # the HK-DE specification's character set
    lines = [ln for ln in text.splitlines() if ln.strip()]
    if not lines:
        raise fail(path, "has no address lines", "Export the house coordinates again.")
    header = [c.strip().upper() for c in lines[0].split(";")]
    has_header = "HNR" in header and "STN" in header
    body = "\n".join(lines[1:] if has_header else lines)
    frame = pd.read_csv(io.StringIO(body), sep=";", header=None, dtype=str, keep_default_na=False, on_bad_lines="error", engine="python")
    if has_header:
        if len(header) != frame.shape[1]:
            raise fail(path, f"the header has {len(header)} fields but the lines have {frame.shape[1]}", "Use the HK-DE layout (18 fields separated by ;).")
        frame.columns = [c if c not in ("EEEEEEEE,EEE", "OSTWERT", "EASTING") else "EAST" for c in header]
        frame = frame.rename(columns={"NNNNNNN,NNN": "NORTH", "NORDWERT": "NORTH", "NORTHING": "NORTH"})
    else:
        if frame.shape[1] < 16:
            raise fail(path, f"lines have {frame.shape[1]} fields separated by ';'", "Use the HK-DE layout (18 fields: NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;SSS;HNR;ADZ;East;North;STN;PLZ;ONM;ZON;POT).")
        frame = frame.iloc[:, : len(HK_FIELDS)]
        frame.columns = list(HK_FIELDS[: frame.shape[1]])
    for col in ("HNR", "EAST", "NORTH", "STN"):
        if col not in frame:
            raise fail(path, f"missing field {col}", "Use the HK-DE layout.")
    offset = 1 if has_header else 0

    def coord(col):
        v = pd.to_numeric(frame[col].str.strip().str.replace(",", ".", regex=False), errors="coerce")
        bad = v.isna()
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise ImportValidationError(f"{path.name}, row {i + 1} (line {i + 1 + offset}), column {col}: {frame[col].iloc[i]!r} is not a coordinate. Give ETRS89/UTM metres with a decimal comma. {UNCHANGED}")
        return v.to_numpy()

    east = coord("EAST")
    east = np.where(east > 1e7, east - 32e6, east)  # zone prefix 32xxxxxx
    north = coord("NORTH")
    pts = transform(shapely.points(east, north), 25832, 4326)
    out = pd.DataFrame(
        {
            "street": frame["STN"].str.strip(),
            "housenumber": (frame["HNR"].str.strip() + frame.get("ADZ", pd.Series("", index=frame.index)).str.strip()),
            "postcode": frame.get("PLZ", pd.Series("", index=frame.index)).str.strip(),
            "city": frame.get("ONM", pd.Series("", index=frame.index)).str.strip(),
            "lon": shapely.get_x(pts),
            "lat": shapely.get_y(pts),
            "row": np.arange(1, len(frame) + 1),
        }
    )
    return out


def _osm_frame(path: Path) -> pd.DataFrame:
    gdf = read_vector(path, geometry_types=("Point", "Polygon", "MultiPolygon"))
    cols = {c.replace(":", "_"): c for c in gdf.columns}
    if "addr_street" not in cols or "addr_housenumber" not in cols:
        raise fail(path, "has no addr:street / addr:housenumber properties", "Export OSM addresses with their addr:* tags.")
    g = gdf.rename(columns={v: k for k, v in cols.items()})
    keep = g["addr_street"].notna() & g["addr_housenumber"].notna()
    g = g[keep].reset_index(drop=True)
    c = shapely.centroid(g.geometry.to_numpy())
    return pd.DataFrame(
        {
            "street": g["addr_street"].astype(str).str.strip(),
            "housenumber": g["addr_housenumber"].astype(str).str.strip(),
            "postcode": g["addr_postcode"].astype(str).str.strip() if "addr_postcode" in g else "",
            "city": g["addr_city"].astype(str).str.strip() if "addr_city" in g else "",
            "lon": shapely.get_x(c),
            "lat": shapely.get_y(c),
            "row": np.flatnonzero(keep.to_numpy()) + 1,
        }
    )


def read_addresses(path: str | Path) -> pd.DataFrame:
    """Addresses from an HK-DE text/CSV file or an OSM GeoJSON/GeoPackage; validated, in EPSG:4326."""
    path = Path(path)
    if not path.exists():
        raise fail(path, "file not found", "Check the path.")
    if path.stat().st_size == 0:
        raise fail(path, "the file is empty", "Export the addresses again.")
    if path.suffix.lower() in (".csv", ".txt"):
        frame = _hk_frame(path)
    elif path.suffix.lower() in (".geojson", ".json", ".gpkg", ".parquet"):
        frame = _osm_frame(path)
    else:
        raise fail(path, f"unknown file type {path.suffix!r}", "Give house coordinates as .csv/.txt (HK-DE) or OSM addresses as .geojson.")
    if frame.empty:
        raise fail(path, "contains no addresses", "Check the file.")
    for col in ("street", "housenumber"):
        empty = frame[col].isin(["", "nan", "None"])
        if empty.any():
            i = int(np.flatnonzero(empty.to_numpy())[0])
            raise fail_row(path, int(frame["row"].iloc[i]), col, "", "is empty", "Every address needs a street and a house number.")
    lo_x, lo_y, hi_x, hi_y = GERMANY_BOX
    out = ~frame["lon"].between(lo_x, hi_x) | ~frame["lat"].between(lo_y, hi_y)
    if out.any():
        i = int(np.flatnonzero(out.to_numpy())[0])
        raise fail_row(path, int(frame["row"].iloc[i]), "coordinates", f"{frame['lon'].iloc[i]:.4f}, {frame['lat'].iloc[i]:.4f}", "lies outside Germany", "Check the coordinate system (HK-DE: ETRS89/UTM zone 32).")
    frame["label"] = frame["street"] + " " + frame["housenumber"] + np.where(frame["postcode"].isin(["", "nan", "None"]), "", ", " + frame["postcode"] + " " + frame["city"])
    frame["search_key"] = [search_key(f"{s} {h} {p} {c}") for s, h, p, c in zip(frame["street"], frame["housenumber"], frame["postcode"], frame["city"])]
    return frame.drop_duplicates("search_key").reset_index(drop=True)


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
