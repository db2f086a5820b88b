"""The Daten importieren page (planner mode only): upload a file, see every problem, import all or nothing."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path

import pandas as pd
import streamlit as st

from heatdb.errors import DatabaseError, ImportValidationError
from portfolio.actuals_files import KIND as ACTUALS
from portfolio.actuals_files import TEMPLATE_NAME as ACTUALS_TEMPLATE
from portfolio.actuals_files import import_actuals_file
from portfolio.files import KIND as PROJECTS
from portfolio.files import TEMPLATE_DIR, TEMPLATE_NAME, import_projects_file
from ui import db, model
from ui.i18n import has, lang, t

UPLOAD_TYPES = ["geojson", "json", "gpkg", "parquet", "geoparquet", "zip", "csv", "txt", "xlsx"]
REPORT_COLUMNS = ["file", "row", "column", "value", "problem_de", "problem_en", "fix_de", "fix_en"]
LAYOUTS = ("auto", "osm", "alkis", "canonical", "custom")  # how a buildings file names its attributes


def kind_label(kind: str) -> str:
    key = f"imp_kind_{kind.replace('-', '_')}"
    return t(key) if has(key) else kind


def _safe_name(name: str) -> str:
    """The uploaded file's own name without folders or odd characters (it is shown in every message)."""
    base = Path(str(name).replace("\\", "/")).name
    base = re.sub(r"[^\w.\-äöüÄÖÜß ]", "_", base).strip(" .")
    return base[:120] or "upload"


def problems_frame(problems) -> pd.DataFrame:
    """Every problem in the reader's language, values as text (a file may mix numbers and words)."""
    lg = lang()
    return pd.DataFrame(
        {
            t("imp_col_file"): [p.file for p in problems],
            t("imp_col_row"): [p.row if p.row is not None else "" for p in problems],
            t("imp_col_column"): [p.column or "" for p in problems],
            t("imp_col_value"): ["" if p.value is None else str(p.value) for p in problems],
            t("imp_col_problem"): [p.problem_de if lg == "de" else p.problem_en for p in problems],
            t("imp_col_fix"): [p.fix_de if lg == "de" else p.fix_en for p in problems],
        }
    ).astype(str)


def problems_csv(problems) -> str:
    """The full list in both languages (the download)."""
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=REPORT_COLUMNS, lineterminator="\n")
    w.writeheader()
    for p in problems:
        w.writerow({k: ("" if v is None else v) for k, v in p.as_dict().items()})
    return out.getvalue()


def parse_mapping(text: str) -> tuple[dict[str, str], list[str]]:
    """A column mapping typed as one `source column = target column` per line; the problems name their line."""
    mapping: dict[str, str] = {}
    errors: list[str] = []
    for i, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        source, sep, target = (part.strip().strip('"').strip() for part in line.partition("="))
        if not sep or not source or not target:
            errors.append(t("imp_map_bad_line", line=i, text=line[:60]))
        elif source in mapping:
            errors.append(t("imp_map_twice", line=i, column=source))
        else:
            mapping[source] = target
    if not mapping and not errors:
        errors.append(t("imp_map_empty"))
    return mapping, errors


def mapping_choice() -> tuple[str | dict, list[str]]:
    """The buildings file's attribute layout, or the planner's own column mapping (e.g. the LANUV model's columns)."""
    labels = {k: t(f"imp_layout_{k}") for k in LAYOUTS}  # fixed per run: the labels follow the language of this run
    layout = st.selectbox(t("imp_layout"), LAYOUTS, format_func=labels.__getitem__, key="imp_layout")
    if layout != "custom":
        return layout, []
    text = st.text_area(
        t("imp_map"), key="imp_map", placeholder="GEB_ID = gml_id\nFKT = gebaeudefunktion\nBJ = baujahr", help=t("imp_map_help")
    )
    mapping, errors = parse_mapping(text)
    for e in errors:
        st.error(e)
    return mapping, errors


def _run(upload, kind: str, licence: str, *, skip_invalid: bool, mapping=None) -> None:
    bar = st.progress(0.0, text=t("imp_progress_start"))

    def progress(fraction: float, text: dict) -> None:
        bar.progress(min(max(float(fraction), 0.0), 1.0), text=text.get(lang(), text.get("en", "")))

    from imports import import_file  # heavy; the public method page only needs import_log

    name = _safe_name(upload.name)
    with tempfile.TemporaryDirectory(prefix="waerme-import-") as folder:
        path = Path(folder) / name
        path.write_bytes(upload.getvalue())
        try:
            if kind in (PROJECTS, ACTUALS):  # the templates go into the portfolio, every other kind into the warehouse
                into = import_projects_file if kind == PROJECTS else import_actuals_file
                result = into(
                    path, model.portfolio_path(), warehouse_db=db.db_path(), skip_invalid=skip_invalid, licence=licence, progress=progress
                )
            else:
                result = import_file(
                    kind, path, db.db_path(), skip_invalid=skip_invalid, licence=licence, progress=progress, mapping=mapping
                )
        except ImportValidationError as exc:
            st.session_state["imp_outcome"] = {"ok": False, "name": name, "kind": kind, "error": exc}
            bar.empty()
            return
        except DatabaseError as exc:
            st.session_state["imp_outcome"] = {"ok": False, "name": name, "kind": kind, "db_error": str(exc)}
            bar.empty()
            return
    st.session_state["imp_outcome"] = {"ok": True, "name": name, "kind": kind, "result": result}
    st.session_state.pop("imp_skip", None)
    st.rerun()  # every page reads the new data version


