"""The editor's text as LSP defines it, kept independently of pygls's document handling.

LSP has exactly three line terminators (`\\n`, `\\r\\n`, `\\r`) and counts columns in UTF-16
code units; Python's `str.splitlines` also breaks at `\\f`, `\\v`, `\\x1c`-`\\x1e`, `\\x85`,
U+2028 and U+2029, which is how a server's copy drifts from the editor's. Here the text is a
`str` in canonical form (valid surrogate pairs combined, lone surrogates kept as they are:
an editor's buffer is UTF-16 and may hold them), line starts follow LSP, and a position inside
a surrogate pair splits the pair exactly as the editor would.

An edit that cannot be applied as written (a line past the end, a start after the end) raises
`InvalidEdit`: the caller must ask the client for the whole text instead of guessing.
"""

from __future__ import annotations

import bisect
import re

LINE_BREAK = re.compile(r"\r\n|\r|\n")


class InvalidEdit(ValueError):
    """An LSP content change that does not fit the document it is applied to."""


def canonical(s: str) -> str:
    """Combine valid surrogate pairs; keep lone surrogates (UTF-16 round trip)."""
    if not _has_surrogate(s):
        return s
    return s.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def to_bytes(s: str) -> bytes:
    """UTF-8, with a lone surrogate encoded as its three bytes (so nothing is dropped: the
    front end sees invalid UTF-8 and reports a syntax error there)."""
    return s.encode("utf-8", "surrogatepass")


def utf16_len(s: str) -> int:
    if s.isascii():
        return len(s)
    return len(s) + sum(1 for c in s if ord(c) > 0xFFFF)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(s: str) -> bool:
    return not s.isascii() and _SURROGATE.search(s) is not None


def line_starts(s: str) -> list[int]:
    """Indices (into `s`) where LSP lines start."""
    return [0] + [m.end() for m in LINE_BREAK.finditer(s)]


class LspText:
    """One document's text with LSP line and UTF-16 column semantics."""

    def __init__(self, text: str) -> None:
        self.set(text)

    def set(self, text: str) -> None:
        self.text = canonical(text)
        self.starts = line_starts(self.text)

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def line_end(self, line: int) -> int:
        """Index just past the line's content (before its terminator)."""
        if line + 1 < len(self.starts):
            end = self.starts[line + 1]
            if self.text[end - 1] == "\n" and end >= 2 and self.text[end - 2] == "\r":
                return end - 2
            return end - 1
        return len(self.text)

    def index(self, line: int, char: int) -> tuple[int, bool]:
        """(index into the text, whether the position falls inside a surrogate pair). A
        character past the end of the line means the end of the line (LSP 3.17)."""
        if line < 0 or char < 0:
            raise InvalidEdit(f"negative position {line}:{char}")
        if line >= len(self.starts):
            raise InvalidEdit(f"line {line} is past the end of the document ({len(self.starts)} lines)")
        start, end = self.starts[line], self.line_end(line)
        seg = self.text[start:end]
        if seg.isascii() or not any(ord(c) > 0xFFFF for c in seg):
            return start + min(char, len(seg)), False
        units = 0
        for i, c in enumerate(seg):
            if units >= char:
                return start + i, False
            w = 2 if ord(c) > 0xFFFF else 1
            if units + w > char:  # between the two halves of a pair
                return start + i, True
            units += w
        return end, False

    def apply(self, rng: tuple[tuple[int, int], tuple[int, int]] | None, new: str) -> tuple[int, int, int]:
        """Apply one content change. Returns (start, old_end, new_end) as indices into the
        old and new text (approximate around split pairs, exact elsewhere)."""
        if rng is None:
            old_len = len(self.text)
            self.set(new)
            return 0, old_len, len(self.text)
        (sl, sc), (el, ec) = rng
        if (el, ec) < (sl, sc):
            raise InvalidEdit(f"range end {el}:{ec} is before its start {sl}:{sc}")
        i, split_i = self.index(sl, sc)
        j, split_j = self.index(el, ec)
        t = self.text
        prefix = t[:i] + (_high(t[i]) if split_i else "")
        suffix = (_low(t[j]) if split_j else "") + t[j + 1 if split_j else j:]
        joined = prefix + new + suffix
        self.text = canonical(joined) if (split_i or split_j or _has_surrogate(new)
                                          or _has_surrogate(prefix[-1:]) or _has_surrogate(suffix[:1])) else joined
        self.starts = line_starts(self.text)
        return i, j, len(self.text) - (len(t) - j)

    def utf16(self) -> bytes:
        """The text as the editor holds it (for comparisons)."""
        return self.text.encode("utf-16-le", "surrogatepass")

    def position_of_index(self, idx: int) -> tuple[int, int]:
        """(line, UTF-16 column) of an index; an index inside a terminator is the line's end."""
        idx = max(0, min(idx, len(self.text)))
        line = bisect.bisect_right(self.starts, idx) - 1
        start = self.starts[line]
        return line, utf16_len(self.text[start:min(idx, self.line_end(line))])



