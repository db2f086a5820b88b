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


def merge_small(frame, count: str, label: str, other: str, *, sums: tuple[str, ...] = (), by: tuple[str, ...] = ()):
    """On the public instance, rows describing fewer than the minimum of buildings are merged into one
    row `other` (per `by` group); a merged row still below the minimum is dropped."""
    import pandas as pd

    if not is_public() or frame.empty:
        return frame
    small = (frame[count] > 0) & (frame[count] < min_buildings())
    if not small.any():
        return frame
    keep = frame[~small]
    merged = frame[small].groupby(list(by), as_index=False)[[count, *sums]].sum() if by else frame[small][[count, *sums]].sum().to_frame().T
    merged[label] = other
    merged = merged[merged[count] >= min_buildings()]
    return pd.concat([keep, merged], ignore_index=True)
