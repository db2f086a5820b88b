"""QGIS layer styles (QML) for the report's GeoPackage, so that it opens styled: the same colours and classes as the
report's maps, German legend labels and a German alias for every field.

QGIS reads a GeoPackage's default style from its table `layer_styles` (one row per layer, `useAsDefault` true);
`layer_styles_table` builds that table. The QML is written for QGIS 3 (the `<Option>` maps QGIS 3.16+ reads, and
the older `<prop>` pairs beside them).
"""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import quoteattr

import numpy as np
import pandas as pd

from reports import plotstyle as ps
from reports.maps import BLUES, YEAR_BLUES
from reports.texts import change, column_label, label, supply_label, tr

QGIS_VERSION = "3.28.0-Firenze"


def _rgba(hex_color: str, alpha: float = 1.0) -> str:
    h = hex_color.lstrip("#")
    return f"{int(h[0:2], 16)},{int(h[2:4], 16)},{int(h[4:6], 16)},{round(255 * alpha)}"


def _fill(name: str, color: str, *, alpha: float = 1.0, outline: str = "#FFFFFF", width: float = 0.2) -> str:
    """A QGIS simple fill symbol named `name`."""
    props = {
        "color": _rgba(color, alpha),
        "joinstyle": "bevel",
        "offset": "0,0",
        "offset_unit": "MM",
        "outline_color": _rgba(outline),
        "outline_style": "solid",
        "outline_width": f"{width}",
        "outline_width_unit": "MM",
        "style": "solid",
    }
    options = "".join(f'<Option type="QString" name={quoteattr(k)} value={quoteattr(v)}/>' for k, v in props.items())
    legacy = "".join(f"<prop k={quoteattr(k)} v={quoteattr(v)}/>" for k, v in props.items())
    return (
        f'<symbol type="fill" name={quoteattr(name)} alpha="1" clip_to_extent="1" force_rhr="0">'
        f'<layer class="SimpleFill" enabled="1" locked="0" pass="0"><Option type="Map">{options}</Option>{legacy}</layer>'
        "</symbol>"
    )


def _categorized(attr: str, classes: list[tuple[object, str, str]], **fill) -> str:
    """Categories (value, label, colour) of attribute `attr`."""
    cats = "".join(
        f'<category symbol={quoteattr(str(i))} value={quoteattr(str(v))} label={quoteattr(lab)} render="true"/>'
        for i, (v, lab, _) in enumerate(classes)
    )
    syms = "".join(_fill(str(i), c, **fill) for i, (_, _, c) in enumerate(classes))
    return (
        f'<renderer-v2 type="categorizedSymbol" attr={quoteattr(attr)} symbollevels="0" enableorderby="0" forceraster="0">'
        f"<categories>{cats}</categories><symbols>{syms}</symbols></renderer-v2>"
    )


def _graduated(attr: str, ranges: list[tuple[float, float, str, str]]) -> str:
    """Classes (lower, upper, label, colour) of attribute `attr`."""
    rs = "".join(
        f'<range symbol="{i}" lower="{lo:.6f}" upper="{hi:.6f}" label={quoteattr(lab)} render="true"/>'
        for i, (lo, hi, lab, _) in enumerate(ranges)
    )
    syms = "".join(_fill(str(i), c) for i, (_, _, _, c) in enumerate(ranges))
    return (
        f'<renderer-v2 type="graduatedSymbol" attr={quoteattr(attr)} graduatedMethod="GraduatedColor" symbollevels="0" enableorderby="0" forceraster="0">'
        f"<ranges>{rs}</ranges><symbols>{syms}</symbols></renderer-v2>"
    )


def _single(color: str, **fill) -> str:
    return f'<renderer-v2 type="singleSymbol" symbollevels="0" enableorderby="0" forceraster="0"><symbols>{_fill("0", color, **fill)}</symbols></renderer-v2>'


def renderer(layer: str, frame: pd.DataFrame, lang: str) -> str:
    """The renderer of a report layer: the same classes and colours as its map in the PDF."""
    if layer == "districts" and "change_2024_2035_pct" in frame and frame["change_2024_2035_pct"].notna().any():
        v = frame["change_2024_2035_pct"].astype(float).dropna().to_numpy()
        edges = np.unique(np.quantile(v, [0, 0.2, 0.4, 0.6, 0.8, 1.0]))
        ranges = [
            (float(lo), float(hi), tr("class_range", lang, lo=change(lo, lang, 1), hi=change(hi, lang, 1)), BLUES[min(i, len(BLUES) - 1)])
            for i, (lo, hi) in enumerate(zip(edges[:-1], edges[1:]))
        ]
        return _graduated("change_2024_2035_pct", ranges)
    if layer == "dh_areas":
        return _single("#D55E00", outline="#D55E00", width=0.1)
    if layer == "expansion" and "year_planned" in frame and frame["year_planned"].notna().any():
        years = sorted(int(y) for y in frame["year_planned"].dropna().unique())
        shades = [YEAR_BLUES[min(len(YEAR_BLUES) - 1, i * len(YEAR_BLUES) // max(1, len(years)))] for i in range(len(years))]
        return _categorized("year_planned", [(y, tr("expansion_year", lang, year=y), c) for y, c in zip(years, shades)], outline="#333333")
    if layer == "supply_areas" and "supply_area_type" in frame:
        codes = list(dict.fromkeys(frame["supply_area_type"].dropna()))
        return _categorized("supply_area_type", [(c, supply_label(c, lang), ps.SUPPLY_COLORS.get(c, ps.LIGHT_GREY)) for c in codes])
    if layer == "projects" and "project_type" in frame:
        types = list(dict.fromkeys(frame["project_type"].dropna()))
        classes = [(t, label("ptype", t, lang), ps.SERIES[i % len(ps.SERIES)]) for i, t in enumerate(types)]
        return _categorized("project_type", classes, alpha=0.45, outline="#222222", width=0.4)
    return _single(ps.LIGHT_GREY, outline="#555555")


def aliases(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """A German (or English) name with its unit for every field, distinct within the layer."""
    out, seen = {}, set()
    for col in [c for c in frame.columns if c != "geometry"]:
        name, k = column_label(col, lang), 1
        while name in seen:
            k += 1
            name = f"{column_label(col, lang)} ({k})"
        seen.add(name)
        out[col] = name
    return out


def qml(layer: str, frame: pd.DataFrame, lang: str = "de") -> str:
    """The QML document of a layer: renderer and field aliases."""
    names = aliases(frame, lang)
    alias_xml = "".join(f'<alias field={quoteattr(c)} index="{i}" name={quoteattr(a)}/>' for i, (c, a) in enumerate(names.items()))
    return (
        "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>"
        f'<qgis version="{QGIS_VERSION}" styleCategories="Symbology|Fields">'
        f"{renderer(layer, frame, lang)}<aliases>{alias_xml}</aliases></qgis>"
    )


def layer_styles_table(layers: dict[str, pd.DataFrame], lang: str = "de") -> pd.DataFrame:
    """The table `layer_styles` as QGIS writes it into a GeoPackage: one default style per layer."""
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = [
        {
            "f_table_catalog": "",
            "f_table_schema": "",
            "f_table_name": name,
            "f_geometry_column": "geom",
            "styleName": name,
            "styleQML": qml(name, frame, lang),
            "styleSLD": "",
            "useAsDefault": True,
            "description": tr("qgis_style_description", lang),
            "owner": "",
            "ui": "",
            "update_time": now,
        }
        for name, frame in layers.items()
    ]
    return pd.DataFrame(rows)


__all__ = ["aliases", "layer_styles_table", "qml", "renderer"]
