"""The texts of every surface as data, and numbers in the reader's style.

    locales/ui.toml         the app's texts                       ui.i18n.t(key, **values)
    locales/reports.toml    the council reports' texts            reports.texts.tr(key, lang, **values)
    locales/labels.toml     names of codes (carriers, project types, statuses, levers): the same words in app and reports
    locales/portfolio.toml  the portfolio file's problems         portfolio.project_rows
    locales/methodik/<lang>/<section>.md   the prose of the Daten & Methodik page

This package imports nothing of the project, so every layer (down to heatdb) can use it.
"""

from locales.catalogue import LANGS, CatalogueError, catalogues, entries, has, prose, prose_sections, text
from locales.numbers import MISSING, is_missing, num, num_as_written, pct, qty, signed

__all__ = [
    "LANGS",
    "MISSING",
    "CatalogueError",
    "catalogues",
    "entries",
    "has",
    "is_missing",
    "num",
    "num_as_written",
    "pct",
    "prose",
    "prose_sections",
    "qty",
    "signed",
    "text",
]
