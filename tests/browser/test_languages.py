"""The language a visitor chose survives every click in the navigation, and no text of the other language shows."""

from __future__ import annotations

import json
import re

import pytest

from locales import entries
from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser
MIN_LEN = 18  # fragments this long are specific to one language; shorter ones ("Gebäude", "Name") may be shared


def _fragments(lang: str, other: str) -> set[str]:
    """Pieces of the app's texts that exist only in `lang`: split at placeholders, long enough to be telling."""
    out = set()
    for catalogue in ("ui", "labels"):
        for entry in entries(catalogue).values():
            mine, theirs = entry.get(lang, ""), entry.get(other, "")
            if mine == theirs:
                continue
            for piece in re.split(r"\{[^}]*\}|\*\*|\n|`|\[|\]|\(|\)", mine):
                piece = piece.strip(" .,:;–-")
                if len(piece) >= MIN_LEN and piece not in theirs:
                    out.add(piece)
    return out


def _data_values(db) -> list[str]:
    """Texts that are data, not the app's words: project names, owners, notes and sources, district and network
    names. They stay as the data has them in every language."""
    import portfolio as pf
    from heatdb.connect import connect
    from reports.texts import short_label

    con = connect(db, read_only=True)
    try:
        names = [
            r[0]
            for r in con.execute(
                """SELECT name FROM districts UNION SELECT name FROM dh_networks UNION SELECT name FROM dh_expansion
                   UNION SELECT title FROM data_sources"""
            ).fetchall()
        ]
    finally:
        con.close()
    rows = pf.read_projects_csv(pf.PROJECTS_CSV.read_text(encoding="utf-8"), "p.csv")
    for p, _ in rows:
        names += [p.name, p.owner, p.note, p.source, p.funding_source]
        names += [short_label(p.name, n) for n in (40, 48, 60, 62, 70)]  # as charts cut them
    # a value shorter than a fragment cannot hide one; leaving short ones (DEW21, City) keeps the words around them
    return sorted({n for n in names if n and len(n) >= MIN_LEN}, key=len, reverse=True)


def _visible_text(page, data: list[str]) -> str:
    text = page.locator("[data-testid='stMain']").inner_text() + "\n" + page.locator("[data-testid='stSidebar']").inner_text()
    for value in data:
        text = text.replace(value, " ")
    return text


@pytest.mark.parametrize(("lang", "other"), [("en", "de"), ("de", "en")])
def test_the_language_survives_navigation_and_no_other_language_shows(planner_server, dortmund_db, page, lang, other):
    page.goto(planner_server.url + f"uebersicht?lang={lang}", wait_until="domcontentloaded")
    wait_idle(page)
    foreign = _fragments(other, lang)
    data = _data_values(dortmund_db)
    links = page.locator("[data-testid='stSidebarNavLink']")
    n = links.count()
    assert n >= 8
    found = {}
    for i in range(n):
        links.nth(i).click()
        page.wait_for_timeout(500)
        wait_idle(page, timeout=240000)
        assert f"lang={lang}" in page.url, page.url
        text = _visible_text(page, data)
        hits = sorted(f for f in foreign if f in text)
        if hits:  # each with the words around it, to find where it comes from
            found[page.url.split("?")[0].rsplit("/", 1)[-1]] = [
                text[max(0, text.find(h) - 60) : text.find(h) + len(h) + 30] for h in hits[:12]
            ]
    assert not found, json.dumps(found, ensure_ascii=False, indent=0)


def test_overview_has_its_own_address(planner_server, page):
    page.goto(planner_server.url + "uebersicht", wait_until="domcontentloaded")
    wait_idle(page)
    assert page.get_by_text("Page not found").count() == 0
    assert page.locator("h1").first.inner_text() == "Übersicht"
    page.goto(planner_server.url + "?lang=en", wait_until="domcontentloaded")
    wait_idle(page)
    assert page.url.split("?")[0].endswith("/uebersicht") and "lang=en" in page.url
    assert page.locator("h1").first.inner_text() == "Overview"
