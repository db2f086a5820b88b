"""After a publish or withdraw in the planners' app: write the public export (portfolio.publish) and say where it went."""

from __future__ import annotations

import streamlit as st

import portfolio as pf
from ui import model
from ui.i18n import t

FLASH = "publish_export_flash"


def export() -> None:
    """Write the export now and keep what to tell the planner for the next run (the pages rerun after a change)."""
    try:
        written = model.export_public()
    except (pf.PublishError, OSError) as exc:
        st.session_state[FLASH] = ("error", t("pub_export_failed", error=str(exc)))
        return
    st.session_state[FLASH] = (
        "success",
        t("pub_export_done", path=str(written.path), snapshots=written.snapshots, reports=written.monitoring_reports),
    )


def flash() -> None:
    """Show where the last publish went (once)."""
    said = st.session_state.pop(FLASH, None)
    if said is not None:
        kind, message = said
        (st.error if kind == "error" else st.success)(message)


__all__ = ["FLASH", "export", "flash"]
