"""deploy/: nginx in front of two public replicas on loopback, as a city's IT would start it."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from benchmarks.loadtest import viewer

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]


def _free_block(n: int) -> int:
    """A port p with p+1..p+n free."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        ok = True
        for k in range(1, n + 1):
            with socket.socket() as t:
                try:
                    t.bind(("127.0.0.1", base + k))
                except OSError:
                    ok = False
        if ok and base + n < 65000:
            return base
    raise RuntimeError("no free ports")


@pytest.fixture(scope="module")
def deployed(dortmund_db, tmp_path_factory):
    run = tmp_path_factory.mktemp("deploy")
    base = _free_block(3)
    port = base + 3
    env = {
        **os.environ,
        "DEPLOY_RUN": str(run),
        "REPLICA_BASE": str(base),
        "WAERME_DB": str(dortmund_db),
        "WAERME_PORTFOLIO_DB": str(run / "none.duckdb"),
        "WAERME_PUBLIC_EXPORT": str(run / "public" / "portfolio.duckdb"),  # none yet: the replicas serve the defaults
        "WAERME_BASEMAP_STYLE": "",  # tests stay offline: the deployment's default basemap is checked in tests/unit/test_deploy_config.py
    }
    subprocess.run([str(ROOT / "deploy" / "start.sh"), "2", str(port)], cwd=ROOT, env=env, check=True, timeout=180, capture_output=True)
    yield f"http://127.0.0.1:{port}/", run
    subprocess.run([str(ROOT / "deploy" / "stop.sh")], cwd=ROOT, env=env, timeout=60)


def test_health_cookie_and_closed_agent_api(deployed):
    url, _ = deployed
    with urllib.request.urlopen(url + "healthz", timeout=10) as r:
        assert r.status == 200
    with urllib.request.urlopen(url, timeout=10) as r:
        assert r.status == 200
        assert re.match(r"st_route=[0-9a-f]{32}; Path=/; HttpOnly", r.headers["Set-Cookie"])
        assert r.headers["X-Content-Type-Options"] == "nosniff"
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(url + "_stcore/agent/openapi.json", timeout=10)
    assert err.value.code == 404
    err.value.close()


def test_a_viewer_session_runs_through_nginx_and_sticks_to_one_replica(deployed):
    url, run = deployed

    async def many():
        return await asyncio.gather(*[viewer(url, "mein_zuhause", 120) for _ in range(6)])

    results = asyncio.run(many())
    assert all(r["ok"] for r in results), results
    # every request of one route cookie went to one replica
    routes = _routes(run)
    assert routes and all(len(u) == 1 for u in routes.values())
    # and new visitors are spread over both replicas: six sessions alone land on one replica now and
    # then (2 x 0.5^6), so forty more first requests, each with a fresh route, decide it
    for _ in range(40):
        with urllib.request.urlopen(url + "healthz", timeout=10) as r:
            assert r.status == 200
    assert len({next(iter(u)) for u in _routes(run).values()}) == 2


def _routes(run: Path) -> dict[str, set[str]]:
    """Replica(s) that answered each route cookie, from the nginx access log."""
    log = (run / "nginx-access.log").read_text()
    routes: dict[str, set[str]] = {}
    for route, upstream in re.findall(r"route=(\S+) upstream=(.+)$", log, flags=re.M):
        if upstream.strip() != "-":
            # on an error nginx tries the next replica and logs both; the last one answered
            routes.setdefault(route, set()).add(upstream.split(",")[-1].strip())
    return routes


def test_internals_are_closed_and_a_content_security_policy_is_sent(deployed):
    url, _ = deployed
    for path in ("_stcore/metrics", "_stcore/metrics?families=session_events", "%5Fstcore/metrics", "x/../_stcore/metrics", "_stcore/upload_file/a/b",
                 "_stcore/script-health-check", "_stcore/agent/openapi.json", "component/x/index.html", "auth/login"):  # fmt: skip
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(url + path, timeout=10)
        assert err.value.code == 404, path
        err.value.close()
    with urllib.request.urlopen(url + "_stcore/host-config", timeout=10) as r:
        assert r.status == 200  # the frontend needs it
    with urllib.request.urlopen(url, timeout=10) as r:
        csp = r.headers["Content-Security-Policy"]
    rules = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())
    assert rules["default-src"] == "'self'" and rules["object-src"] == "'none'" and rules["frame-ancestors"] == "'self'"
    assert rules["script-src"].startswith("'self' 'sha256-") and "unsafe" not in rules["script-src"]
    # no basemap configured: nothing outside the app's own origin and its websocket
    hosts = {w for v in rules.values() for w in v.split() if w.startswith(("http", "ws"))}
    assert hosts <= {url.rstrip("/").replace("http://", "ws://"), url.rstrip("/").replace("http://", "wss://")}, hosts


def test_every_page_runs_under_the_policy_in_chromium(deployed, page):
    """A real browser through nginx: no page breaks the Content-Security-Policy, no exception, the maps are drawn."""
    from tests.browser.conftest import wait_idle

    url, _ = deployed
    blocked, outside = [], set()
    page.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("request", lambda r: outside.add(r.url.split("/")[2]) if not r.url.startswith(url) and r.url.startswith("http") else None)
    for path in ("", "quartiere", "karte", "szenarien", "mein_zuhause", "daten_methodik"):
        page.goto(url + path, wait_until="domcontentloaded")
        wait_idle(page, timeout=180000)
        page.wait_for_timeout(800)
        assert page.locator("[data-testid='stException']").count() == 0, path
        if path in ("karte", "mein_zuhause"):
            assert page.locator("canvas").count() >= 1, path
    assert not blocked, blocked[:5]
    assert not outside, outside
