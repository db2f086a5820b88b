"""A city's own files into the warehouse: one module per kind, every problem listed, all or nothing.

    registry           the kinds and import_file: read and check the whole file, then change a copy and swap it in
    working_copy       one import at a time per database; the copy that replaces the original in one rename
    provenance         SHA-256, data_sources row and import_log columns of every import
    districts, zensus_cells, dh_areas, addresses
                       kinds the build reads too: their readers are the warehouse's (heatdb.readers, heatdb.addresses)
    buildings          a city's footprints: canonical columns, OSM tags or ALKIS attributes (building_formats)
    zensus2022         the Zensus 2022 100 m grid tables; estimated carriers and years drawn again from them
    consumption        metered gas, heat and electricity (WPG § 10: aggregates of at least 5 house numbers)
    dh_network         district-heating pipes; dh_expansion: planned expansion areas (networks: what both share)
    building_formats   OSM and ALKIS layouts mapped to the canonical columns
    census_fill        estimating a building's year and carrier from its cell's census counts
    parallel_geometry  the per-footprint geometry of a large import on all cores
    params             the importers' parameters (heatdb/params/formats.csv)
    cli                `python -m heatdb import KIND FILE` (added to the warehouse's command line by heatdb/__main__.py)

Each kind module has `read(path, *, skip_invalid=False)` and `apply(con, data, params, path) -> int`.
Layer: ui -> reports -> imports -> heatdb -> ghgmodel; imports and portfolio never import each other.
"""

from imports.registry import KINDS, available_kinds, import_file, latest_import

__all__ = ["KINDS", "available_kinds", "import_file", "latest_import"]