def _outcome() -> None:
    out = st.session_state.get("imp_outcome")
    if not out:
        return
    if out["ok"]:
        res = out["result"]
        (st.info if res.unchanged else st.success)(res.message(lang()))
        if res.skipped:
            st.warning(t("imp_skipped", n=res.n_skipped))
            st.dataframe(problems_frame(res.skipped), hide_index=True, width="stretch")
            st.download_button(
                t("imp_download"),
                problems_csv(res.skipped),
                file_name=f"uebersprungen_{out['name']}.csv",
                mime="text/csv",
                key="imp_skipped_csv",
            )
        return
    if "db_error" in out:
        st.error(t("imp_db_error", msg=out["db_error"]))
        return
    err = out["error"]
    st.error(t("imp_refused", name=out["name"], n=err.total))
    st.dataframe(problems_frame(err.problems), hide_index=True, width="stretch")
    if err.total > len(err.problems):
        st.caption(t("imp_capped", shown=len(err.problems), n=err.total))
    st.download_button(
        t("imp_download"), problems_csv(err.problems), file_name=f"probleme_{out['name']}.csv", mime="text/csv", key="imp_problems_csv"
    )
    if err.skippable:
        st.checkbox(t("imp_skip"), key="imp_skip", help=t("imp_skip_help"))


def upload_form() -> None:
    """Kind, file, licence, the import button; the outcome of the last import under it."""
    from imports import available_kinds

    kinds = (*available_kinds(), PROJECTS, ACTUALS)
    labels = {k: kind_label(k) for k in kinds}  # fixed per run: the labels follow the language of this run
    kind = st.selectbox(t("imp_kind"), kinds, format_func=labels.__getitem__, key="imp_kind")
    help_key = f"imp_help_{kind.replace('-', '_')}"
    if has(help_key):
        st.caption(t(help_key))
    if kind in (PROJECTS, ACTUALS):
        template_downloads(TEMPLATE_NAME if kind == PROJECTS else ACTUALS_TEMPLATE)
    mapping, map_errors = mapping_choice() if kind == "buildings" else (None, [])
    upload = st.file_uploader(t("imp_file"), type=UPLOAD_TYPES, key="imp_file")
    licence = st.text_input(t("imp_licence"), key="imp_licence", help=t("imp_licence_help"), max_chars=200)
    outcome = st.session_state.get("imp_outcome")
    # the skip choice belongs to the file that failed; a new file or kind starts over
    same = bool(outcome) and upload is not None and outcome.get("name") == _safe_name(upload.name) and outcome.get("kind") == kind
    if outcome and not outcome.get("ok") and not same:
        st.session_state.pop("imp_outcome", None)
        st.session_state.pop("imp_skip", None)
    skip = bool(st.session_state.get("imp_skip")) and same
    if st.button(t("imp_go_skip") if skip else t("imp_go"), key="imp_go", type="primary", disabled=upload is None or bool(map_errors)):
        _run(upload, kind, licence.strip(), skip_invalid=skip, mapping=mapping)
    _outcome()


def template_downloads(name: str = TEMPLATE_NAME) -> None:
    left, right = st.columns(2)
    for col, suffix, mime in (
        (left, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        (right, "csv", "text/csv"),
    ):
        path = TEMPLATE_DIR / f"{name}.{suffix}"
        if path.exists():
            col.download_button(
                t(f"imp_template_{suffix}"), path.read_bytes(), file_name=path.name, mime=mime, key=f"imp_template_{suffix}"
            )


@st.cache_data(show_spinner=False)
def _import_log(version: str) -> pd.DataFrame:
    return db.cursor().execute("SELECT * FROM import_log ORDER BY imported_at").df()


def import_log() -> None:
    """Every import into the warehouse (file, SHA-256, rows, licence)."""
    st.subheader(t("methodik_import_log"))
    log = _import_log(db.data_version())
    if log.empty:
        st.caption(t("methodik_import_log_empty"))
    else:
        st.dataframe(log, hide_index=True, width="stretch")
