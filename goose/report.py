"""Collects the diagnostics of one front-end run."""

from __future__ import annotations

import tree_sitter as ts

from goose import rejections
from goose.cst import span
from goose.diagnostics import Diagnostic, Severity
from goose.ir import Span


class Reporter:
    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []
        self._seen: set[tuple[str, int, int, int, int, str]] = set()

    def add(self, file: str, where: ts.Node | Span, code: str, category: str, message: str) -> None:
        sp = span(where) if isinstance(where, ts.Node) else where
        key = (file, sp.start.line, sp.start.col, sp.end.line, sp.end.col, code)
        if key in self._seen:
            return
        self._seen.add(key)
        sev = Severity.ERROR if category in ("syntax", "unsupported", "future", "error") else Severity.WARNING
        self.diagnostics.append(Diagnostic(file, sp, code, category, message, sev))

    def reject(self, file: str, where: ts.Node | Span, construct: str, detail: str = "") -> None:
        code, category, msg = rejections.message(construct)
        if detail:
            msg = f"{detail}: {msg}"
        self.add(file, where, code, category, msg)

    def type_error(self, file: str, where: ts.Node | Span, message: str, code: str = "goose/type") -> None:
        self.add(file, where, code, "error", message)
