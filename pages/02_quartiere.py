import streamlit as st

from ui import chrome, quartiere, widgets
from ui.i18n import t

if chrome.page_header("page_quartiere"):
    st.write(t("q_intro"))
    chrome.synthetic_notice()
    top = st.columns([1, 1])
    with top[0]:
        level = quartiere.level_select()
    with top[1]:
        scenario_id = widgets.scenario_select()
    chosen, other = quartiere.district_select(level)
    quartiere.district_map(level, [chosen, *([other] if other else [])])
    cols = st.columns(2) if other else [st.container()]
    for col, district_id in zip(cols, [chosen, other] if other else [chosen]):
        with col:
            quartiere.profile(district_id, scenario_id)
    chrome.sources_footer()
