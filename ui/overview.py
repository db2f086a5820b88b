"""The overview page's pieces: key figures and the district map."""

from __future__ import annotations

import pydeck as pdk
import streamlit as st

from ui import db, fmt, maps
from ui.i18n import lang, t

METRICS = {
    "heat_density_mwh_per_ha_year": ("metric_density", [50, 100, 175, 415, 1050], "MWh/ha·a"),
    "co2e_t_per_year": ("metric_co2", [5000, 10000, 20000, 40000, 80000], "t/a"),
    "dh_share_pct": ("metric_dh", [1, 5, 10, 20, 40], "%"),
}


def key_figures() -> None:
    c = db.city()
    lg = lang()
    row1 = st.columns(3)
    row1[0].metric(t("m_buildings"), fmt.num(c["n_buildings"], 0, lg))
    row1[1].metric(f"{t('m_heated_area')} ({t('unit_mio_m2')})", fmt.num(c["heated_area_m2"] / 1e6, 1, lg))
    row1[2].metric(f"{t('m_heat_demand')} ({t('unit_gwh')})", fmt.num(c["heat_demand_mwh_per_year"] / 1000, 0, lg))
    row2 = st.columns(3)
    row2[0].metric(f"{t('m_co2')} ({t('unit_kt')})", fmt.num(c["co2e_t_per_year"] / 1000, 0, lg), help=t("help_co2", year=db.meta().get("balance_year", "")))
    row2[1].metric(t("m_dh_share"), fmt.pct(c["dh_share_pct"], 1, lg), help=t("help_share"))
    row2[2].metric(t("m_hp_share"), fmt.pct(c["hp_share_pct"], 1, lg), help=t("help_share"))


def district_map(metric: str, *, key: str) -> None:
    label_key, breaks, unit = METRICS[metric]
    lg = lang()
    data = db.district_map("statbez")
    values = [f["properties"].get(metric) for f in data["features"]]
    colors = maps.sequential_colors(values, breaks)
    features = []
    for f, col in zip(data["features"], colors):
        p = f["properties"]
        props = {
            "name": p["name"],
            "fill": col,
            "value": fmt.num(p.get(metric), 1 if metric.endswith("pct") else 0, lg),
            "unit": unit,
        }
        features.append({"type": "Feature", "geometry": f["geometry"], "properties": props})
    layer = pdk.Layer(
        "GeoJsonLayer",
        {"type": "FeatureCollection", "features": features},
        id="districts",
        pickable=True,
        stroked=True,
        filled=True,
        get_fill_color="properties.fill",
        get_line_color=[40, 40, 40, 200],
        line_width_min_pixels=1,
    )
    left, right = st.columns([4, 1])
    with left:
        st.pydeck_chart(maps.deck([layer], tooltip={"text": "{name}\n{value} {unit}"}), height=520, key=key)
    with right:
        st.markdown(maps.breaks_legend(t(label_key), breaks, "", lambda v: fmt.num(v, 0, lg)), unsafe_allow_html=True)
        st.caption(t("no_basemap"))
