"""The one number formatter (locales.numbers): German and English by hand-checked answers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from locales import MISSING, num, num_as_written, pct, qty, signed


@pytest.mark.parametrize(
    ("value", "decimals", "de", "en"),
    [
        (1234567.891, 0, "1.234.568", "1,234,568"),
        (1234567.891, 2, "1.234.567,89", "1,234,567.89"),
        (999.5, 0, "1.000", "1,000"),
        (999, 0, "999", "999"),
        (0, 0, "0", "0"),
        (0.001, 2, "0,00", "0.00"),
        (-257259.23, 0, "-257.259", "-257,259"),
        (-1234.5678, 1, "-1.234,6", "-1,234.6"),
        (-0.4, 0, "0", "0"),  # never '-0'
        (-0.04, 1, "0,0", "0.0"),
        (np.float64(3.25), 1, "3,3", "3.3"),
        (np.int64(12345), 0, "12.345", "12,345"),
    ],
)
def test_numbers_in_german_and_english(value, decimals, de, en):
    assert num(value, decimals, "de") == de
    assert num(value, decimals, "en") == en


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        # half away from zero on the number as written, as a reader rounds by hand
        (0.5, 0, "1"),
        (1.5, 0, "2"),
        (2.5, 0, "3"),  # Python's round(2.5) is 2
        (-2.5, 0, "-3"),
        (0.125, 2, "0,13"),  # round(0.125, 2) is 0.12
        (1.005, 2, "1,01"),  # the float is 1.00499999999999989..., written 1.005
        (12.345, 1, "12,3"),
        (12.35, 1, "12,4"),
        (1234567.5, 0, "1.234.568"),
    ],
)
def test_rounding_half_cases(value, decimals, expected):
    assert num(value, decimals, "de") == expected


@pytest.mark.parametrize("missing", [None, float("nan"), math.inf, -math.inf, np.nan, pd.NA, "text"])
def test_missing_numbers_are_a_dash(missing):
    assert num(missing, 1, "de") == MISSING == "–"
    assert pct(missing, 1, "en") == "–"


def test_shares_quantities_and_signs():
    assert pct(12.345, 1, "de") == "12,3 %"
    assert pct(12.345, 1, "en") == "12.3 %"
    assert pct(-3.25, 1, "de") == "-3,3 %"
    assert qty(1123397.37, "t", 0, "de") == "1.123.397 t"
    assert qty(1123397.37, "t", 0, "en") == "1,123,397 t"
    assert signed(6.66, 1, "de") == "+6,7"
    assert signed(-5.25, 1, "de") == "-5,3"
    assert signed(0.01, 1, "de") == "0,0"  # rounds to zero: no sign
    assert signed(math.nan, 1, "de") == "–"


@pytest.mark.parametrize(
    ("written", "de", "en"),
    [("85.0", "85,0", "85.0"), ("1.5", "1,5", "1.5"), ("40000", "40.000", "40,000"), ("0.125", "0,125", "0.125"), ("1e-3", "0", "0")],
)
def test_numbers_as_written_keep_their_decimals(written, de, en):
    assert num_as_written(written, "de") == de
    assert num_as_written(written, "en") == en


def test_text_that_is_no_number_stays():
    assert num_as_written("GEG", "de") == "GEG"


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False), st.integers(0, 3))
def test_german_is_english_with_the_separators_swapped(x, decimals):
    en = num(x, decimals, "en")
    assert num(x, decimals, "de") == en.replace(",", "_").replace(".", ",").replace("_", ".")
    # and reads back as the rounded number
    assert float(en.replace(",", "")) == pytest.approx(x, abs=0.5 * 10**-decimals + 1e-9 * abs(x))
