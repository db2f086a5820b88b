"""The frame of every page: sidebar (language, mode, data version), notices and the sources footer."""

from __future__ import annotations

import html

import streamlit as st

from heatdb.errors import DatabaseError
from ui import db, model
from ui.i18n import LANGS, t
from ui.mode import is_public


def _leave_legacy_routing() -> None:
    """Rerun through app.py's navigation if Streamlit routed this run the legacy way.

    With a folder named pages/ next to app.py, the first run of a fresh server (before any run has
    reached st.navigation) uses the pre-navigation routing: a deep link then runs the page file alone,
    without app.py's layout and navigation. Clearing the flag and rerunning sends the same page
    through app.py. (Streamlit 1.67 keeps the flag on PagesManager.)
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def language_switch() -> None:
    """The language radio in the sidebar (app.py draws it once per run, so the choice survives navigation);
    `?lang=en` in a link chooses the first language of a visit, and the link of the page keeps the choice."""
    if "lang" not in st.session_state:
        q = st.query_params.get("lang")
        st.session_state["lang"] = q if q in LANGS else LANGS[0]
    with st.sidebar:
        st.radio(t("language"), LANGS, key="lang", horizontal=True, format_func=str.upper)
    st.query_params["lang"] = st.session_state["lang"]


def page_header(title_key: str) -> bool:
    """Sidebar and title; False (with a plain message) when the database cannot be opened."""
    _leave_legacy_routing()
    with st.sidebar:
        st.caption(t("mode_public") if is_public() else t("mode_planner"))
    st.title(t(title_key))
    try:
        version = db.data_version()
    except DatabaseError as exc:
        st.error(t("error_db", msg=str(exc)))
        return False
    with st.sidebar:
        st.caption(f"{t('data_version')}: `{version}` · {db.meta().get('built_at', '')[:10]}")
    model.warm()  # the saved scenarios' results for the next visitor, in the background
    return True


def synthetic_notice() -> None:
    st.info(t("synthetic_notice"), icon="ℹ️")


def sources_footer() -> None:
    """Every dataset with its licence and attribution (escaped: the table may hold imported names)."""
    with st.expander(t("sources")):
        for rec in db.sources().itertuples():
            flag = f" — *{t('synthetic')}*" if rec.is_synthetic else ""
            st.markdown(
                f"**{html.escape(rec.title)}**{flag}  \n{html.escape(rec.licence)} · {html.escape(rec.attribution)}  \n"
                f"<small>{html.escape(rec.origin)}</small>",
                unsafe_allow_html=True,
            )
