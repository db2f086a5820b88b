"""Reading the reports back: PDF text per page, slides' texts and tables."""

from __future__ import annotations

import io
import re


def pdf_pages(payload: bytes) -> list[str]:
    import pypdf

    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(payload)).pages]


def tokens(text: str) -> set[str]:
    return set(text.split())


def squeeze(text: str) -> str:
    """The text without any whitespace (a table cell may wrap a long name between words)."""
    return re.sub(r"\s+", "", text)


def pages_with(pages: list[str], heading: str) -> str:
    hits = [p for p in pages if heading in p]
    assert hits, f"no page with {heading!r}"
    return "\n".join(hits)


def slide_texts(slide) -> str:
    out = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            out.append(shape.text_frame.text)
        if shape.has_table:
            out += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(out)


def slide_tables(slide) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in s.table.rows] for s in slide.shapes if s.has_table]
