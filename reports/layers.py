"""The map layers of a report as GeoDataFrames, and which data sources each layer is drawn from.

The dataset keeps its layers as GeoJSON in EPSG:4326 (what the app's maps take); maps and the
GeoPackage use ETRS89 / UTM 32N (EPSG:25832), the official projected CRS in North Rhine-Westphalia.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import shapely

REPORT_CRS = "EPSG:25832"
LAYERS = ("districts", "dh_areas", "expansion", "supply_areas", "projects")

# the warehouse tables each layer is made from (to find its licences in the `sources` table)
LAYER_TABLES = {
    "districts": ("districts", "buildings"),
    "dh_areas": ("dh_areas",),
    "expansion": ("dh_expansion",),
    "supply_areas": ("census_cells", "grid_cells", "buildings"),
    "projects": ("districts", "dh_expansion"),
}


def layer_frame(data, name: str, crs: str = REPORT_CRS) -> gpd.GeoDataFrame:
    """Layer `name` of a ReportData as a GeoDataFrame in `crs` (an empty frame if the layer is missing)."""
    fc = data.layers.get(name) or {"features": []}
    features = fc.get("features") or []
    if not features:
        return gpd.GeoDataFrame({"geometry": gpd.GeoSeries([], crs="EPSG:4326")}, geometry="geometry", crs="EPSG:4326").to_crs(crs)
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:4326")
    cols = [c for c in frame.columns if c != "geometry"] + ["geometry"]
    frame = frame[cols].to_crs(crs)
    return frame.set_geometry(valid_polygons(frame.geometry))


def valid_polygons(geoms: gpd.GeoSeries) -> gpd.GeoSeries:
    """Polygons made valid (OGC): a self-intersecting ring is split into valid parts; the lines and points that
    repairing may leave are dropped, so every area stays an area (a MultiPolygon where it has several parts)."""
    fixed = shapely.make_valid(geoms.to_numpy(), method="structure", keep_collapsed=False)
    out = []
    for g in fixed:
        if g is None or g.is_empty:
            out.append(g)
            continue
        if g.geom_type == "GeometryCollection":
            parts = [p for p in shapely.get_parts(g) if p.geom_type in ("Polygon", "MultiPolygon")]
            g = shapely.union_all(parts) if parts else shapely.Polygon()
        out.append(g)
    return gpd.GeoSeries(out, index=geoms.index, crs=geoms.crs)


def sources_for(data, *layers: str) -> pd.DataFrame:
    """The rows of the `sources` table the layers are drawn from."""
    src = data.tables.get("sources")
    if src is None or src.empty:
        return pd.DataFrame(columns=["source_id", "attribution", "licence"])
    wanted = {t for layer in layers for t in LAYER_TABLES.get(layer, ())}
    hit = [any(t.strip().split(" ")[0] in wanted for t in str(names).split(",")) for names in src["table_names"]]
    return src[hit]


def attribution_line(data, *layers: str) -> str:
    """The attributions of the layers' sources, each part once, then their licences: 'A; B; C (dl-de/by-2-0, ODbL-1.0)'.

    Attributions are split at '; ' and each part is kept once, so the Zensus credit and its derived
    variants ('Daten verändert', 'eigene Ableitung') read as one line.
    """
    rows = sources_for(data, *layers)
    parts = list(dict.fromkeys(p.strip() for a in rows["attribution"] for p in str(a).split("; ") if p.strip()))
    licences = list(dict.fromkeys(str(lic).split(" ")[0] for lic in rows["licence"] if str(lic).strip()))
    text = "; ".join(parts)
    return f"{text} ({', '.join(licences)})" if licences else text


__all__ = ["LAYERS", "LAYER_TABLES", "REPORT_CRS", "attribution_line", "layer_frame", "sources_for", "valid_polygons"]
