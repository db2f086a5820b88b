"""Numbers in German (1.234,5) or English (1,234.5) format: the same functions as the reports use."""

from __future__ import annotations

from reports.texts import num, pct


def qty(value, unit: str, decimals: int = 0, lang: str = "de") -> str:
    return f"{num(value, decimals, lang)} {unit}"


__all__ = ["num", "pct", "qty"]
