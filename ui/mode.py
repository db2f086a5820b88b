"""Planner or public mode.

Public mode (the residents' instance) is switched on by the environment variable WAERME_MODE=public
or by `mode = "public"` in .streamlit/secrets.toml. Anything else is planner mode.
"""

from __future__ import annotations

import streamlit as st

from heatdb.settings import settings


def mode() -> str:
    env = settings().mode
    if env:
        return "public" if env == "public" else "planner"
    try:
        return "public" if str(st.secrets.get("mode", "")).lower() == "public" else "planner"
    except Exception:  # no secrets.toml: st.secrets raises on access
        return "planner"


def is_public() -> bool:
    return mode() == "public"
