"""A bounded cache of model results: memory (least recently used) and, optionally, files.

The files live in one folder (WAERME_CACHE_DIR) that several app processes on a machine may share; a
result is written to a temporary file and renamed into place, so a reader never sees half a file. The
folder is bounded: after every write the oldest files go until the folder holds at most `max_bytes`,
and files older than `max_age_s` go too. Keys are hashed; a value that cannot be read back (an older
code version, a truncated file) is computed again. Only one thread computes a given key at a time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path

SUFFIX = ".pkl"


class ResultCache:
    """Memory + bounded file cache. `directory=None` (or `write=False`) keeps results in memory only."""

    def __init__(
        self,
        directory: Path | str | None = None,
        *,
        max_entries: int = 64,
        max_bytes: int = 256 * 1024 * 1024,
        max_age_s: float = 14 * 24 * 3600,
        write: bool = True,
    ):
        self.directory = Path(directory) if directory else None
        self.max_entries, self.max_bytes, self.max_age_s, self.write = max_entries, max_bytes, max_age_s, write
        self._memo: OrderedDict = OrderedDict()
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def digest(self, kind: str, key: str) -> str:
        return hashlib.sha256(f"{kind}|{key}".encode()).hexdigest()[:32]

    def get_or_compute(self, kind: str, key: str, compute: Callable):
        """The value for (kind, key): from memory, else from its file, else computed once and stored."""
        digest = self.digest(kind, key)
        with self._guard:
            if digest in self._memo:
                self._memo.move_to_end(digest)
                return self._memo[digest]
            lock = self._locks.setdefault(digest, threading.Lock())
        with lock:
            with self._guard:
                if digest in self._memo:
                    return self._memo[digest]
            value = self._read(kind, digest)
            if value is None:
                value = compute()
                self._write(kind, digest, value)
            with self._guard:
                self._memo[digest] = value
                while len(self._memo) > self.max_entries:
                    self._memo.popitem(last=False)
            return value

    def peek(self, kind: str, key: str):
        """The value if it is already in memory or on disk, else None (never computes)."""
        digest = self.digest(kind, key)
        with self._guard:
            if digest in self._memo:
                return self._memo[digest]
        return self._read(kind, digest)

    def _path(self, kind: str, digest: str) -> Path | None:
        return self.directory / f"{kind}-{digest}{SUFFIX}" if self.directory else None

    def _read(self, kind: str, digest: str):
        path = self._path(kind, digest)
        if path is None or not path.exists():
            return None
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ModuleNotFoundError, TypeError, ValueError):
            return None

    def _write(self, kind: str, digest: str, value) -> None:
        path = self._path(kind, digest)
        if path is None or not self.write:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".tmp-", delete=False) as fh:
                fh.write(pickle.dumps(value))
            os.replace(fh.name, path)
        except OSError:
            return  # a read-only or full disk still has the memory cache
        self.evict()

    def evict(self) -> int:
        """Delete files beyond the size bound (oldest first) and files older than the age bound; returns the count."""
        if self.directory is None or not self.directory.exists():
            return 0
        now = time.time()
        files = []
        for p in self.directory.glob(f"*{SUFFIX}"):
            try:
                st = p.stat()
            except OSError:
                continue
            files.append((st.st_mtime, st.st_size, p))
        files.sort()
        total = sum(size for _, size, _ in files)
        removed = 0
        for mtime, size, p in files:
            if total <= self.max_bytes and now - mtime <= self.max_age_s:
                continue
            try:
                p.unlink()
            except OSError:
                continue
            total -= size
            removed += 1
        for p in self.directory.glob(".tmp-*"):  # left by a killed process
            try:
                if now - p.stat().st_mtime > 3600:
                    p.unlink()
            except OSError:
                pass
        return removed

    def size_bytes(self) -> int:
        if self.directory is None or not self.directory.exists():
            return 0
        return sum(p.stat().st_size for p in self.directory.glob(f"*{SUFFIX}"))
