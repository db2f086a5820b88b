"""The model's parameters as a council member reads them: a German name, the value in German notation, the unit
written out, what the parameter does, its source and whether it was checked.

The parameter tables (ghgmodel/params/*.csv) name a parameter by a code (`q_h_nd.TH.0_1859`, `el_path.central`
with a year) and describe it in English for the model's maintainers. The names and explanations here come from
locales/reports.toml: `pn_<key>` names a parameter, `pe_<key>` explains it. A key is looked up as written, then
with its last segments as wildcards (`pn_q_h_nd.*.*` names every `q_h_nd.<type>.<years>`); the wildcard segments
are filled in as {a}, {b} in words (building types, construction years, carriers, variants). An explanation is
also looked up by the first segment alone (`pe_hp`), so a family of parameters can share one.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from locales import has, num_as_written
from reports.texts import label, tr

YEARS = re.compile(r"^(\d{1,4})_(\d{4})$")
NOT_CHECKED = ("not verified", "not opened here", "placeholder", "not extracted")
UNITS = {  # the tables' unit codes as a German text writes them (the same in English but for the words)
    "kWh/(m2*a)": "kWh/(m²·a)",
    "MWh/(ha*a)": "MWh/(ha·a)",
    "g CO2e/kWh": "g CO₂e/kWh",
    "t CO2e/a": "t CO₂e/a",
    "degC": "°C",
    "%/a": "%/a",
}


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or str(value).strip() in ("", "nan", "None", "<NA>")


def _segment(seg: str, lang: str) -> str:
    """A code segment of a key in words: construction years, building types, carriers, variants."""
    m = YEARS.match(seg)
    if m:
        lo, hi = int(m.group(1)), int(m.group(2))
        if lo == 0:
            return tr("years_until", lang, year=hi)
        if hi == 9999:
            return tr("years_from", lang, year=lo)
        return f"{lo}–{hi}"
    for prefix in ("ps", "carrier", "ptype", "leverval"):
        catalogue = "reports" if prefix == "ps" else "labels"
        if has(catalogue, f"{prefix}_{seg}"):
            return tr(f"ps_{seg}", lang) if prefix == "ps" else label(prefix, seg, lang)
    return seg


def _lookup(prefix: str, key: str) -> tuple[str, list[str]] | None:
    """The catalogue key for `key` (exact, then with trailing wildcards) and the segments the wildcards stand for."""
    parts = key.split(".")
    for n_wild in range(len(parts)):
        head = parts[: len(parts) - n_wild]
        candidate = ".".join([*head, *(["*"] * n_wild)])
        if has("reports", f"{prefix}_{candidate}"):
            return f"{prefix}_{candidate}", parts[len(parts) - n_wild :]
    return None


def _fill(found: tuple[str, list[str]], lang: str) -> str:
    key, wild = found
    values = {name: _segment(seg, lang) for name, seg in zip("abcd", wild)}
    return tr(key, lang, **values)


def has_name(key: str) -> bool:
    return _lookup("pn", key) is not None


def param_name(key: str, valid_year=None, lang: str = "de") -> str:
    """'Heizwärmebedarf Reihenhaus, Baujahr bis 1859'; with its year where the table gives one ('…, 2030')."""
    found = _lookup("pn", key)
    name = _fill(found, lang) if found else key
    if not _blank(valid_year):
        name = f"{name} ({str(valid_year).split('.')[0]})"
    return name


def param_explanation(key: str, lang: str = "de") -> str:
    """What the parameter does, in the reader's language ('' where the catalogue has nothing)."""
    found = _lookup("pe", key)
    if found:
        return _fill(found, lang)
    family = f"pe_{key.split('.')[0]}"
    return tr(family, lang) if has("reports", family) else ""


def param_unit(unit, lang: str = "de") -> str:
    """'kWh/(m2*a)' as 'kWh/(m²·a)', '1' as '–' (a plain number), 'type' as 'Auswahl'."""
    if _blank(unit):
        return ""
    unit = str(unit)
    if has("reports", f"pu_{unit}"):
        return tr(f"pu_{unit}", lang)
    return UNITS.get(unit, unit)


def param_value(value, lang: str = "de", unit=None) -> str:
    """'134.4737' as '134,4737' (German), a code ('gas_new', 'central') in words, other text as it is; a year
    (unit 'year') and a date as written."""
    if _blank(value):
        return ""
    written = str(value).strip()
    if str(unit) in ("year", "date"):
        return written
    try:
        float(written)
    except ValueError:
        for prefix in ("leverval", "carrier", "ptype"):
            if has("labels", f"{prefix}_{written}"):
                return label(prefix, written, lang)
        return tr(f"ps_{written}", lang) if has("reports", f"ps_{written}") else written
    return num_as_written(written, lang)


def param_source(source, reference, lang: str = "de") -> str:
    """The citation (the source, else the reference) without the maintainers' remark after it: the text before ': ' or
    before a parenthesis that opens with a word ('VDI 2067-1 (annuity method; …)' -> 'VDI 2067-1'; a paragraph
    number as in 'GEG 71 (8)' stays). The project's own reference sheet is named in the reader's words."""
    for text in (source, reference):
        if _blank(text) or str(text).strip() == "not opened here":
            continue
        head = re.split(r": | \((?=[A-Za-z])", str(text).strip(), maxsplit=1)[0].strip()
        head = head.replace("domain reference sheet", tr("reference_sheet", lang)).replace(" and ", f" {tr('and_word', lang)} ")
        for code, written in UNITS.items():  # units inside a citation as the reader writes them ('50/40 degC')
            head = head.replace(code, written)
        return head
    return tr("own_assumption", lang)


def is_checked(rec) -> bool:
    """False where the table itself says the value was not verified or its source not opened."""
    words = " ".join(str(getattr(rec, c, "") or "") for c in ("reference", "rationale")).lower()
    return not any(w in words for w in NOT_CHECKED)


def assumptions(params: pd.DataFrame, lang: str = "de") -> pd.DataFrame:
    """The parameters of kind 'assumption' as the appendix shows them: key, name, value, unit, explanation, source,
    checked. Sorted by family (the key's first segment) and name, so related values stand together."""
    if "kind" not in params:
        return pd.DataFrame(columns=["key", "name", "value", "unit", "explanation", "source", "checked"])
    rows = []
    for rec in params[params["kind"] == "assumption"].itertuples():
        rows.append(
            {
                "key": rec.key,
                "name": param_name(rec.key, getattr(rec, "valid_year", None), lang),
                "value": param_value(rec.value, lang, rec.unit),
                "unit": param_unit(rec.unit, lang),
                "explanation": param_explanation(rec.key, lang),
                "source": param_source(getattr(rec, "source", ""), getattr(rec, "reference", ""), lang),
                "checked": is_checked(rec),
                "family": rec.key.split(".")[0],
            }
        )
    frame = pd.DataFrame(rows, columns=["key", "name", "value", "unit", "explanation", "source", "checked", "family"])
    return frame.sort_values(["family", "key"], kind="stable").drop(columns=["family"]).reset_index(drop=True)


__all__ = ["assumptions", "has_name", "is_checked", "param_explanation", "param_name", "param_source", "param_unit", "param_value"]
