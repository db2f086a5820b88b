import streamlit as st

from ui import chrome, overview, widgets
from ui.i18n import t

if chrome.page_header("page_overview"):
    st.write(t("overview_intro"))
    chrome.synthetic_notice()
    overview.key_figures()
    scenario_id = widgets.scenario_select()
    overview.pathway_section(scenario_id)
    left, right = st.columns(2)
    with left:
        overview.carrier_mix()
    with right:
        overview.top_districts()
    metric = (
        st.segmented_control(
            t("map_metric"),
            list(overview.METRICS),
            default="heat_density_mwh_per_ha_year",
            key="overview_metric",
            format_func=lambda m: t(overview.METRICS[m][0]),
        )
        or "heat_density_mwh_per_ha_year"
    )
    overview.district_map(metric, key="overview_map")
    chrome.sources_footer()
