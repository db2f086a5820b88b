"""The council page's freeze form: the proposed decision is prefilled from the numbers, a planner edits it and picks the
scenarios to compare, and the snapshot keeps both; its PDF prints the edited text as frozen."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

import portfolio as pf

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "09_rat.py")
FREEZE = "FormSubmitter:r_freeze-Stand für den Rat einfrieren"
EDITED = "1. Der Ausschuss beschließt den geänderten Wortlaut.\n2. Die Verwaltung berichtet im nächsten Jahr."


@pytest.fixture
def planner(dortmund_db, tmp_path, monkeypatch) -> Path:
    path = tmp_path / "portfolio.duckdb"
    monkeypatch.setenv("WAERME_DB", str(dortmund_db))
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(path))
    monkeypatch.setenv("WAERME_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("WAERME_MODE", raising=False)
    return path


def test_the_edited_proposal_and_the_comparison_are_frozen(planner):
    from reports import council, snapshots
    from reports.render import render
    from tests.reports.helpers import pdf_pages

    at = AppTest.from_file(PAGE, default_timeout=600).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.selectbox(key="r_pick").value
    assert shown.startswith("live:")
    area = at.text_area(key="r_freeze_proposal")
    assert area.value.startswith("1. ") and "§ 17 WPG" in area.value  # generated from the numbers on the page
    options = at.multiselect(key="r_freeze_compare").options
    assert shown[len("live:") :] not in options
    at.text_input(key="r_freeze_title").input("Vorlage 2026/200")
    area.input(EDITED)
    at.multiselect(key="r_freeze_compare").set_value(["ohne-projekte"])
    at.button(key=FREEZE).click().run()
    assert not at.exception, [e.value for e in at.exception]
    done = [s.value for s in at.success if s.value.startswith("Eingefroren als")]
    sid = re.search(r"Eingefroren als (\S+)", done[0]).group(1)
    data = snapshots.load(pf.open_portfolio(planner), sid)  # the page's own in-process connection
    assert data.meta["decision_proposal"] == EDITED and data.meta["decision_proposal_lang"] == "de"
    assert council.proposal_text(data) == (EDITED, True)
    assert data.table("comparison_summary")["scenario_id"].tolist() == [shown[len("live:") :], "ohne-projekte"]
    first = pdf_pages(render("pdf", data))[0]
    assert "Wortlaut wie eingefroren." in first and "den geänderten Wortlaut" in first and "Vorlage 2026/200" in first
