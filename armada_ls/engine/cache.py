"""Verification results by function key, in memory and optionally on disk.

On disk (`.armada-cache/` by default for the CLI): one pickle per key under a directory named
by the tool version, written atomically, so concurrent runs never see half a file and a new
version of the verifier never reads an old one's results. Only results the verifier produced
are stored; timeouts and crashes of a worker are not (they may not recur).
"""

from __future__ import annotations

import os
import pickle
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from armada_ls.engine.keys import Region, tool_version


@dataclass
class Entry:
    regions: tuple[Region, ...]
    result: Any  # armada_ls.verify.result.FunctionResult


class ResultCache:
    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self._mem: dict[str, Entry] = {}
        self._lock = threading.Lock()
        self.directory = Path(directory) / tool_version() if directory else None

    def get(self, digest: str) -> Entry | None:
        with self._lock:
            entry = self._mem.get(digest)
        if entry is not None or self.directory is None:
            return entry
        path = self.directory / f"{digest}.pkl"
        try:
            with path.open("rb") as f:
                entry = pickle.load(f)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
            return None
        if not isinstance(entry, Entry):
            return None
        with self._lock:
            self._mem[digest] = entry
        return entry

    MEMORY_ENTRIES = 20000  # a long editing session must not grow without bound

    def put(self, digest: str, entry: Entry) -> None:
        with self._lock:
            self._mem[digest] = entry
            while len(self._mem) > self.MEMORY_ENTRIES:
                del self._mem[next(iter(self._mem))]
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(entry, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.directory / f"{digest}.pkl")
        except OSError:
            pass  # a read-only checkout still works, just without persistence

    def __len__(self) -> int:
        with self._lock:
            return len(self._mem)
