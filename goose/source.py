"""A Go source file with an incrementally maintained tree-sitter tree.

The language server feeds LSP edits (UTF-16 positions) to `apply_change`; the tree is edited
and reparsed incrementally. Columns inside the front end are bytes; conversion happens here.
"""

from __future__ import annotations

import bisect
from functools import lru_cache

import tree_sitter as ts
import tree_sitter_go as tsgo


@lru_cache(maxsize=1)
def language() -> ts.Language:
    return ts.Language(tsgo.language())


def new_parser() -> ts.Parser:
    return ts.Parser(language())


def utf16_col(line: bytes, byte_col: int) -> int:
    """The UTF-16 column (LSP's default) of a byte column in one line of UTF-8 text."""
    prefix = line[: max(0, byte_col)]
    if prefix.isascii():
        return len(prefix)
    return sum(2 if ord(c) > 0xFFFF else 1 for c in prefix.decode("utf-8", errors="replace"))


def byte_col(line: bytes, char: int) -> int:
    """The byte column of a UTF-16 column in one line of UTF-8 text (clamped to the line)."""
    if line.isascii():
        return min(max(0, char), len(line))
    units = out = 0
    for c in line.decode("utf-8", errors="replace"):
        if units >= char:
            break
        units += 2 if ord(c) > 0xFFFF else 1
        out += len(c.encode("utf-8"))
    return out


class SourceFile:
    """Text (UTF-8 bytes), line index and parse tree of one file."""

    def __init__(self, path: str, text: str, version: int = 0) -> None:
        self.path = path
        self.version = version
        self._parser = new_parser()
        self._set_bytes(text.encode("utf-8"))
        self.tree: ts.Tree = self._parser.parse(self.data)
        # Byte range of the last edit in the new text (for "what changed" queries).
        self.last_edit: tuple[int, int] | None = None

    # ------------------------------------------------------------ text and positions

    def _set_bytes(self, data: bytes) -> None:
        self.data = data
        self._line_starts = [0]
        start = 0
        while True:
            i = data.find(b"\n", start)
            if i < 0:
                break
            self._line_starts.append(i + 1)
            start = i + 1

    @property
    def text(self) -> str:
        return self.data.decode("utf-8", errors="replace")

    def line_bytes(self, line: int) -> bytes:
        if line >= len(self._line_starts):
            return b""
        start = self._line_starts[line]
        end = self._line_starts[line + 1] - 1 if line + 1 < len(self._line_starts) else len(self.data)
        return self.data[start:end]

    def point_of(self, offset: int) -> tuple[int, int]:
        """Byte offset -> (line, byte column)."""
        line = bisect.bisect_right(self._line_starts, offset) - 1
        return line, offset - self._line_starts[line]

    def offset_of(self, line: int, byte_col: int) -> int:
        if line >= len(self._line_starts):
            return len(self.data)
        return min(self._line_starts[line] + byte_col, len(self.data))

    def byte_col_to_utf16(self, line: int, byte_col: int) -> int:
        return utf16_col(self.line_bytes(line), byte_col)

    def utf16_to_byte_col(self, line: int, char: int) -> int:
        return byte_col(self.line_bytes(line), char)

    def offset_to_lsp(self, offset: int) -> tuple[int, int]:
        line, col = self.point_of(offset)
        return line, self.byte_col_to_utf16(line, col)

    def lsp_to_offset(self, line: int, char: int) -> int:
        if line >= len(self._line_starts):
            return len(self.data)
        return self.offset_of(line, self.utf16_to_byte_col(line, char))

    # ------------------------------------------------------------ edits

    def apply_change(
        self, rng: tuple[tuple[int, int], tuple[int, int]] | None, new_text: str, version: int | None = None
    ) -> None:
        """Apply one LSP content change: `rng` is ((line, char), (line, char)) in UTF-16,
        or None to replace the whole text."""
        if version is not None:
            self.version = version
        if rng is None:
            self.replace(new_text)
            return
        (sl, sc), (el, ec) = rng
        start = self.lsp_to_offset(sl, sc)
        end = max(start, self.lsp_to_offset(el, ec))
        self.edit_bytes(start, end, new_text.encode("utf-8"))

    def edit_bytes(self, start: int, old_end: int, new: bytes) -> None:
        start_point = self.point_of(start)
        old_end_point = self.point_of(old_end)
        data = self.data[:start] + new + self.data[old_end:]
        self._set_bytes(data)
        new_end = start + len(new)
        self.tree.edit(
            start_byte=start,
            old_end_byte=old_end,
            new_end_byte=new_end,
            start_point=start_point,
            old_end_point=old_end_point,
            new_end_point=self.point_of(new_end),
        )
        self.tree = self._parser.parse(self.data, self.tree)
        if self.tree.root_node.has_error:
            # Error recovery in an incremental reparse depends on the edit history; a fresh
            # parse makes the editor's diagnostics match `goose check` on the same text.
            self.tree = self._parser.parse(self.data)
        self.last_edit = (start, new_end)

    def replace(self, text: str) -> None:
        self._set_bytes(text.encode("utf-8"))
        self.tree = self._parser.parse(self.data)
        self.last_edit = (0, len(self.data))
