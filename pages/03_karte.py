import streamlit as st

from ui import chrome, karte, widgets
from ui.i18n import t

if chrome.page_header("page_karte"):
    st.write(t("karte_intro"))
    chrome.synthetic_notice()
    karte.seed_from_link()  # a shared link opens the same view (widget defaults come from the URL or karte's defaults)
    panel, main = st.columns([1, 3], gap="medium")
    year = types = None
    color_by = "carrier"
    scenario_id, effect_year = "trend", 2030
    with panel:
        st.subheader(t("karte_layers"))
        theme = st.radio(t("karte_theme"), karte.THEMES, key="karte_theme", format_func=karte.label)
        grid = "cell"
        if theme in karte.GRID_THEMES:
            grid = st.selectbox(t("karte_grid"), karte.GRIDS, key="karte_grid", format_func=karte.label)
        st.markdown(f"**{t('karte_overlays')}**")
        on = [o for o in karte.overlays() if st.checkbox(karte.label(o), key=f"karte_show_{o}")]
        if "expansion" in on:
            first, last = karte.years()
            year = st.slider(t("karte_year"), first, last, key="karte_year")
        if "projects" in on:
            # one checkbox per type, not a multiselect: its chips cut the longer type names at 150 px
            st.markdown(f"**{t('karte_project_types')}**")
            types = [k for k in karte.project_types() if st.checkbox(karte.label(k), key=f"karte_ptype_{k}")]
            scenario_id = widgets.scenario_select("karte_scenario", label_key="karte_proj_scenario", radio=True)
            effect_year = st.radio(t("karte_proj_year"), karte.EFFECT_YEARS, horizontal=True, key="karte_effect_year")
        names = karte.district_options()
        district = st.selectbox(
            t("karte_district"), list(names), index=None, placeholder=t("karte_district_pick"), key="karte_district",
            format_func=lambda d: names.get(d, d), help=t("karte_district_help"),
        )  # fmt: skip
        if "buildings" in on:
            color_by = st.radio(t("karte_color_by"), karte.COLOR_BY, key="karte_color_by", format_func=karte.label)
    karte.write_link(
        karte.link_state(
            theme=theme, grid=grid, on=on, year=year, types=types, effect_year=effect_year, district_id=district, color_by=color_by
        )
    )
    view = karte.build_view(
        theme, grid, on, year=year, district_id=district, color_by=color_by, types=types, scenario_id=scenario_id, effect_year=effect_year
    )
    with main:
        st.pydeck_chart(view.deck, height=650, key="karte_map")
        for caption in view.captions:
            st.caption(caption)
    with panel:
        st.markdown(f"**{t('legend')}**")
        for legend in view.legends:
            st.markdown(legend, unsafe_allow_html=True)
    chrome.sources_footer()
