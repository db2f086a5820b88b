"""'Mein Zuhause': what the heat plan means at an address, from areas and aggregates only."""

from __future__ import annotations

import h3
import pydeck as pdk
import streamlit as st

from locales import num, pct
from ui import db, maps, privacy
from ui.i18n import lang, t

HP_BREAKS = [20, 40, 60, 80]


@st.cache_data(show_spinner=False)
def _hexes(version: str, min_n: int) -> list[dict]:
    """H3 resolution-9 cells with at least min_n buildings: only their id and what colours them."""
    rows = (
        db.cursor()
        .execute(
            "SELECT h3_index, share_hp_ground_pct + share_hp_air_pct AS hp FROM agg_h3 WHERE resolution = 9 AND n_buildings >= ?", [min_n]
        )
        .fetchall()
    )
    colors = maps.sequential_colors([r[1] for r in rows], HP_BREAKS)
    return [{"h": r[0], "fill": c, "hp": f"{r[1]:.0f}"} for r, c in zip(rows, colors)]


def search() -> tuple[float, float, str] | None:
    text = st.text_input(t("z_search"), max_chars=100, key="z_query", help=t("z_search_help"))
    if not text.strip():
        return None
    hits = db.query("search_addresses", text, 8)
    if hits.empty:
        st.info(t("z_not_found"))
        return None
    labels = dict(zip(hits["address_id"], hits["label"]))
    pick = st.selectbox(t("z_results"), list(labels), format_func=lambda i: labels[i], key="z_pick")
    row = hits[hits["address_id"] == pick].iloc[0]
    return float(row["lon"]), float(row["lat"]), row["label"]


def click_map() -> tuple[float, float, str] | None:
    data = _hexes(db.data_version(), privacy.min_buildings())
    outlines = db.district_map("statbez")
    lines = maps.area_layer(outlines, "districts", fill=None, line=(60, 60, 60, 160), pickable=False)
    layer = pdk.Layer(
        "H3HexagonLayer",
        data,
        id="hexes",
        get_hexagon="h",
        get_fill_color="fill",
        pickable=True,
        stroked=False,
        filled=True,
        extruded=False,
        opacity=0.6,
        auto_highlight=True,
    )
    st.pydeck_chart(
        maps.deck([layer, lines], tooltip={"text": t("z_map_tooltip")}),
        height=380,
        key="z_map",
        on_select="rerun",
        selection_mode="single-object",
    )
    st.markdown(maps.breaks_legend(t("z_map_legend"), HP_BREAKS, "%", lambda v: num(v, 0, lang())), unsafe_allow_html=True)
    st.caption(t("z_map_hint") + " " + t("no_basemap"))
    state = st.session_state.get("z_map")
    try:
        objs = state["selection"]["objects"].get("hexes") if state else None
    except (KeyError, TypeError, AttributeError):
        objs = None
    if objs:
        cell = objs[0].get("h")
        if cell and h3.is_valid_cell(cell):
            lat, lon = h3.cell_to_latlng(cell)
            return lon, lat, ""
    return None


def from_link() -> tuple[float, float, str] | None:
    try:
        lon, lat = float(st.query_params.get("lon", "")), float(st.query_params.get("lat", ""))
    except ValueError:
        return None
    # coordinates outside the city's districts (with a margin) are ignored
    box = db.query("city_bounds")
    if box[0] <= lon <= box[2] and box[1] <= lat <= box[3]:
        return lon, lat, ""
    return None


def city_name() -> str:
    return db.meta().get("city_name") or "Dortmund"


def answer(lon: float, lat: float, label: str) -> None:
    lg = lang()
    a = db.query("location_answer", round(lon, 6), round(lat, 6), privacy.min_buildings())
    district = (a.get("district") or {}).get("name", city_name())
    st.subheader(t("z_answer_for", place=label or t("z_neighbourhood", district=district)))
    st.query_params["lon"], st.query_params["lat"] = f"{lon:.5f}", f"{lat:.5f}"

    st.markdown(f"#### {t('z_dh_title')}")
    if a["dh_area"]:
        st.markdown(t("z_dh_existing", network=a["dh_area"]["network"] or "", operator=a["dh_area"]["operator"] or ""))
        if a["dh_area"]["is_proxy"]:
            st.caption(t("z_dh_proxy"))
    elif a["expansion"]:
        st.markdown(t("z_dh_planned", year=a["expansion"]["year"], name=a["expansion"]["name"]))
        if a["expansion"]["is_illustrative"]:
            st.caption(t("z_dh_illustrative"))
    else:
        st.markdown(t("z_dh_none"))

    if a["supply"]:
        st.markdown(f"#### {t('z_supply_title')}")
        st.markdown(t(f"z_supply_{a['supply']['type']}"))
        st.caption(t("z_supply_note"))

    st.markdown(f"#### {t('z_hp_title')}")
    s = a["surroundings"]
    if s:
        share = lambda v: pct(v, 0, lg)  # noqa: E731
        st.markdown(
            t(
                "z_hp_text",
                n=f"{t('z_unit_' + s['unit'])}, {num(s['n_buildings'], 0, lg)}",
                good=share(s["share_ground_pct"] + s["share_air_pct"]),
                ground=share(s["share_ground_pct"]),
                air=share(s["share_air_pct"]),
                limited=share(s["share_limited_pct"]),
            )
        )
    else:
        st.markdown(t("z_hp_none"))

    st.markdown(f"#### {t('z_geg_title')}")
    # Dortmund's text names its dates, advice centres and operator; another city's gets the general rules
    dortmund = city_name() == "Dortmund"
    st.markdown(t("z_geg_text") if dortmund else t("z_geg_text_other", city=city_name()))
    st.markdown(f"#### {t('z_advice_title')}")
    st.markdown(t("z_advice_text") if dortmund else t("z_advice_text_other", city=city_name()))
    st.caption(t("z_privacy", n=privacy.min_buildings()))


def location() -> tuple[float, float, str] | None:
    left, right = st.columns([1, 1])
    with left:
        found = search()
    with right:
        clicked = click_map()
    return found or clicked or from_link()


__all__ = ["answer", "location"]
