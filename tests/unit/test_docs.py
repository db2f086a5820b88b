"""The documentation keeps up with the code: every page is routed and listed in the README, every parameter
says what it is and where it comes from, and every warehouse table is explained to the reader."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ghgmodel import load_parameters
from heatdb.build import SYNTH_PARAMS
from heatdb.schema import TABLES

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "pages").glob("*.py"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
# The method page's own text: its prose, German and English, as Markdown per section.
METHOD_PAGE = "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "locales" / "methodik").glob("*/*.md")))


def routed_pages() -> dict[str, str]:
    """File name -> German title of every page in app.py's PAGES list (path, title key, icon, address)."""
    from locales import text

    out = {}
    for node in ast.walk(ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "PAGES":
            for path, key, _icon, _url in ast.literal_eval(node.value):
                out[Path(path).name] = text("ui", key, "de")
    return out


def readme_page_titles() -> set[str]:
    """First cells of the rows of the table under '## Pages' in README.md, without markup."""
    section = README.split("\n## Pages", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("|") and not set(line) <= set("|-: ")]
    return {re.sub(r"[*`_]", "", row.split("|")[1]).strip() for row in rows[1:]}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_is_routed(page):
    assert page.name in routed_pages(), f"{page.name} is not in app.py's pages list; add an st.Page(...) line for it"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_page_is_in_the_readme(page):
    title = routed_pages().get(page.name)
    if title is None:
        pytest.skip("not routed (see test_every_page_is_routed)")
    assert title in readme_page_titles(), f"README.md's pages table has no row **{title}**"


@pytest.mark.parametrize("table", ["ghgmodel", "synth"])
def test_every_parameter_is_documented(table):
    params = load_parameters().table if table == "ghgmodel" else load_parameters(SYNTH_PARAMS).table.query("table == 'synth.csv'")
    assert len(params) > 50
    undocumented = params[
        (params["description"].str.strip() == "") | ((params["source"].str.strip() == "") & (params["rationale"].str.strip() == ""))
    ]
    assert undocumented.empty, undocumented[["table", "key"]].to_string()


@pytest.mark.parametrize("table", sorted(TABLES))
def test_every_table_is_explained(table):
    """Named (in backticks) on the Daten & Methodik page or in the README, so a reader learns what it holds."""
    assert f"`{table}`" in METHOD_PAGE or f"`{table}`" in README, (
        f"explain the table {table} in locales/methodik/de/tables.md and en/tables.md, or in README.md"
    )
