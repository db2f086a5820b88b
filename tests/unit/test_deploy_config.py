"""The public deployment's configuration (deploy/): the official basemap by default and a Content-Security-Policy that
allows its host and nothing else outside the app's origin; tests and `make run` stay without a basemap."""

from __future__ import annotations

import re
from pathlib import Path

from heatdb.settings import settings

ROOT = Path(__file__).resolve().parents[2]
BASEMAP_DE = "https://sgx.geodatenzentrum.de/gdz_basemapde_vektor/styles/bm_web_col.json"


def test_the_public_deployment_draws_basemap_de_by_default():
    start = (ROOT / "deploy" / "start.sh").read_text()
    assert f"BASEMAP_DE={BASEMAP_DE}" in start
    # unset: basemap.de; set and empty: none; set: that style
    assert "STYLE=${WAERME_BASEMAP_STYLE-$BASEMAP_DE}" in start
    assert 'WAERME_BASEMAP_STYLE="$STYLE"' in start
    assert "© GeoBasis-DE / BKG" in start and "dl" in start.lower()


def test_the_policy_names_the_basemap_host_where_maps_load_from():
    template = (ROOT / "deploy" / "nginx.conf.template").read_text()
    csp = re.search(r'add_header Content-Security-Policy "([^"]+)"', template).group(1)
    rules = dict((part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip())
    assert rules["default-src"] == "'self'"
    assert "@MAP_ORIGIN@" in rules["img-src"] and "@MAP_ORIGIN@" in rules["connect-src"]
    assert not any("@MAP_ORIGIN@" in v for k, v in rules.items() if k not in ("img-src", "connect-src"))
    assert "unsafe-eval" not in csp and "*" not in csp
    assert "location /_stcore/ { return 404; }" in template


def test_tests_and_make_run_draw_no_basemap():
    assert settings({}).basemap_style == ""
    assert "WAERME_BASEMAP_STYLE" not in (ROOT / "Makefile").read_text()


def test_the_replicas_read_the_export_that_publishing_replaces():
    """Issue 15, item 6: not a copy of the portfolio made once at start, which later publishing never reached."""
    start = (ROOT / "deploy" / "start.sh").read_text()
    assert "PORTFOLIO=${WAERME_PUBLIC_EXPORT:-data/public/portfolio.duckdb}" in start
    assert 'WAERME_PORTFOLIO_DB="$PORTFOLIO"' in start
    # made once from the planners' portfolio when it is missing, by the same command planners can run
    assert '"$PY" -m portfolio publish --portfolio "$SOURCE" --out "$PORTFOLIO"' in start
    assert "cp data/portfolio.duckdb" not in start
    # the same file the planners' app writes by default
    assert settings({}).public_export == ROOT / "data" / "public" / "portfolio.duckdb"
