"""The council page: freeze a scenario, `?snapshot=ID` shows the frozen numbers after the portfolio changed,
presentation mode steps through four sections, and the public instance shows published snapshots only."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import portfolio as pf

ROOT = Path(__file__).resolve().parents[2]
PAGE = str(ROOT / "pages" / "09_rat.py")
FREEZE = "FormSubmitter:r_freeze-Stand für den Rat einfrieren"


def run(**query) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def metrics(at: AppTest) -> dict:
    return {m.label: (m.value, m.delta) for m in at.metric}


def texts(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown]
        + [h.value for h in at.header]
        + [w.value for w in at.warning]
        + [s.value for s in at.success]
        + [e.value for e in at.error]
    )


@pytest.fixture(scope="module")
def frozen(tmp_path_factory):
    """A planner freezes the first live scenario; returns (portfolio path, snapshot id, the live page's metrics)."""
    path = tmp_path_factory.mktemp("rat") / "portfolio.duckdb"
    mp = pytest.MonkeyPatch()
    mp.setenv("WAERME_PORTFOLIO_DB", str(path))
    try:
        at = run()
        assert not at.exception, [e.value for e in at.exception]
        assert at.selectbox(key="r_pick").value.startswith("live:"), "no snapshot yet: a live scenario is shown"
        live = metrics(at)
        assert len(live) == 3, live
        at.text_input(key="r_freeze_title").input("Vorlage 2026/123")
        at.button(key=FREEZE).click().run()
        assert not at.exception, [e.value for e in at.exception]
        done = [s.value for s in at.success if s.value.startswith("Eingefroren als")]
        assert done, [s.value for s in at.success]
        sid = re.search(r"Eingefroren als (\S+)", done[0]).group(1)
    finally:
        mp.undo()
    return path, sid, live


def test_snapshot_link_shows_the_frozen_numbers(frozen, monkeypatch):
    path, sid, live = frozen
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(path))
    at = run(snapshot=sid)
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="r_pick").value == sid
    assert metrics(at) == live
    page = texts(at)
    assert "Eingefrorener Stand „Vorlage 2026/123“" in page and sid in page
    assert "unverändert" in page


def test_snapshot_keeps_its_numbers_when_the_portfolio_changes(frozen, monkeypatch):
    path, sid, live = frozen
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(path))
    con = pf.open_portfolio(path)  # the same in-process database as the page's connection
    removed = "dogewo21-heizungsprogramm"  # a project with an effect in 2030 in every scenario
    assert pf.delete_project(con, removed)
    at = run(snapshot=sid)
    assert not at.exception, [e.value for e in at.exception]
    assert metrics(at) == live, "the frozen numbers do not change"
    assert "das Projektportfolio" in texts(at), "the page says the live portfolio differs"
    # the live calculation does change, so the comparison above could fail
    lv = run()
    box = lv.selectbox(key="r_pick")
    box.select_index(next(i for i, o in enumerate(box.options) if "Live-Berechnung" in o)).run()
    assert not lv.exception
    assert metrics(lv) != live


def test_presentation_mode_steps_through_four_sections(frozen, monkeypatch):
    path, sid, _ = frozen
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(path))
    at = run(snapshot=sid, present="1")
    assert not at.exception, [e.value for e in at.exception]
    md = [m.value for m in at.markdown]
    assert any('[data-testid="stSidebar"]' in m and "display: none" in m for m in md), "controls hidden"
    assert "## Der Pfad gegen die Ziele" in md
    assert any("1 / 4" in m and sid in m for m in md)
    assert at.button(key="r_back").disabled and not at.button(key="r_next").disabled
    assert not [s for s in at.selectbox if s.key == "r_pick"], "no picker while presenting"
    seen = []
    for _ in range(3):
        at.button(key="r_next").click().run()
        assert not at.exception, [e.value for e in at.exception]
        seen.append(next(m.value for m in at.markdown if m.value.startswith("## ")))
    assert seen == ["## Was jedes Projekt beiträgt – und die Lücke", "## Die Quartiere", "## Was der Rat beschließen würde"]
    assert at.button(key="r_next").disabled
    at.button(key="r_back").click().run()
    assert next(m.value for m in at.markdown if m.value.startswith("## ")) == "## Die Quartiere"
    assert at.query_params["step"] == "3", "the step is in the link"


def kt(text: str) -> float:
    """'1.234 kt' or '+4 kt' / '−4 kt' (German format) as a number."""
    return float(text.replace(" kt", "").replace(".", "").replace(",", ".").replace("−", "-"))


