"""`python -m tests.imports.pausing_import POINT SECONDS ARGS...`: the command line `python -m heatdb ARGS...`,
paused for SECONDS at POINT so that a test can kill the process there.

POINT is after_copy (the working copy is made, nothing written yet) or before_swap (the copy is written
and closed; only the rename is left). The pause is patched in here, in the test's own process: the
product has no test hook.
"""

from __future__ import annotations

import sys
import time

from heatdb.__main__ import main
from imports import working_copy


def pause_at(point: str, seconds: float) -> None:
    if point == "after_copy":
        copy = working_copy.copy_database

        def copy_then_pause(db, tmp):
            copy(db, tmp)
            time.sleep(seconds)

        working_copy.copy_database = copy_then_pause
    elif point == "before_swap":
        swap = working_copy.swap_in

        def pause_then_swap(tmp, db):
            time.sleep(seconds)
            swap(tmp, db)

        working_copy.swap_in = pause_then_swap
    else:
        raise SystemExit(f"unknown pause point {point!r} (after_copy, before_swap)")


if __name__ == "__main__":
    point, seconds, *argv = sys.argv[1:]
    pause_at(point, float(seconds))
    raise SystemExit(main(argv))
