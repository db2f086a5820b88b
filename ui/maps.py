"""pydeck maps without third-party requests: colour scales (colour-blind safe), layers, legends."""

from __future__ import annotations

import html
import json
import math
import string

import numpy as np
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from heatdb.settings import settings

# viridis at 6 stops (perceptually uniform, colour-blind safe)
VIRIDIS = np.array([[68, 1, 84], [65, 68, 135], [42, 120, 142], [34, 168, 132], [122, 209, 81], [253, 231, 37]], dtype=float)
# Okabe-Ito categorical palette
OKABE_ITO = {
    "orange": (230, 159, 0),
    "sky": (86, 180, 233),
    "green": (0, 158, 115),
    "yellow": (240, 228, 66),
    "blue": (0, 114, 178),
    "vermillion": (213, 94, 0),
    "purple": (204, 121, 167),
    "grey": (153, 153, 153),
}
DORTMUND_VIEW = pdk.ViewState(latitude=51.51, longitude=7.47, zoom=10.2, pitch=0)
DORTMUND_BOUNDS = (7.30, 51.41, 7.64, 51.60)  # min lon, min lat, max lon, max lat of the city


def fit_view(bounds=DORTMUND_BOUNDS, *, height: int = 500, width: int = 900, margin: float = 0.9) -> pdk.ViewState:
    """The view that shows all of `bounds` in a map of `height` x `width` pixels (deck.gl's 512-pixel world at zoom 0).

    The width of a stretched map is not known on the server: `width` is a typical one; the height decides for a
    city that is as tall as it is wide.
    """
    lon0, lat0, lon1, lat1 = bounds
    world = 512.0
    zoom_x = math.log2(width * margin * 360.0 / (world * max(lon1 - lon0, 1e-6)))
    y0, y1 = (math.log(math.tan(math.pi / 4 + math.radians(v) / 2)) for v in (lat0, lat1))
    zoom_y = math.log2(height * margin * 2 * math.pi / (world * max(y1 - y0, 1e-9)))
    centre_y = (y0 + y1) / 2
    centre_lat = math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2)
    return pdk.ViewState(latitude=centre_lat, longitude=(lon0 + lon1) / 2, zoom=round(min(zoom_x, zoom_y), 2), pitch=0)


def city_view(height: int, width: int = 900) -> pdk.ViewState:
    """The view that shows the whole city of the warehouse in a map of `height` pixels."""
    from ui import db

    return fit_view(tuple(db.query("city_bounds", 0.0)), height=height, width=width)


