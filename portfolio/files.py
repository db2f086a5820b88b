"""The portfolio template each organisation fills in (CSV or XLSX) and its import into the portfolio.

    .venv/bin/python -m portfolio.files          writes data/templates/projekte_vorlage.csv and .xlsx

The template has German column headers (TEMPLATE); the English names of portfolio.CSV_COLUMNS are
accepted as well, so a portfolio exported from the app imports again. The XLSX has a second sheet
that explains every column. Rows are validated by portfolio.project_rows.read_projects_csv (one set of rules).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ghgmodel.projects import HEAT_SOURCES, PROJECT_STATUSES, PROJECT_TYPES
from heatdb.connect import connect
from heatdb.errors import ImportValidationError
from heatdb.import_result import ImportResult
from heatdb.validate import check_file, check_line_lengths
from portfolio.audit import log
from portfolio.db import DEFAULT_PORTFOLIO, open_portfolio
from portfolio.project_rows import CSV_COLUMNS, REQUIRED, read_projects_csv
from portfolio.project_table import upsert

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "data" / "templates"
TEMPLATE_NAME = "projekte_vorlage"
KIND = "projects"  # the import kind of the template (python -m heatdb import projects FILE)

# column -> (German header, unit, explanation in German)
TEMPLATE: dict[str, tuple[str, str, str]] = {
    "project_id": ("Projekt-ID", "", "Eindeutige Kennung (Buchstaben, Ziffern, - und _), z. B. dew21-hoerde-ausbau. Pflicht."),
    "name": ("Name", "", "Name der Maßnahme. Pflicht."),
    "owner": ("Träger", "", "Organisation, die die Maßnahme trägt (Stadt, Stadtwerk, Wohnungsunternehmen, …). Pflicht."),
    "project_type": ("Projektart", "", "Eine von: " + ", ".join(PROJECT_TYPES) + ". Pflicht."),
    "status": ("Status", "", "Eine von: " + ", ".join(PROJECT_STATUSES) + " (leer: planned)."),
    "start_year": ("Startjahr", "Jahr", "Jahr, in dem die Wirkung beginnt. Pflicht."),
    "end_year": ("Endjahr", "Jahr", "Jahr der vollen Wirkung. Pflicht."),
    "districts": ("Bezirke", "", "Statistische Bezirke (Name, Code wie 510 oder statbez-510), mehrere mit ; getrennt; * für alle."),
    "expansion_areas": ("Ausbaugebiete", "", "Fernwärme-Ausbaugebiete (EXP-001;EXP-002), * für alle oder stadtbezirk:1,2."),
    "network_id": ("Wärmenetz", "", "Kennung des Wärmenetzes (Netzprojekte), z. B. dew21."),
    "connection_share_pct": (
        "Anschlussquote",
        "%",
        "Fernwärmeausbau: Anteil der erreichbaren, noch nicht angeschlossenen Gebäude bis zum Endjahr.",
    ),
    "rate_pct_per_year": ("Rate pro Jahr", "%/a", "Wärmepumpen- und Sanierungsprogramme: Anteil der geeigneten Gebäude pro Jahr."),
    "heat_mwh_per_year": ("Wärmemenge", "MWh/a", "Netzprojekte: eingespeiste Wärme bei voller Wirkung."),
    "heat_source": ("Wärmequelle", "", "Netzprojekte, eine von: " + ", ".join(HEAT_SOURCES) + "."),
    "source_ef_g_per_kwh": ("Emissionsfaktor Quelle", "g CO₂e/kWh", "Nur bei Wärmequelle custom oder um den Standardwert zu ersetzen."),
    "retrofit_depth": ("Sanierungstiefe", "", "standard oder advanced (Sanierungsprogramme); leer = keine."),
    "target_system": ("Zielsystem", "", "Umstellung eigener Gebäude: hp (Wärmepumpe) oder dh (Fernwärme)."),
    "capex_eur": ("Investition", "€", "Investitionskosten."),
    "funding_eur": ("Förderung", "€", "Davon Fördermittel."),
    "funding_source": ("Fördergeber", "", "Wer fördert (Programm)."),
    "published_co2_t_per_year": (
        "Veröffentlichte Minderung",
        "t CO₂e/a",
        "Vom Träger veröffentlichte Minderung, zum Vergleich mit dem Modell.",
    ),
    "source": ("Quelle", "", "Woher die Zahlen stammen (URL oder Dokument)."),
    "is_approximated": ("Geschätzt", "ja/nein", "ja, wenn die Zahlen geschätzt und nicht veröffentlicht sind."),
    "note": ("Anmerkung", "", "Freitext."),
    "is_hybrid": ("Hybridsystem", "ja/nein", "Wärmepumpenprogramme: ja, wenn Hybridsysteme (Wärmepumpe + Gaskessel) eingebaut werden."),
    "buildings": (
        "Gebäude",
        "",
        "Umstellung eigener Gebäude: Gebäude-IDs oder Adressen (Straße Hausnummer) der eigenen Gebäude, mit ; getrennt.",
    ),
    "n_buildings": (
        "Anzahl Gebäude",
        "Anzahl",
        "Umstellung eigener Gebäude ohne Liste: so viele fossil beheizte Gebäude des Typs in den Bezirken.",
    ),
    "building_type": ("Gebäudetyp", "", "Zur Anzahl: SFH (Einfamilienhaus), TH (Reihenhaus), MFH, AB (großes Mehrfamilienhaus) oder NR."),
}
GERMAN = {de: col for col, (de, _, _) in TEMPLATE.items()}


@dataclass(frozen=True)
class Layout:
    """A template's columns, their German headers, its sheet and its name (the monitoring's template reuses the readers)."""

    columns: tuple[str, ...]
    german: dict
    sheet: str
    name: str


PROJECTS_LAYOUT = Layout(columns=CSV_COLUMNS, german=GERMAN, sheet="Projekte", name=TEMPLATE_NAME)


def _canonical(header: list, german: dict) -> list[str | None]:
    """German or English headers -> the template's column names (unknown headers kept as they are)."""
    out = []
    for h in header:
        text = "" if h is None else str(h).strip()
        out.append(german.get(text, text) if text else None)
    return out


