import streamlit as st

from ui import chrome, importe
from ui.i18n import t
from ui.mode import is_public

if is_public():
    # the public instance has no import page; reached by a typed URL, it shows nothing of it
    st.error(t("imp_public"))
    st.stop()
if chrome.page_header("page_import"):
    st.write(t("imp_intro"))
    importe.upload_form()
    importe.import_log()
