"""Tab 1: every dataset with origin and licence, the build, the import log and the warehouse's tables."""

from __future__ import annotations

import streamlit as st

from locales import num
from ui import db, importe, model
from ui.i18n import lang, t
from ui.methodik.prose import draw, md, title


def datasets() -> None:
    """Every row of data_sources with licence and attribution, the import log and the version of data and parameters."""
    st.subheader(t("methodik_data_heading"))
    st.caption(t("methodik_data_caption"))
    for rec in db.sources().itertuples():
        with st.container(border=True):
            badge = f":orange-badge[⚠️ {t('methodik_badge_synthetic')}]" if rec.is_synthetic else f":blue-badge[{t('methodik_badge_real')}]"
            st.markdown(f"**{md(rec.title)}** {badge}")
            rows = [
                ("methodik_origin", rec.origin),
                ("methodik_licence", rec.licence),
                ("methodik_attribution", rec.attribution),
                ("methodik_reference_date", rec.reference_date or t("methodik_not_given")),
                ("methodik_tables", rec.table_names),
                ("methodik_notes", rec.notes),
            ]
            st.markdown("  \n".join(f"**{t(k)}:** {md(v)}" for k, v in rows if v))
    build_info()
    importe.import_log()
    with st.expander(title("tables", {})):
        draw("tables", {})
        st.caption(t("methodik_tables_caption"))
        tables = db.query("table_overview").assign(rows=lambda f: [num(n, 0, lang()) for n in f["rows"]])
        st.dataframe(
            tables,
            hide_index=True,
            width="stretch",
            height=35 * (len(tables) + 1) + 3,
            column_config={
                "table": st.column_config.TextColumn(t("methodik_col_table_name"), width=180),
                "rows": st.column_config.TextColumn(t("methodik_col_rows"), width=90, alignment="right"),
                "comment": st.column_config.TextColumn(t("methodik_col_comment"), width="large"),
            },
        )


def build_info() -> None:
    meta = db.meta()

    def code(value) -> str:  # a code span shows its text literally; only a backtick could end it
        return f"`{str(value).replace('`', '')}`"

    st.subheader(t("methodik_build"))
    lines = [
        (t("methodik_data_version"), code(meta.get("data_version", "?"))),
        (t("methodik_built_at"), md(meta.get("built_at", "")[:19].replace("T", " ")) + " UTC"),
        (t("methodik_params_hash"), code(model.params_hash())),
        (t("methodik_seed"), code(meta.get("seed", ""))),
        (t("methodik_balance"), f"{md(meta.get('balance_year', ''))} · {md(meta.get('factor_set', '')).upper()}"),
    ]
    st.markdown("  \n".join(f"**{k}:** {v}" for k, v in lines))
    st.caption(t("methodik_build_caption"))
