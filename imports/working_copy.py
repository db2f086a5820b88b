"""All or nothing: one import at a time into a database, working on a copy that replaces the original in one rename.

A failure, a full disk or a killed process leaves the database byte for byte as it was; the next
import removes the copy a killed one left behind.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from heatdb.errors import DatabaseError


@contextmanager
def import_lock(db: Path):
    """One import at a time into a database: a second one is refused at once, before it reads its file.

    An advisory lock (flock) on `<db>.import.lock`; it dies with its process, so a killed import never
    blocks the next one. The file is removed while still locked, and a lock taken on a file that is no
    longer the one at the path is taken again, so two imports never both hold it.
    """
    lock_path = db.with_name(f"{db.name}.import.lock")
    for _ in range(5):
        handle = open(lock_path, "a+", encoding="utf-8")  # noqa: SIM115 - held until the import is done
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise DatabaseError(
                f"another import into {db.name} is running ({holder}). Nothing was imported; import again when it has finished."
            ) from None
        try:
            same = os.fstat(handle.fileno()).st_ino == os.stat(lock_path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        handle.close()  # the holder before us removed this file: lock the new one
    else:
        raise DatabaseError(f"could not lock {db.name} for the import; try again.")
    try:
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}, since {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC")
            handle.flush()
        except OSError:
            pass  # who holds the lock is only shown to a second import; a full disk is reported by the import
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        handle.close()


def remove_stale_copies(db: Path) -> None:
    """Remove working copies left by imports that were killed (their process is gone)."""
    for leftover in db.parent.glob(f"{db.name}.import-*"):
        pid = leftover.name.rsplit("-", 1)[-1].split(".", 1)[0]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cleanup(tmp: Path) -> None:
    for leftover in (tmp, Path(str(tmp) + ".wal")):
        leftover.unlink(missing_ok=True)


def copy_database(db: Path, tmp: Path) -> None:
    """The working copy the import changes (the original is not touched until the swap)."""
    shutil.copyfile(db, tmp)


def swap_in(tmp: Path, db: Path) -> None:
    """The changed copy replaces the original in one atomic rename."""
    os.replace(tmp, db)


__all__ = ["cleanup", "copy_database", "import_lock", "remove_stale_copies", "swap_in"]
