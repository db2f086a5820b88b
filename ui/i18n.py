"""The app's texts: locales/ui.toml, and the names of codes in locales/labels.toml. German first, English as a switch."""

from __future__ import annotations

import streamlit as st

from locales import LANGS, text
from locales import has as _has

__all__ = ["LANGS", "has", "lang", "t"]


def lang() -> str:
    value = st.session_state.get("lang")
    if value in LANGS:
        return value
    q = st.query_params.get("lang")
    return q if q in LANGS else LANGS[0]


def _catalogue(key: str) -> str:
    # the app's own wording first (ui.toml), then the names of codes shared with the reports (labels.toml)
    return "labels" if not _has("ui", key) and _has("labels", key) else "ui"


def has(key: str) -> bool:
    """Whether the app has a text for `key` (for codes whose label may be missing, e.g. a status from an import)."""
    return _has("ui", key) or _has("labels", key)


def t(key: str, **values) -> str:
    """The text `key` in the visitor's language, with `values` filled into its {placeholders}."""
    return text(_catalogue(key), key, lang(), **values)
