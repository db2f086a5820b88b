"""Snapshots keep a report dataset unchanged: JSON round trip, SHA-256 check, publishing, what changed since."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

import portfolio as pf
from reports import ReportData
from reports import snapshots as snaps


def _data(gap_2035: float) -> ReportData:
    tables = {
        "targets": pd.DataFrame(
            {
                "year": [2030, 2035],
                "target": ["Klima-Luft 2030", "Klimaneutralität 2035"],
                "target_t": [811260.097455, 0.0],
                "pathway_t": [750946.828042, gap_2035],
                "gap_t": [-60313.269414, gap_2035],
            }
        ),
        "pathway": pd.DataFrame({"year": np.arange(2024, 2046), "co2e_t": np.linspace(1.123397e6, 1.0 / 3.0, 22)}),
    }
    meta = {
        "title": "WPG-Pfad 2045",
        "scenario_name": "WPG-Pfad 2045",
        "scenario_json": "{}",
        "data_version": "dv1",
        "params_hash": "ph1",
        "portfolio_hash": "pf1",
        "projects_json": "[]",
    }
    return ReportData(meta=meta, tables=tables, layers={"districts": {"type": "FeatureCollection", "features": []}})


@pytest.fixture
def portfolio(tmp_path):
    con = duckdb.connect(str(tmp_path / "p.duckdb"))
    con.execute(pf.SCHEMA)
    return con


def test_json_round_trip_is_exact():
    data = _data(458883.576394)
    back = ReportData.from_json(data.to_json())
    for name, frame in data.tables.items():
        pd.testing.assert_frame_equal(back.tables[name], frame, check_exact=True)
    assert back.meta == data.meta and back.layers == data.layers


def test_freeze_and_load_give_the_same_numbers_and_the_title(portfolio):
    data = _data(458883.576394)
    sid = snaps.freeze(portfolio, data, title="Vorlage 2026/123", note="AKUSW 3.12.")
    back = snaps.load(portfolio, sid)
    assert back.is_snapshot and back.meta["snapshot_id"] == sid and back.meta["title"] == "Vorlage 2026/123"
    assert back.table("targets")["gap_t"].tolist() == [-60313.269414, 458883.576394]
    assert snaps.listing(portfolio)["note"].tolist() == ["AKUSW 3.12."]


def test_a_changed_stored_report_is_refused(portfolio):
    sid = snaps.freeze(portfolio, _data(1.0), title="A")
    text = portfolio.execute("SELECT report_json FROM snapshots WHERE snapshot_id = ?", [sid]).fetchone()[0]
    portfolio.execute(
        "UPDATE snapshots SET report_json = ? WHERE snapshot_id = ?", [text.replace("458883", "458884").replace("1.0]", "2.0]"), sid]
    )
    with pytest.raises(snaps.SnapshotError, match="do not match their SHA-256"):
        snaps.load(portfolio, sid)


def test_unknown_and_old_snapshots_say_what_is_missing(portfolio):
    with pytest.raises(snaps.SnapshotError, match="no snapshot 'nope'"):
        snaps.load(portfolio, "nope")
    old = pf.save_snapshot(portfolio, name="alt", data_version="v", params_hash="h", scenario_json="{}", projects_json="[]", results={})
    with pytest.raises(snaps.SnapshotError, match="before snapshots kept their full report"):
        snaps.load(portfolio, old)


def test_publishing_changes_visibility_not_numbers(portfolio):
    a = snaps.freeze(portfolio, _data(1.0), title="A")
    b = snaps.freeze(portfolio, _data(2.0), title="B")
    before = portfolio.execute("SELECT report_json, report_sha256 FROM snapshots ORDER BY snapshot_id").fetchall()
    assert snaps.listing(portfolio, published_only=True).empty
    assert pf.publish_snapshot(portfolio, b)
    assert snaps.listing(portfolio, published_only=True)["snapshot_id"].tolist() == [b]
    assert not pf.publish_snapshot(portfolio, "nope")
    assert portfolio.execute("SELECT report_json, report_sha256 FROM snapshots ORDER BY snapshot_id").fetchall() == before
    assert snaps.load(portfolio, b).meta["is_published"] and not snaps.load(portfolio, a).meta["is_published"]
    log = portfolio.execute("SELECT action, object_id FROM audit_log WHERE action LIKE 'snapshot.%' ORDER BY logged_at").fetchall()
    assert ("snapshot.publish", b) in log


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (("dv1", "ph1", "pf1"), []),
        (("dv2", "ph1", "pf1"), ["data"]),
        (("dv1", "ph2", "pf2"), ["parameters", "portfolio"]),
    ],
)
def test_changes_since(now, expected):
    assert snaps.changes_since(_data(1.0), data_version=now[0], params_hash=now[1], portfolio_hash=now[2]) == expected
