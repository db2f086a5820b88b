"""The reports' texts (locales/reports.toml) and the names of codes (locales/labels.toml), German and English.

The reports layer runs without the app; the names of codes (carriers, project types, supply areas) are
the app's own (the same catalogue), so a reader finds the same terms in both. Numbers: locales.num.
"""

from __future__ import annotations

import json
import math
import re

from locales import has, is_missing, num, num_as_written, text


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


def day_text(value, lang: str = "de") -> str:
    """A date as a reader writes it: '2011-05-09' as '09.05.2011' (de) or as is (en); a year or other text unchanged."""
    written = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip()
    if lang != "en" and len(written) >= 10 and written[4] == "-" and written[7] == "-" and written[:4].isdigit():
        y, m, d = written[:10].split("-")
        return f"{d}.{m}.{y}"
    return written[:10] if len(written) > 10 and written[4:5] == "-" else written


def eur(value, lang: str = "de", *, missing: str = "") -> str:
    """Euros as a council reads them: '1.500,0 Mio. €' from a million up, else whole euros ('750.000 €'); `missing`
    (or '–') for no number."""
    if is_missing(value):
        return missing or "–"
    v = float(value)
    if abs(v) >= 1e6:
        return tr("eur_million", lang, value=num(v / 1e6, 1, lang))
    return tr("eur_whole", lang, value=num(v, 0, lang))


def tonnes(value, lang: str = "de", *, signed: bool = False) -> str:
    """'64.202 t' (whole tonnes); with `signed`, a change as '−12.411 t' / '+185 t' (typographic minus)."""
    if is_missing(value):
        return "–"
    text_ = num(abs(float(value)) if signed else value, 0, lang)
    if signed and text_.strip("0,.") and float(value) != 0:
        text_ = ("−" if float(value) < 0 else "+") + text_
    return f"{text_}\u00a0t"  # a no-break space: the number never stands on a line without its unit


def change(value, lang: str = "de", decimals: int = 0) -> str:
    """A signed change without unit, with a typographic minus: '−12.411', '+185', '0'."""
    if is_missing(value):
        return "–"
    text_ = num(abs(float(value)), decimals, lang)
    if not text_.strip("0,."):
        return text_
    return ("−" if float(value) < 0 else "+") + text_


# columns whose codes a reader reads as words: column -> label prefix in labels.toml
CODE_COLUMNS = {
    "status": "status",
    "project_type": "ptype",
    "energy_carrier": "carrier",
    "carrier": "carrier",
    "sector": "sector",
    "abatement_reason": "abatement",
}


def code_text(column: str, value, lang: str = "de"):
    """A cell of a code column in words (status, type, carrier, sector, supply area); any other value unchanged."""
    if not isinstance(value, str) or not value:
        return value
    if column == "supply_area_type":
        return supply_label(value, lang)
    return label(CODE_COLUMNS[column], value, lang) if column in CODE_COLUMNS else value


def supply_label(code, lang: str = "de") -> str:
    """A supply-area type (WPG § 3/§ 18): the app's word where it has one, else the reports' own."""
    if code is None or (isinstance(code, float) and math.isnan(code)) or str(code) == "":
        return ""
    if has("labels", f"supply_{code}"):
        return label("supply", code, lang)
    return tr(f"sa_{code}", lang) if has("reports", f"sa_{code}") else str(code)


def column_label(name: str, lang: str = "de") -> str:
    """A table column's header with its unit ('co2e_2035_t' -> 'CO₂e 2035 (t/a)'): the catalogue's `col_<name>`,
    else `col_<name with each year as Y>` with {year} filled in, else the name itself (a column the catalogue
    does not know yet, e.g. a new table's)."""
    if has("reports", f"col_{name}"):
        return tr(f"col_{name}", lang)
    years = re.findall(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", name)
    if years:
        pattern = re.sub(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])", "Y", name)
        if has("reports", f"col_{pattern}"):
            return tr(f"col_{pattern}", lang, year=years[0], year2=years[-1])
    return name


def short_label(text, most: int) -> str:
    """`text` cut at a word boundary to at most `most` characters, with an ellipsis where cut (chart labels)."""
    text = str(text)
    if len(text) <= most:
        return text
    head = text[: most - 1]
    cut = head.rsplit(" ", 1)[0].rstrip(" ,;:(–-") or head.rstrip()
    return cut + "…"


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


__all__ = [
    "change",
    "date_text",
    "day_text",
    "eur",
    "label",
    "lever_text",
    "short_label",
    "supply_label",
    "tonnes",
    "tr",
    "waterfall_label",
]
