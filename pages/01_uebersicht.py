import streamlit as st

from ui import chrome, overview
from ui.i18n import t

if chrome.page_header("page_overview"):
    st.write(t("overview_intro"))
    chrome.synthetic_notice()
    overview.key_figures()
    metric = st.segmented_control(
        t("map_metric"), list(overview.METRICS), default="heat_density_mwh_per_ha_year", key="overview_metric",
        format_func=lambda m: t(overview.METRICS[m][0]),
    ) or "heat_density_mwh_per_ha_year"
    overview.district_map(metric, key="overview_map")
    chrome.sources_footer()