def test_contributions_on_a_projector_add_up_to_the_frozen_waterfall(frozen, monkeypatch):
    path, sid, _ = frozen
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(path))
    from reports import snapshots

    data = snapshots.load(pf.open_portfolio(path), sid)
    wf = data.table("waterfall")
    wf = wf[wf["year"] == 2035]
    at = run(snapshot=sid, present="1", step="2")
    assert not at.exception, [e.value for e in at.exception]
    m = metrics(at)
    drivers, effect = kt(m["Bundesrahmen bis 2035"][0]), kt(m["Maßnahmen bis 2035"][0])
    unbacked, result = kt(m["Ohne Maßnahme bis 2035"][0]), kt(m["Pfad 2035"][0])
    # by hand from the frozen waterfall: the drivers' sum, the measures' sum, the unbacked levers' sum, the result
    step = wf.groupby("step")["value_t"].sum()
    assert drivers == round(step["driver"] / 1000)
    assert effect == round(step["measure"] / 1000)
    assert unbacked == round(step.get("unbacked", 0.0) / 1000)
    assert result == round(step["result"] / 1000)
    start = round(step["start"] / 1000)
    assert abs(start + drivers + effect + unbacked - result) <= 2  # four rounded numbers of one sum
    assert m["Maßnahmen bis 2035"][1] == ("mehr Emissionen" if effect > 0 else "weniger Emissionen")


def test_long_project_names_are_cut_at_a_word():
    from ui.rat import short_label

    assert short_label("Biomasse-Heizkraftwerk Dortmund-Derne/Kirchderne (ehem. Zeche)", 40) == "Biomasse-Heizkraftwerk…"
    assert short_label("Kurz", 40) == "Kurz"
    assert len(short_label("Neun innenstadtnahe Fernwärme-Erweiterungsgebiete bis Ende 2030", 50)) <= 50


def test_public_instance_shows_published_snapshots_only(frozen, tmp_path, monkeypatch):
    path, sid, live = frozen
    rec = pf.snapshot(pf.open_portfolio(path), sid)
    # the public instance reads its own copy of the portfolio: one snapshot published, one draft
    public_file = tmp_path / "published.duckdb"
    con = pf.open_portfolio(public_file)
    keep = dict(
        data_version=rec["data_version"],
        params_hash=rec["params_hash"],
        scenario_json=rec["scenario_json"],
        projects_json=rec["projects_json"],
        results=rec["results"],
        report_json=rec["report_json"],
    )
    shown = pf.save_snapshot(con, name="Vorlage 2026/123", **keep)
    hidden = pf.save_snapshot(con, name="Entwurf", **keep)
    assert pf.publish_snapshot(con, shown)
    con.close()
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(public_file))
    monkeypatch.setenv("WAERME_MODE", "public")
    at = run(snapshot=hidden)
    assert not at.exception, [e.value for e in at.exception]
    assert any("gibt es hier nicht" in e.value for e in at.error), "an unpublished id is not shown"
    assert len(at.selectbox(key="r_pick").options) == 1, "only the published snapshot, no live scenarios"
    assert at.selectbox(key="r_pick").value == shown
    assert metrics(at) == live
    assert not [f for f in at.text_input if f.key == "r_freeze_title"], "no freezing on the public instance"
    assert "Entwurf" not in texts(at)
    # the reports and the plan in the official data standard, for residents too (the snapshot as the rule lets it out)
    assert {b.key for b in at.get("download_button")} >= {"r_dl_pdf", "r_dl_gpkg", "r_dl_xwaermeplan", "r_dl_json"}


def test_district_classes_are_the_fifths_of_the_districts():
    from ui.rat import FIXED_BREAKS, change_breaks

    # ten districts from -90 to -72 in steps of 2: the 20/40/60/80 % quantiles by linear interpolation
    values = [-90, -88, -86, -84, -82, -80, -78, -76, -74, -72]
    assert change_breaks(values) == [-86.0, -83.0, -79.0, -76.0]  # -86.4, -82.8, -79.2, -75.6 rounded
    # a class holds the values from its lower break on: -90 -88 | -86 -84 | -82 -80 | -78 | -76 -74 -72
    # (the rounding to whole percent moves -76 up a class); the fixed breaks would hold all ten in one
    counts = np.bincount(np.searchsorted(change_breaks(values), values, side="right"), minlength=5)
    assert counts.tolist() == [2, 2, 2, 1, 3]
    assert np.bincount(np.searchsorted(FIXED_BREAKS, values, side="right"), minlength=5).tolist() == [10, 0, 0, 0, 0]
    assert change_breaks([-50, float("nan")]) == FIXED_BREAKS  # too few districts to cut into fifths
    assert change_breaks([-80] * 8) == FIXED_BREAKS  # all alike: no classes to tell apart
