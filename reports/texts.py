"""The reports' texts (locales/reports.toml) and the names of codes (locales/labels.toml), German and English.

The reports layer runs without the app; the names of codes (carriers, project types, supply areas) are
the app's own (the same catalogue), so a reader finds the same terms in both. Numbers: locales.num.
"""

from __future__ import annotations

import json
import math

from locales import has, num, num_as_written, text


def tr(key: str, lang: str = "de", **values) -> str:
    """The report text `key` in `lang` ('de' or 'en'), with `values` filled in."""
    return text("reports", key, lang, **values)


def label(prefix: str, code, lang: str = "de") -> str:
    """The label of a code (carrier, sector, project type, ...); the code itself if there is none."""
    if code is None or (isinstance(code, float) and math.isnan(code)):
        return ""
    key = f"{prefix}_{code}"
    return text("labels", key, lang) if has("labels", key) else str(code)


CODED_LEVERS = ("factor_set", "el_path", "dh_path", "fallback_system", "boiler_replacement", "demand_basis")


def lever_text(lever: str, value, lang: str = "de") -> str:
    """A lever's value from the `levers` table as a reader reads it (codes named, series as 'year: value')."""
    written = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
    if lever in CODED_LEVERS:
        return label("leverval", written, lang)
    if lever == "project_statuses":
        try:
            codes = json.loads(written) if written else None
        except ValueError:
            return written
        if codes is None:
            return label("leverval", "assumed_statuses", lang)
        return ", ".join(label("status", c, lang) for c in codes)
    if lever == "project_ids":
        if not written:
            return tr("all_projects", lang)
        try:
            ids = json.loads(written)
        except ValueError:
            return written
        return ", ".join(map(str, ids)) if ids else tr("no_projects", lang)
    if lever in ("hp_adoption_pct", "dh_connection_by_area") and written.startswith("{"):
        try:
            spec = json.loads(written)
        except ValueError:
            return written
        if not spec:
            return "–"
        parts = []
        for key, series in spec.items():
            name = tr(f"hp_class_{key}", lang) if has("reports", f"hp_class_{key}") else key
            inner = ("; " if lang != "en" else ", ").join(
                f"{k}: {num(v, 1, lang) if isinstance(v, float) and not float(v).is_integer() else num(v, 0, lang) if isinstance(v, (int, float)) else v}"
                for k, v in series.items()
            )
            parts.append(f"{name} {inner}")
        return " / ".join(parts)
    if lang != "en" and _numeric_series(written):
        return "; ".join(_series_item(item, lang) for item in written.split(", "))
    return written


def _series_item(item: str, lang: str) -> str:
    """'2024: 1.5' as '2024: 1,5' (the year as it is, the value with the decimals it was written with)."""
    year, sep, value = item.rpartition(": ")
    return f"{year}{sep}{num_as_written(value.strip(), lang)}"


def _numeric_series(text: str) -> bool:
    """'2024: 1.5, 2027: 4' or '85.0': a number or a series of numbers (shown with a decimal comma in German)."""
    parts = [p.split(":")[-1].strip() for p in text.split(",")] if text else []
    try:
        return bool(parts) and all(float(p) == float(p) for p in parts)
    except ValueError:
        return False


def date_text(iso: str, lang: str = "de") -> str:
    """'2026-11-22T07:38:55+00:00' as '22.11.2026 07:38 UTC' (de) or '2026-11-22 07:38 UTC' (en)."""
    if not iso:
        return ""
    day, _, time = str(iso).replace(" ", "T").partition("T")
    hm = time[:5]
    if lang != "en" and len(day) == 10:
        y, m, d = day.split("-")
        day = f"{d}.{m}.{y}"
    return f"{day} {hm} UTC".strip() if hm else day


def short_label(text, most: int) -> str:
    """`text` cut at a word boundary to at most `most` characters, with an ellipsis where cut (chart labels)."""
    text = str(text)
    if len(text) <= most:
        return text
    head = text[: most - 1]
    cut = head.rsplit(" ", 1)[0].rstrip(" ,;:(–-") or head.rstrip()
    return cut + "…"


__all__ = ["date_text", "label", "lever_text", "short_label", "tr"]


def waterfall_label(lang: str = "de"):
    """The words of the waterfall's steps (reports.waterfall.bars) in `lang`, shared by the app and the reports."""

    def word(step: str, key: str, text_: str) -> str:
        if step == "driver":
            return label("driver", key, lang)
        if step == "unbacked":
            return label("unbacked", key, lang)
        if step == "measure":
            return short_label(text_, 48)
        if step == "others":
            return text("labels", "wfstep_others", lang, n=key)
        if step in ("result", "target", "gap"):
            return text("labels", f"wfstep_{step}", lang, year=text_)
        return text("labels", "wfstep_start", lang)

    return word