def mercator_y(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


LABEL_PX = 14  # text size of district names; a character is about 0.55 of it wide
OUTLINE_COLORS = {"stadtbezirk": (30, 30, 30, 210), "statbez": (70, 70, 70, 140)}
OUTLINE_WIDTHS = {"stadtbezirk": 1.5, "statbez": 0.5}


def _label_offsets(names, lons, lats, zoom: float) -> list[list[int]]:
    """Pixel offsets that keep the labels apart at `zoom`: a label that would overlap one placed before it moves up or
    down by a line or two (Innenstadt-West and -Ost have almost the same centre)."""
    scale = 512 * 2**zoom / 360
    placed, out = [], []
    for name, lon, lat in zip(names, lons, lats):
        x, y, w, h = lon * scale, -mercator_y(lat) * scale, 0.55 * LABEL_PX * len(name), LABEL_PX + 2
        for dy in (0, h, -h, 2 * h, -2 * h, 3 * h):
            if all(abs(x - px) * 2 >= w + pw or abs(y + dy - py) >= h for px, py, pw in placed):
                break
        placed.append((x, y + dy, w))
        out.append([0, int(dy)])
    return out


def district_labels(zoom: float, *, layer_id: str = "names") -> pdk.Layer:
    """The Stadtbezirke's names at their centres, apart from each other at `zoom`: dark text with a white outline,
    readable on every fill and without a basemap."""
    from ui import db

    d = db.districts("stadtbezirk").sort_values("centroid_lat", ascending=False)
    names = d["name"].astype(str).tolist()
    offsets = _label_offsets(names, d["centroid_lon"].astype(float), d["centroid_lat"].astype(float), zoom)
    data = [
        {"name": n, "p": [round(float(x), 5), round(float(y), 5)], "o": o}
        for n, x, y, o in zip(names, d["centroid_lon"], d["centroid_lat"], offsets)
    ]
    return pdk.Layer(
        "TextLayer",
        data,
        id=layer_id,
        get_position="p",
        get_text="name",
        get_pixel_offset="o",
        get_size=LABEL_PX,
        get_color=[20, 20, 20, 235],
        font_family=pdk.types.String("sans-serif"),
        font_weight=700,
        # deck.gl draws only the characters it is given (ASCII by default): the names' own, umlauts included
        character_set=pdk.types.String("".join(sorted(set("".join(names)) | set(string.ascii_letters + " -")))),
        font_settings={"sdf": True},
        outline_width=3,
        outline_color=[255, 255, 255, 230],
        pickable=False,
    )


def district_outlines(level: str = "stadtbezirk", *, layer_id: str | None = None, line=None, width: float | None = None) -> pdk.Layer:
    """The borders of the districts of `level` as thin lines (no fill, no properties, not pickable: the layers
    below keep their tooltips)."""
    from ui import db

    feats = [{"type": "Feature", "geometry": f["geometry"], "properties": {}} for f in db.district_map(level)["features"]]
    return area_layer(
        feats,
        layer_id or f"outlines_{level}",
        fill=None,
        line=line or OUTLINE_COLORS.get(level, (60, 60, 60, 160)),
        width=OUTLINE_WIDTHS.get(level, 1) if width is None else width,
        pickable=False,
    )


def sequential_colors(values, breaks) -> list[list[int]]:
    """RGBA per value by class breaks (len(breaks) + 1 classes) on viridis."""
    v = np.asarray(values, dtype=float)
    idx = np.searchsorted(np.asarray(breaks, dtype=float), np.nan_to_num(v, nan=-np.inf), side="right")
    n = len(breaks) + 1
    pos = np.linspace(0, len(VIRIDIS) - 1, n)[idx]
    lo = np.floor(pos).astype(int)
    hi = np.minimum(lo + 1, len(VIRIDIS) - 1)
    f = (pos - lo)[:, None]
    rgb = VIRIDIS[lo] * (1 - f) + VIRIDIS[hi] * f
    return [[int(r), int(g), int(b), 190] for r, g, b in rgb]


def class_colors(breaks) -> list[tuple[int, int, int]]:
    n = len(breaks) + 1
    out = []
    for pos in np.linspace(0, len(VIRIDIS) - 1, n):
        lo = int(np.floor(pos))
        hi = min(lo + 1, len(VIRIDIS) - 1)
        f = pos - lo
        out.append(tuple(int(c) for c in VIRIDIS[lo] * (1 - f) + VIRIDIS[hi] * f))
    return out


def legend_html(title: str, entries: list[tuple[tuple[int, int, int], str]]) -> str:
    """A small legend; every text is escaped."""
    rows = "".join(
        f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="width:14px;height:14px;display:inline-block;background:rgb{tuple(c)};border:1px solid #555"></span>'
        f"<span>{html.escape(label)}</span></div>"
        for c, label in entries
    )
    return f'<div class="legend" style="font-size:0.85rem"><b>{html.escape(title)}</b>{rows}</div>'


def breaks_legend(title: str, breaks, unit: str, fmt) -> str:
    colors = class_colors(breaks)
    labels = [f"< {fmt(breaks[0])} {unit}"]
    labels += [f"{fmt(a)} – {fmt(b)} {unit}" for a, b in zip(breaks[:-1], breaks[1:])]
    labels += [f"≥ {fmt(breaks[-1])} {unit}"]
    return legend_html(title, list(zip(colors, labels)))


# pydeck's marker for "no basemap": with map_style=None the JSON has no mapStyle and Streamlit's
# frontend falls back to a Carto basemap from a third-party server
NO_BASEMAP = "__MAP_STYLE__"


class CompactDeck(pdk.Deck):
    """pydeck writes its JSON indented (several times the bytes); the browser needs none of that."""

    def to_json(self):
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))


def area_layer(
    features: list[dict] | dict,
    layer_id: str,
    *,
    fill="properties.fill",
    line=(40, 40, 40, 200),
    width: float = 1,
    pickable: bool = True,
    highlight: bool = False,
) -> pdk.Layer:
    """Outlined polygons (GeoJSON features or a FeatureCollection).

    Args:
        fill: an RGBA list, a property accessor such as "properties.fill", or None for outlines only.
        line: an RGBA tuple or a property accessor.
        width: outline width in pixels (no line_width_units: pydeck turns a plain string into a JS expression).
    """
    data = features if isinstance(features, dict) else {"type": "FeatureCollection", "features": features}
    return pdk.Layer(
        "GeoJsonLayer",
        data,
        id=layer_id,
        pickable=pickable,
        stroked=True,
        filled=fill is not None,
        get_fill_color=(list(fill) if isinstance(fill, (list, tuple)) else fill) if fill is not None else [0, 0, 0, 0],
        get_line_color=list(line) if isinstance(line, (list, tuple)) else line,
        line_width_min_pixels=width,
        auto_highlight=highlight,
    )


BASEMAP_DE_HOST = "sgx.geodatenzentrum.de"


def basemap_caption() -> str:
    """The line under a map: the basemap's attribution when one is configured, else that there is none."""
    from datetime import date
    from urllib.parse import urlparse

    from ui.i18n import t

    style = settings().basemap_style
    if not style:
        return t("no_basemap")
    host = urlparse(style).hostname or style
    if host == BASEMAP_DE_HOST:
        return t("basemap_de", year=date.today().year)
    return t("basemap_other", host=host)


def deck(layers, *, tooltip=None, view=DORTMUND_VIEW) -> pdk.Deck:
    """A compact deck with no basemap by default; WAERME_BASEMAP_STYLE sets a (self-hosted or basemap.de) style URL."""
    style = settings().basemap_style
    if style:
        return CompactDeck(layers=layers, initial_view_state=view, tooltip=tooltip, map_provider="carto", map_style=style)
    return CompactDeck(layers=layers, initial_view_state=view, tooltip=tooltip, map_provider=None, map_style=NO_BASEMAP)
