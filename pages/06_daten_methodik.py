import streamlit as st

from ui import chrome, methodik
from ui.i18n import t

if chrome.page_header("page_methodik"):
    st.write(t("methodik_intro"))
    chrome.synthetic_notice()
    # only the open tab is drawn (the five cost a public view 0.5 s of server time); the link names it (?tab=)
    tabs = st.tabs([t(k) for k in methodik.TABS], key="tab", bind="query-params")
    for tab, section in zip(tabs, (methodik.datasets, methodik.parameters, methodik.method, methodik.limits, methodik.calibration)):
        with tab:
            if tab.open:
                section()
