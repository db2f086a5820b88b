"""The rules of one reported-actuals row (the monitoring template, a form, or the shipped examples).

One row per measure and year. Every row is checked completely and every problem names the row, column,
value and fix in German and English (texts in locales/monitoring.toml: each problem `act_<key>` with its
fix `act_<key>_fix`): the measure exists in the portfolio, the year is not in the future, the figures are
numbers of at least 0 (counts whole), the measure's own indicator (ghgmodel.progress.PRIMARY: buildings
connected for a district-heating expansion, heat pumps for a heat-pump programme, ...) is given, who
reported and the source are named, the date is a date. A measure and year twice in one file is refused.
"""

from __future__ import annotations

import math
from datetime import date, datetime

import locales
from ghgmodel.progress import COUNTS, INDICATORS, PRIMARY
from heatdb.errors import ImportValidationError, Problem

MAX_TEXT = 2000
ACTUAL_CSV_COLUMNS = ("project_id", "year", *INDICATORS, "reported_at", "reported_by", "source", "note", "is_illustrative")
REQUIRED = ("project_id", "year", "reported_by", "source")
TRUE, FALSE = ("true", "ja", "1", "yes"), ("false", "nein", "0", "no", "")


def _texts(key: str, **values) -> dict:
    """The problem and fix of `key` as (English, German) pairs."""
    return {
        part: (
            locales.text("monitoring", f"act_{key}{suffix}", "en", **values),
            locales.text("monitoring", f"act_{key}{suffix}", "de", **values),
        )
        for part, suffix in (("problem", ""), ("fix", "_fix"))
    }


class ActualList(list):
    """Validated rows (dicts in the columns of project_actuals), with the problems of the rows left out."""

    def __init__(self):
        super().__init__()
        self.skipped_problems: list[Problem] = []


def read_actual_rows(
    rows: list[dict], source_name: str, projects: dict, *, today: date | None = None, skip_invalid: bool = False
) -> ActualList:
    """Validate rows of reported actuals completely; `projects` maps project_id -> ghgmodel.Project.

    Raises ImportValidationError with every problem (row, column, value, fix); with skip_invalid the rows
    with problems are left out and listed in `.skipped_problems` of the result.
    """
    today = today or date.today()
    if not rows:
        raise ImportValidationError.of(file=source_name, **_texts("no_rows"))
    missing = [c for c in REQUIRED if c not in rows[0]]
    if missing:
        raise ImportValidationError.of(
            file=source_name, **_texts("missing_columns", columns=", ".join(missing), template=", ".join(ACTUAL_CSV_COLUMNS))
        )
    out = ActualList()
    seen: set = set()
    for i, r in enumerate(rows, start=1):
        problems: list[Problem] = []
        row = _row(i, r, source_name, projects, today, seen, problems)
        if problems:
            out.skipped_problems.extend(problems)
        else:
            out.append(row)
    if out.skipped_problems and (not skip_invalid or not out):
        raise ImportValidationError(problems=out.skipped_problems)
    return out


def _number(raw, column: str, bad) -> float | None:
    text = "" if raw is None else str(raw).strip()
    if "," in text and "." not in text:  # a decimal comma
        text = text.replace(",", ".")
    if text == "":
        return None
    try:
        x = float(text)
    except ValueError:
        bad(column, raw, "not_a_number")
        return None
    if not math.isfinite(x):
        bad(column, raw, "not_a_number")
        return None
    if x < 0:
        bad(column, raw, "negative")
        return None
    if column in COUNTS and x != int(x):
        bad(column, raw, "not_whole")
        return None
    return x


def _date(raw, bad, today: date) -> date:
    text = "" if raw is None else str(raw).strip()[:10]
    if not text:
        return today
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        if day > today:
            bad("reported_at", raw, "future_date")
        return day
    bad("reported_at", raw, "not_a_date")
    return today


def _row(i: int, r: dict, source_name: str, projects: dict, today: date, seen: set, problems: list) -> dict:
    def bad(column, value, key, **values):
        problems.append(Problem.of(file=source_name, row=i, column=column, value=value, **_texts(key, **values)))

    for k, v in r.items():
        if k is None or (isinstance(v, str) and len(v) > MAX_TEXT):
            bad(k or "(extra)", str(v or "")[:40], "too_long", max_chars=MAX_TEXT)
    pid = str(r.get("project_id") or "").strip()
    p = projects.get(pid)
    if not pid:
        bad("project_id", "", "missing_value")
    elif p is None:
        bad("project_id", pid, "not_a_project")
    raw_year = str(r.get("year") or "").strip()
    try:
        number = float(raw_year)
        year = int(number) if number == int(number) and 2000 <= number <= 2050 else None
    except (ValueError, OverflowError):
        year = None
    if year is None:
        bad("year", raw_year, "not_a_year")
    elif year > today.year:
        bad("year", raw_year, "future_year", this_year=today.year)
    if pid and year is not None:
        if (pid, year) in seen:
            bad("project_id", f"{pid} {year}", "twice")
        seen.add((pid, year))
    values = {c: _number(r.get(c), c, bad) for c in INDICATORS}
    if p is not None and values[PRIMARY[p.project_type]] is None and not any(x.column == PRIMARY[p.project_type] for x in problems):
        bad(PRIMARY[p.project_type], "", "primary_missing", indicator=PRIMARY[p.project_type], ptype=p.project_type)
    texts = {c: str(r.get(c) or "").strip() for c in ("reported_by", "source", "note")}
    for c in ("reported_by", "source"):
        if not texts[c]:
            bad(c, "", "missing_value")
    flag = str(r.get("is_illustrative") or "").strip().lower()
    if flag not in (*TRUE, *FALSE):
        bad("is_illustrative", r.get("is_illustrative"), "not_true_or_false")
    reported_at = _date(r.get("reported_at"), bad, today)
    return {"project_id": pid, "year": year, **values, "reported_at": reported_at, **texts, "is_illustrative": flag in TRUE}


__all__ = ["ACTUAL_CSV_COLUMNS", "MAX_TEXT", "REQUIRED", "ActualList", "read_actual_rows"]
