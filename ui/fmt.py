"""Numbers in German (1.234,5) or English (1,234.5) format."""

from __future__ import annotations

import math


def num(value, decimals: int = 0, lang: str = "de") -> str:
    """A number with thousands separators in the language's style; '–' for missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{float(value):,.{decimals}f}"
    if lang == "de":
        text = text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return text


def pct(value, decimals: int = 1, lang: str = "de") -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{num(value, decimals, lang)} %"


def qty(value, unit: str, decimals: int = 0, lang: str = "de") -> str:
    return f"{num(value, decimals, lang)} {unit}"
