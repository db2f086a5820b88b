"""A description of the machine the benchmarks ran on (recorded next to every result)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _ram_gib() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024**2, 1)
    except OSError:
        pass
    return float("nan")


def _git(*args: str) -> str:
    try:  # read-only, and --no-optional-locks keeps git from refreshing the index
        cmd = ["git", "--no-optional-locks", *args]
        return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def load_average() -> list[float]:
    """1, 5 and 15 minute load averages (other work on the machine skews every timing)."""
    return [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else []


def wait_for_idle(max_seconds: float, *, below: float | None = None) -> dict:
    """Wait until the 1-minute load average is under `below` (default: half the cores), at most max_seconds."""
    limit = below if below is not None else max(0.5, (os.cpu_count() or 1) / 2)
    t0 = time.monotonic()
    while load_average() and load_average()[0] >= limit and time.monotonic() - t0 < max_seconds:
        time.sleep(10)
    return {"waited_s": round(time.monotonic() - t0), "limit": limit, "load_after": load_average()}


def describe() -> dict:
    import duckdb
    import numpy
    import pandas

    return {
        "cpu_model": _cpu_model(),
        "logical_cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        "duckdb": duckdb.__version__,
        "numpy": numpy.__version__,
        "pandas": pandas.__version__,
        "commit": _git("rev-parse", "--short", "HEAD"),
        # product files changed against that commit when the benchmark ran (the numbers belong to them)
        "uncommitted": [
            f for f in _git("diff", "--name-only", "HEAD").splitlines() if f.startswith(("ghgmodel/", "heatdb/", "imports/", "portfolio/"))
        ],
        "load_average_at_start": load_average(),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }
