"""Render the council reports the way a committee member opens them, to look at every page as a picture.

    python -m benchmarks.render_reports --out /tmp/reports [--scenario klimaneutral-2035] [--compare trend,wpg-2045]
                                        [--lang de] [--db data/dortmund.duckdb] [--portfolio data/portfolio.duckdb]
                                        [--dpi 60] [--sheet]
    python -m benchmarks.render_reports --out /tmp/reports --dataset report.json      # a dataset saved as JSON

Writes the PDF, the PPTX, the XLSX and the GeoPackage of one scenario (computed live, with the model cache of
WAERME_CACHE_DIR), then, with Debian's tools: every PDF page as PNG (poppler's pdftoppm), the slides through
LibreOffice Impress to PDF and PNG, the workbook's sheets as CSV (LibreOffice Calc), and `ogrinfo -so` of the
GeoPackage (GDAL, with any warning it prints). `--sheet` also tiles the pages into contact sheets (pages.png,
slides.png) for a quick look. Nothing is downloaded. Prints one line per file written and the timings.
Not a timing benchmark: it lives here because it is a tool to run by hand, not a test.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _dataset(args):
    from reports.dataset import ReportData

    if args.dataset:
        return ReportData.from_json(Path(args.dataset).read_text(encoding="utf-8"))
    from ghgmodel import load_parameters
    from heatdb.connect import connect
    from heatdb.settings import settings
    from portfolio import open_portfolio
    from reports.cache import ResultCache
    from reports.compare import compare_scenarios
    from reports.dataset import build_report_data, resolve_scenario
    from reports.model import ModelService

    con = connect(args.db, read_only=True)
    pcon = open_portfolio(args.portfolio, read_only=args.portfolio.exists(), warehouse=con)
    sid, sc = resolve_scenario(pcon, args.scenario)
    model = ModelService(warehouse=con.cursor, portfolio=pcon.cursor, params=load_parameters(), cache=ResultCache(settings().cache_dir))
    data = build_report_data(con, pcon, sc, model=model, scenario_id=sid)
    names = [x.strip() for x in args.compare.split(",") if x.strip()]
    return compare_scenarios(data, model, pcon, names) if names else data


def _run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)


def _tile(pngs: list[Path], out: Path, cols: int = 4) -> None:
    from PIL import Image

    if not pngs:
        return
    ims = [Image.open(p) for p in pngs]
    w, h = max(i.width for i in ims), max(i.height for i in ims)
    sheet = Image.new("RGB", (cols * w, ((len(ims) + cols - 1) // cols) * h), "white")
    for k, im in enumerate(ims):
        sheet.paste(im, ((k % cols) * w, (k // cols) * h))
    sheet.save(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--scenario", default="klimaneutral-2035")
    ap.add_argument("--compare", default="trend,wpg-2045,ohne-projekte")
    ap.add_argument("--dataset", default="", help="a ReportData saved as JSON instead of a live scenario")
    ap.add_argument("--lang", default="de")
    ap.add_argument("--db", type=Path, default=ROOT / "data" / "dortmund.duckdb")
    ap.add_argument("--portfolio", type=Path, default=ROOT / "data" / "portfolio.duckdb")
    ap.add_argument("--dpi", type=int, default=60)
    ap.add_argument("--sheet", action="store_true", help="also tile the pages into contact sheets")
    args = ap.parse_args(argv)
    from reports.render import render

    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    data = _dataset(args)
    print(f"dataset: {data.meta.get('scenario_name')} ({time.perf_counter() - t0:.1f} s)")
    files = {}
    for kind in ("pdf", "pptx", "xlsx", "gpkg"):
        t = time.perf_counter()
        path = out / f"bericht.{kind}"
        path.write_bytes(render(kind, data, args.lang))
        files[kind] = path
        print(f"{path}: {path.stat().st_size:,} bytes ({time.perf_counter() - t:.1f} s)")
    for tool in ("pdftoppm", "soffice", "ogrinfo"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing (Debian: poppler-utils, libreoffice-impress/-calc, gdal-bin); skipped what needs it")
    if shutil.which("pdftoppm"):
        _run(["pdftoppm", "-r", str(args.dpi), "-png", str(files["pdf"]), str(out / "page")])
    if shutil.which("soffice"):
        profile = out / ".lo-profile"  # a profile of its own: never the user's, never a running LibreOffice's
        lo = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to"]
        _run([*lo, "pdf", "--outdir", str(out / "slides"), str(files["pptx"])])
        if shutil.which("pdftoppm") and (out / "slides" / "bericht.pdf").exists():
            _run(["pdftoppm", "-r", str(args.dpi), "-png", str(out / "slides" / "bericht.pdf"), str(out / "slide")])
        csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"
        _run([*lo, csv, "--outdir", str(out / "sheets"), str(files["xlsx"])])
    if shutil.which("ogrinfo"):
        done = _run(["ogrinfo", "-ro", "-so", "-al", str(files["gpkg"])])
        (out / "gpkg.ogrinfo.txt").write_text(done.stdout + done.stderr, encoding="utf-8")
        warnings = [line for line in done.stderr.splitlines() if line.strip()]
        print(f"ogrinfo: {len(warnings)} warning lines" + (f": {warnings[0]}" if warnings else ""))
    pages, slides = sorted(out.glob("page-*.png")), sorted(out.glob("slide-*.png"))
    print(f"{len(pages)} PDF pages, {len(slides)} slides, {len(list((out / 'sheets').glob('*.csv')))} sheets as CSV in {out}")
    if args.sheet:
        _tile(pages, out / "pages.png")
        _tile(slides, out / "slides.png", cols=3)
    print(f"done in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