_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")


def _boundary(data: bytes, off: int) -> int:
    """The start of the UTF-8 sequence `off` falls in (never splits a character)."""
    off = max(0, min(off, len(data)))
    while 0 < off < len(data) and (data[off] & 0xC0) == 0x80:
        off -= 1
    return off


def _units(b: bytes) -> int:
    if b.isascii():
        return len(b)
    return utf16_len(b.decode("utf-8", "surrogatepass") if _decodes(b) else b.decode("utf-8", "replace"))


def _decodes(b: bytes) -> bool:
    try:
        b.decode("utf-8", "surrogatepass")
        return True
    except UnicodeDecodeError:
        return False


class ByteLines:
    """Positions in one file's bytes, both ways: the front end's (row, byte column), whose
    rows end at `\n` only as in Go and tree-sitter, and LSP's (line, UTF-16 column), whose
    lines end at `\n`, `\r\n` or `\r`. A position inside a line terminator is the end of
    that line (so a CRLF line's range never covers its `\r`)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.rows = [0]
        i = data.find(b"\n")
        while i >= 0:
            self.rows.append(i + 1)
            i = data.find(b"\n", i + 1)
        self.lines = [0] + [m.end() for m in _BYTE_BREAK.finditer(data)]

    def row(self, n: int) -> bytes:
        """The bytes of a front-end row, without its `\n`."""
        if n < 0 or n >= len(self.rows):
            return b""
        end = self.rows[n + 1] - 1 if n + 1 < len(self.rows) else len(self.data)
        return self.data[self.rows[n]:end]

    def offset(self, row: int, col: int) -> int:
        if row < 0:
            return 0
        if row >= len(self.rows):
            return len(self.data)
        end = self.rows[row + 1] - 1 if row + 1 < len(self.rows) else len(self.data)
        return min(self.rows[row] + max(0, col), end)

    def line_end(self, line: int) -> int:
        if line + 1 < len(self.lines):
            end = self.lines[line + 1]
            if self.data[end - 1:end] == b"\n" and self.data[end - 2:end - 1] == b"\r":
                return end - 2
            return end - 1
        return len(self.data)

    def lsp_position(self, offset: int) -> tuple[int, int]:
        offset = _boundary(self.data, offset)
        line = bisect.bisect_right(self.lines, offset) - 1
        offset = min(offset, self.line_end(line))
        return line, _units(self.data[self.lines[line]:offset])

    def position(self, row: int, col: int) -> tuple[int, int]:
        """Front-end (row, byte column) -> LSP (line, UTF-16 column)."""
        return self.lsp_position(self.offset(row, col))

    def lsp_offset(self, line: int, char: int) -> int:
        """LSP (line, UTF-16 column) -> byte offset (clamped to the line; inside a pair,
        the pair's start)."""
        if line < 0:
            return 0
        if line >= len(self.lines):
            return len(self.data)
        start, end = self.lines[line], self.line_end(line)
        seg = self.data[start:end]
        if seg.isascii():
            return start + min(max(0, char), len(seg))
        units = 0
        off = start
        text = seg.decode("utf-8", "surrogatepass") if _decodes(seg) else seg.decode("utf-8", "replace")
        for c in text:
            w = 2 if ord(c) > 0xFFFF else 1
            if units + w > char:
                break
            units += w
            off += len(c.encode("utf-8", "surrogatepass"))
        return min(off, end)

    def point(self, line: int, char: int) -> tuple[int, int]:
        """LSP (line, UTF-16 column) -> front-end (row, byte column)."""
        off = self.lsp_offset(line, char)
        row = bisect.bisect_right(self.rows, off) - 1
        return row, off - self.rows[row]


def _high(c: str) -> str:
    cp = ord(c) - 0x10000
    return chr(0xD800 + (cp >> 10))


def _low(c: str) -> str:
    cp = ord(c) - 0x10000
    return chr(0xDC00 + (cp & 0x3FF))
