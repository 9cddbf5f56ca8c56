"""Diagnostics shared by every layer: front end, annotation language, verifier, explorer.

A diagnostic has a stable `code` (`goose/interface`, `annot/unknown-name`, ...), a
`category` (`syntax`, `unsupported`, `future`, `error`, `warning`, `info`), a message that
says what to do, and an exact span in `file`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import Enum

from goose.ir import Span


class Severity(Enum):
    ERROR = 1
    WARNING = 2
    INFO = 3
    HINT = 4


@dataclass
class Related:
    file: str
    span: Span
    message: str


@dataclass
class Diagnostic:
    file: str
    span: Span
    code: str
    category: str  # syntax | unsupported | future | error | warning | info
    message: str
    severity: Severity = Severity.ERROR
    related: list[Related] = field(default_factory=list)
    data: dict[str, object] = field(default_factory=dict)  # e.g. a quick fix's text

    def format(self) -> str:
        """`file:line:col: category: message [code]` (1-based), as `goose check` prints."""
        s = self.span.start
        return f"{self.file}:{s.line + 1}:{s.col + 1}: {self.category}: {self.message} [{self.code}]"

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.span.start.line, self.span.start.col, self.code)


def display_path(path: str) -> str:
    """`path` relative to the working directory when it is below it (as compilers print)."""
    try:
        r = os.path.relpath(path)
    except ValueError:
        return path
    return path if r.startswith("..") else r
