"""The page's prose from locales/methodik/, drawn with its placeholders filled; database text shown literally."""

from __future__ import annotations

import streamlit as st

from locales import prose
from ui.i18n import has, lang, t
from ui.safe import md_escape

PAGE = "methodik"
md = md_escape  # text from the database shown literally in markdown (no links, images, colours or maths)


def label(prefix: str, code: str) -> str:
    """The app's name of a code (carrier, heating type, fallback system); the code itself if it has none."""
    key = f"{prefix}_{code}"
    return t(key) if has(key) else code


def title(section: str, values: dict) -> str:
    """The section's title (the first line '# …' of its Markdown file) with its placeholders filled."""
    return prose(PAGE, section, lang())[0].format_map(values)


def draw(section: str, values: dict) -> None:
    """The section's text with st.markdown (placeholders filled from `values`) and its formulas with st.latex."""
    for block in prose(PAGE, section, lang())[1]:
        if block.startswith("$$"):
            st.latex(block.strip("$"))
        else:
            st.markdown(block.format_map(values))
