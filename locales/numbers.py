"""Numbers as a German or an English reader writes them: 1.234.567,8 (de) and 1,234,567.8 (en).

The one number formatter of every surface: the app, the reports, the importers' messages and the
portfolio's. A missing number (None, NaN, infinite) is shown as "–"; -0 is shown as 0.

Rounding is half away from zero on the number as written (2.5 -> 3, 0.125 -> 0.13 at two decimals,
-2.5 -> -3), the way a reader rounds by hand (DIN 1333), not half-to-even on the binary float that
Python's round() and f-strings use (which show 2.5 as 2 and 0.125 as 0.12).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Context, Decimal

MISSING = "–"
# (thousands separator, decimal mark) per language; a language not listed writes numbers as German does
SEPARATORS = {"de": (".", ","), "en": (",", ".")}
_CONTEXT = Context(prec=60)  # room for any float's digits: quantize fails beyond the context's precision
_STEPS = tuple(Decimal(1).scaleb(-d) for d in range(16))


def is_missing(value) -> bool:
    """True for None, NaN, infinities and values with no number (pandas' NA)."""
    if value is None:
        return True
    try:
        return not math.isfinite(float(value))
    except (TypeError, ValueError):
        return True


def num(value, decimals: int = 0, lang: str = "de") -> str:
    """`value` with `decimals` decimals and thousands separators: '1.234.568' (de), '1,234,568' (en); '–' if missing."""
    if is_missing(value):
        return MISSING
    # str(float) is the shortest text that reads back as the same float: the number as written
    rounded = float(Decimal(str(float(value))).quantize(_STEPS[decimals], rounding=ROUND_HALF_UP, context=_CONTEXT))
    thousands, decimal = SEPARATORS.get(lang, SEPARATORS["de"])
    # the rounded number prints exactly at its decimals; + 0.0 turns -0.0 (e.g. -0.4 rounded) into 0
    return f"{rounded + 0.0:_.{decimals}f}".replace(".", decimal).replace("_", thousands)


def pct(value, decimals: int = 1, lang: str = "de") -> str:
    """A share in per cent: '12,3 %' (de), '12.3 %' (en); '–' if missing."""
    return MISSING if is_missing(value) else f"{num(value, decimals, lang)} %"


def qty(value, unit: str, decimals: int = 0, lang: str = "de") -> str:
    """A quantity with its unit: '1.234 t' (de), '1,234 t' (en)."""
    return f"{num(value, decimals, lang)} {unit}"


def signed(value, decimals: int = 0, lang: str = "de") -> str:
    """A change with its sign: '+1,5', '-0,3', '0' (a value that rounds to zero has none)."""
    text = num(value, decimals, lang)
    return f"+{text}" if not is_missing(value) and float(value) > 0 and text.strip("0,.") else text


def num_as_written(text: str, lang: str = "de") -> str:
    """A number from a file ('85.0', '1.5', '40000') in the reader's style with the decimals it was written with.

    Text that is not a number comes back unchanged; so does a number in exponent form (1e-3).
    """
    try:
        value = float(text)
    except (TypeError, ValueError):
        return text
    decimals = len(text.split(".", 1)[1]) if "." in text and "e" not in text.lower() else 0
    return num(value, decimals, lang)


__all__ = ["MISSING", "SEPARATORS", "is_missing", "num", "num_as_written", "pct", "qty", "signed"]