def _rows_from_csv(path: Path, layout: Layout | None = None) -> list[dict]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" in German Windows
        if "\ufffd" in text:
            raise ImportValidationError.of(
                file=path,
                problem=("is neither UTF-8 nor Windows-1252 text", "ist weder UTF-8- noch Windows-1252-Text"),
                fix=("Save the CSV as UTF-8.", "Die CSV-Datei als UTF-8 speichern."),
            ) from None
    check_line_lengths(path, text)
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise ImportValidationError.of(
            file=path, problem=("has no rows", "enthält keine Zeilen"), fix=("Fill in the template.", "Die Vorlage ausfüllen.")
        )
    first = lines[0]
    sep = ";" if first.count(";") > first.count(",") else ","
    try:
        table = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=sep))
    except csv.Error as exc:
        raise ImportValidationError.of(
            file=path,
            problem=(f"not a readable CSV file ({exc})", f"keine lesbare CSV-Datei ({exc})"),
            fix=("Check the quoting.", "Anführungszeichen prüfen."),
        ) from None
    return _records(path, table, layout or PROJECTS_LAYOUT)


def _rows_from_xlsx(path: Path, layout: Layout | None = None) -> list[dict]:
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise ImportValidationError.of(
            file=path,
            problem=(
                f"cannot be read as an Excel workbook ({type(exc).__name__})",
                f"kann nicht als Excel-Arbeitsmappe gelesen werden ({type(exc).__name__})",
            ),
            fix=("Save it again as .xlsx (Excel 2007 or later).", "Erneut als .xlsx (ab Excel 2007) speichern."),
        ) from None
    layout = layout or PROJECTS_LAYOUT
    try:
        ws = wb[layout.sheet] if layout.sheet in wb.sheetnames else wb.worksheets[0]
        table = [
            ["" if v is None else (str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)) for v in row]
            for row in ws.iter_rows(values_only=True)
        ]
    finally:
        wb.close()
    table = [row for row in table if any(str(v).strip() for v in row)]
    if not table:
        raise ImportValidationError.of(
            file=path,
            problem=("has no rows", "enthält keine Zeilen"),
            fix=(f"Fill in the sheet {layout.sheet}.", f"Das Blatt {layout.sheet} ausfüllen."),
        )
    return _records(path, table, layout)


