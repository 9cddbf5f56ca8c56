"""Conversions at the protocol edge: URIs and paths, UTF-16 and byte columns, diagnostics.

The engine counts columns in bytes (tree-sitter); LSP counts UTF-16 code units. Every
position crosses here, computed against the exact text the engine analysed.
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types as lsp
from pygls import uris

from armada_ls.engine.text import ByteLines
from goose import ir
from goose.diagnostics import Diagnostic, Severity

SOURCE = "armada"

_SEVERITY = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
    Severity.HINT: lsp.DiagnosticSeverity.Hint,
}

DataOf = Callable[[str], bytes]  # path -> the file's bytes (open document or disk)


def to_path(uri: str) -> str:
    return uris.to_fs_path(uri) or uri


def to_uri(path: str) -> str:
    return uris.from_fs_path(path) or path


class Lines:
    """Positions in one file's bytes: the engine's (row, byte column) <-> LSP's (line,
    UTF-16 column). Rows end at `\n` (Go, tree-sitter); LSP lines also at `\r\n` and a lone
    `\r` (see `armada_ls.engine.text.ByteLines`)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self._b = ByteLines(data)

    def line(self, row: int) -> bytes:
        """The bytes of one front-end row (without `\n`; a CRLF row keeps no `\r`)."""
        return self._b.row(row).removesuffix(b"\r")

    def to_utf16(self, row: int, byte_col: int) -> lsp.Position:
        line, char = self._b.position(max(0, row), byte_col)
        return lsp.Position(line, char)

    def point(self, line: int, char: int) -> tuple[int, int]:
        """An LSP position -> the engine's (row, byte column)."""
        return self._b.point(line, char)

    def to_byte(self, line: int, char: int) -> int:
        """The byte column of an LSP position (in the row that position falls in)."""
        return self._b.point(line, char)[1]

    def lsp_line(self, line: int) -> bytes:
        """The bytes of one LSP line (without its terminator)."""
        if line < 0 or line >= len(self._b.lines):
            return b""
        return self.data[self._b.lines[line]:self._b.line_end(line)]

    def range(self, span: ir.Span) -> lsp.Range:
        return lsp.Range(self.to_utf16(span.start.line, span.start.col),
                         self.to_utf16(span.end.line, span.end.col))


class LineCache:
    """`Lines` per path for one conversion pass."""

    def __init__(self, data_of: DataOf) -> None:
        self._data_of = data_of
        self._lines: dict[str, Lines] = {}

    def __call__(self, path: str) -> Lines:
        lines = self._lines.get(path)
        if lines is None:
            lines = self._lines[path] = Lines(self._data_of(path))
        return lines


def diagnostic(d: Diagnostic, lines: LineCache) -> lsp.Diagnostic:
    message = d.message
    cex = d.data.get("counterexample")
    if isinstance(cex, list) and cex:
        message += "\ncounterexample:\n  " + "\n  ".join(str(c) for c in cex)
    related = [
        lsp.DiagnosticRelatedInformation(
            lsp.Location(to_uri(r.file), lines(r.file).range(r.span)), r.message)
        for r in d.related
    ]
    data = {k: v for k, v in d.data.items() if k != "traceback"}
    return lsp.Diagnostic(
        range=lines(d.file).range(d.span),
        message=message,
        severity=_SEVERITY.get(d.severity, lsp.DiagnosticSeverity.Error),
        code=d.code,
        source=SOURCE,
        related_information=related or None,
        data=data or None,
    )
