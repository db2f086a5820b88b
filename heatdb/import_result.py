"""What an import did: the result the warehouse's imports (imports/) and the portfolio template's
(portfolio/files.py) both return, so the command line and the upload page report them the same way.

It lives in heatdb, below both: imports and portfolio never import each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from heatdb.errors import Problem
from locales import num


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    """What an import did: rows imported, rows left out (with their problems), or nothing (unchanged)."""

    kind: str
    file_name: str
    sha256: str
    n_imported: int
    n_skipped: int = 0
    skipped: tuple[Problem, ...] = ()
    unchanged: bool = False
    data_version: str = ""
    notes: tuple[tuple[str, str], ...] = ()  # (English, German): what the reader estimated or left out

    def message(self, lang: str = "en", *, notes: bool = True) -> str:
        """One line on what was done; with `notes` followed by what the reader estimated or left out."""
        text = self._done(lang)
        if not notes or not self.notes:
            return text
        return " ".join([text.rstrip(".") + ".", *(de if lang == "de" else en for en, de in self.notes)])

    def _done(self, lang: str) -> str:
        if self.unchanged:
            if lang == "de":
                return f"{self.file_name} ist bereits der letzte Import der Art {self.kind} (gleiche SHA-256): nichts geändert."
            return f"{self.file_name} is already the latest {self.kind} import (same SHA-256): nothing changed."
        n, skipped = num(self.n_imported, 0, lang), num(self.n_skipped, 0, lang)
        if lang == "de":
            text = f"{n} Zeilen ({self.kind}) aus {self.file_name} importiert"
            return text + (f", {skipped} fehlerhafte Zeilen übersprungen." if self.n_skipped else ".")
        return f"imported {n} rows of {self.kind} from {self.file_name}" + (f", skipped {skipped} invalid rows" if self.n_skipped else "")


__all__ = ["ImportResult"]
