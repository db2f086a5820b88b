"""Router: page config and navigation only."""

import streamlit as st

st.set_page_config(page_title="Wärmewende Dortmund", page_icon="🔥", layout="wide")
pages = [
    st.Page("pages/01_uebersicht.py", title="Übersicht", icon="🏙️", url_path="uebersicht", default=True),
]
st.navigation(pages).run()
