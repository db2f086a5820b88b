import streamlit as st

from ui import chrome, szenarien
from ui.i18n import t

if chrome.page_header("page_szenarien"):
    st.write(t("s_intro"))
    chrome.synthetic_notice()
    chosen = szenarien.compare_select()
    szenarien.pathways(chosen)
    szenarien.gaps_table(chosen)
    szenarien.decomposition(chosen)
    szenarien.networks(chosen)
    szenarien.indicators(chosen)
    szenarien.share_link(chosen)
    szenarien.editor()
    szenarien.snapshots(chosen)
    chrome.sources_footer()
