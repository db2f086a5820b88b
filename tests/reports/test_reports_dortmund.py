"""The dataset's numbers are the app's for the same scenario (Dortmund, 'Klimaneutral 2035'): pathway and band, gaps,
contributions, decomposition, indicators. The formats are read back in test_pdf, test_pptx, test_xlsx, test_gpkg."""

from __future__ import annotations

import numpy as np
import pytest

PDF_YEARS = (2030, 2035)


# --- the dataset equals the app -------------------------------------------------------------------


def test_pathway_and_band_are_the_apps(dataset, app_numbers):
    pw = dataset.table("pathway").set_index("year")
    band = app_numbers["band"]
    assert list(pw.index) == [int(y) for y in band.index]
    np.testing.assert_allclose(pw["co2e_t"], band["central"], rtol=1e-12)
    np.testing.assert_allclose(pw["co2e_low_t"], band[["low", "high"]].min(axis=1), rtol=1e-12)
    np.testing.assert_allclose(pw["co2e_high_t"], band[["low", "high"]].max(axis=1), rtol=1e-12)


def test_gaps_are_the_apps(dataset, app_numbers):
    mine = dataset.table("targets").set_index("year")
    app = app_numbers["gaps"].set_index("year")
    assert list(mine.index) == list(app.index) == list(PDF_YEARS)
    for col in ("target_t", "pathway_t", "gap_t"):
        np.testing.assert_allclose(mine[col], app[col], rtol=1e-12, atol=1e-6)


def test_contributions_are_the_apps(dataset, app_numbers):
    mine = dataset.table("contributions").set_index("project_id")
    app = app_numbers["contributions"]["summary"].set_index("project_id")
    assert set(mine.index) == set(app.index) and len(mine) > 5
    for col in ("attributed_2030_t", "attributed_2035_t", "standalone_2035_t", "cumulative_t"):
        np.testing.assert_allclose(mine[col], app.loc[mine.index, col], rtol=1e-9, atol=1e-6)


def test_indicators_are_the_apps(dataset, app_numbers):
    app = app_numbers["pathway"]["indicators"]
    app = app[app["year"].isin([2030, 2035, 2040, 2045])].reset_index(drop=True)
    mine = dataset.table("indicators")
    assert len(mine) == len(app) > 40
    np.testing.assert_allclose(mine["value"].to_numpy(float), app["value"].to_numpy(float), rtol=1e-12)


def test_the_band_contains_the_central_path_every_year(compared):
    """Klimaneutral 2035's "low" line once lay above its central path from 2033: low and high are now the envelope
    of the three variants, in every compared scenario."""
    for table in (compared.table("pathway"), compared.table("comparison")):
        assert (table["co2e_low_t"] <= table["co2e_t"] + 1e-6).all()
        assert (table["co2e_t"] <= table["co2e_high_t"] + 1e-6).all()
    pw = compared.table("pathway").set_index("year")
    assert (pw["co2e_high_t"] - pw["co2e_low_t"]).loc[2035] > 1000  # a band, not a line


def test_decomposition_is_the_apps(dataset, app_numbers):
    """The waterfall's sums (federal framework, measures, unbacked) are the app's decomposition of the same scenario."""
    from reports.waterfall import totals

    steps = app_numbers["decomposition"]["steps"]
    for year in (2030, 2035):
        mine = totals(dataset.table("waterfall"), year)
        app = steps[steps["to_year"] == year].groupby("kind")["delta_t"].sum()
        assert mine["drivers"] == pytest.approx(app["driver"], rel=1e-12)
        assert mine["measures"] == pytest.approx(app["measure"], rel=1e-12, abs=1e-6)
        assert mine["unbacked"] == pytest.approx(app.get("unbacked", 0.0), rel=1e-12, abs=1e-6)
        assert mine["start"] + mine["drivers"] + mine["measures"] + mine["unbacked"] == pytest.approx(mine["result"], rel=1e-9)


def test_waterfall_bars_add_up_from_2024_to_the_result(dataset):
    from reports import charts

    steps = charts.waterfall_steps(dataset, 2035, "de")
    by = {s["key"]: s for s in steps}
    assert steps[0]["value"] == pytest.approx(dataset.table("pathway").set_index("year").loc[2024, "co2e_t"])
    targets = dataset.table("targets").set_index("year")
    assert by["result"]["value"] == pytest.approx(targets.loc[2035, "pathway_t"])
    assert by["target"]["value"] == pytest.approx(targets.loc[2035, "target_t"])
    # start + drivers + measures + unbacked = result (measures under half a tonne are not drawn: at most 0.5 t each)
    changes = sum(s["value"] for s in steps if s["kind"] in ("driver", "measure", "unbacked"))
    assert steps[0]["value"] + changes == pytest.approx(by["result"]["value"], abs=0.5 * len(dataset.table("contributions")))
    assert [s["kind"] for s in steps if s["kind"] == "driver"] == ["driver"] * 4
    assert steps[-1]["kind"] == "gap" and steps[-1]["value"] == pytest.approx(targets.loc[2035, "gap_t"])
