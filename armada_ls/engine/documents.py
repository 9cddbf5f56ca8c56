"""Open documents (the editor's text, with versions) and the files of a package on disk.

A document belongs to the package of its directory; the other files of that package are read
from disk (re-read when their modification time changes).

Two copies of an open document's text, with one owner each:
- `text` (`LspText`) is the editor's text, updated on every content change with LSP's own
  rules (line breaks `\\n`, `\\r\\n`, `\\r`; UTF-16 columns). It is the truth; changes are
  cheap (no parsing) and happen on the thread that receives them.
- `source` (`goose.source.SourceFile`) is what the front end analysed: it is brought up to
  date with `text` only by `sync` (one incremental tree-sitter edit covering everything that
  changed since), which the analysis calls. So a burst of edits costs one parse.

A change that does not fit the text (a line past the end, a reversed range, bad data) marks
the document `desynced` and raises `InvalidEdit`: nothing is guessed; the caller asks the
client for the whole text, and further incremental changes are ignored until it arrives.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from armada_ls.engine import backends
from armada_ls.engine.text import InvalidEdit, LspText, to_bytes

Range = tuple[tuple[int, int], tuple[int, int]]
HISTORY = 2000  # edits remembered per document for moving diagnostics of an older text

log = logging.getLogger(__name__)


@dataclass
class Document:
    path: str
    version: int
    text: LspText
    source: Any  # goose.source.SourceFile, as of the last `sync`
    desynced: str = ""  # why the text is not trusted (empty: in sync with the client)
    resynced_at: int | None = None  # version of the last full text from a resync
    # Recent edits as (version, start, old end, new end), indices into the text before and
    # after each; every edit after version `history_from` is here (see `mapper`).
    history: list[tuple[int, int, int, int]] = field(default_factory=list)
    history_from: int = 0

    @property
    def directory(self) -> str:
        return os.path.dirname(self.path)

    def record(self, version: int, edit: tuple[int, int, int]) -> None:
        self.history.append((version, *edit))
        if len(self.history) > HISTORY:
            dropped = self.history[: len(self.history) - HISTORY]
            del self.history[: len(dropped)]
            self.history_from = dropped[-1][0]

    def forget_history(self) -> None:
        self.history.clear()
        self.history_from = self.version

    def mapper(self, version: int, old: LspText) -> Callable[[int, int], tuple[int, int] | None] | None:
        """Moves an LSP position in the text of `version` (given as `old`) to the current
        text, or None for a position inside text edited since. None when the edits since
        `version` are not all known."""
        if version < self.history_from:
            return None
        edits = [h[1:] for h in self.history if h[0] > version]

        def move(line: int, char: int) -> tuple[int, int] | None:
            try:
                idx, _ = old.index(line, char)
            except InvalidEdit:
                return None
            for start, old_end, new_end in edits:
                if idx < start or (idx == start and old_end > start):
                    continue  # before the edit (or at the start of replaced text)
                if old_end == start or idx >= old_end:
                    idx += new_end - old_end  # after it (an insertion here pushes it right)
                else:
                    return None  # in text the edit replaced
            return self.text.position_of_index(idx)

        return move

    @property
    def data(self) -> bytes:
        """The editor's current text as UTF-8 (lone surrogates kept, see `text.to_bytes`)."""
        return to_bytes(self.text.text)


def _common_prefix(a: bytes, b: bytes) -> int:
    """Length of the common prefix (memcmp-speed: binary search over slice comparisons)."""
    lo, hi = 0, min(len(a), len(b))
    if a[:hi] == b[:hi]:
        return hi
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: bytes, b: bytes, limit: int) -> int:
    lo, hi = 0, min(len(a), len(b), limit)
    if hi and a[len(a) - hi:] == b[len(b) - hi:]:
        return hi
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid:] == b[len(b) - mid:]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def sync_source(source: Any, data: bytes) -> bool:
    """Bring a SourceFile's bytes to `data` with one edit covering what differs. Returns
    whether anything changed."""
    old = source.data
    if old == data:
        return False
    p = _common_prefix(old, data)
    # Never split a UTF-8 sequence: tree-sitter reads the edited region as text.
    while p > 0 and p < len(data) and (data[p] & 0xC0) == 0x80:
        p -= 1
    s = _common_suffix(old, data, min(len(old), len(data)) - p)
    source.edit_bytes(p, len(old) - s, data[p:len(data) - s])
    if source.data != data:  # pragma: no cover - edit_bytes is exact; never trust a drift
        source.edit_bytes(0, len(source.data), data)
    return True


class Documents:
    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}
        self._disk: dict[str, tuple[float, bytes]] = {}
        self.lock = threading.RLock()

    def open(self, path: str, text: str, version: int) -> Document:
        with self.lock:
            lt = LspText(text)
            doc = Document(path, version, lt, backends.source_file_class()(path, "", version),
                           history_from=version)
            sync_source(doc.source, doc.data)
            self._docs[path] = doc
            return doc

    def change(self, path: str, version: int, changes: list[tuple[Range | None, str]]) -> Document:
        """Apply LSP content changes in order. Raises KeyError for a document not open and
        `InvalidEdit` for a change that does not fit (the document is then `desynced`)."""
        with self.lock:
            doc = self._docs[path]
            if doc.desynced:
                full = [t for r, t in changes if r is None]
                if not full:
                    doc.version = version
                    raise InvalidEdit(f"waiting for the full text ({doc.desynced})")
                changes = changes[max(i for i, (r, _) in enumerate(changes) if r is None):]
                doc.desynced = ""
            try:
                for rng, text in changes:
                    if not isinstance(text, str):
                        raise InvalidEdit(f"content change text is {type(text).__name__}, not a string")
                    doc.record(version, doc.text.apply(rng, text))
            except InvalidEdit as e:
                doc.desynced = str(e)
                doc.version = version
                raise
            doc.version = version
            return doc

    def resync(self, path: str, version: int, text: str) -> Document | None:
        """Replace a document's text with the client's whole text."""
        with self.lock:
            doc = self._docs.get(path)
            if doc is None:
                return None
            doc.text.set(text)
            doc.version = version
            doc.forget_history()
            doc.resynced_at = version
            doc.desynced = ""
            return doc

    def sync(self, path: str) -> Any:
        """The document's SourceFile, brought up to date with its text."""
        with self.lock:
            doc = self._docs[path]
            data, version = doc.data, doc.version
        sync_source(doc.source, data)
        doc.source.version = version
        return doc.source

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
                return doc.data
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


__all__ = ["Document", "Documents", "InvalidEdit", "Range", "sync_source"]
