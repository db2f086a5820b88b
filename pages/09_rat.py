import streamlit as st

from ui import chrome, rat
from ui.i18n import t
from ui.mode import is_public

if chrome.page_header("page_rat"):
    presenting = rat.presenting()
    data = rat.choose(presenting=presenting)
    if data is not None:
        if presenting:
            rat.present(data)
        else:
            st.write(t("r_intro"))
            rat.provenance(data)
            rat.show_sections(data)
            rat.downloads(data)
    if not presenting:
        if not is_public() and data is not None and not data.is_snapshot and data.meta.get("scenario_id"):
            st.subheader(t("s_snapshot"))
            st.caption(t("s_snapshot_help"))
            rat.freeze_form(data.meta["scenario_id"], key="r_freeze")
        rat.manage()
        rat.compare()
        chrome.sources_footer()
