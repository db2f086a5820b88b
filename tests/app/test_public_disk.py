"""Bounded disk (issue 14, item 4): an anonymous visitor who sends one distinct scenario after another makes the public
instance write nothing, and keeps at most 32 results in its memory; the planners' file cache stays within its size
and age bounds, evicting the oldest files."""

from __future__ import annotations

import base64
import os
import time
import zlib
from pathlib import Path

from streamlit.testing.v1 import AppTest

from ghgmodel import Scenario
from reports.cache import ResultCache

ROOT = Path(__file__).resolve().parents[2]


def files_under(path: Path) -> list[Path]:
    return [p for p in path.rglob("*") if p.is_file()] if path.exists() else []


def test_distinct_scenarios_from_links_write_nothing_on_the_public_instance(tiny_db_template, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("WAERME_DB", str(tiny_db_template))
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(tmp_path / "no-portfolio.duckdb"))  # missing: read-only defaults in memory
    monkeypatch.setenv("WAERME_CACHE_DIR", str(cache))
    monkeypatch.setenv("WAERME_MODE", "public")
    before = {p: p.stat().st_mtime_ns for p in files_under(tmp_path)}
    for i in range(4):  # the attack of the issue: one distinct scenario per request
        sc = Scenario(name=f"Angriff {i}", retrofit_rate_pct={2025: 1.0 + i / 10})
        custom = base64.urlsafe_b64encode(zlib.compress(sc.to_json().encode())).decode()
        at = AppTest.from_file(str(ROOT / "pages" / "05_szenarien.py"), default_timeout=240)
        at.query_params["compare"] = "trend,custom"
        at.query_params["custom"] = custom
        at.run()
        assert not at.exception, [e.value for e in at.exception]
    after = {p: p.stat().st_mtime_ns for p in files_under(tmp_path)}
    assert after == before, f"written: {sorted(set(after) - set(before))}"
    assert not cache.exists()

    from ui import model

    service = model.service()
    # the public instance reads what `python -m reports precompute` wrote before it started, and writes nothing
    assert service.cache.write is False
    for i in range(100):  # far more results than the bound
        model.memo("probe", str(i), lambda i=i: b"x" * 10_000)
    assert len(service.cache._memo) <= 32
    assert not cache.exists()


def test_the_planner_file_cache_is_bounded_by_size_and_age(tmp_path):
    cache = ResultCache(tmp_path, max_entries=4, max_bytes=1_000_000, max_age_s=3600)
    for i in range(30):  # 30 results of 100 kB each: 3 MB offered, 1 MB allowed
        cache.get_or_compute("pathway", f"scenario-{i}", lambda: os.urandom(100_000))
    assert cache.size_bytes() <= 1_000_000
    assert len(list(tmp_path.glob("*.pkl"))) <= 10
    assert len(cache._memo) <= 4
    # the newest results are the ones kept (oldest evicted first)
    assert cache.peek("pathway", "scenario-29") is not None and cache.peek("pathway", "scenario-0") is None
    # a file older than the age bound goes at the next write
    old = next(tmp_path.glob("*.pkl"))
    stamp = time.time() - 7200
    os.utime(old, (stamp, stamp))
    cache.get_or_compute("pathway", "one-more", lambda: b"y")
    assert not old.exists()
