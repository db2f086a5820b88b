"""Publication rules for the public instance: no figure about fewer than privacy.min_buildings buildings."""

from __future__ import annotations

from ui.mode import is_public


def min_buildings() -> int:
    from ui.model import params

    return int(params().value("privacy.min_buildings"))


def count_text(n, fmt_num) -> str:
    """A building count as text; on the public instance counts below the minimum show as '< 5'."""
    if n is None:
        return "–"
    if is_public() and 0 < n < min_buildings():
        return f"< {min_buildings()}"
    return fmt_num(n)


def publishable(n) -> bool:
    return not is_public() or n is None or n == 0 or n >= min_buildings()
