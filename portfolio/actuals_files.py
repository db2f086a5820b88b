"""The monitoring template network members fill in (one row per measure and year) and its import.

    .venv/bin/python -m portfolio.actuals_files     writes data/templates/meldungen_vorlage.csv and .xlsx
    python -m heatdb import actuals FILE [--portfolio PATH]

German headers (TEMPLATE) or the English column names; CSV (; or ,, UTF-8 or Windows-1252) or XLSX (sheet
"Meldungen"), read by the projects template's readers (portfolio.files). The rows are checked by
portfolio.actual_rows against the portfolio's measures; the import is all or nothing (or leaves out the
listed rows with skip_invalid), one transaction, logged as `actuals.import_file` with the file's SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from heatdb.errors import ImportValidationError
from heatdb.import_result import ImportResult
from heatdb.validate import check_file
from portfolio.actual_rows import ACTUAL_CSV_COLUMNS, REQUIRED, read_actual_rows
from portfolio.actuals import ensure, upsert_actual
from portfolio.audit import log
from portfolio.db import DEFAULT_PORTFOLIO, open_portfolio
from portfolio.files import TEMPLATE_DIR, Layout, _rows_from_csv, _rows_from_xlsx, write_template_files
from portfolio.project_table import projects

KIND = "actuals"  # python -m heatdb import actuals FILE
TEMPLATE_NAME = "meldungen_vorlage"
SHEET = "Meldungen"
# column -> (German header, unit, explanation in German)
TEMPLATE: dict[str, tuple[str, str, str]] = {
    "project_id": ("Projekt-ID", "", "Kennung der Maßnahme wie auf der Seite Projekte (Export der Projektliste). Pflicht."),
    "year": ("Jahr", "Jahr", "Berichtsjahr (nicht in der Zukunft). Pro Maßnahme und Jahr eine Zeile. Pflicht."),
    "buildings_connected": (
        "Angeschlossene Gebäude",
        "Anzahl",
        "In diesem Jahr an ein Wärmenetz angeschlossene Gebäude (Fernwärmeausbau: Pflicht).",
    ),
    "buildings_converted": (
        "Umgestellte Gebäude",
        "Anzahl",
        "In diesem Jahr umgestellte eigene Gebäude (Umstellung eigener Gebäude: Pflicht).",
    ),
    "buildings_retrofitted": ("Sanierte Gebäude", "Anzahl", "In diesem Jahr energetisch sanierte Gebäude (Sanierungsprogramme: Pflicht)."),
    "heat_pumps_installed": (
        "Installierte Wärmepumpen",
        "Anzahl",
        "In diesem Jahr eingebaute Wärmepumpen, Hybridgeräte mitgezählt (Wärmepumpenprogramme: Pflicht).",
    ),
    "heat_mwh": (
        "Eingespeiste Wärme",
        "MWh/a",
        "Im Jahr eingespeiste erneuerbare oder Abwärme (Netzprojekte: Pflicht). Der Jahreswert, keine Zunahme.",
    ),
    "energy_saved_mwh": ("Eingesparte Endenergie", "MWh/a", "Im Jahr eingesparte Endenergie durch alles bisher Umgesetzte (Jahreswert)."),
    "spent_eur": ("Ausgaben", "€", "In diesem Jahr ausgegebenes Geld."),
    "funding_received_eur": ("Erhaltene Förderung", "€", "In diesem Jahr erhaltene Fördermittel."),
    "reported_at": ("Meldedatum", "Datum", "Tag der Meldung (JJJJ-MM-TT oder TT.MM.JJJJ); leer: Tag des Imports."),
    "reported_by": ("Gemeldet von", "", "Organisation und Ansprechperson (wird nicht öffentlich gezeigt). Pflicht."),
    "source": ("Quelle", "", "Woher die Zahlen stammen (Geschäftsbericht, Betreiberdaten, URL). Pflicht."),
    "note": ("Anmerkung", "", "Freitext (wird nicht öffentlich gezeigt)."),
    "is_illustrative": ("Beispielwert", "ja/nein", "ja nur für erfundene Beispielzahlen, nie für eine echte Meldung."),
}
GERMAN = {de: col for col, (de, _, _) in TEMPLATE.items()}
LAYOUT = Layout(columns=ACTUAL_CSV_COLUMNS, german=GERMAN, sheet=SHEET, name=TEMPLATE_NAME)


def read_actuals_file(path: str | Path, portfolio_con, *, skip_invalid: bool = False) -> list[dict]:
    """The rows of a filled-in template, validated against the measures of the portfolio."""
    path = Path(path)
    check_file(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        rows = _rows_from_csv(path, LAYOUT)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _rows_from_xlsx(path, LAYOUT)
    else:
        raise ImportValidationError.of(
            file=path,
            problem=(f"unknown file type {suffix!r}", f"unbekannter Dateityp {suffix!r}"),
            fix=("Give the filled-in template as .csv or .xlsx.", "Die ausgefüllte Vorlage als .csv oder .xlsx angeben."),
        )
    known = {p.project_id: p for p in projects(portfolio_con)}
    return read_actual_rows(rows, path.name, known, skip_invalid=skip_invalid)


def import_actuals_file(
    path, portfolio=None, *, warehouse_db=None, skip_invalid: bool = False, licence: str = "", progress=None
) -> ImportResult:
    """Validate, then write the reports into the portfolio in one transaction (all or nothing); the kind `actuals`
    of `python -m heatdb import` and of the upload page (the arguments of portfolio.files.import_projects_file;
    the warehouse is not needed). The same file again right after changes nothing."""
    path = Path(path)
    licence = (licence or "").strip()[:500]
    if progress is not None:
        progress(0.05, {"en": "reading the file", "de": "Datei wird gelesen"})
    check_file(path)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    target = Path(portfolio or DEFAULT_PORTFOLIO)
    # validate against a read-only view first: a refused file leaves the portfolio byte for byte unchanged
    reader = open_portfolio(target, read_only=True)
    try:
        items = read_actuals_file(path, reader, skip_invalid=skip_invalid)
    finally:
        reader.close()
    skipped = list(getattr(items, "skipped_problems", []))
    con = open_portfolio(target)
    try:
        ensure(con)
        last = con.execute("SELECT action, detail FROM audit_log ORDER BY logged_at DESC LIMIT 1").fetchone()
        if last and last[0] == "actuals.import_file":
            before = json.loads(last[1])
            if (before.get("sha256"), before.get("licence"), before.get("skip_invalid")) == (sha, licence, skip_invalid):
                return ImportResult(kind=KIND, file_name=path.name, sha256=sha, n_imported=before.get("n", len(items)), unchanged=True)
        con.execute("BEGIN")
        try:
            replaced = [before for item in items if (before := upsert_actual(con, item)) is not None]
            detail = {
                "file": path.name,
                "sha256": sha,
                "licence": licence,
                "skip_invalid": skip_invalid,
                "n": len(items),
                "n_skipped": len({p.row for p in skipped}),
                "rows": [f"{i['project_id']}:{i['year']}" for i in items],
                "replaced": replaced,
            }
            log(con, "actuals.import_file", path.name[:200], json.dumps(detail, ensure_ascii=False, default=str))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    if progress is not None:
        progress(1.0, {"en": "done", "de": "fertig"})
    n_skipped = len({p.row for p in skipped})  # rows left out (a row may have several problems)
    return ImportResult(kind=KIND, file_name=path.name, sha256=sha, n_imported=len(items), n_skipped=n_skipped, skipped=tuple(skipped))


def write_templates(folder: str | Path = TEMPLATE_DIR) -> list[Path]:
    """The empty template as CSV and XLSX with an explanation sheet (portfolio.files.write_template_files)."""
    notes = [
        "Eine Zeile pro Maßnahme und Jahr. Anzahlen und Geld: was in diesem Jahr hinzukam; MWh: der Wert des Jahres.",
        "Import: python -m heatdb import actuals DATEI oder Seite „Daten importieren“ (Art: Meldungen).",
    ]
    return write_template_files(folder, TEMPLATE_NAME, SHEET, ACTUAL_CSV_COLUMNS, TEMPLATE, REQUIRED, notes, unit_width=10)


__all__ = ["GERMAN", "KIND", "LAYOUT", "SHEET", "TEMPLATE", "TEMPLATE_NAME", "import_actuals_file", "read_actuals_file", "write_templates"]

if __name__ == "__main__":
    for written in write_templates():
        print(written.name)
