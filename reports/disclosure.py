"""The publication rule of the public instance: every figure that leaves the server in public mode is made here.

The rule: a published figure describes at least `k` buildings (privacy.min_buildings, 5), and no published figure
can be subtracted from others to describe 1 to k-1 buildings. The method is the threshold rule with secondary
suppression on one consistent hierarchy (Hundepool et al., *Statistical Disclosure Control*, Wiley 2012, ch. 4-5;
Eurostat/ESSnet *Handbook on Statistical Disclosure Control*, 2010), with small groups merged into a published
remainder instead of blanked:

* **Areas.** Every building belongs to exactly one *area*: its 100 m cell within its statistischer Bezirk when that
  holds at least k buildings, else the nearest such cell of the same Bezirk (a Bezirk without one is one area; a
  Bezirk with fewer than k buildings joins the nearest area of a neighbour, and that area is never shown).
  Areas are the leaf partition of every map figure: a map cell shows its area's figures; an H3 hexagon of
  resolution 9 is the sum of the areas whose buildings lie mostly in it, and one of resolution 8 the sum of its
  resolution-9 children. Every map or address figure is therefore a sum over whole areas of at least k
  buildings, and so is any difference of two of them: cells, hexagons and resolutions cannot be subtracted to
  isolate fewer than k buildings.
* **Districts.** City, Stadtbezirke and statistische Bezirke are sums over whole areas too. A district with fewer
  than k buildings is suppressed, and so is the smallest sibling until the suppressed siblings of a parent hold 0 or
  at least k buildings.
* **Across levels.** The suppressed statistische Bezirke of a published Stadtbezirk form one pool of 0 or at least
  k buildings (the sibling rule); those of all unpublished Stadtbezirke form one city-wide pool, and while that holds
  1 to k-1 buildings the smallest published statistischer Bezirk of an unpublished Stadtbezirk (else the smallest
  published Stadtbezirk) joins it. So every published figure is a sum of whole *units* of at least k buildings
  (published statistische Bezirke and the pools), and so is the city minus any published districts inside it.
* **Groups by kind** (stock by age class and type, heating carriers): per unit (a published statistischer Bezirk,
  the pool of a Stadtbezirk, the city-wide pool) a group of 1 to k-1 buildings is merged into the group "weitere";
  while that remainder holds 1 to k-1 buildings, the smallest shown group joins it (secondary suppression). A
  Stadtbezirk's and the city's groups are the sums of their units' published groups, so a parent minus its
  children, or a total minus its shown groups, is always a published group or nothing.
* **Shares** (heat-pump suitability, supply areas) are properties of a unit of at least k buildings (area, hexagon,
  district) and are shown in whole percent; heating shares are computed from the published carrier groups.
* **Rounding.** Energies, areas and emissions to three significant digits, densities to whole MWh/(ha·a), shares
  to whole (heating shares of districts: tenths of a) percent. Only what a page draws is sent.

`public_figures` computes all of it once per data version; `public_report_data` makes a report dataset (a live
scenario or a frozen snapshot) follow the same rule before it is shown or downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import h3
import numpy as np
import pandas as pd

from heatdb import queries

OTHER = "weitere"  # the code of the merged small groups (the app labels it)
LEVELS = ("city", "stadtbezirk", "statbez")
CARRIER_GROUP = {
    "gas": "gas", "oil": "oil", "lpg": "other_fossil", "coal": "other_fossil", "wood": "biomass", "biogas": "biomass",
    "electric": "electric", "heat_pump_air": "heat_pump", "heat_pump_ground": "heat_pump", "district_heating": "dh",
}  # fmt: skip
HP_CLASSES = ("ground", "air", "limited", "unsuitable")
SUPPLY_TYPES = ("waermenetzgebiet", "dezentral", "pruefgebiet")
SIGNIFICANT = 3
MAGNITUDES = ("heated_area_m2", "heat_demand_mwh_per_year", "final_energy_mwh_per_year", "co2e_t_per_year")


def round_sig(values, digits: int = SIGNIFICANT):
    """Values rounded to `digits` significant digits (NaN stays NaN); a scalar or an array-like."""
    v = np.asarray(values, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        mag = np.where(np.isfinite(v) & (v != 0), np.floor(np.log10(np.abs(np.where(v == 0, 1, v)))), 0)
    factor = 10.0 ** (digits - 1 - mag)
    out = np.where(np.isfinite(v), np.round(v * factor) / factor, v)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True, kw_only=True)
class PublicFigures:
    """Everything the public instance may show, as tables with documented columns (all rounded, no building ids).

    districts: every level; district_id, level, code, name, parent_id, area_ha, centroid_lon, centroid_lat,
        is_published, n_buildings, heated_area_m2, heat_demand_mwh_per_year, final_energy_mwh_per_year,
        co2e_t_per_year, heat_density_mwh_per_ha_year, density_class, n_dh, n_hp, n_gas, dh_share_pct, hp_share_pct,
        gas_share_pct, share_hp_<class>_pct, supply_area_type, grade_heat_network, grade_decentral,
        share_<supply type>_pct, first_expansion_year. The figures of a suppressed district are NaN.
    stock: district_id, age_class, building_type, n_buildings (OTHER/OTHER for the merged groups).
    carriers: district_id, carrier (a CARRIER_GROUP value or OTHER), n_buildings, heat_demand_mwh_per_year.
    areas: area_id, statbez_id, n_buildings, n_cells, area_ha, heat_demand_mwh_per_year, heat_density_mwh_per_ha_year,
        share_hp_<class>_pct, supply_area_type, grade_heat_network, grade_decentral, h3_r9.
    cells: cell_id, area_id (the area a map cell shows), x_3035, y_3035 (lower-left corner of the 100 m square).
    hexagons: {8: frame, 9: frame} with h3_index, n_buildings, heat_demand_mwh_per_year, area_ha,
        heat_density_mwh_per_ha_year, share_hp_<class>_pct (resolution 8 with the children's sums).
    small_energy_carriers: the model's energy carriers of 1 to k-1 buildings today (merged into 'other' in reports).
    """

    k: int
    data_version: str = ""
    districts: pd.DataFrame
    stock: pd.DataFrame
    carriers: pd.DataFrame
    areas: pd.DataFrame
    cells: pd.DataFrame
    hexagons: dict[int, pd.DataFrame] = field(default_factory=dict)
    small_energy_carriers: frozenset = frozenset()

    def district(self, district_id: str) -> pd.Series | None:
        d = self.districts[self.districts["district_id"] == district_id]
        return None if d.empty else d.iloc[0]

    def level(self, level: str) -> pd.DataFrame:
        return self.districts[self.districts["level"] == level].reset_index(drop=True)


# --- areas ----------------------------------------------------------------------------------------------


def _nearest(px, py, qx, qy) -> np.ndarray:
    """Index into q of the nearest point for every p (ties: the first)."""
    d = (np.asarray(px)[:, None] - np.asarray(qx)[None, :]) ** 2 + (np.asarray(py)[:, None] - np.asarray(qy)[None, :]) ** 2
    return np.argmin(d, axis=1)


def build_areas(buildings: pd.DataFrame, cells: pd.DataFrame, k: int) -> tuple[pd.Series, set[str]]:
    """The area of every building (a Series aligned with `buildings`) and the areas that are never shown: those that
    cross a Bezirk's boundary because a Bezirk of fewer than k buildings joined its nearest neighbour's area (shown,
    they could be subtracted from that neighbour's total)."""
    pieces = buildings.groupby(["statbez_id", "cell_id"], sort=True).size().rename("n").reset_index()
    xy = cells.set_index("cell_id")[["x_3035", "y_3035"]]
    pieces = pieces.join(xy, on="cell_id")
    pieces[["x_3035", "y_3035"]] = pieces[["x_3035", "y_3035"]].fillna(0.0)  # a cell missing from grid_cells: placed at 0
    pieces["root"] = -1
    sb_of = buildings.drop_duplicates("statbez_id").set_index("statbez_id")["stadtbezirk_id"]
    tiny = []
    for _, idx in pieces.groupby("statbez_id").indices.items():
        n = pieces["n"].to_numpy()[idx]
        x, y = pieces["x_3035"].to_numpy()[idx], pieces["y_3035"].to_numpy()[idx]
        big = np.flatnonzero(n >= k)
        if len(big):
            roots = big[_nearest(x, y, x[big], y[big])]
            roots[big] = big
            pieces.loc[pieces.index[idx], "root"] = idx[roots]
        elif n.sum() >= k:
            pieces.loc[pieces.index[idx], "root"] = idx[0]
        else:
            tiny.append(idx)
    hidden_roots: set[int] = set()
    roots_all = np.flatnonzero(pieces["root"].to_numpy() == np.arange(len(pieces)))
    for idx in tiny:
        statbez = pieces["statbez_id"].iloc[idx[0]]
        if len(roots_all) == 0:  # the whole city has fewer than k buildings: one area, never shown
            pieces.loc[pieces.index[idx], "root"] = idx[0]
            hidden_roots.add(int(idx[0]))
            continue
        same = [r for r in roots_all if sb_of.get(pieces["statbez_id"].iloc[r]) == sb_of.get(statbez)]
        cand = np.array(same) if same else roots_all
        cx, cy = pieces["x_3035"].to_numpy()[idx].mean(), pieces["y_3035"].to_numpy()[idx].mean()
        target = cand[_nearest([cx], [cy], pieces["x_3035"].to_numpy()[cand], pieces["y_3035"].to_numpy()[cand])[0]]
        pieces.loc[pieces.index[idx], "root"] = target
        hidden_roots.add(int(target))
    # area ids in the order of their first cell: stable for the same data
    roots = np.unique(pieces["root"].to_numpy())
    first_cell = pieces["cell_id"].to_numpy()[roots]
    order = {int(r): f"A{i + 1:05d}" for i, r in enumerate(roots[np.lexsort((roots, first_cell))])}
    pieces["area_id"] = pieces["root"].map(order)
    key = pd.MultiIndex.from_frame(buildings[["statbez_id", "cell_id"]])
    area = pd.Series(pieces.set_index(["statbez_id", "cell_id"])["area_id"].reindex(key).to_numpy(), index=buildings.index)
    return area, {order[r] for r in hidden_roots}


def _counts(key, values) -> pd.DataFrame:
    """A count table (rows: key, columns: values); faster than pd.crosstab."""
    return pd.DataFrame({"k": np.asarray(key), "v": np.asarray(values)}).groupby(["k", "v"]).size().unstack(fill_value=0)


def _shares(counts: pd.DataFrame, n: pd.Series, classes, prefix: str, suffix: str = "_pct") -> pd.DataFrame:
    """Whole-percent shares of `classes` columns of a count table, by the unit's total n."""
    out = pd.DataFrame(index=counts.index)
    for c in classes:
        col = counts[c] if c in counts else pd.Series(0, index=counts.index)
        out[f"{prefix}{c}{suffix}"] = np.round(100.0 * col / n.reindex(counts.index), 0)
    return out


def _mode(frame: pd.DataFrame, by: str, value: str, weight: str | None = None) -> pd.Series:
    """The most frequent (or heaviest) value per group; ties go to the smallest value."""
    w = frame[weight] if weight else pd.Series(1, index=frame.index)
    s = frame.assign(_w=w).groupby([by, value], dropna=False)["_w"].sum().reset_index()
    s = s.sort_values([by, "_w", value], ascending=[True, False, True], kind="stable")
    return s.drop_duplicates(by).set_index(by)[value]


def _area_table(b: pd.DataFrame, cells: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The areas' figures and the area each cell shows."""
    g = b.groupby("area_id")
    areas = pd.DataFrame(
        {"statbez_id": g["statbez_id"].first(), "n_buildings": g.size(), "heat_demand_mwh_per_year": g["heat_demand_mwh_per_year"].sum()}
    )
    hp = _counts(b["area_id"], b["hp_class"])
    areas = areas.join(_shares(hp, areas["n_buildings"], HP_CLASSES, "share_hp_"))
    # a cell shows the area that holds most of its buildings
    per_cell = b.groupby(["cell_id", "area_id"]).size().rename("n").reset_index()
    owner = per_cell.sort_values(["cell_id", "n", "area_id"], ascending=[True, False, True]).drop_duplicates("cell_id")
    shown = owner[["cell_id", "area_id"]].merge(cells[["cell_id", "x_3035", "y_3035", "area_ha"]], on="cell_id", how="left")
    shown["area_ha"] = shown["area_ha"].fillna(1.0)
    areas = areas.join(shown.groupby("area_id").agg(n_cells=("cell_id", "size"), area_ha=("area_ha", "sum")))
    areas[["n_cells", "area_ha"]] = areas[["n_cells", "area_ha"]].fillna(0)
    with np.errstate(divide="ignore", invalid="ignore"):
        areas["heat_density_mwh_per_ha_year"] = np.where(areas["area_ha"] > 0, areas["heat_demand_mwh_per_year"] / areas["area_ha"], np.nan)
    # the proposed supply area of most of the area's buildings, with the grades of the biggest such cell
    typed = b.merge(cells[["cell_id", "supply_area_type", "grade_heat_network", "grade_decentral"]], on="cell_id", how="left")
    typed["supply_area_type"] = typed["supply_area_type"].fillna("pruefgebiet")
    kind = _mode(typed, "area_id", "supply_area_type")
    areas["supply_area_type"] = kind
    major = typed[typed["supply_area_type"].to_numpy() == kind.reindex(typed["area_id"]).to_numpy()]
    grades = major.groupby(["area_id", "cell_id"], as_index=False).agg(
        n=("cell_id", "size"), grade_heat_network=("grade_heat_network", "first"), grade_decentral=("grade_decentral", "first")
    )
    grades = grades.sort_values(["area_id", "n", "cell_id"], ascending=[True, False, True]).drop_duplicates("area_id").set_index("area_id")
    areas["grade_heat_network"] = grades["grade_heat_network"]
    areas["grade_decentral"] = grades["grade_decentral"]
    areas["h3_r9"] = _mode(b, "area_id", "h3_r9")
    return areas.reset_index(), shown[["cell_id", "area_id", "x_3035", "y_3035"]].sort_values("cell_id").reset_index(drop=True)


def _hexagon_tables(b: pd.DataFrame, areas: pd.DataFrame) -> dict[int, pd.DataFrame]:
    """Resolution 9: the sums of the areas assigned to each hexagon; resolution 8: the sums of its children."""
    where = b["area_id"].map(areas.set_index("area_id")["h3_r9"])
    out = {}
    for res in (9, 8):
        parents = {h: h3.cell_to_parent(h, 8) for h in pd.unique(where)}
        key = where if res == 9 else where.map(parents)
        frame = b.assign(_h=key.to_numpy())
        g = frame.groupby("_h")
        t = pd.DataFrame({"n_buildings": g.size(), "heat_demand_mwh_per_year": g["heat_demand_mwh_per_year"].sum()})
        t = t.join(_shares(_counts(frame["_h"], frame["hp_class"]), t["n_buildings"], HP_CLASSES, "share_hp_"))
        t.index.name = "h3_index"
        t = t.reset_index()
        t["area_ha"] = [h3.cell_area(h, unit="km^2") * 100.0 for h in t["h3_index"]]
        t["heat_density_mwh_per_ha_year"] = t["heat_demand_mwh_per_year"] / t["area_ha"]
        out[res] = t
    return out


# --- districts and groups -------------------------------------------------------------------------------


def suppress_siblings(n: pd.Series, parent: pd.Series, hidden: pd.Series, k: int) -> pd.Series:
    """Secondary suppression: per parent, while the hidden children hold 1..k-1 buildings, hide the smallest shown one."""
    hidden = hidden.copy()
    for _, idx in parent.groupby(parent).groups.items():
        while True:
            h = hidden.loc[idx]
            total = int(n.loc[idx][h].sum())
            if total == 0 or total >= k or h.all():
                break
            shown = n.loc[idx][~h].sort_values(kind="stable")
            hidden.loc[shown.index[0]] = True
    return hidden


def merge_small(cells: pd.DataFrame, unit: str, category: list[str], k: int, sums: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per unit, the groups of 1..k-1 buildings merged into OTHER; while OTHER holds 1..k-1, the smallest shown group joins it.

    `cells` has the columns unit, *category, n_buildings and `sums`; the result the same, with OTHER in every
    category column of the merged row. Groups of 0 are dropped.
    """
    rows = []
    for key, grp in cells[cells["n_buildings"] > 0].groupby(unit, sort=True):
        grp = grp.sort_values(["n_buildings", *category], kind="stable")
        small = (grp["n_buildings"] < k).to_numpy().copy()
        while 0 < grp["n_buildings"].to_numpy()[small].sum() < k and not small.all():
            small[np.flatnonzero(~small)[0]] = True  # sorted ascending: the smallest shown group
        keep = grp[~small]
        rows.append(keep)
        if small.any():
            merged = {unit: key, **{c: OTHER for c in category}, "n_buildings": int(grp["n_buildings"].to_numpy()[small].sum())}
            merged.update({s: float(grp[s].to_numpy()[small].sum()) for s in sums})
            rows.append(pd.DataFrame([merged]))
    cols = [unit, *category, "n_buildings", *sums]
    return pd.concat(rows, ignore_index=True)[cols] if rows else pd.DataFrame(columns=cols)


def _grouped(b: pd.DataFrame, unit: pd.Series, category: list[str], k: int) -> pd.DataFrame:
    g = b.assign(_unit=unit.to_numpy()).groupby(["_unit", *category])
    cells = pd.DataFrame({"n_buildings": g.size(), "heat_demand_mwh_per_year": g["heat_demand_mwh_per_year"].sum()}).reset_index()
    return merge_small(cells, "_unit", category, k, sums=("heat_demand_mwh_per_year",))


def _rollup(units: pd.DataFrame, unit_parent: dict, unit_city: str, category: list[str], own: set[str]) -> pd.DataFrame:
    """Each published unit's groups, and its Stadtbezirk's and the city's as their sums."""
    sums = ["n_buildings", "heat_demand_mwh_per_year"]
    parts = [units[units["_unit"].isin(own)].rename(columns={"_unit": "district_id"})]
    for key in (lambda u: unit_parent.get(u), lambda u: unit_city):
        up = units.assign(district_id=[key(u) for u in units["_unit"]]).dropna(subset=["district_id"])
        parts.append(up.groupby(["district_id", *category], as_index=False)[sums].sum())
    out = pd.concat(parts, ignore_index=True)
    out["n_buildings"] = out["n_buildings"].astype(int)
    out["heat_demand_mwh_per_year"] = round_sig(out["heat_demand_mwh_per_year"])
    return out[["district_id", *category, *sums]]


def _district_table(b: pd.DataFrame, levels: dict[str, pd.DataFrame], areas: pd.DataFrame, k: int) -> pd.DataFrame:
    """Every district's figures from its buildings, with the publication flag (primary and secondary suppression)."""
    frames = []
    city_id = levels["city"]["district_id"].iloc[0] if len(levels.get("city", [])) else "city"
    keys = {"statbez": b["statbez_id"], "stadtbezirk": b["stadtbezirk_id"], "city": pd.Series(city_id, index=b.index)}
    area_kind = b["area_id"].map(areas.set_index("area_id")["supply_area_type"])
    for level in LEVELS:
        d = levels[level].copy()
        key = keys[level]
        g = b.groupby(key)
        sums = g[list(MAGNITUDES)].sum()
        sums["n_buildings"] = g.size()
        hp = _shares(_counts(key, b["hp_class"]), sums["n_buildings"], HP_CLASSES, "share_hp_")
        sup = _shares(_counts(key, area_kind), sums["n_buildings"], SUPPLY_TYPES, "share_")
        kind = _mode(pd.DataFrame({"d": key, "s": area_kind}), "d", "s")
        figures = sums.join(hp).join(sup).assign(supply_area_type=kind)
        keep = ["district_id", "code", "name", "parent_id", "area_ha", "centroid_lon", "centroid_lat"]
        keep += [c for c in ("density_class", "grade_heat_network", "grade_decentral", "first_expansion_year") if c in d]
        d = d[keep].merge(figures, left_on="district_id", right_index=True, how="left")
        d["n_buildings"] = d["n_buildings"].fillna(0).astype(int)
        d["level"] = level
        hidden = (d["n_buildings"] > 0) & (d["n_buildings"] < k)
        if level != "city":
            hidden = suppress_siblings(d["n_buildings"], d["parent_id"].fillna(""), hidden, k)
        d["is_published"] = ~hidden.to_numpy()
        frames.append(d)
    out = pd.concat(frames, ignore_index=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["heat_density_mwh_per_ha_year"] = np.where(out["area_ha"] > 0, out["heat_demand_mwh_per_year"] / out["area_ha"], np.nan)
    return out


def _carrier_shares(districts: pd.DataFrame, carriers: pd.DataFrame) -> pd.DataFrame:
    """n and share of district heating, heat pumps and gas from the published carrier groups (NaN where merged)."""
    pivot = carriers.pivot_table(index="district_id", columns="carrier", values="n_buildings", aggfunc="sum")
    out = districts.copy()
    for col, group in (("n_dh", "dh"), ("n_hp", "heat_pump"), ("n_gas", "gas")):
        out[col] = out["district_id"].map(pivot[group]) if group in pivot else np.nan
        out[col.replace("n_", "") + "_share_pct"] = np.round(100.0 * out[col] / out["n_buildings"].where(out["n_buildings"] > 0), 1)
    return out


def _publish(districts: pd.DataFrame) -> pd.DataFrame:
    """Rounded, and NaN for every figure of a suppressed district."""
    d = districts.copy()
    for c in MAGNITUDES:
        d[c] = round_sig(d[c])
    d["heat_density_mwh_per_ha_year"] = np.round(d["heat_density_mwh_per_ha_year"], 0)
    figures = [
        "n_buildings", *MAGNITUDES, "heat_density_mwh_per_ha_year", "n_dh", "n_hp", "n_gas", "dh_share_pct", "hp_share_pct",
        "gas_share_pct", *[f"share_hp_{c}_pct" for c in HP_CLASSES], *[f"share_{s}_pct" for s in SUPPLY_TYPES], "supply_area_type",
        "density_class", "grade_heat_network", "grade_decentral",
    ]  # fmt: skip
    figures = [c for c in figures if c in d]
    hidden = ~d["is_published"].to_numpy()
    for c in figures:
        if c in ("supply_area_type", "density_class", "grade_heat_network", "grade_decentral"):
            d[c] = d[c].astype(object).where(~hidden, None)
        else:
            d[c] = pd.to_numeric(d[c], errors="coerce").where(~hidden)
    return d


CITY_POOL = "hidden:city"  # the suppressed statistische Bezirke of all unpublished Stadtbezirke, one unit


def pool_across_levels(districts: pd.DataFrame, k: int) -> pd.DataFrame:
    """The publication flags with the city-wide pool of 0 or at least k buildings (see the module's rule "Across
    levels"): while the suppressed statistische Bezirke of the unpublished Stadtbezirke hold 1 to k-1 buildings, the
    smallest published statistischer Bezirk of an unpublished Stadtbezirk joins them (else the smallest published
    Stadtbezirk is suppressed, which puts its pool into the city's)."""
    d = districts.copy()
    sb, bz = d["level"] == "statbez", d["level"] == "stadtbezirk"
    for _ in range(len(d)):
        shown_bezirke = set(d.loc[bz & d["is_published"], "district_id"])
        outside = sb & ~d["parent_id"].isin(shown_bezirke)
        pool = int(d.loc[outside & ~d["is_published"], "n_buildings"].sum())
        if pool == 0 or pool >= k:
            break
        candidates = d[outside & d["is_published"] & (d["n_buildings"] > 0)]
        if candidates.empty:
            candidates = d[bz & d["is_published"] & (d["n_buildings"] > 0)]
        if candidates.empty:  # the whole city holds fewer than k buildings: the city itself is suppressed
            break
        smallest = candidates.sort_values(["n_buildings", "district_id"], kind="stable").index[0]
        d.loc[smallest, "is_published"] = False
    return d


def compute(buildings: pd.DataFrame, cells: pd.DataFrame, levels: dict[str, pd.DataFrame], k: int, data_version: str = "") -> PublicFigures:
    """The public figures from buildings and cells (heatdb.queries.disclosure_microdata) and the district tables
    (heatdb.queries.districts per level)."""
    b = buildings.reset_index(drop=True).copy()
    b["carrier_group"] = b["carrier"].map(CARRIER_GROUP).fillna("other")
    area, hidden_areas = build_areas(b, cells, k)
    b["area_id"] = area.to_numpy()
    areas, shown = _area_table(b, cells)
    districts = _district_table(b, levels, areas, k)
    # an area that crosses a Bezirk's boundary is never shown: not on a cell, not in a hexagon's sum
    areas = areas[~areas["area_id"].isin(hidden_areas)].reset_index(drop=True)
    shown = shown[~shown["area_id"].isin(hidden_areas)].reset_index(drop=True)
    on_map = b[~b["area_id"].isin(hidden_areas)]
    districts = pool_across_levels(districts, k)
    statbez = districts[districts["level"] == "statbez"].set_index("district_id")
    parent = statbez["parent_id"].to_dict()
    own = set(statbez.index[statbez["is_published"]])
    shown_bezirke = set(districts.loc[(districts["level"] == "stadtbezirk") & districts["is_published"], "district_id"])

    def unit_of(s: str) -> str:
        if s in own:
            return s
        return f"hidden:{parent.get(s, '')}" if parent.get(s) in shown_bezirke else CITY_POOL

    unit = b["statbez_id"].map(unit_of)
    unit_parent = {**{s: parent.get(s) for s in statbez.index}, **{f"hidden:{p}": p for p in set(parent.values())}}
    city_id = districts.loc[districts["level"] == "city", "district_id"].iloc[0]
    stock = _rollup(_grouped(b, unit, ["age_class", "building_type"], k), unit_parent, city_id, ["age_class", "building_type"], own)
    carriers = _rollup(
        _grouped(b.rename(columns={"carrier_group": "carrier_g"}), unit, ["carrier_g"], k), unit_parent, city_id, ["carrier_g"], own
    )
    carriers = carriers.rename(columns={"carrier_g": "carrier"})
    published_ids = set(districts.loc[districts["is_published"], "district_id"])
    stock, carriers = stock[stock["district_id"].isin(published_ids)], carriers[carriers["district_id"].isin(published_ids)]
    districts = _publish(_carrier_shares(districts, carriers))
    # areas and hexagons, rounded
    for frame in (areas,):
        frame["heat_demand_mwh_per_year"] = round_sig(frame["heat_demand_mwh_per_year"])
        frame["heat_density_mwh_per_ha_year"] = np.round(frame["heat_density_mwh_per_ha_year"], 0)
    hexagons = _hexagon_tables(on_map, areas)
    for t in hexagons.values():
        t["heat_demand_mwh_per_year"] = round_sig(t["heat_demand_mwh_per_year"])
        t["heat_density_mwh_per_ha_year"] = np.round(t["heat_density_mwh_per_ha_year"], 0)
    counts = b["energy_carrier"].value_counts()
    return PublicFigures(
        k=k,
        data_version=data_version,
        districts=districts,
        stock=stock.reset_index(drop=True),
        carriers=carriers.reset_index(drop=True),
        areas=areas,
        cells=shown,
        hexagons=hexagons,
        small_energy_carriers=frozenset(counts.index[(counts > 0) & (counts < k)]),
    )


def public_figures(con, k: int) -> PublicFigures:
    """The public figures of a warehouse (an open connection)."""
    buildings, cells = queries.disclosure_microdata(con)
    levels = {level: queries.districts(con, level) for level in LEVELS}
    return compute(buildings, cells, levels, k, queries.meta(con).get("data_version", ""))


# --- answers at a point -------------------------------------------------------------------------------------


def surroundings(figures: PublicFigures, cell_id: str, h3_r9: str, statbez_id: str | None) -> dict | None:
    """The smallest published unit around a point: the area its 100 m cell shows, else the resolution-9 and then
    resolution-8 hexagon (sums of whole areas), else its statistischer Bezirk. None where nothing is published.

    Returns {unit: 'area' | 'h3_r9' | 'h3_r8' | 'statbez', n_buildings, share_<class>_pct for the heat-pump classes,
    and for an area or a Bezirk supply_area_type, grade_heat_network, grade_decentral}.
    """
    shares = {f"share_{c}_pct": f"share_hp_{c}_pct" for c in HP_CLASSES}

    def pack(unit: str, row, supply: bool) -> dict:
        out = {"unit": unit, "n_buildings": int(row["n_buildings"]), **{k: float(row[v]) for k, v in shares.items()}}
        if supply:
            out.update({c: row[c] for c in ("supply_area_type", "grade_heat_network", "grade_decentral")})
        return out

    shown = figures.cells[figures.cells["cell_id"] == cell_id]
    if len(shown):
        return pack("area", figures.areas.set_index("area_id").loc[shown["area_id"].iloc[0]], True)
    for res, parent in ((9, h3_r9), (8, h3.cell_to_parent(h3_r9, 8) if h3_r9 else None)):
        t = figures.hexagons.get(res)
        hit = t[t["h3_index"] == parent] if t is not None and parent else []
        if len(hit):
            return pack(f"h3_r{res}", hit.iloc[0], False)
    row = figures.district(statbez_id) if statbez_id else None
    if row is not None and row["is_published"]:
        return pack("statbez", row, True)
    return None


# --- reports ----------------------------------------------------------------------------------------------

REPORT_DISTRICT_COLUMNS = (
    "district_id", "code", "name", "stadtbezirk", "n_buildings", "heat_demand_mwh_per_year", "heat_density_mwh_per_ha_year",
    "dh_share_pct", "hp_share_pct", "gas_share_pct", "supply_area_type", "first_expansion_year",
)  # fmt: skip


def _report_districts(table: pd.DataFrame, figures: PublicFigures, same_data: bool) -> pd.DataFrame:
    """The report's statistische Bezirke with the public figures: the app's own where the data are the same, else the
    frozen ones rounded, with the heating shares left out (they could be differenced against today's groups)."""
    t = table.copy()
    co2 = [c for c in t.columns if c.startswith("co2e_") and c.endswith("_t")]
    if same_data:
        pub = figures.level("statbez").set_index("district_id")
        shown = t["district_id"].map(pub["is_published"]).fillna(False).astype(bool)
        for c in (
            "n_buildings",
            "heat_demand_mwh_per_year",
            "heat_density_mwh_per_ha_year",
            "dh_share_pct",
            "hp_share_pct",
            "gas_share_pct",
        ):
            if c in t:
                t[c] = t["district_id"].map(pub[c])
    else:
        n = pd.to_numeric(t["n_buildings"], errors="coerce").fillna(0)
        hidden = (n > 0) & (n < figures.k)
        shown = ~suppress_siblings(n, t["stadtbezirk"].fillna(""), hidden, figures.k)
        t["heat_demand_mwh_per_year"] = round_sig(t["heat_demand_mwh_per_year"])
        t["heat_density_mwh_per_ha_year"] = np.round(pd.to_numeric(t["heat_density_mwh_per_ha_year"], errors="coerce"), 0)
        for c in ("dh_share_pct", "hp_share_pct", "gas_share_pct"):
            if c in t:
                t[c] = np.nan
    for c in co2:
        t[c] = round_sig(t[c])
    if "change_2024_2035_pct" in t:
        t["change_2024_2035_pct"] = np.round(pd.to_numeric(t["change_2024_2035_pct"], errors="coerce"), 0)
    keep = shown.to_numpy(dtype=bool)
    for c in [c for c in t.columns if c not in ("district_id", "code", "name", "stadtbezirk")]:
        if pd.api.types.is_numeric_dtype(t[c]) or c != "supply_area_type":
            t[c] = pd.to_numeric(t[c], errors="coerce").where(keep)
        else:
            t[c] = t[c].astype(object).where(keep, None)
    return t


def merge_carriers(table: pd.DataFrame, column: str, small_carriers: frozenset, values: list[str]) -> pd.DataFrame:
    """Rows of energy carriers that heat 1 to k-1 buildings today summed into one row 'other' per the other columns."""
    if table.empty or column not in table or not small_carriers:
        return table
    small = table[column].isin(small_carriers)
    if not small.any():
        return table
    by = [c for c in table.columns if c not in (*values, column)]
    merged = table[small].assign(**{column: "other"}).groupby(by + [column], as_index=False, dropna=False)[values].sum()
    return pd.concat([table[~small], merged[table.columns]], ignore_index=True)


def supply_layer(figures: PublicFigures) -> dict:
    """The proposed supply areas as GeoJSON (EPSG:4326): the cells the map shows, dissolved per their area's class."""
    import shapely
    from pyproj import Transformer

    kind = figures.cells["area_id"].map(figures.areas.set_index("area_id")["supply_area_type"])
    to_ll = Transformer.from_crs(3035, 4326, always_xy=True)
    feats = []
    areas = figures.areas.set_index("area_id")
    for k in SUPPLY_TYPES:
        c = figures.cells[kind.to_numpy() == k]
        if c.empty:
            continue
        x, y = c["x_3035"].to_numpy(), c["y_3035"].to_numpy()
        union = shapely.union_all(shapely.box(x, y, x + 100.0, y + 100.0))
        geom = shapely.transform(union, lambda xy: np.column_stack(to_ll.transform(xy[:, 0], xy[:, 1])))
        geom = shapely.set_precision(geom, 1e-6)
        n = int(areas.loc[areas["supply_area_type"] == k, "n_buildings"].sum())
        props = {"supply_area_type": k, "n_cells": int(len(c)), "n_buildings": n}
        feats.append({"type": "Feature", "geometry": shapely.geometry.mapping(geom), "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def public_report_data(data, figures: PublicFigures):
    """A report dataset as the public instance may show and hand out: building-derived tables by the same rule as the
    pages (districts, heating groups by energy carrier, the supply-area layer), the districts layer without figures.

    Tables that describe the scenario, the measures, the networks and the parameters are left as they are (they
    are not about groups of buildings; see the README's public-mode section).
    """
    from dataclasses import replace

    same = bool(figures.data_version) and data.meta.get("data_version") == figures.data_version
    tables = dict(data.tables)
    if "districts" in tables:
        tables["districts"] = _report_districts(tables["districts"], figures, same)
    if "by_carrier" in tables:
        tables["by_carrier"] = merge_carriers(
            tables["by_carrier"], "energy_carrier", figures.small_energy_carriers, ["final_energy_mwh", "co2e_t"]
        )
    if "indicators" in tables and "carrier" in tables["indicators"]:
        tables["indicators"] = merge_carriers(tables["indicators"], "carrier", figures.small_energy_carriers, ["value"])
    layers = dict(data.layers)
    if "districts" in layers:
        keep = ("district_id", "code", "name")
        feats = [{**f, "properties": {k: f["properties"].get(k) for k in keep}} for f in layers["districts"].get("features", [])]
        layers["districts"] = {"type": "FeatureCollection", "features": feats}
    # a frozen supply layer holds every cell; only the data it was made from can protect it, so an older one is left out
    layers["supply_areas"] = supply_layer(figures) if same else {"type": "FeatureCollection", "features": []}
    meta = {**data.meta, "disclosure": f"public rule: at least {figures.k} buildings per figure, no differencing"}
    return replace(data, meta=meta, tables=tables, layers=layers)


__all__ = [
    "CARRIER_GROUP",
    "OTHER",
    "PublicFigures",
    "build_areas",
    "compute",
    "merge_carriers",
    "merge_small",
    "public_figures",
    "public_report_data",
    "round_sig",
    "suppress_siblings",
    "supply_layer",
    "surroundings",
]
