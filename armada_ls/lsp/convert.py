"""Conversions at the protocol edge: URIs and paths, UTF-16 and byte columns, diagnostics.

The engine counts columns in bytes (tree-sitter); LSP counts UTF-16 code units. Every
position crosses here, computed against the exact text the engine analysed.
"""

from __future__ import annotations

from collections.abc import Callable

from lsprotocol import types as lsp
from pygls import uris

from goose import ir
from goose.diagnostics import Diagnostic, Severity
from goose.source import byte_col as source_byte_col
from goose.source import utf16_col

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
    """Line access for one file's bytes (line starts computed once)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.starts = [0]
        i = data.find(b"\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = data.find(b"\n", i + 1)

    def line(self, n: int) -> bytes:
        if n < 0 or n >= len(self.starts):
            return b""
        end = self.starts[n + 1] - 1 if n + 1 < len(self.starts) else len(self.data)
        return self.data[self.starts[n]:end]

    def to_utf16(self, line: int, byte_col: int) -> lsp.Position:
        return lsp.Position(max(0, line), utf16_col(self.line(line), byte_col))

    def to_byte(self, line: int, char: int) -> int:
        return source_byte_col(self.line(line), char)

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
