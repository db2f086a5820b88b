import streamlit as st

from ui import chrome, fortschritt, fortschritt_melden
from ui.mode import is_public

if chrome.page_header("page_fortschritt"):
    st.write(fortschritt.mt("f_intro"))
    fortschritt_melden.flash()
    scenario_id, year = fortschritt.controls()
    data = fortschritt.data(scenario_id, year)
    fortschritt.notices(data)
    if fortschritt.has_measures(data):
        fortschritt.city(data)
        fortschritt.measures(data)
        fortschritt.history(data)
        fortschritt.district_map(data)
        fortschritt_melden.reports_table(data)
        fortschritt_melden.downloads(data)
    if not is_public():
        fortschritt_melden.report_form()
        fortschritt_melden.publishing()
    fortschritt.method()
    chrome.sources_footer()
