"""An attacker against the public instance: every figure the public pages and downloads hand out, then every
subtraction the issue's attacker tried, on the Dortmund default and on a toy city built to be easy to attack.

What is collected is what a visitor's browser receives (AppTest gives the same chart datasets, map layers,
tables, metrics and texts the websocket carries) and the files the council page hands out. The attack:

* parent minus its children at every level (city, Stadtbezirk, statistischer Bezirk) for every group of the
  district charts and tables, and a district's total minus its shown groups;
* H3 resolution 8 minus its known resolution-9 children (map layers and the address answers);
* a statistischer Bezirk minus the map cells (or areas) in it; the city minus every leaf of a map;
* a download minus the page: the district table's heating shares against the carrier chart, the GeoPackage's
  supply areas against the map, counts of the download against the page;
* every derived energy against the single buildings' values.

A finding is a derived group of 1 to 4 buildings, a published count of 1 to 4, or a derived value equal to one
building's. The test passes when there is none.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
from collections import defaultdict
from pathlib import Path

import h3
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from heatdb.connect import connect
from locales import text

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
K = 5
MAGNITUDES = ("heat_demand_mwh_per_year", "heated_area_m2", "final_energy_mwh_per_year", "co2e_t_per_year")


def de(key: str, **values) -> str:
    return text("ui", key, "de", **values)


def run(page: str, **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / page), default_timeout=300)
    for k, v in query.items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def num(s) -> float | None:
    """A number as the German pages write it ('5.976', '343,5'); None for '–' or '< 5'."""
    s = str(s).strip().replace("\u202f", "").replace(" ", "")
    if not s or s.startswith("<") or s in ("–", "-"):
        return None
    try:
        return float(s.replace(".", "").replace(",", "."))
    except ValueError:
        return None


def charts(at: AppTest) -> list[pd.DataFrame]:
    out = []
    for el in at.get("vega_lite_chart"):
        p = el.proto
        blobs = [ds.data.data for ds in p.datasets] + ([p.data.data] if p.data.data else [])
        out += [pa.ipc.open_stream(b).read_all().to_pandas() for b in blobs if b]
    return out


def decks(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


def layer(at: AppTest, layer_id: str) -> list:
    for d in decks(at):
        for lay in d["layers"]:
            if lay.get("id") == layer_id:
                data = lay.get("data")
                return data.get("features", []) if isinstance(data, dict) else data
    return []


# --- what the public pages and downloads hand out -----------------------------------------------------------


class Published:
    """Everything collected, by kind: groups[table][district][category] = {n, magnitudes}, totals, maps, downloads."""

    def __init__(self):
        self.groups: dict[str, dict[str, dict[str, dict]]] = defaultdict(lambda: defaultdict(dict))
        self.totals: dict[str, float] = {}
        self.leaves: dict[str, list[dict]] = {}
        self.hexes: dict[int, dict[str, float]] = {8: {}, 9: {}}
        self.download_districts: pd.DataFrame | None = None
        self.supply_layer = None
        self.by_carrier: pd.DataFrame | None = None


def _group_rows(frame: pd.DataFrame, key_cols: list[str]) -> dict[str, dict]:
    rows = {}
    for rec in frame.to_dict("records"):
        key = " / ".join(str(rec[c]) for c in key_cols)
        entry = rows.setdefault(key, {"n": 0.0})
        entry["n"] += float(rec["n_buildings"])
        for m in MAGNITUDES:
            if m in rec and rec[m] is not None and not pd.isna(rec[m]):
                entry[m] = entry.get(m, 0.0) + float(rec[m])
    return rows


def collect_quartiere(pub: Published, districts: pd.DataFrame) -> None:
    for rec in districts[districts["level"].isin(["stadtbezirk", "statbez"])].itertuples():
        at = run("02_quartiere.py", level=rec.level, district=rec.district_id)
        metrics = {m.label: m.value for m in at.metric}
        pub.totals[rec.district_id] = num(metrics.get(de("col_buildings")))
        for frame in charts(at):
            if "age_class" in frame and "n_buildings" in frame:
                pub.groups["stock"][rec.district_id] = _group_rows(frame, ["age_class", "building_type"])
            elif "n_buildings" in frame:
                key = "label" if "label" in frame else "carrier"
                pub.groups["carriers"][rec.district_id] = _group_rows(frame, [key])
        for table in (d.value for d in at.dataframe):
            if de("col_buildings") in table and de("col_name") in table:
                kind = "dh_area" if de("col_n_connected") in table or de("col_network") in table else "expansion"
                rows = {str(r[de("col_name")]): {"n": num(r[de("col_buildings")])} for r in table.to_dict("records")}
                pub.groups[kind][rec.district_id] = {k: v for k, v in rows.items() if v["n"] is not None}
        for m in at.markdown:
            hit = re.search(r"Fernwärme \(([^)]*) Gebäude\)", m.value)
            if hit and num(hit.group(1)) is not None:
                pub.groups["dh_text"][rec.district_id] = {"dh": {"n": num(hit.group(1))}}


def collect_overview(pub: Published, city_id: str) -> None:
    at = run("01_uebersicht.py")
    metrics = {m.label: m.value for m in at.metric}
    pub.totals[city_id] = num(metrics.get(de("m_buildings")))
    for frame in charts(at):
        if "label" in frame and ("n_buildings" in frame or "heat_demand_mwh_per_year" in frame):
            if "n_buildings" in frame:
                pub.groups["carriers"][city_id] = _group_rows(frame, ["label"])


def collect_maps(pub: Published, ring_cell: dict) -> None:
    for theme, grids in (("heat", ("cell", "h3_8", "h3_9")), ("hp", ("h3_8", "h3_9")), ("supply", ("cell",))):
        for grid in grids:
            at = AppTest.from_file(str(ROOT / "pages" / "03_karte.py"), default_timeout=300).run()
            at.radio(key="karte_theme").set_value(theme).run()
            if theme != "supply":
                at.selectbox(key="karte_grid").set_value(grid).run()
            assert not at.exception
            data = layer(at, theme)
            leaves = []
            for rec in data:
                if "p" in rec:
                    cell = ring_cell.get(tuple(map(tuple, rec["p"])))
                    leaves.append({"cell": cell, "n": rec["n"], "unit": rec.get("a", cell), "tip": rec.get("tip", "")})
                else:
                    h = rec["h"]
                    pub.hexes[h3.get_resolution(h)][h] = rec["n"]
                    leaves.append({"hex": h, "n": rec["n"], "unit": h})
            pub.leaves[f"{theme}/{grid}"] = leaves


def collect_zuhause(pub: Published, con, limit: int) -> None:
    at = run("07_mein_zuhause.py")
    hexes = [r for r in layer(at, "hexes")]
    for r in hexes:
        if "n" in r:
            pub.hexes[9].setdefault(r["h"], r["n"])
    # the answer at a point names the size of its unit: ask where a resolution-9 hexagon has a small sibling
    parents = defaultdict(list)
    for r in hexes:
        parents[h3.cell_to_parent(r["h"], 8)].append(r["h"])
    known8 = pub.hexes[8]
    targets = [h for p, kids in parents.items() if p in known8 for h in kids if h not in pub.hexes[9]][:limit]
    # a point whose 100 m cell has fewer than 5 buildings gets the hexagon's answer
    full = {r[0] for r in con.execute("SELECT cell_id FROM buildings GROUP BY 1 HAVING count(*) >= 5").fetchall()}
    from heatdb.geo import cell_id, cell_of_point, lonlat_to_3035

    for h in targets:
        lat, lon = h3.cell_to_latlng(h)
        for dlat, dlon in [(0, 0), *[(r * np.sin(a), 1.6 * r * np.cos(a)) for r in (0.0006, 0.0012) for a in np.arange(0, 6.3, 0.8)]]:
            if h3.latlng_to_cell(lat + dlat, lon + dlon, 9) != h:
                continue
            x, y = lonlat_to_3035([lon + dlon], [lat + dlat])
            if str(cell_id(*cell_of_point(x, y))[0]) in full:
                continue
            a = run("07_mein_zuhause.py", lon=f"{lon + dlon:.5f}", lat=f"{lat + dlat:.5f}")
            body = "\n".join(m.value for m in a.markdown)
            hit = re.search(re.escape(de("z_unit_h3_r9")) + r", ([\d.]+)", body)
            if hit:
                pub.hexes[9][h] = num(hit.group(1))
            break


def workbook_table(sheet: dict, data, name: str) -> pd.DataFrame:
    """A table of the German workbook as the neighbour reads it, with its headers and carriers named back in the
    dataset's codes (the workbook writes German names and units; only the words are translated back)."""
    from reports.texts import code_text, column_label
    from reports.xlsx import sheet_name

    rows = sheet[sheet_name(name, "de")]
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    frame = frame.rename(columns={column_label(c, "de"): c for c in data.table(name).columns})
    for column in ("energy_carrier",):
        if column in frame:
            words = {code_text(column, c, "de"): c for c in data.table(name)[column]}
            frame[column] = frame[column].replace(words)
    return frame


