"""Router: page config and navigation only."""

import streamlit as st

from ui.mode import is_public

st.set_page_config(page_title="Wärmewende Dortmund", page_icon="🔥", layout="wide")
pages = [
    st.Page("pages/01_uebersicht.py", title="Übersicht", icon=":material/home:", url_path="uebersicht", default=True),
    st.Page("pages/02_quartiere.py", title="Quartiere", icon=":material/location_city:", url_path="quartiere"),
    st.Page("pages/03_karte.py", title="Karte", icon=":material/map:", url_path="karte"),
    st.Page("pages/04_projekte.py", title="Projekte", icon=":material/checklist:", url_path="projekte"),
    st.Page("pages/05_szenarien.py", title="Szenarien", icon=":material/trending_down:", url_path="szenarien"),
    st.Page("pages/09_rat.py", title="Für den Rat", icon=":material/co_present:", url_path="rat"),
    st.Page("pages/07_mein_zuhause.py", title="Mein Zuhause", icon=":material/house:", url_path="mein_zuhause"),
    st.Page("pages/06_daten_methodik.py", title="Daten & Methodik", icon=":material/menu_book:", url_path="daten_methodik"),
]
if not is_public():  # the public instance never offers imports
    pages.insert(-1, st.Page("pages/08_import.py", title="Daten importieren", icon=":material/upload_file:", url_path="import"))
st.navigation(pages).run()
