"""Tab 2: every parameter with value, unit, kind and source, filterable, with a CSV download."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ghgmodel.params import COLUMNS, read_parameter_file
from locales import num_as_written
from ui import model
from ui.i18n import lang, t

KIND_KEYS = {"fact": "methodik_kind_fact", "derived": "methodik_kind_derived", "assumption": "methodik_kind_assumption"}
SEARCH_COLUMNS = ("key", "value", "unit", "description", "source", "reference", "url", "rationale", "table")
RAW_UNITS = ("year", "seed", "date", "type")
ASSUMPTION_STYLE = "background-color: #FFF4D6"


@st.cache_resource(show_spinner=False)
def synth_parameters() -> pd.DataFrame:
    """The generator's and the importers' parameters (heatdb/params/synth.csv, formats.csv), checked by the same loader as the model's."""
    from heatdb.build import FORMATS_PARAMS, SYNTH_PARAMS  # the build module is heavy; only this page needs the paths

    return pd.concat([read_parameter_file(SYNTH_PARAMS), read_parameter_file(FORMATS_PARAMS)], ignore_index=True)


def format_value(value: str, unit: str, lg: str) -> str:
    """A parameter value in the language's number format, with the decimals it was given with (years and seeds as they are)."""
    return value if unit in RAW_UNITS else num_as_written(value, lg)


def filter_parameters(table: pd.DataFrame, *, tables=(), kinds=(), query: str = "") -> pd.DataFrame:
    """Rows of a parameter table in the chosen tables and kinds whose text contains `query` (empty choices mean all)."""
    keep = pd.Series(True, index=table.index)
    if tables:
        keep &= table["table"].isin(list(tables))
    if kinds:
        keep &= table["kind"].isin(list(kinds))
    query = (query or "").strip()
    if query:
        text = table[list(SEARCH_COLUMNS)].astype(str).agg(" | ".join, axis=1)
        keep &= text.str.contains(query, case=False, regex=False)
    return table[keep]


def display_frame(table: pd.DataFrame, lg: str) -> pd.DataFrame:
    """Parameter rows for the screen: localised values and kind labels, the columns of the CSV files."""
    out = table[["table", *COLUMNS]].copy()
    out["value"] = [format_value(v, u, lg) for v, u in zip(table["value"], table["unit"])]
    out["kind"] = table["kind"].map(lambda k: t(KIND_KEYS[k]))
    out["url"] = table["url"].where(table["url"].str.startswith(("http://", "https://")), None)
    return out.reset_index(drop=True)


def _height(rows: int, most: int) -> int:
    """Pixel height of a dataframe showing `rows` rows (and its header), at most `most`."""
    return min(most, 35 * (max(rows, 1) + 1) + 3)


def _styled(frame: pd.DataFrame):
    """Assumption rows on a pale yellow ground, so that they stand out without reading the kind column."""
    marked = frame["kind"] == t(KIND_KEYS["assumption"])
    return frame.style.apply(lambda row: [ASSUMPTION_STYLE if marked[row.name] else ""] * len(row), axis=1)


def _column_config() -> dict:
    text = st.column_config.TextColumn
    return {
        "table": text(t("methodik_col_table"), width=140),
        "key": text(t("methodik_col_key"), pinned=True, width=230),
        "value": text(t("methodik_col_value"), width=90),
        "unit": text(t("methodik_col_unit"), width=90),
        "kind": text(t("methodik_col_kind"), width=125, help=t("methodik_kind_help")),
        "valid_year": text(t("methodik_col_year"), width=60),
        "description": text(t("methodik_col_description"), width=380),
        "source": text(t("methodik_col_source"), width=260),
        "reference": text(t("methodik_col_reference"), width=220),
        "url": st.column_config.LinkColumn(t("methodik_col_url"), display_text=r"https?://(?:www\.)?([^/]+)", width=150),
        "rationale": text(t("methodik_col_rationale"), width=420),
    }


def _kind_summary(table: pd.DataFrame) -> str:
    n = table["kind"].value_counts()
    return t("methodik_kinds_summary", fact=int(n.get("fact", 0)), derived=int(n.get("derived", 0)), assumption=int(n.get("assumption", 0)))


def _parameter_table(frame, lg: str, *, key: str, max_height: int, file_name: str, download_key: str) -> None:
    """One parameter table with its CSV download (the rows shown, all columns with sources)."""
    st.dataframe(
        _styled(display_frame(frame, lg)),
        hide_index=True,
        width="stretch",
        height=_height(len(frame), max_height),
        column_config=_column_config(),
        key=key,
    )
    st.download_button(
        t("methodik_download"),
        frame[["table", *COLUMNS]].to_csv(index=False).encode("utf-8"),
        file_name=file_name,
        mime="text/csv",
        key=download_key,
        on_click="ignore",
        icon="⬇️",
    )


def parameters() -> None:
    """The model's parameters with filters, search, clickable links and a CSV download; then the generator's."""
    lg = lang()
    table = model.params().table
    st.subheader(t("methodik_params_heading"))
    st.markdown(t("methodik_params_caption"))
    st.caption(_kind_summary(table))
    left, mid, right = st.columns([2, 2, 3])
    with left:
        tables = st.multiselect(
            t("methodik_filter_tables"),
            sorted(table["table"].unique()),
            key="methodik_tables",
            placeholder=t("methodik_all"),
        )
    with mid:
        kinds = st.pills(
            t("methodik_filter_kinds"),
            list(KIND_KEYS),
            selection_mode="multi",
            default=list(KIND_KEYS),
            format_func=lambda k: t(KIND_KEYS[k]),
            key="methodik_kinds",
        )
    with right:
        query = st.text_input(t("methodik_search"), key="methodik_search", placeholder=t("methodik_search_placeholder"))
    shown = filter_parameters(table, tables=tables, kinds=kinds, query=query)
    st.caption(t("methodik_rows_shown", n=len(shown), total=len(table), assumptions=int((shown["kind"] == "assumption").sum())))
    _parameter_table(
        shown, lg, key="methodik_param_table", max_height=520, file_name="ghgmodel_parameter.csv", download_key="methodik_download"
    )

    synth = synth_parameters()
    st.subheader(t("methodik_synth_heading"))
    st.markdown(t("methodik_synth_caption"))
    st.caption(_kind_summary(synth))
    shown_synth = filter_parameters(synth, kinds=kinds, query=query)
    _parameter_table(
        shown_synth, lg, key="methodik_synth_table", max_height=400, file_name="synth_parameter.csv", download_key="methodik_download_synth"
    )
