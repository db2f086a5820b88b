"""Text from data or links made safe for Streamlit's Markdown: no links, images, HTML or formulas."""

from __future__ import annotations

import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&:$])")


def md_escape(text) -> str:
    """Every Markdown character escaped, so a name or a link parameter shows as the text it is."""
    return _MD_SPECIAL.sub(r"\\\1", "" if text is None else str(text))