def _records(path: Path, table: list[list[str]], layout: Layout) -> list[dict]:
    header = _canonical(table[0], layout.german)
    if not any(h in layout.columns for h in header):
        raise ImportValidationError.of(
            file=path,
            problem=("has no column of the template in its first row", "hat in der ersten Zeile keine Spalte der Vorlage"),
            fix=(f"Keep the header row of the template ({layout.name}).", f"Die Kopfzeile der Vorlage ({layout.name}) behalten."),
        )
    unknown = [h for h in header if h and h not in layout.columns]
    if unknown:
        raise ImportValidationError.of(
            file=path,
            problem=(f"unknown column(s) {', '.join(unknown[:5])}", f"unbekannte Spalte(n) {', '.join(unknown[:5])}"),
            fix=("Use the columns of the template.", "Die Spalten der Vorlage verwenden."),
        )
    out = []
    for values in table[1:]:
        rec = {h: (values[i] if i < len(values) else "") for i, h in enumerate(header) if h}
        if len(values) > len(header) and any(str(v).strip() for v in values[len(header) :]):
            rec[None] = values[len(header) :]  # read_projects_csv reports values in extra columns
        out.append(rec)
    return out


def read_projects_file(path: str | Path, warehouse=None, *, skip_invalid: bool = False) -> list:
    """Projects from the template as CSV (; or , separated, UTF-8 or Windows-1252) or XLSX, validated."""
    path = Path(path)
    check_file(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        rows = _rows_from_csv(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _rows_from_xlsx(path)
    else:
        raise ImportValidationError.of(
            file=path,
            problem=(f"unknown file type {suffix!r}", f"unbekannter Dateityp {suffix!r}"),
            fix=("Give the filled-in template as .csv or .xlsx.", "Die ausgefüllte Vorlage als .csv oder .xlsx angeben."),
        )
    return read_projects_csv("", path.name, warehouse, rows=rows, skip_invalid=skip_invalid)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def import_projects_file(
    path, portfolio=None, *, warehouse_db=None, skip_invalid: bool = False, licence: str = "", progress=None
) -> ImportResult:
    """Validate, then add the projects to the portfolio in one transaction (all or nothing); the kind `projects`
    of `python -m heatdb import` and of the upload page.

    Args:
        path: the filled-in template (.csv or .xlsx).
        portfolio: the portfolio database (default data/portfolio.duckdb).
        warehouse_db: the warehouse whose districts and expansion areas the rows name (read-only).
        skip_invalid: leave out rows with problems (listed in the result) instead of refusing the file.
        licence: the file's licence as given by the planner (logged with the import).
        progress: called as progress(fraction 0..1, {"en": text, "de": text}), as imports.registry.import_file does.
    Importing the same file again right after changes nothing (the result says unchanged).
    """
    path = Path(path)
    licence = (licence or "").strip()[:500]
    if progress is not None:
        progress(0.05, {"en": "reading the file", "de": "Datei wird gelesen"})
    n, n_skipped, skipped, unchanged, sha = _import_rows(path, portfolio, warehouse_db, skip_invalid, licence)
    if progress is not None:
        progress(1.0, {"en": "done", "de": "fertig"})
    return ImportResult(
        kind=KIND, file_name=path.name, sha256=sha, n_imported=n, n_skipped=n_skipped, skipped=tuple(skipped), unchanged=unchanged
    )


def _import_rows(path: Path, portfolio, warehouse_db, skip_invalid: bool, licence: str):
    """(n imported, n skipped, skipped problems, unchanged, sha256)."""
    check_file(path)
    sha = _sha256(path)
    target = Path(portfolio or DEFAULT_PORTFOLIO)
    warehouse = connect(warehouse_db, read_only=True) if warehouse_db is not None and Path(warehouse_db).exists() else None
    try:
        items = read_projects_file(path, warehouse, skip_invalid=skip_invalid)
        con = open_portfolio(target, warehouse=warehouse)
    finally:
        if warehouse is not None:
            warehouse.close()
    skipped = list(getattr(items, "skipped_problems", []))
    detail = json.dumps(
        {"file": path.name, "sha256": sha, "licence": licence, "skip_invalid": skip_invalid, "n": len(items), "n_skipped": len(skipped)},
        ensure_ascii=False,
    )
    try:
        last = con.execute("SELECT action, detail FROM audit_log ORDER BY logged_at DESC LIMIT 1").fetchone()
        if last and last[0] == "project.import_file":
            before = json.loads(last[1])
            if (before.get("sha256"), before.get("licence"), before.get("skip_invalid")) == (sha, licence, skip_invalid):
                return before.get("n", len(items)), 0, [], True, sha
        con.execute("BEGIN")
        try:
            for p, extra in items:
                upsert(con, p, extra)
            log(con, "project.import_file", path.name[:200], detail)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return len(items), len(skipped), skipped, False, sha


def write_template_files(
    folder: str | Path, name: str, sheet: str, columns, template: dict, required, notes: list[str], unit_width: int = 12
) -> list[Path]:
    """An empty template as CSV (German headers, ; separated, UTF-8 with BOM for Excel) and XLSX: headers with their
    explanation as a comment, required columns marked, and a sheet "Erläuterung" with every column and `notes`.
    `template` maps a column to (German header, unit, explanation). Shared by the projects' and the actuals' templates."""
    import openpyxl
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    headers = [template[c][0] for c in columns]
    csv_path = folder / f"{name}.csv"
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerow(headers)
    csv_path.write_bytes(("\ufeff" + buf.getvalue()).encode("utf-8"))

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.append(headers)
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="FFF4D6")
    for i, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=i)
        cell.font = bold
        de, unit, text = template[col]
        cell.comment = Comment(f"{text}" + (f" Einheit: {unit}." if unit else ""), "Wärmewende")
        if col in required:
            cell.fill = fill
        ws.column_dimensions[cell.column_letter].width = max(14, len(de) + 2)
    ws.freeze_panes = "A2"
    info = wb.create_sheet("Erläuterung")
    info.append(["Spalte", "Spaltenname (englisch)", "Pflicht", "Einheit", "Erläuterung"])
    for c in info[1]:
        c.font = bold
    for col in columns:
        de, unit, text = template[col]
        info.append([de, col, "ja" if col in required else "", unit, text])
    info.append([])
    for note in notes:
        info.append([note])
    for letter, width in zip("ABCDE", (26, 26, 8, unit_width, 100)):
        info.column_dimensions[letter].width = width
    xlsx_path = folder / f"{name}.xlsx"
    # fixed timestamps: writing the template twice gives the same content
    wb.properties.created = wb.properties.modified = datetime(2026, 1, 1)
    wb.save(xlsx_path)
    return [csv_path, xlsx_path]


def write_templates(folder: str | Path = TEMPLATE_DIR) -> list[Path]:
    """Write the empty projects template as CSV and XLSX (write_template_files)."""
    note = "Eine Zeile pro Maßnahme im Blatt Projekte. Import: python -m heatdb import projects DATEI oder Seite „Daten importieren“."
    return write_template_files(folder, TEMPLATE_NAME, "Projekte", CSV_COLUMNS, TEMPLATE, REQUIRED, [note])


__all__ = [
    "KIND",
    "TEMPLATE",
    "TEMPLATE_DIR",
    "TEMPLATE_NAME",
    "import_projects_file",
    "read_projects_file",
    "write_template_files",
    "write_templates",
]

if __name__ == "__main__":
    for written in write_templates():
        print(written.name)
