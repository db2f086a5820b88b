"""Pages stay thin: they import only streamlit and ui (the layer contracts for ui, heatdb and ghgmodel are import-linter's)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("page", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_import_only_ui(page):
    tree = ast.parse(page.read_text(encoding="utf-8"))
    mods = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            mods.add((node.module or "").split(".")[0])
    assert mods <= {"streamlit", "ui", "__future__"}, mods
    assert len(page.read_text(encoding="utf-8").splitlines()) < 80, "pages are thin: move logic to ui/"


def test_app_is_a_router():
    src = (ROOT / "app.py").read_text(encoding="utf-8")
    assert "st.navigation" in src and "set_page_config" in src
    assert len(src.splitlines()) < 40
