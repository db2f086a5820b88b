"""The texts of every surface, read from one TOML catalogue per surface, and the prose of pages from Markdown.

A catalogue entry is a table per key with the languages side by side:

    [gap_2030]
    de = "Lücke zum Ziel 2030"
    en = "Gap to the 2030 target"

`{name}` placeholders are filled from the caller's values with str.format (`{{` is a literal brace);
a text looked up without values is returned as written. Each file is parsed once per process.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from types import MappingProxyType

HERE = Path(__file__).resolve().parent
LANGS = ("de", "en")  # German first: the language of a caller that asks for none


class CatalogueError(LookupError):
    """A text that is missing or malformed in its catalogue; the message names the file, the key and the fix."""


def catalogues() -> tuple[str, ...]:
    """The names of the catalogues (the .toml files next to this module)."""
    return tuple(sorted(p.stem for p in HERE.glob("*.toml")))


@cache
def entries(catalogue: str) -> MappingProxyType:
    """Every entry of `catalogue` as key -> {lang: text}, read once per process."""
    path = HERE / f"{catalogue}.toml"
    if not path.is_file():
        raise CatalogueError(f"there is no catalogue {catalogue!r} ({path.name}); the catalogues are {', '.join(catalogues())}.")
    with path.open("rb") as f:
        data = tomllib.load(f)
    for key, entry in data.items():
        if not isinstance(entry, dict) or not all(isinstance(v, str) for v in entry.values()):
            raise CatalogueError(f'{path.name}: [{key}] must be a table of texts (de = "…", en = "…"), not {entry!r}.')
    return MappingProxyType({key: MappingProxyType(entry) for key, entry in data.items()})


def has(catalogue: str, key: str) -> bool:
    """Whether `catalogue` has a text for `key`."""
    return key in entries(catalogue)


def text(catalogue: str, key: str, lang: str = "de", **values) -> str:
    """The text `key` of `catalogue` in `lang` ('de' or 'en'), with `values` filled into its {placeholders}.

    A language the entry lacks (or an unknown one) falls back to German.
    """
    try:
        entry = entries(catalogue)[key]
    except KeyError:
        raise CatalogueError(
            f'{catalogue}.toml has no text {key!r}; add [{key}] with de = "…" and en = "…" to locales/{catalogue}.toml.'
        ) from None
    written = entry.get(lang) or entry[LANGS[0]]
    return written.format(**values) if values else written


@cache
def _prose_file(page: str, lang: str, section: str) -> str:
    path = HERE / page / lang / f"{section}.md"
    if not path.is_file():
        raise CatalogueError(f"the {page} page has no section {section!r} in {lang!r}: write locales/{page}/{lang}/{section}.md.")
    return path.read_text(encoding="utf-8")


@cache
def prose(page: str, section: str, lang: str = "de") -> tuple[str, tuple[str, ...]]:
    """(title, blocks) of one section of a page's prose (locales/<page>/<lang>/<section>.md).

    The title is the first line if it starts with '# ' ('' otherwise). The blocks alternate between
    Markdown text and formulas: a formula is a paragraph between lines '$$' and comes back with its
    '$$' marks, so that the caller can draw it (and fill placeholders only into the text).
    A language without the file falls back to German.
    """
    try:
        source = _prose_file(page, lang, section)
    except CatalogueError:
        source = _prose_file(page, LANGS[0], section)
    lines = source.strip("\n").splitlines()
    title = ""
    if lines and lines[0].startswith("# "):
        title, lines = lines[0][2:].strip(), lines[1:]
    blocks: list[str] = []
    words: list[str] = []  # the lines of the Markdown text since the last formula
    formula: list[str] | None = None  # the lines of an open formula
    for line in lines:
        if formula is not None:
            if line.strip() == "$$":
                blocks.append("$$" + "\n".join(formula) + "$$")
                formula = None
            else:
                formula.append(line)
        elif line.strip() == "$$":
            if "\n".join(words).strip():
                blocks.append("\n".join(words).strip("\n"))
            words, formula = [], []
        else:
            words.append(line)
    if formula is not None:
        raise CatalogueError(f"locales/{page}/{lang}/{section}.md: a formula opened with $$ is not closed; end it with a line $$.")
    if "\n".join(words).strip():
        blocks.append("\n".join(words).strip("\n"))
    return title, tuple(blocks)


def prose_sections(page: str, lang: str = "de") -> tuple[str, ...]:
    """The sections a page's prose has in `lang` (the names of its Markdown files)."""
    return tuple(sorted(p.stem for p in (HERE / page / lang).glob("*.md")))


__all__ = ["LANGS", "CatalogueError", "catalogues", "entries", "has", "prose", "prose_sections", "text"]
