"""Exceptions of the warehouse layer, and the problem list an import reports.

An import validates the whole file before it writes anything and lists every problem it found,
each with file, row, column, value and fix, in German and English. `str(error)` is the English
report (the command line); `error.report("de")` the German one (the app).
"""

from __future__ import annotations

from dataclasses import dataclass

from ghgmodel.errors import ModelInputError

UNCHANGED = {"en": "Nothing was imported; the database is unchanged.", "de": "Es wurde nichts importiert; die Datenbank ist unverändert."}


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


__all__ = ["UNCHANGED", "DatabaseError", "ImportValidationError", "ModelInputError", "Problem"]
