"""A real Streamlit server on 127.0.0.1 and a free port, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IDLE = """() => { const a = document.querySelector("[data-testid='stApp']");
  return a && a.getAttribute('data-test-script-state') === 'notRunning'
    && !document.querySelector("[data-testid='stSkeleton']") && !document.querySelector("[data-testid='stSpinner']"); }"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db: Path, mode: str, tmp: Path):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {
            **os.environ,
            "WAERME_DB": str(db),
            "WAERME_MODE": mode,
            "WAERME_PORTFOLIO_DB": str(tmp / f"portfolio-{mode}.duckdb"),
            "WAERME_CACHE_DIR": str(tmp / "cache"),
        }
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.address",
            "127.0.0.1",
            "--server.port",
            str(self.port),
            "--server.headless",
            "true",
        ]
        if mode == "public":
            cmd += ["--client.showErrorDetails", "none", "--client.toolbarMode", "viewer"]
        self.log = open(tmp / f"streamlit-{mode}.log", "w")
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                with urllib.request.urlopen(self.url + "_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"streamlit did not start; see {self.log.name}")

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


@pytest.fixture(scope="session")
def planner_server(dortmund_db, tmp_path_factory):
    s = Server(dortmund_db, "planner", tmp_path_factory.mktemp("planner"))
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: make test installs it (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="de-DE")
    pg = ctx.new_page()
    yield pg
    ctx.close()


def wait_idle(page, timeout=60000):
    page.wait_for_timeout(300)
    page.wait_for_function(IDLE, timeout=timeout)
    page.wait_for_timeout(600)  # pydeck draws after a short debounce


def pick_option(page, box: str, name: str, timeout: int = 120000) -> None:
    """Choose `name` in the select box `box` (a CSS selector of its combobox) as a person does: open the list, type the
    start of the name (the list draws only the entries in view), click it. The list is drawn anew while it opens, so a
    click may find its entry replaced: up to three tries."""
    for attempt in range(3):
        try:
            page.locator(box).click()
            page.keyboard.type(name[:20])
            page.get_by_role("option", name=name, exact=True).click(timeout=15000)
            break
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_idle(page, timeout)
    wait_idle(page, timeout)


EVIL = '<img src=x onerror="document.title=1">Nahwärme <script>alert(1)</script>'


@pytest.fixture(scope="session")
def public_server(dortmund_db, tmp_path_factory):
    """The residents' instance, with a portfolio holding a project whose name is markup."""
    import portfolio as pf
    from ghgmodel import Project
    from heatdb.connect import connect

    tmp = tmp_path_factory.mktemp("public")
    wh = connect(dortmund_db, read_only=True)
    con = pf.open_portfolio(tmp / "portfolio-public.duckdb", warehouse=wh)
    pf.save_project(
        con,
        Project(
            project_id="evil",
            name=EVIL,
            owner="<b>Owner</b>",
            project_type="hp_programme",
            district_ids=("statbez-010",),
            rate_pct_per_year=1.0,
        ),
    )
    con.execute("CHECKPOINT")
    con.close()
    wh.close()
    s = Server(dortmund_db, "public", tmp)
    yield s
    s.stop()
