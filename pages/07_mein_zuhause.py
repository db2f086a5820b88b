import streamlit as st

from ui import chrome, zuhause
from ui.i18n import t

if chrome.page_header("page_zuhause"):
    st.write(t("z_intro"))
    zuhause.show()
    chrome.synthetic_notice()
    chrome.sources_footer()
