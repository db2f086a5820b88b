import streamlit as st

from ui import chrome, projekte, widgets
from ui.i18n import t

if chrome.page_header("page_projekte"):
    st.write(t("p_intro"))
    chrome.synthetic_notice()
    scenario_id, c = None, None
    if not projekte.empty_notice():
        scenario_id = widgets.scenario_select()
        c = projekte.contributions(scenario_id)
        st.subheader(t("p_table"))
        slot = st.empty()
        with slot.container():
            projekte.table(c)
        later = st.container()  # ranges, waterfall, wedges, owners and map: filled after the editor (below)
    # the editor is drawn with the new central numbers before the rest is recomputed: after a save the planner sees
    # its effect where they pressed "Speichern", in about a second, and the sections above follow
    projekte.editor(scenario_id, c)
    projekte.csv_section()
    chrome.sources_footer()
    if c is not None:
        with later:
            full = projekte.complete(scenario_id, c)  # the central numbers stand while the range is computed
            if full is not None:
                c = full
                with slot.container():
                    projekte.table(c)
            projekte.why(c)
            left, right = st.columns(2)
            with left:
                projekte.waterfall(scenario_id)
            with right:
                projekte.wedges(c)
            left, right = st.columns(2)
            with left:
                projekte.by_owner(c)
            with right:
                projekte.areas_map()
