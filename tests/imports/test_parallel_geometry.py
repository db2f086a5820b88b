"""The strip-parallel probe areas and neighbour distances equal the single-process ones."""

from __future__ import annotations

import numpy as np
import pytest
import shapely

import imports.parallel_geometry as pg
from heatdb.connect import connect
from heatdb.geo import transform
from heatdb.layout import nearest_distance_m
from heatdb.osm import generic_probe_area


def test_strips_give_the_numbers_of_one_call(tiny_db, monkeypatch):
    con = connect(tiny_db, read_only=True)
    try:
        wkbs = [bytes(r[0]) for r in con.execute("SELECT ST_AsWKB(footprint) FROM buildings ORDER BY building_id").fetchall()]
    finally:
        con.close()
    fps = transform(shapely.from_wkb(wkbs), 4326, 3035)
    monkeypatch.setattr(pg, "PARALLEL_FROM", 100)  # force the parallel path on the tiny city's 7,734 footprints
    probe, neighbour = pg.probe_and_neighbour(fps, setback=5.0, distance=2.0, workers=2)
    assert len(probe) == len(fps) > 1000
    np.testing.assert_allclose(neighbour, nearest_distance_m(fps), atol=1e-9)
    # Voronoi vertices of a subset differ in the last digits: well under a square metre
    np.testing.assert_allclose(probe, generic_probe_area(fps, setback=5.0, distance=2.0), atol=0.5)
    assert probe.sum() == pytest.approx(generic_probe_area(fps, setback=5.0, distance=2.0).sum(), rel=1e-6)
