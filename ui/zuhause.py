"""'Mein Zuhause': what the heat plan means at an address, from areas and aggregates only.

A resident finds the place by address, street, postcode or district name (honest about what the address list
covers), or by a click on the map. On the public instance every figure comes from reports.disclosure (ui.privacy):
the map's hexagons are sums of whole areas of at least five buildings, the answer's unit is such an area, hexagon
or district, and nothing can be subtracted from another.
"""

from __future__ import annotations

import math

import h3
import pydeck as pdk
import streamlit as st

from locales import num, pct
from ui import db, maps, privacy
from ui.i18n import lang, t
from ui.mode import is_public
from ui.safe import md_escape

HP_BREAKS = [20, 40, 60, 80]
MAP_HEIGHT = 480
MAP_WIDTH = 640  # the city fits a map this wide (the page's column is wider on a desktop)


@st.cache_data(show_spinner=False, max_entries=4)
def _hexes(version: str, public: bool, min_n: int) -> list[dict]:
    """H3 resolution-9 hexagons: only their id and what colours them (public: the published sums of whole areas)."""
    if public:
        h = privacy.figures().hexagons[9]
        rows = list(zip(h["h3_index"], h["share_hp_ground_pct"] + h["share_hp_air_pct"]))
    else:
        rows = (
            db.cursor()
            .execute(
                "SELECT h3_index, share_hp_ground_pct + share_hp_air_pct FROM agg_h3 WHERE resolution = 9 AND n_buildings >= ?", [min_n]
            )
            .fetchall()
        )
    colors = maps.sequential_colors([r[1] for r in rows], HP_BREAKS)
    return [{"h": r[0], "fill": c, "hp": f"{r[1]:.0f}"} for r, c in zip(rows, colors)]


def city_view(width_px: int = MAP_WIDTH, height_px: int = MAP_HEIGHT) -> pdk.ViewState:
    """The view that shows the whole city in a map of the given size (deck.gl: 512 px per 360° at zoom 0)."""
    lon0, lat0, lon1, lat1 = db.query("city_bounds", 0.0)
    span_x, span_y = max(lon1 - lon0, 1e-6), max(maps.mercator_y(lat1) - maps.mercator_y(lat0), 1e-6)
    zoom = min(math.log2(width_px * 360 / (span_x * 512)), math.log2(height_px * 360 / (span_y * 512)))
    return pdk.ViewState(longitude=(lon0 + lon1) / 2, latitude=(lat0 + lat1) / 2, zoom=round(zoom - 0.05, 2), pitch=0)


# --- finding the place ---------------------------------------------------------------------------------------


def coverage_text() -> str:
    """What the address list covers, in words ('167 Adressen in Bövinghausen (PLZ 44388)')."""
    c = db.query("address_coverage")
    if not c["n_addresses"]:
        return t("z_cover_none")
    names = ", ".join(md_escape(x) for x in c["districts"][:5]) + (" …" if len(c["districts"]) > 5 else "")
    codes = ", ".join(md_escape(x) for x in c["postcodes"][:5]) + (" …" if len(c["postcodes"]) > 5 else "")
    return t("z_cover", n=num(c["n_addresses"], 0, lang()), districts=names or "–", postcodes=codes or "–")


def _place_label(kind: str, label: str, detail: str) -> str:
    """A search hit beyond the addresses: 'Innenstadt-West (Stadtbezirk)', 'Bövinghauser Straße (Straße in 44388 Dortmund)'."""
    if kind == "district":
        return t("z_place_district", name=label, level=t(f"z_unit_{detail}"))
    return t(f"z_place_{kind}", name=label, where=detail)


def search() -> tuple[float, float, str, str | None] | None:
    text = st.text_input(t("z_search"), max_chars=100, key="z_query", help=t("z_search_help"))
    if not text.strip():
        return None
    hits = db.query("search_addresses", text, 8)
    places = db.query("search_places", text, 8)
    options: dict[str, tuple[float, float, str, str | None]] = {}
    labels: dict[str, str] = {}
    for r in hits.itertuples():
        options[f"a:{r.address_id}"] = (float(r.lon), float(r.lat), r.label, None)
        labels[f"a:{r.address_id}"] = r.label
    for r in places.itertuples():
        key = f"{r.kind}:{r.key}"
        options[key] = (float(r.lon), float(r.lat), r.label, r.key if r.kind == "district" else None)
        labels[key] = _place_label(r.kind, r.label, r.detail)
    if not options:
        st.info(t("z_not_in_list", cover=coverage_text()))
        return None
    if hits.empty:
        st.caption(t("z_no_address_but_places", cover=coverage_text()))
    pick = st.selectbox(t("z_results"), list(options), format_func=lambda k: labels[k], key="z_pick")
    return options[pick]