def collect_downloads(pub: Published, snapshot_id: str) -> None:
    from openpyxl import load_workbook

    from reports.render import render
    from ui import rat

    at = run("09_rat.py", snapshot=snapshot_id)
    assert at.selectbox(key="r_pick").value == snapshot_id
    data = rat.snapshot_data(snapshot_id)
    wb = load_workbook(io.BytesIO(render("xlsx", data, lang="de")), read_only=True)
    sheet = {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    pub.download_districts = workbook_table(sheet, data, "districts")
    pub.by_carrier = workbook_table(sheet, data, "by_carrier")
    import tempfile

    import pyogrio

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.gpkg"
        path.write_bytes(render("gpkg", data, lang="de"))
        supply = pyogrio.read_dataframe(path, layer="supply_areas")
    pub.supply_layer = supply.to_crs("EPSG:3035") if len(supply) else None


# --- the attack ------------------------------------------------------------------------------------------------


def exact_count(n: float, share_pct: float) -> int | None:
    """The count a share of n gives, when its precision allows only one (a share written with d decimals stands for
    every value within half a unit of its last digit)."""
    text = repr(float(share_pct))
    decimals = min(len(text.split(".")[1].rstrip("0")) if "." in text else 0, 12)
    half = 0.5 * 10.0**-decimals
    low, high = n * (share_pct - half) / 100.0, n * (share_pct + half) / 100.0
    candidates = [c for c in range(math.ceil(low - 1e-9), math.floor(high + 1e-9) + 1) if c >= 0]
    return candidates[0] if len(candidates) == 1 else None


def attack(pub: Published, con) -> list[str]:
    districts = con.execute("SELECT district_id, level, parent_id FROM districts").df().set_index("district_id")
    city = districts.index[districts["level"] == "city"][0]
    parent = {
        d: (p if isinstance(p, str) and p else (city if districts.loc[d, "level"] == "stadtbezirk" else None))
        for d, p in districts["parent_id"].items()
    }
    children = defaultdict(list)
    for d, p in parent.items():
        if p:
            children[p].append(d)
    values = {
        round(float(v), 6)
        for v in con.execute("SELECT heat_demand_mwh_per_year FROM building_balance").fetchnumpy()["heat_demand_mwh_per_year"]
    }
    values |= {round(float(v), 6) for v in con.execute("SELECT heated_area_m2 FROM buildings").fetchnumpy()["heated_area_m2"]}
    findings = []

    def check(what: str, n, mags: dict | None = None):
        if n is not None and 0 < round(n) < K:
            findings.append(f"{what}: a group of {n:g} buildings")
        for m, v in (mags or {}).items():
            if v is not None and abs(v) > 1e-9 and round(v, 6) in values:
                findings.append(f"{what}: {m} {v} is a single building's value")

    # published counts of 1..4
    for table, by in pub.groups.items():
        for d, cats in by.items():
            for c, e in cats.items():
                check(f"{table} {d} [{c}] as published", e["n"])
    # parent minus children, every table and category
    for table, by in pub.groups.items():
        for p, kids in children.items():
            if p not in by or not all(k in by for k in kids):
                continue
            for c in set(by[p]) | {c for k in kids for c in by[k]}:
                n = by[p].get(c, {}).get("n", 0) - sum(by[k].get(c, {}).get("n", 0) for k in kids)
                mags = {
                    m: by[p].get(c, {}).get(m, 0) - sum(by[k].get(c, {}).get(m, 0) for k in kids)
                    for m in MAGNITUDES
                    if m in by[p].get(c, {})
                }
                check(f"{table} {p} minus its children [{c}]", n, mags)
    # a total minus its shown groups
    for table in ("stock", "carriers"):
        for d, cats in pub.groups[table].items():
            if pub.totals.get(d) is not None:
                check(f"{table} {d}: total minus its groups", pub.totals[d] - sum(e["n"] for e in cats.values()))
    # districts: parent minus children
    for p, kids in children.items():
        if pub.totals.get(p) is not None and all(k in pub.totals for k in kids):
            check(f"district {p} minus its children", pub.totals[p] - sum(pub.totals[k] or 0 for k in kids))
    # maps: every leaf counted once per unit; a Bezirk and the city minus the leaves in them
    cell_statbez = dict(con.execute("SELECT cell_id, statbez_id FROM grid_cells").fetchall())
    for name, leaves in pub.leaves.items():
        units = {}
        for leaf in leaves:
            units.setdefault(leaf["unit"], leaf)
        check(f"{name}: city minus every unit", pub.totals.get(city, 0) - sum(u["n"] for u in units.values()))
        for u in units.values():
            check(f"{name} unit {u['unit']} as published", u["n"])
        if "cell" in name:
            by_statbez = defaultdict(float)
            for u in units.values():
                by_statbez[cell_statbez.get(u["cell"])] += u["n"]
            for s, n in by_statbez.items():
                if pub.totals.get(s) is not None:
                    check(f"{name}: {s} minus its map units", pub.totals[s] - n)
    # resolution 8 minus its known resolution-9 children
    for h8, n8 in pub.hexes[8].items():
        kids = [n for h, n in pub.hexes[9].items() if h3.cell_to_parent(h, 8) == h8 and n is not None]
        if kids:
            check(f"hexagon {h8} minus its resolution-9 children", n8 - sum(kids))
    # downloads against the pages
    if pub.download_districts is not None:
        dl = pub.download_districts.set_index("district_id")
        labels = {"dh": ("Fernwärme",), "hp": ("Wärmepumpe",), "gas": ("Erdgas",)}
        for d, row in dl.iterrows():
            n = row.get("n_buildings")
            if n is None or pd.isna(n):
                continue
            if pub.totals.get(d) is not None:
                check(f"download n of {d} minus the page's", float(n) - pub.totals[d])
            chart = pub.groups["carriers"].get(d, {})
            for key, words in labels.items():
                share = row.get(f"{key}_share_pct")
                if share is None or pd.isna(share):
                    continue
                derived = exact_count(float(n), float(share))
                if derived is None:  # the share is rounded too coarsely to give the count
                    continue
                check(f"download {key} share of {d} as a count", derived)
                shown = sum(e["n"] for c, e in chart.items() if any(w in c for w in words))
                if chart:
                    check(f"download {key} count of {d} minus the carrier chart", derived - shown)
    if pub.supply_layer is not None and "supply/cell" in pub.leaves:
        kind_of = {de(f"karte_supply_{k}"): k for k in ("waermenetzgebiet", "dezentral", "pruefgebiet")}
        shown = {}
        units = {}
        for leaf in pub.leaves["supply/cell"]:
            kind = kind_of.get(leaf["tip"].split("\n")[0])
            shown[leaf["cell"]] = kind
            units.setdefault(leaf["unit"], (kind, leaf["n"]))
        for rec in pub.supply_layer.itertuples():
            on_map = sum(n for k, n in units.values() if k == rec.supply_area_type)
            check(f"GeoPackage supply areas [{rec.supply_area_type}] minus the map", rec.n_buildings - on_map)
        cells = con.execute(
            "SELECT DISTINCT g.cell_id, g.x_3035 + 50 AS x, g.y_3035 + 50 AS y FROM grid_cells g JOIN buildings USING (cell_id)"
        ).df()
        import geopandas as gpd

        pts = gpd.GeoDataFrame(cells, geometry=gpd.points_from_xy(cells["x"], cells["y"]), crs="EPSG:3035")
        hit = gpd.sjoin(pts, pub.supply_layer[["supply_area_type", "geometry"]], how="inner", predicate="within")
        for rec in hit.itertuples():
            if shown.get(rec.cell_id) != rec.supply_area_type:
                findings.append(
                    f"GeoPackage supply areas: cell {rec.cell_id} is {rec.supply_area_type}, the map shows {shown.get(rec.cell_id)}"
                )
    if pub.by_carrier is not None:
        counts = dict(con.execute("SELECT energy_carrier, count(*) FROM building_balance GROUP BY 1").fetchall())
        for c in set(pub.by_carrier["energy_carrier"]):
            check(f"download by_carrier [{c}] covers", counts.get(c))
    return findings


# --- the two cities --------------------------------------------------------------------------------------------


def publish_snapshot(db: Path, portfolio: Path) -> str:
    """A planner freezes the trend scenario and publishes it (in this process, before the public pages open it)."""
    import portfolio as pf
    from ghgmodel import load_parameters
    from reports.cache import ResultCache
    from reports.dataset import build_report_data, resolve_scenario
    from reports.model import ModelService
    from reports.snapshots import freeze

    con = connect(db, read_only=True)
    pcon = pf.open_portfolio(portfolio, warehouse=con)
    try:
        sid, sc = resolve_scenario(pcon, "trend")
        model = ModelService(warehouse=con.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=ResultCache())
        data = build_report_data(con, pcon, sc, model=model, scenario_id=sid)
        snap = freeze(pcon, data, title="Öffentlich")
        assert pf.publish_snapshot(pcon, snap)
    finally:
        pcon.close()
        con.close()
    return snap


def make_toy(template: Path, out: Path) -> Path:
    """The tiny city made easy to attack: a Bezirk of 3 buildings, one building of a kind in a Bezirk whose
    neighbours have more of that kind, an H3 resolution-8 hexagon of 6 buildings whose children hold 5 and 1, and
    an energy carrier of 2 buildings in the whole city."""
    from heatdb.build import build_parameters
    from heatdb.derive import compute_aggregates

    shutil.copyfile(template, out)
    con = connect(out, read_only=False)
    ids = lambda sql, *a: [r[0] for r in con.execute(sql, list(a)).fetchall()]  # noqa: E731

    def drop(building_ids):
        for table in (
            "building_balance",
            "hp_potential",
            "metered_building",
            "metered_building_record",
            "metered_consumption",
            "buildings",
        ):
            con.execute(f"DELETE FROM {table} WHERE list_contains(?, building_id)", [building_ids])

    # a Bezirk of 3 buildings
    drop(ids("SELECT building_id FROM buildings WHERE statbez_id = 'statbez-720' ORDER BY building_id OFFSET 3"))
    # one ground-source heat pump in 760 (the other Bezirke have more)
    hp = ids("SELECT building_id FROM buildings WHERE statbez_id = 'statbez-760' AND carrier = 'heat_pump_ground' ORDER BY building_id")
    if not hp:
        hp = ids("SELECT building_id FROM buildings WHERE statbez_id = 'statbez-760' AND carrier = 'gas' ORDER BY building_id LIMIT 1")
        con.execute("UPDATE buildings SET carrier = 'heat_pump_ground' WHERE building_id = ?", [hp[0]])
    con.execute("UPDATE buildings SET carrier = 'gas' WHERE list_contains(?, building_id)", [hp[1:]])
    # liquefied gas in 2 buildings of the city
    lpg = ids("SELECT building_id FROM buildings WHERE carrier = 'lpg' ORDER BY building_id")
    con.execute("UPDATE buildings SET carrier = 'gas' WHERE list_contains(?, building_id)", [lpg[2:]])
    con.execute("UPDATE building_balance SET energy_carrier = 'gas' WHERE list_contains(?, building_id)", [lpg[2:]])
    # a resolution-8 hexagon of 6 buildings: 5 in one child, 1 in another
    h8 = con.execute(
        """SELECT h3_r8 FROM (SELECT h3_r8, h3_r9, count(*) n FROM buildings WHERE statbez_id = 'statbez-740' GROUP BY ALL)
           GROUP BY h3_r8 HAVING count(*) >= 2 AND max(n) >= 5 ORDER BY h3_r8 LIMIT 1"""
    ).fetchone()[0]
    kids = con.execute("SELECT h3_r9, count(*) n FROM buildings WHERE h3_r8 = ? GROUP BY 1 ORDER BY n DESC, h3_r9", [h8]).fetchall()
    keep = ids("SELECT building_id FROM buildings WHERE h3_r8 = ? AND h3_r9 = ? ORDER BY building_id LIMIT 5", h8, kids[0][0])
    keep += ids("SELECT building_id FROM buildings WHERE h3_r8 = ? AND h3_r9 = ? ORDER BY building_id LIMIT 1", h8, kids[1][0])
    drop(ids("SELECT building_id FROM buildings WHERE h3_r8 = ? AND NOT list_contains(?, building_id)", h8, keep))
    con.execute("UPDATE buildings SET h3_r9 = ? WHERE list_contains(?, building_id)", [kids[0][0], keep[:5]])
    con.execute("UPDATE buildings SET h3_r9 = ? WHERE building_id = ?", [kids[1][0], keep[5]])
    compute_aggregates(con, build_parameters())
    con.execute("UPDATE meta SET value = 'toy-attack' WHERE key = 'data_version'")
    con.execute("UPDATE meta SET value = 'Toy' WHERE key = 'city_name'")
    con.close()
    return out


def attack_city(db: Path, tmp: Path, monkeypatch, *, answers: int) -> list[str]:
    portfolio = tmp / "portfolio.duckdb"
    monkeypatch.setenv("WAERME_DB", str(db))
    monkeypatch.setenv("WAERME_PORTFOLIO_DB", str(portfolio))
    monkeypatch.setenv("WAERME_CACHE_DIR", str(tmp / "cache"))
    snap = publish_snapshot(db, portfolio)
    monkeypatch.setenv("WAERME_MODE", "public")
    con = connect(db, read_only=True)
    try:
        from heatdb import map_queries

        ring_cell = {tuple(map(tuple, r)): c for c, r in zip(*map(list, map_queries.cells(con)[["cell_id", "ring"]].T.values))}
        districts = con.execute("SELECT district_id, level FROM districts ORDER BY level, district_id").df()
        pub = Published()
        collect_quartiere(pub, districts)
        collect_overview(pub, districts.loc[districts["level"] == "city", "district_id"].iloc[0])
        collect_maps(pub, ring_cell)
        collect_zuhause(pub, con, answers)
        collect_downloads(pub, snap)
        assert pub.groups["stock"] and pub.groups["carriers"] and pub.leaves and pub.hexes[8]
        return attack(pub, con)
    finally:
        con.close()


def test_toy_city_is_not_easy_to_attack(tiny_db_template, tmp_path, monkeypatch):
    toy = make_toy(tiny_db_template, tmp_path / "toy.duckdb")
    con = connect(toy, read_only=True)
    # the traps are there: the attack can fail
    assert con.execute("SELECT count(*) FROM buildings WHERE statbez_id = 'statbez-720'").fetchone()[0] == 3
    assert (
        con.execute("SELECT count(*) FROM buildings WHERE statbez_id = 'statbez-760' AND carrier = 'heat_pump_ground'").fetchone()[0] == 1
    )
    assert con.execute("SELECT count(*) FROM building_balance WHERE energy_carrier = 'lpg'").fetchone()[0] == 2
    sizes = con.execute(
        "SELECT h3_r8, list(n ORDER BY n DESC) FROM (SELECT h3_r8, h3_r9, count(*) n FROM buildings GROUP BY ALL) GROUP BY 1"
    ).fetchall()
    assert any(s == [5, 1] for _, s in sizes)
    con.close()
    findings = attack_city(toy, tmp_path, monkeypatch, answers=30)
    assert not findings, f"{len(findings)} findings, e.g.:\n" + "\n".join(findings[:25])


def test_dortmund_is_not_easy_to_attack(dortmund_db, tmp_path, monkeypatch):
    findings = attack_city(dortmund_db, tmp_path, monkeypatch, answers=25)
    assert not findings, f"{len(findings)} findings, e.g.:\n" + "\n".join(findings[:25])
