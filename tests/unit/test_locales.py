"""The texts as data (locales/): every entry in every language with the same placeholders, every section of
the Methodik prose in every language, and every key the code looks up is in its catalogue."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from locales import LANGS, CatalogueError, catalogues, entries, has, prose, prose_sections, text

ROOT = Path(__file__).resolve().parents[2]
CODE = sorted(
    [
        *ROOT.glob("ui/**/*.py"),
        *ROOT.glob("pages/*.py"),
        *ROOT.glob("reports/*.py"),
        *ROOT.glob("heatdb/**/*.py"),
        *ROOT.glob("imports/*.py"),
        *ROOT.glob("portfolio/*.py"),
    ]
)
FORMULA = "$$"


def fields(written: str) -> set[str]:
    """The {placeholders} of a text as str.format reads it ({{ is a literal brace)."""
    return {name for _, name, _, _ in string.Formatter().parse(written) if name is not None}


# --- the catalogues ----------------------------------------------------------------------------------


def test_the_catalogues():
    assert set(catalogues()) == {"labels", "monitoring", "portfolio", "reports", "ui"}
    assert LANGS[0] == "de"  # German first


@pytest.mark.parametrize("catalogue", catalogues())
def test_every_entry_has_every_language_with_the_same_placeholders(catalogue):
    problems = []
    for key, entry in entries(catalogue).items():
        if set(entry) != set(LANGS):
            problems.append(f"[{key}] has the languages {sorted(entry)}, not {list(LANGS)}")
            continue
        if not all(entry[lang].strip() for lang in LANGS):
            problems.append(f"[{key}] is empty in {[lang for lang in LANGS if not entry[lang].strip()]}")
        try:
            first = fields(entry[LANGS[0]])
            for lang in LANGS[1:]:
                if fields(entry[lang]) != first:
                    problems.append(f"[{key}] {LANGS[0]} has {sorted(first)}, {lang} has {sorted(fields(entry[lang]))}")
        except ValueError as exc:  # an unmatched brace
            problems.append(f"[{key}] {exc}")
    assert not problems, f"locales/{catalogue}.toml:\n" + "\n".join(problems)


def test_the_apps_own_wording_of_a_code_is_deliberate():
    # ui.i18n.t looks in ui.toml before labels.toml: a key in both is the app's wording of that code
    assert set(entries("ui")) & set(entries("labels")) == {"sector_dh_other"}


def test_lookup_fills_placeholders_and_names_a_missing_key():
    assert text("ui", "q_co2_year", "de", year=2035) == "im Szenario 2035 (t CO₂e/a)"
    assert text("ui", "q_co2_year", "en", year=2035) == "in the scenario 2035 (t CO₂e/a)"
    assert text("ui", "tooltip_district", "de") == "{name}"  # without values a text is returned as written
    assert text("labels", "carrier_gas", "fr") == "Erdgas"  # a language the entry lacks falls back to German
    with pytest.raises(CatalogueError, match=r"ui.toml has no text 'no_such_key'.*locales/ui.toml"):
        text("ui", "no_such_key", "de")
    with pytest.raises(CatalogueError, match="no catalogue 'nope'"):
        entries("nope")


# --- the Methodik prose --------------------------------------------------------------------------------


def _method_value_names() -> set[str]:
    """The keys of the dict ui/methodik/values.py's method_values returns: the values the prose may quote."""
    tree = ast.parse((ROOT / "ui" / "methodik" / "values.py").read_text(encoding="utf-8"))
    func = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "method_values")
    returned = next(n.value for n in ast.walk(func) if isinstance(n, ast.Return) and isinstance(n.value, ast.Dict))
    return {k.value for k in returned.keys}


def _placeholders(section: str, lang: str) -> set[str]:
    title, blocks = prose("methodik", section, lang)
    return fields(title).union(*(fields(b) for b in blocks if not b.startswith(FORMULA)))


SECTIONS = prose_sections("methodik", LANGS[0])


def test_every_methodik_section_is_written_in_every_language():
    from ui.methodik.method import METHOD_SECTIONS

    assert set(SECTIONS) == {*METHOD_SECTIONS, "tables", "limits"}
    for lang in LANGS:
        assert prose_sections("methodik", lang) == SECTIONS, f"locales/methodik/{lang}/ lacks or adds a section"


@pytest.mark.parametrize("section", SECTIONS)
def test_methodik_sections_agree_across_languages(section):
    first_title, first = prose("methodik", section, LANGS[0])
    for lang in LANGS:
        title, blocks = prose("methodik", section, lang)
        assert title.strip() and blocks, f"locales/methodik/{lang}/{section}.md needs a '# title' line and a text"
        assert _placeholders(section, lang) == _placeholders(section, LANGS[0]), f"{lang}/{section}.md quotes other values"
        # the formulas are the same in every language (only the words around them are translated)
        assert [b for b in blocks if b.startswith(FORMULA)] == [b for b in first if b.startswith(FORMULA)], section


def test_every_value_the_prose_quotes_is_computed_and_none_for_nothing():
    names = _method_value_names()
    used = set().union(*(_placeholders(s, lang) for s in SECTIONS for lang in LANGS))
    assert used - names == set(), "placeholders without a value in ui/methodik/values.py"
    assert names - used == set(), "values in ui/methodik/values.py that no text quotes"
    assert _placeholders("tables", LANGS[0]) == set()  # drawn without values


# --- the keys the code looks up ----------------------------------------------------------------------


def _lookups():
    """(place, catalogues, key or None, prefix) of every t(...), tr(...) and text(...) call in the code.

    A literal key comes as `key`; a key built with an f-string as the `prefix` before its first {}.
    Only modules that import the lookup are read (so that another function called t is not taken for it).
    """
    for path in CODE:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
        imported |= {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        rel = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            owner = func.value.id if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) else None
            if name == "t" and "t" in imported:
                cats, arg = ("ui", "labels"), node.args[0]
            elif name == "mt" and ("mt" in imported or str(rel) in ("ui/fortschritt.py", "reports/monitoring.py")):
                cats, arg = ("monitoring",), node.args[0]  # the monitoring's texts (issue 19)
            elif name == "tr" and ("tr" in imported or str(rel) == "reports/texts.py"):
                cats, arg = ("reports",), node.args[0]
            elif name == "text" and ("text" in imported and owner is None or owner == "locales") and len(node.args) >= 2:
                first = node.args[0]
                if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    continue
                cats, arg = (first.value,), node.args[1]
            else:
                continue
            place = f"{rel}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                yield place, cats, arg.value, None
            elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(arg.values[0], ast.Constant):
                yield place, cats, None, arg.values[0].value
            elif isinstance(arg, ast.BinOp) and isinstance(arg.left, ast.Constant):  # "key_" + code
                yield place, cats, None, arg.left.value


LOOKUPS = list(_lookups())


def test_the_scan_finds_the_lookups():
    assert len([x for x in LOOKUPS if x[1] == ("ui", "labels")]) > 400
    assert len([x for x in LOOKUPS if x[1] == ("reports",)]) > 80
    assert any(x[1] == ("portfolio",) for x in LOOKUPS)
    assert len([x for x in LOOKUPS if x[1] == ("monitoring",)]) > 100


def test_every_literal_key_the_code_looks_up_exists():
    missing = [
        f"{place}: {key!r} (in {' or '.join(c + '.toml' for c in cats)})"
        for place, cats, key, _ in LOOKUPS
        if key is not None and not any(has(c, key) for c in cats)
    ]
    assert not missing, "\n".join(missing)


def test_every_built_key_has_entries_with_its_prefix():
    missing = [
        f"{place}: no key starts with {prefix!r}"
        for place, cats, key, prefix in LOOKUPS
        if key is None and not any(k.startswith(prefix) for c in cats for k in entries(c))
    ]
    assert not missing, "\n".join(missing)


def test_every_portfolio_problem_has_its_text_and_fix():
    """portfolio/project_rows.py names its problems by key: bad(column, value, key) and _texts(key)."""
    tree = ast.parse((ROOT / "portfolio" / "project_rows.py").read_text(encoding="utf-8"))
    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("bad", "_texts"):
            if node.func.id == "_texts" and not node.args:
                continue
            arg = node.args[2 if node.func.id == "bad" else 0]
            if node.func.id == "_texts" and isinstance(arg, ast.Name):
                continue  # the helper's own definition passes its parameter on
            assert isinstance(arg, ast.Constant), f"portfolio/project_rows.py:{node.lineno}: name the problem by a literal key"
            keys.add(arg.value)
    assert len(keys) >= 8
    missing = [k for key in sorted(keys) for k in (key, f"{key}_fix") if not has("portfolio", k)]
    assert not missing, f"add to locales/portfolio.toml: {missing}"


def _domains():
    """Keys built from codes, with every code the data or the widgets can give: (catalogues, prefix, codes)."""
    from ghgmodel.carriers import BUILDING_TYPES, ENERGY_CARRIERS, HEATING_CARRIERS
    from ghgmodel.heatpump import HP_CLASSES
    from ghgmodel.params import read_parameter_file
    from ghgmodel.progress import INDICATORS, LIGHTS, REASONS
    from ghgmodel.projects import HEAT_SOURCES, PROJECT_STATUSES, PROJECT_TYPES
    from ghgmodel.scenario import DH_PATHS, EL_PATHS, FALLBACK_SYSTEMS, Scenario
    from heatdb.build import SYNTH_PARAMS
    from imports.registry import KINDS
    from reports.render import MONITORING_FORMATS
    from ui import importe, karte, quartiere, rat, szenarien

    app = ("ui", "labels")
    levers = Scenario(name="x").to_dict()
    synth = read_parameter_file(SYNTH_PARAMS)
    heating_types = tuple(dict.fromkeys(k.split(".")[1] for k in synth["key"] if k.startswith("alloc.")))
    return [
        (("labels",), "carrier_", (*HEATING_CARRIERS, *ENERGY_CARRIERS)),
        (("labels",), "ptype_", PROJECT_TYPES),
        (("labels",), "status_", PROJECT_STATUSES),
        (("labels",), "lever_", tuple(levers)),
        (("labels",), "leverval_", ("bisko", "geg", *EL_PATHS, *DH_PATHS, *FALLBACK_SYSTEMS, "True", "False", "tabula", "consumption")),
        (("labels",), "supply_", tuple(karte.SUPPLY_COLORS)),
        (("labels",), "sector_", ("residential", "dh_other")),
        (("reports",), "hp_class_", ("ground", "air", "limited")),
        (app, "karte_ptype_", PROJECT_TYPES),
        (app, "karte_pstatus_", PROJECT_STATUSES),
        (app, "karte_density_", karte.DENSITY_CLASSES),
        (app, "density_", karte.DENSITY_CLASSES),
        (app, "karte_supply_", tuple(karte.SUPPLY_COLORS)),
        (app, "z_supply_", tuple(karte.SUPPLY_COLORS)),
        (app, "karte_carrier_", tuple(karte.CARRIER_COLORS)),
        (app, "karte_hpclass_", tuple(karte.HP_CLASS_COLORS)),
        (app, "karte_btype_", tuple(b.lower() for b in BUILDING_TYPES)),
        (app, "karte_theme_", karte.THEMES),
        (app, "karte_grid_", karte.GRIDS),
        (app, "karte_layer_", karte.OVERLAYS),
        (app, "hp_", HP_CLASSES),
        (app, "level_", quartiere.LEVELS),
        (app, "r_s_", rat.SECTIONS),
        (app, "r_changed_", ("data", "parameters", "portfolio")),
        (app, "imp_layout_", importe.LAYOUTS),
        (app, "imp_template_", ("xlsx", "csv")),
        (app, "imp_kind_", tuple(k.replace("-", "_") for k in KINDS)),
        (app, "el_", EL_PATHS),
        (app, "dhp_", DH_PATHS),
        (app, "fb_", FALLBACK_SYSTEMS),
        (app, "fs_", ("bisko", "geg")),
        (app, "lever_", szenarien.SERIES_LEVERS),
        (app, "src_", HEAT_SOURCES),
        (app, "depth_", ("", "standard", "advanced")),
        (app, "target_", ("hp", "dh")),
        (app, "methodik_heating_", heating_types),
        (("monitoring",), "light_", LIGHTS),
        (("monitoring",), "reason_", REASONS),
        (("monitoring",), "ind_", INDICATORS),
        (("monitoring",), "f_download_", MONITORING_FORMATS),
        (("monitoring",), "f_template_", ("xlsx", "csv")),
        (app, "imp_kind_", ("projects", "actuals")),
        (app, "methodik_calib_", tuple(f"{x}_{part}" for x in ("buildings", "dwellings", "living", "dh") for part in ("delta", "help"))),
    ]


def test_keys_built_from_codes_exist_for_every_code():
    missing = [
        f"{prefix}{code}" for cats, prefix, codes in _domains() for code in codes if not any(has(c, f"{prefix}{code}") for c in cats)
    ]
    assert not missing, f"add these keys with de and en: {missing}"
