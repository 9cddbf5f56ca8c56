"""Open documents (the editor's text, with versions) and the files of a package on disk.

A document belongs to the package of its directory; the other files of that package are read
from disk (re-read when their modification time changes). Edits are LSP content changes,
applied to the document's `goose.source.SourceFile` (incremental tree-sitter parse).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

from armada_ls.engine import backends

Range = tuple[tuple[int, int], tuple[int, int]]


@dataclass
class Document:
    path: str
    version: int
    source: Any  # goose.source.SourceFile

    @property
    def directory(self) -> str:
        return os.path.dirname(self.path)


class Documents:
    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self._disk: dict[str, tuple[float, bytes]] = {}
        self.lock = threading.RLock()

    def open(self, path: str, text: str, version: int) -> Document:
        with self.lock:
            doc = Document(path, version, backends.source_file_class()(path, text, version))
            self._docs[path] = doc
            return doc

    def change(self, path: str, version: int, changes: list[tuple[Range | None, str]]) -> Document:
        """Apply LSP content changes in order. Raises KeyError for a document not open."""
        with self.lock:
            doc = self._docs[path]
            for rng, text in changes:
                doc.source.apply_change(rng, text, version)
            doc.version = version
            return doc

    def close(self, path: str) -> None:
        with self.lock:
            self._docs.pop(path, None)

    def get(self, path: str) -> Document | None:
        with self.lock:
            return self._docs.get(path)

    def in_directory(self, directory: str) -> dict[str, Document]:
        with self.lock:
            return {p: d for p, d in self._docs.items() if os.path.dirname(p) == directory}

    def directories(self) -> set[str]:
        with self.lock:
            return {d.directory for d in self._docs.values()}

    def data(self, path: str) -> bytes:
        """The current bytes of a file: the open document's, else the disk's."""
        with self.lock:
            doc = self._docs.get(path)
            if doc is not None:
                return doc.source.data
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            return b""
        cached = self._disk.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError:
            return b""
        self._disk[path] = (mtime, data)
        return data
