import streamlit as st

from ui import chrome, methodik
from ui.i18n import t

if chrome.page_header("page_methodik"):
    st.write(t("methodik_intro"))
    chrome.synthetic_notice()
    data, params, method, limits, calibration = st.tabs([t(k) for k in methodik.TABS])
    with data:
        methodik.datasets()
    with params:
        methodik.parameters()
    with method:
        methodik.method()
    with limits:
        methodik.limits()
    with calibration:
        methodik.calibration()
