"""Presentation mode in a real Chromium: controls hidden, projector-sized type, stepping forward and back."""

from __future__ import annotations

import pytest

from tests.browser.conftest import wait_idle

pytestmark = pytest.mark.browser


def heading(page) -> str:
    return page.locator("[data-testid='stMarkdownContainer'] h2").first.inner_text()


def test_presentation_mode_on_a_projector(planner_server, browser, artifacts):
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, locale="de-DE")  # a common projector resolution
    page = ctx.new_page()
    try:
        page.goto(planner_server.url + "rat?present=1", wait_until="domcontentloaded")
        # the first visit computes the contributions (about 30 s on two cores)
        page.locator("[data-testid='stMarkdownContainer'] h2").first.wait_for(timeout=240000)
        wait_idle(page, timeout=240000)
        assert page.locator("[data-testid='stException']").count() == 0
        assert page.locator("[data-testid='stSidebar']").is_hidden(), "the sidebar is hidden while presenting"
        assert page.locator("[data-testid='stSelectbox']").count() == 0, "no picker while presenting"
        assert heading(page) == "Der Pfad gegen die Ziele"
        size = page.eval_on_selector("[data-testid='stMarkdownContainer'] p", "e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 24, f"body text {size}px is too small for a projector"
        page.screenshot(path=str(shots / "rat-present-1.png"))
        page.get_by_role("button", name="Weiter ▶").click()
        wait_idle(page)
        assert heading(page) == "Was jedes Projekt beiträgt – und die Lücke"
        assert "step=2" in page.url
        page.screenshot(path=str(shots / "rat-present-2.png"))
        page.get_by_role("button", name="◀ Zurück").click()
        wait_idle(page)
        assert heading(page) == "Der Pfad gegen die Ziele"
        assert page.get_by_role("button", name="◀ Zurück").is_disabled()
    finally:
        ctx.close()


BROKEN_WORDS = """() => {
  // words of the main area whose letters lie on two lines (a word broken in the middle)
  const out = [];
  const main = document.querySelector("[data-testid='stMain']");
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const text = node.textContent;
    const re = /[\\p{L}\\p{N}][\\p{L}\\p{N}\\-]{3,}/gu;
    let m;
    while ((m = re.exec(text))) {
      const r = document.createRange();
      r.setStart(node, m.index); r.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(r.getClientRects()).filter(x => x.width > 0).map(x => Math.round(x.top)));
      if (tops.size > 1 && !m[0].includes("-")) out.push(m[0]);
    }
  }
  return out;
}"""


def test_every_presentation_step_fits_a_projector_without_scrolling(planner_server, browser, artifacts):
    """1280 x 720: each of the four steps shows completely (no scrolling) and no word is broken mid-word."""
    shots = artifacts / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    ctx = browser.new_context(viewport={"width": 1280, "height": 720}, locale="de-DE")
    page = ctx.new_page()
    try:
        for step in (1, 2, 3, 4):
            page.goto(planner_server.url + f"rat?present=1&step={step}", wait_until="domcontentloaded")
            page.locator("[data-testid='stMarkdownContainer'] h2").first.wait_for(timeout=300000)
            wait_idle(page, timeout=300000)
            page.wait_for_timeout(1200)  # charts and the map draw after the run
            page.screenshot(path=str(shots / f"rat-present-fit-{step}.png"))
            height = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
            assert height <= 724, f"step {step} needs {height} px on a 720 px projector"
            broken = page.evaluate(BROKEN_WORDS)
            assert not broken, f"step {step}: words broken mid-word: {broken[:5]}"
    finally:
        ctx.close()


def test_the_page_hands_out_the_report_of_what_it_shows(planner_server, browser, tmp_path):
    """The PDF button gives a PDF of the scenario on screen, with its data version and 2035 figure."""
    import re

    import pypdf

    ctx = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="de-DE", accept_downloads=True)
    page = ctx.new_page()
    try:
        page.goto(planner_server.url + "rat", wait_until="domcontentloaded")
        page.locator("[data-testid='stMarkdownContainer'] h2").first.wait_for(timeout=240000)
        wait_idle(page, timeout=240000)
        shown = page.locator("[data-testid='stMetricValue']").nth(2).inner_text()  # "Pfad 2035", e.g. "210 kt"
        version = page.locator("[data-testid='stAlert'] code").first.inner_text()
        with page.expect_download(timeout=240000) as info:
            page.get_by_role("button", name="PDF", exact=True).click()
        path = tmp_path / "report.pdf"
        info.value.save_as(path)
        assert path.read_bytes()[:5] == b"%PDF-"
        text = "\n".join(p.extract_text() for p in pypdf.PdfReader(path).pages)
        assert f"Datenstand {version}" in text
        filed = re.search(r"2035: Pfad ([\d.]+) t", text)
        assert filed, "the PDF states the 2035 pathway"
        assert f"{round(int(filed.group(1).replace('.', '')) / 1000):,} kt".replace(",", ".") == shown, (filed.group(1), shown)
    finally:
        ctx.close()
