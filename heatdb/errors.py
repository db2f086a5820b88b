"""Exceptions of the warehouse layer, and the problem list an import reports.

An import validates the whole file before it writes anything and lists every problem it found,
each with file, row, column, value and fix, in German and English. `str(error)` is the English
report (the command line); `error.report("de")` the German one (the app).

There is one way to make a problem, `Problem.of`, with keywords in the order the message reads
(file, row, column, value, problem, fix) and each text as an (English, German) pair:

    Problem.of(file=path, row=1234, column="construction_year", value=3019,
               problem=("is outside 1500..2030", "liegt außerhalb 1500..2030"),
               fix=("Correct the value or drop the row.", "Den Wert korrigieren oder die Zeile entfernen."))
    -> buildings.geojson, row 1234, column construction_year: 3019 is outside 1500..2030. Correct the value or drop the row.

`ImportValidationError.of(...)` (same keywords) is the error of that one problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ghgmodel.errors import ModelInputError

UNCHANGED = {"en": "Nothing was imported; the database is unchanged.", "de": "Es wurde nichts importiert; die Datenbank ist unverändert."}
Text = tuple[str, str]  # (English, German)


def shown(value):
    """A value as the file has it: 3019, not np.int32(3019); long texts cut."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, str) and len(value) > 80:
        return value[:77] + "…"
    return value


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One problem of an input file. `row` is 1 for the first data row or feature; None for the whole file."""

    file: str
    row: int | None = None
    column: str | None = None
    value: str = ""
    problem_en: str
    problem_de: str
    fix_en: str
    fix_de: str

    @classmethod
    def of(cls, *, file: str | Path, row: int | None = None, column: str | None = None, value=None, problem: Text, fix: Text) -> Problem:
        """The one way to make a problem.

        Args:
            file: the input file (only its name is shown).
            row: 1 for the first data row or feature; None for a problem of the whole file.
            column: the column (None if the problem is not one column's).
            value: the value as the file has it (shown as read; long texts cut).
            problem: what is wrong, (English, German), e.g. ("is not a number", "ist keine Zahl").
            fix: what to do, (English, German), e.g. ("Give a number.", "Eine Zahl angeben.").
        """
        (problem_en, problem_de), (fix_en, fix_de) = problem, fix
        return cls(
            file=Path(file).name,
            row=row,
            column=column,
            value=shown(value),
            problem_en=problem_en,
            problem_de=problem_de,
            fix_en=fix_en,
            fix_de=fix_de,
        )

    @property
    def skippable(self) -> bool:
        """A problem of one row can be skipped (the row is left out); a problem of the file cannot."""
        return self.row is not None

    def text(self, lang: str = "en") -> str:
        where = self.file
        if self.row is not None:
            where += f", {'Zeile' if lang == 'de' else 'row'} {self.row}"
        if self.column:
            where += f", {'Spalte' if lang == 'de' else 'column'} {self.column}"
        problem = self.problem_de if lang == "de" else self.problem_en
        fix = self.fix_de if lang == "de" else self.fix_en
        value = f"{self.value!r} " if self.value != "" or self.row is not None else ""
        return f"{where}: {value}{problem}. {fix}"

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "problem_de": self.problem_de,
            "problem_en": self.problem_en,
            "fix_de": self.fix_de,
            "fix_en": self.fix_en,
        }


class ImportValidationError(ValueError):
    """An input file cannot be imported: its problems name file, row, column, value and fix.

    Raised before anything is written: the database is unchanged. Built from a message (one
    problem, English only, older callers) or from a list of Problems.
    """

    def __init__(self, message: str | None = None, *, problems: list[Problem] | None = None, shown: int = 50, total: int | None = None):
        self.problems = list(problems or [])
        self.shown = shown
        # a file with a million bad rows lists a capped number of problems but reports how many there are
        self.total = max(total or 0, len(self.problems))
        self._message = message
        super().__init__(message if message is not None else self.report("en"))

    @classmethod
    def of(
        cls, *, file: str | Path, row: int | None = None, column: str | None = None, value=None, problem: Text, fix: Text
    ) -> ImportValidationError:
        """The error of one problem (the keywords of Problem.of)."""
        return cls(problems=[Problem.of(file=file, row=row, column=column, value=value, problem=problem, fix=fix)])

    @property
    def skippable(self) -> bool:
        """True when every problem is a row problem: the import can go on without the listed rows."""
        return bool(self.problems) and all(p.skippable for p in self.problems)

    def report(self, lang: str = "en") -> str:
        if not self.problems:
            return self._message or ""
        n = self.total
        head = f"{n} Problem(e) gefunden:" if lang == "de" else f"{n} problem(s) found:"
        lines = [head] + [f"- {p.text(lang)}" for p in self.problems[: self.shown]]
        if n > min(self.shown, len(self.problems)):
            more = n - min(self.shown, len(self.problems))
            lines.append(
                f"- … und {more} weitere (vollständige Liste im Bericht)"
                if lang == "de"
                else f"- … and {more} more (full list in the report)"
            )
        if self.skippable:
            lines.append(
                "Die genannten Zeilen können übersprungen werden (--skip-invalid bzw. „Fehlerhafte Zeilen überspringen“)."
                if lang == "de"
                else "The listed rows can be skipped (--skip-invalid, or 'skip invalid rows' in the app)."
            )
        lines.append(UNCHANGED[lang])
        return "\n".join(lines)


class DatabaseError(RuntimeError):
    """The database is missing, from another version, or cannot be opened."""


__all__ = ["UNCHANGED", "DatabaseError", "ImportValidationError", "ModelInputError", "Problem", "shown"]
