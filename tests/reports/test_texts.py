"""Numbers and texts of the reports: German style by hand-checked examples, every text in both languages."""

from __future__ import annotations

import math

import pytest

from locales import entries, num, pct, qty
from reports.texts import date_text, label, lever_text, tr


@pytest.mark.parametrize(
    ("value", "decimals", "lang", "expected"),
    [
        (1234567.4, 0, "de", "1.234.567"),
        (1234567.5, 0, "en", "1,234,568"),
        (12.345, 1, "de", "12,3"),
        (-257259.23, 0, "de", "-257.259"),
        (-0.4, 0, "de", "0"),
        (999.5, 0, "de", "1.000"),
        (float("nan"), 0, "de", "–"),
        (None, 1, "en", "–"),
    ],
)
def test_numbers_in_the_readers_style(value, decimals, lang, expected):
    assert num(value, decimals, lang) == expected


def test_shares_and_tonnes():
    assert pct(12.345, 1, "de") == "12,3 %"
    assert pct(12.345, 1, "en") == "12.3 %"
    assert qty(1123397.37, "t", 0, "de") == "1.123.397 t"
    assert pct(math.nan) == "–"


def test_every_text_has_german_and_english_with_the_same_placeholders():
    import string

    for key, entry in {**entries("reports"), **entries("labels")}.items():
        de, en = entry["de"], entry["en"]
        assert de.strip() and en.strip(), key
        fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
        assert fields(de) == fields(en), key


def test_labels_and_levers():
    assert label("carrier", "district_heating", "de") == "Fernwärme"
    assert label("carrier", "district_heating", "en") == "District heating"
    assert label("carrier", "unknown_code") == "unknown_code"
    assert lever_text("retrofit_rate_pct", "2024: 1.5, 2027: 4", "de") == "2024: 1,5; 2027: 4"
    assert lever_text("retrofit_rate_pct", "2024: 1.5, 2027: 4", "en") == "2024: 1.5, 2027: 4"
    assert lever_text("project_ids", "", "de") == tr("all_projects", "de")
    assert lever_text("hp_adoption_pct", '{"air": {"2025": 8.0}}', "en") == "air-suitable 2025: 8"
    assert date_text("2026-11-22T07:38:55+00:00", "de") == "22.11.2026 07:38 UTC"
    assert date_text("2026-11-22 07:38:55.123", "en") == "2026-11-22 07:38 UTC"
