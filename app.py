"""Router: page config, the language switch and the navigation (its labels in the visitor's language)."""

import streamlit as st

# Every page's modules are imported with the router, once per process: the first session pays for them (about 2 s),
# not the first visit of each page (Szenarien, Für den Rat and Fortschritt import the report code, 1-2 s each).
from ui import chrome, fortschritt, karte, methodik, overview, projekte, quartiere, rat, szenarien, zuhause  # noqa: F401
from ui.i18n import t
from ui.mode import is_public

st.set_page_config(page_title="Wärmewende Dortmund", page_icon="🔥", layout="wide")
# the language switch lives here, in the entry script, so its choice survives every change of page
chrome.language_switch()
PAGES = [
    ("pages/01_uebersicht.py", "page_overview", ":material/home:", "uebersicht"),
    ("pages/02_quartiere.py", "page_quartiere", ":material/location_city:", "quartiere"),
    ("pages/03_karte.py", "page_karte", ":material/map:", "karte"),
    ("pages/04_projekte.py", "page_projekte", ":material/checklist:", "projekte"),
    ("pages/10_fortschritt.py", "page_fortschritt", ":material/monitoring:", "fortschritt"),
    ("pages/05_szenarien.py", "page_szenarien", ":material/trending_down:", "szenarien"),
    ("pages/09_rat.py", "page_rat", ":material/co_present:", "rat"),
    ("pages/07_mein_zuhause.py", "page_zuhause", ":material/house:", "mein_zuhause"),
    ("pages/08_import.py", "page_import", ":material/upload_file:", "import"),
    ("pages/06_daten_methodik.py", "page_methodik", ":material/menu_book:", "daten_methodik"),
]
pages = [
    st.Page(path, title=t(key), icon=icon, url_path=url)
    for path, key, icon, url in PAGES
    if not (url == "import" and is_public())  # the public instance never offers imports
]
# "/" opens the overview under its own address, so /uebersicht is a page like every other
home = st.Page(
    lambda: st.switch_page(pages[0], query_params=st.query_params.to_dict()), title=t("page_overview"), visibility="hidden", default=True
)
st.navigation([home, *pages]).run()
