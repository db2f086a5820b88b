"""The presentation read back for a projector: real slide titles, body text of 18 pt and more, pictures whose smallest
type reaches the screen at 14 pt or more, alt text for every picture, speaker notes with the numbers, the targets and
the decision on slides of their own, and the largest reductions in order of their value."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.util import Emu

from locales import num
from reports import council
from reports.pptx import FOOTER, SOURCE_LINE
from reports.texts import change, tonnes, tr
from tests.reports.helpers import slide_tables, slide_texts

SMALL_SHAPES = {FOOTER, SOURCE_LINE, "Hinweis"}  # footers, the maps' attribution and the synthetic-data mark (12–14 pt)


@pytest.fixture(scope="module")
def deck(reports_de):
    from pptx import Presentation

    return Presentation(io.BytesIO(reports_de["pptx"]))


@pytest.fixture(scope="module")
def slides(deck):
    return list(deck.slides)


def title_of(slide) -> str:
    return slide.shapes.title.text_frame.text


def test_every_slide_has_a_title_placeholder(slides):
    assert len(slides) >= 15
    for i, s in enumerate(slides, start=1):
        t = s.shapes.title
        assert t is not None and t.is_placeholder, i
        assert t.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE), i
        assert t.text_frame.text.strip(), i


def _runs(shape):
    frames = [shape.text_frame] if shape.has_text_frame else []
    if shape.has_table:
        frames += [c.text_frame for row in shape.table.rows for c in row.cells]
    for f in frames:
        for para in f.paragraphs:
            for run in para.runs:
                if run.text.strip():
                    yield run


def test_body_text_is_18_pt_or_more_and_titles_24(slides):
    small = []
    for i, s in enumerate(slides, start=1):
        for shape in s.shapes:
            if shape.name in SMALL_SHAPES:
                assert all(r.font.size is not None and r.font.size.pt >= 12 for r in _runs(shape)), (i, shape.name)
                continue
            least = 24 if shape == s.shapes.title else 18
            for run in _runs(shape):
                if run.font.size is None or run.font.size.pt < least:
                    small.append((i, shape.name, run.text[:30], run.font.size.pt if run.font.size else None))
    assert not small, small


def test_pictures_reach_the_projector_at_14_pt_with_alt_text(slides):
    pictures = [(i, p) for i, s in enumerate(slides, start=1) for p in s.shapes if p.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) >= 11  # pathway, waterfall, owners, costs, timeline, comparison, networks, four maps
    for i, pic in pictures:
        descr = pic._element.nvPicPr.cNvPr.get("descr", "")
        assert len(descr) > 30 and "image" not in descr.lower() and ".png" not in descr, (i, descr)
        with Image.open(io.BytesIO(pic.image.blob)) as im:
            smallest = float(im.info["MinFontPt"])
            drawn_in = im.width / im.info.get("dpi", (150, 150))[0]
        placed_in = Emu(pic.width).inches
        assert smallest * placed_in / drawn_in >= 14, (i, pic.name, smallest, placed_in, drawn_in)


def test_every_slide_has_speaker_notes_with_numbers(slides):
    for i, s in enumerate(slides, start=1):
        notes = s.notes_slide.notes_text_frame.text if s.has_notes_slide else ""
        assert len(notes) > 40 and any(ch.isdigit() for ch in notes), i


def test_targets_slide_has_the_apps_gaps(slides, app_numbers):
    gaps = app_numbers["gaps"].set_index("year")
    slide = next(s for s in slides if title_of(s).startswith(tr("slide_targets", verdicts="")))
    rows = slide_tables(slide)[0][1:]
    assert [r[1] for r in rows] == ["2030", "2035"]
    assert [r[4] for r in rows] == [tonnes(gaps.loc[y, "gap_t"], signed=True) for y in (2030, 2035)]
    assert tonnes(abs(gaps.loc[2035, "gap_t"])) in title_of(slide)


def test_the_decision_slide_says_the_proposal(slides, compared):
    slide = next(s for s in slides if title_of(s).startswith(tr("proposal_heading")))
    text = slide_texts(slide)
    for line in council.proposal(compared).splitlines():
        assert line[3:60] in text.replace("\n", " "), line[:40]
    assert council.proposal(compared) == slide.notes_slide.notes_text_frame.text


def test_largest_reductions_in_order_of_their_value_with_ellipsis(slides, compared):
    titles = {tr("slide_largest", n=n) for n in range(1, 10)}
    slide = next(s for s in slides if title_of(s) in titles)
    rows = slide_tables(slide)[0][1:]
    c = compared.table("contributions")
    reductions = (-c["attributed_2035_t"]).sort_values()
    expected = [change(v) for v in reductions[reductions <= -0.5].head(len(rows))]
    assert [r[3] for r in rows] == expected
    values = [float(r[3].replace("−", "-").replace(".", "").replace(",", ".")) for r in rows]
    assert values == sorted(values)  # by value, not by size: the largest reduction first
    names = dict(zip(c.index + 1, c["name"]))
    for r in rows:
        full = names[int(r[0])]
        assert r[1] == full or (r[1].endswith("…") and full.startswith(r[1][:-1].rstrip())), r[1]


def test_glance_and_waterfall_titles_say_the_numbers(slides, app_numbers):
    steps = app_numbers["decomposition"]["steps"]
    s35 = steps[steps["to_year"] == 2035].groupby("kind")["delta_t"].sum()
    wf = next(s for s in slides if title_of(s).startswith(tr("slide_waterfall", year=2035, drivers="", measures="", unbacked="")[:12]))
    for kind in ("driver", "measure", "unbacked"):
        assert change(s35[kind]) in title_of(wf), kind
    gaps = app_numbers["gaps"].set_index("year")
    glance = slides[1]
    assert num(gaps.loc[2035, "pathway_t"]) in title_of(glance)
