"""Cut the "tiny city" test sources from the shipped Dortmund files.

    .venv/bin/python -m tests.data.make_tiny_city      (from the repository root)

The tiny city is Stadtbezirk 10 Lütgendortmund: its six statistische Bezirke (codes 7xx), the
Stadtbezirk itself, its polygon again as the "city" (keeping the city file's columns), the census
cells and per-district census rows of the 7xx Bezirke, the district-heating proxy zones that touch
it and the whole OSM sample (it lies in Bövinghausen, 710).

Features are copied as JSON, so coordinates and property values stay exactly as shipped and CSV rows
are copied whole. To keep the fixtures small (about 330 KB) the output is written compactly (no
indentation) and the OSM sample leaves out its null properties. Running it twice gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import shapely

from heatdb.sources import FILES, SOURCE_DIR

OUT = Path(__file__).resolve().parent / "tiny_city"
STADTBEZIRK_NR = 10
STATBEZ_PREFIX = "7"


def _load(name: str) -> dict:
    return json.loads((SOURCE_DIR / name).read_text(encoding="utf-8"))


def _collection(template: dict, features: list[dict]) -> dict:
    """A FeatureCollection with the source's header members (name, crs, resolution) and `features`."""
    out = {k: v for k, v in template.items() if k != "features"}
    out["features"] = features
    return out


def _write_json(name: str, collection: dict) -> None:
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    (OUT / name).write_text(text + "\n", encoding="utf-8")


def _write_csv_rows(name: str, keep) -> None:
    """Copy the header and the rows for which keep(row) is true, byte for byte as CSV."""
    text = (SOURCE_DIR / name).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    header, body = rows[0], rows[1:]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(r for r in body if keep(dict(zip(header, r))))
    (OUT / name).write_text(buf.getvalue(), encoding="utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)

    statbez = _load(FILES["statbez"])
    _write_json(
        FILES["statbez"], _collection(statbez, [f for f in statbez["features"] if f["properties"]["statbez_nr"].startswith(STATBEZ_PREFIX)])
    )

    stadtbezirke = _load(FILES["stadtbezirke"])
    (district,) = [f for f in stadtbezirke["features"] if f["properties"]["stadtbezirk_nr"] == STADTBEZIRK_NR]
    _write_json(FILES["stadtbezirke"], _collection(stadtbezirke, [district]))

    city = _load(FILES["city"])
    (template,) = city["features"]
    props = dict(template["properties"])
    props["name"] = f"Dortmund-{district['properties']['stadtbezirk_name']} (Testausschnitt)"
    props["area_km2"] = district["properties"]["area_km2"]
    _write_json(FILES["city"], _collection(city, [{"type": "Feature", "properties": props, "geometry": district["geometry"]}]))

    area = shapely.from_geojson(json.dumps(district["geometry"]))
    proxy = _load(FILES["dh_proxy"])
    touching = [f for f in proxy["features"] if shapely.intersects(area, shapely.from_geojson(json.dumps(f["geometry"])))]
    _write_json(FILES["dh_proxy"], _collection(proxy, touching))

    # null properties are left out (a GeoJSON reader gives the same columns, all of them have values)
    osm = _load(FILES["osm"])
    for f in osm["features"]:
        f["properties"] = {k: v for k, v in f["properties"].items() if v is not None}
    _write_json(FILES["osm"], osm)

    _write_csv_rows(FILES["census_cells"], lambda r: r["statbez_nr"].startswith(STATBEZ_PREFIX))
    _write_csv_rows(FILES["census_statbez"], lambda r: r["statbez_nr"].startswith(STATBEZ_PREFIX))
    _write_csv_rows(FILES["dh_plants"], lambda r: True)


if __name__ == "__main__":
    main()
