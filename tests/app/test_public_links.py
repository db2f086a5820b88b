"""Links a visitor can craft (issue 14, items 5 and 6): text from a link or from data never becomes a link, an image
or markup, and a bad link parameter gives a plain message instead of an exception."""

from __future__ import annotations

import base64
import json
import re
import zlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ghgmodel import Scenario

ROOT = Path(__file__).resolve().parents[2]
# an unescaped Markdown link or image: [text](url), ![alt](url), or a bare web address that would be auto-linked
LIVE_LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\((?!\s)|(?<![\\\w])https?(?<!\\):(?!\\)//")


@pytest.fixture(scope="module")
def portfolios(tmp_path_factory):
    """The public tests' portfolio (never written: read-only defaults) and the planner's: DuckDB refuses to open one file
    read-only while this process holds it for writing (as the session's shared portfolio is held by planner tests)."""
    root = tmp_path_factory.mktemp("links")
    return root / "public.duckdb", root / "planner.duckdb"


@pytest.fixture(autouse=True)
def public(monkeypatch, portfolios):
    monkeypatch.setenv("WAERME_MODE", "public")
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(portfolios[0]))


def run(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=240)
    for k, v in query.items():
        at.query_params[k] = v
    return at.run()


def shown(at: AppTest) -> list[str]:
    """Every Markdown-rendered text of the page: messages, markdown, captions, headers, tab labels."""
    out = [e.value for e in at.error] + [w.value for w in at.warning] + [i.value for i in at.info] + [s.value for s in at.success]
    out += [m.value for m in at.markdown] + [c.value for c in at.caption] + [h.value for h in at.header] + [s.value for s in at.subheader]
    out += [t.label for t in at.tabs]
    return out


def link(obj) -> str:
    text = obj if isinstance(obj, str) else json.dumps(obj)
    return base64.urlsafe_b64encode(zlib.compress(text.encode())).decode()


def no_live_links(at: AppTest, *allowed: str) -> None:
    for text in shown(at):
        for hit in LIVE_LINK.finditer(text):
            context = text[hit.start() : hit.start() + 120]
            assert any(a in context for a in allowed), f"a live link in {text[:200]!r}"


# --- Markdown injection ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", ["[Hier klicken](https://evil.example/phish)", "![x](https://evil.example/pixel.png)", "<img src=x>"])
def test_a_snapshot_id_from_a_link_is_shown_as_text(payload):
    at = run("09_rat.py", snapshot=payload)
    assert not at.exception, [e.value for e in at.exception]
    assert at.error, "the unknown snapshot is named"
    message = at.error[0].value
    assert "evil" in message or "img" in message  # the text is there, as text
    assert not LIVE_LINK.search(message), message
    assert not re.search(r"(?<!\\)<img", message), message  # escaped: shown as text


def test_a_custom_scenario_name_and_stale_areas_from_a_link_are_shown_as_text():
    name = "![x](https://evil.example/p.png) [klick](https://evil.example)"
    sc = Scenario(name=name, dh_connection_by_area={"[a](https://evil.example/a)": {"year": 2030}})
    at = run("05_szenarien.py", compare="trend,custom", custom=link(sc.to_json()))
    assert not at.exception, [e.value for e in at.exception]
    assert any("evil" in x for x in shown(at)), "the name is shown"
    assert any("nicht mehr gibt" in w.value for w in at.warning), "the stale-area warning is there"
    no_live_links(at, "](rat)")  # the page's own link to the council page


# --- bad link parameters -----------------------------------------------------------------------------------------


BAD_CUSTOM = {
    "name is a number": link({"name": 5}),
    "a number where a year table is expected (a list)": link({"name": "x", "retrofit_rate_pct": [1, 2, 3]}),
    "text in a year table": link({"name": "x", "hp_adoption_pct": {"air": {"2030": "viel"}}}),
    "a year table out of range": link({"name": "x", "retrofit_rate_pct": {"2030": 500}}),
    "deeply nested JSON": link("[" * 100_000 + "]" * 100_000),
    "nested objects": link({"name": "x", "description": {"a": {"b": {"c": {"d": {"e": 1}}}}}}),
    "a bomb": link(json.dumps({"name": "x", "description": " " * 5_000_000})),
    "not base64": "!!!***",
    "not zlib": base64.urlsafe_b64encode(b"just bytes").decode(),
    "not JSON": link("{name: x"),
    "an unknown lever": link({"name": "x", "steal": 1}),
    "a control character in the name": link({"name": "a\nb"}),
    "too long": "A" * 20_000,
}


@pytest.mark.parametrize("value", list(BAD_CUSTOM.values()), ids=list(BAD_CUSTOM))
def test_a_bad_custom_scenario_link_gives_a_plain_message(value):
    at = run("05_szenarien.py", compare="trend,custom", custom=value)
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any("Link zum eigenen Szenario" in e for e in errors), errors
    assert not any("Traceback" in e or "Error(" in e for e in errors)
    assert "custom" not in at.query_params  # the bad link is dropped, the page goes on with the saved scenarios


def test_more_than_three_scenarios_in_a_link_are_cut_to_three():
    at = run("05_szenarien.py", compare="trend,wpg-2045,klimaneutral-2035,trend,nope," + "x" * 2000)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.multiselect(key="s_compare").value) <= 3


@pytest.mark.parametrize("step", ["²", "٣", "0", "99", "-1", "2.5", "1" * 400, ""])
def test_a_bad_presentation_step_starts_at_the_first_section(step, monkeypatch, portfolios):
    monkeypatch.delenv("WAERME_MODE")  # the planner's live scenario: presentation mode has something to step through
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(portfolios[1]))
    at = run("09_rat.py", present="1", step=step)
    assert not at.exception, [e.value for e in at.exception]
    assert any(m.value.startswith("1 / 4") or "1 / 4 ·" in m.value for m in at.markdown), "the first section"


def test_the_step_parser_known_answers():
    from ui.rat import step_from_link

    assert [step_from_link(x) for x in ("1", "2", "4", "5", "²", "٣", "02", "", "9" * 40)] == [0, 1, 3, 0, 0, 0, 0, 0, 0]


def test_a_good_custom_link_still_works():
    sc = Scenario(name="Mein Szenario (Variante)", retrofit_rate_pct={2025: 2.0, 2030: 3.0})
    at = run("05_szenarien.py", compare="trend,custom", custom=link(sc.to_json()))
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert "custom" in at.multiselect(key="s_compare").value