def click_map() -> tuple[float, float, str, str | None] | None:
    data = _hexes(db.data_version(), is_public(), privacy.min_buildings())
    lines = maps.district_outlines("statbez", layer_id="districts", line=(60, 60, 60, 160), width=1)
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
    st.markdown(f"**{t('z_map_title')}**")
    st.pydeck_chart(
        maps.deck([layer, lines, maps.district_labels(city_view().zoom)], tooltip={"text": t("z_map_tooltip")}, view=city_view()),
        height=MAP_HEIGHT,
        key="z_map",
        on_select="rerun",
        selection_mode="single-object",
    )
    st.markdown(maps.breaks_legend(t("z_map_legend"), HP_BREAKS, "%", lambda v: num(v, 0, lang())), unsafe_allow_html=True)
    st.caption(t("z_map_hint") + " " + maps.basemap_caption())
    state = st.session_state.get("z_map")
    try:
        objs = state["selection"]["objects"].get("hexes") if state else None
    except (KeyError, TypeError, AttributeError):
        objs = None
    if objs:
        cell = objs[0].get("h")
        if isinstance(cell, str) and h3.is_valid_cell(cell):
            lat, lon = h3.cell_to_latlng(cell)
            return lon, lat, "", None
    return None


def from_link() -> tuple[float, float, str, str | None] | None:
    try:
        lon, lat = float(st.query_params.get("lon", "")), float(st.query_params.get("lat", ""))
    except ValueError:
        return None
    # coordinates outside the city's districts (with a margin) are ignored
    box = db.query("city_bounds")
    if box[0] <= lon <= box[2] and box[1] <= lat <= box[3]:
        return lon, lat, "", None
    return None


def city_name() -> str:
    return db.meta().get("city_name") or "Dortmund"


# --- the answer -------------------------------------------------------------------------------------------------


def _district_surroundings(district_id: str) -> tuple[dict | None, dict | None]:
    """A district's own figures as the answer's unit (a district picked by name)."""
    d = db.districts(district_id.split("-", 1)[0])
    row = d[d["district_id"] == district_id]
    if row.empty or (is_public() and not bool(row.iloc[0].get("is_published", True))):
        return None, None
    r = row.iloc[0]
    unit = "statbez" if district_id.startswith("statbez") else "stadtbezirk"
    s = {
        "unit": unit,
        "n_buildings": int(r["n_buildings"]),
        **{f"share_{c}_pct": float(r[f"share_hp_{c}_pct"]) for c in ("ground", "air", "limited")},
    }
    supply = {"unit": unit, "type": r["supply_area_type"]} if isinstance(r.get("supply_area_type"), str) else None
    return s, supply


def _place(lon: float, lat: float) -> dict:
    if is_public():
        return privacy.answer(round(lon, 6), round(lat, 6))
    return db.query("location_answer", round(lon, 6), round(lat, 6), privacy.min_buildings())


def answer(lon: float, lat: float, label: str, district_id: str | None = None) -> None:
    lg = lang()
    a = dict(_place(lon, lat))
    if district_id:
        a["surroundings"], a["supply"] = _district_surroundings(district_id)
    district = (a.get("district") or {}).get("name", city_name())
    st.subheader(t("z_answer_for", place=md_escape(label) if label else t("z_neighbourhood", district=md_escape(district))))
    st.query_params["lon"], st.query_params["lat"] = f"{lon:.5f}", f"{lat:.5f}"

    st.markdown(f"#### {t('z_dh_title')}")
    if a["dh_area"]:
        st.markdown(
            t("z_dh_existing", network=md_escape(a["dh_area"]["network"] or ""), operator=md_escape(a["dh_area"]["operator"] or ""))
        )
        if a["dh_area"]["is_proxy"]:
            st.caption(t("z_dh_proxy"))
    elif a["expansion"]:
        st.markdown(t("z_dh_planned", year=a["expansion"]["year"], name=md_escape(a["expansion"]["name"])))
        if a["expansion"]["is_illustrative"]:
            st.caption(t("z_dh_illustrative"))
    else:
        st.markdown(t("z_dh_none"))

    if a["supply"] and a["supply"].get("type"):
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
    st.markdown(t("z_geg_text") if dortmund else t("z_geg_text_other", city=md_escape(city_name())))
    st.markdown(f"#### {t('z_advice_title')}")
    st.markdown(t("z_advice_text") if dortmund else t("z_advice_text_other", city=md_escape(city_name())))
    st.caption(t("z_privacy", n=privacy.min_buildings()))


def show() -> None:
    """Search, the answer under it, then the map as the second way: a search hit, else a click, else the link's place."""
    found = search()
    answer_box = st.container()
    clicked = click_map()
    where = found or clicked or from_link()
    if where:
        with answer_box:
            answer(*where)


__all__ = ["answer", "city_view", "coverage_text", "show"]
