"""The app's texts: locales/ui.toml, and the names of codes in locales/labels.toml. German first, English as a switch."""

from __future__ import annotations

import streamlit as st

from locales import LANGS, text
from locales import has as _has

__all__ = ["LANGS", "has", "lang", "scenario_description", "scenario_name", "t", "target_name"]


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


def scenario_name(scenario_id: str, stored: str) -> str:
    """A scenario's name in the visitor's language: the shipped defaults are translated, a planner's own stays as written."""
    key = f"scenario_name_{scenario_id}"
    return t(key) if has(key) and stored == text("labels", key, "de") else stored


def scenario_description(scenario_id: str, stored: str) -> str:
    """A scenario's description in the visitor's language (see scenario_name)."""
    key = f"scenario_desc_{scenario_id}"
    return t(key) if has(key) and stored == text("labels", key, "de") else stored


GRADES = {
    "sehr wahrscheinlich geeignet": "karte_grade_very_likely",
    "wahrscheinlich geeignet": "karte_grade_likely",
    "wahrscheinlich ungeeignet": "karte_grade_unlikely",
    "sehr wahrscheinlich ungeeignet": "karte_grade_very_unlikely",
}  # the WPG § 19 (2) grades as the model stores them (German) and their texts


def grade_name(stored) -> str:
    """A supply-area grade in the visitor's language (the model stores the law's German words)."""
    return t(GRADES[stored]) if stored in GRADES else ("" if stored is None else str(stored))


def target_name(year: int, stored: str) -> str:
    """The name of one of the city's targets in the visitor's language (the model names them in German)."""
    key = f"target_name_{int(year)}"
    return t(key) if has(key) and stored == text("labels", key, "de") else stored
