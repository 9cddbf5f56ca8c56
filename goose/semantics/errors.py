"""How an execution goes wrong: undefined behaviour, a Go panic.

Both carry the span of the statement or expression that failed. Undefined behaviour is
detected before the offending step would execute and is never executed.
"""

from __future__ import annotations

from goose.ir import NO_SPAN, Span

# Kinds of undefined behaviour (stable codes used in reports).
UB_RACE = "data-race"
UB_MAP_ITER = "map-write-during-range"
UB_OOB = "out-of-bounds"
UB_NIL = "nil-dereference"
UB_DELETE_MISSING = "delete-missing-file"
UB_APPEND_LIMIT = "append-over-limit"
UB_BAD_FD = "bad-file-descriptor"
UB_MISSING_FILE = "missing-file"
UB_BAD_NAME = "bad-file-name"
UB_DISK_ADDR = "disk-address-out-of-range"
UB_BLOCK_SIZE = "bad-block-size"
UB_UNLOCK = "unlock-of-unlocked-mutex"
UB_NIL_MAP = "nil-map-write"


class ExecError(Exception):
    """An execution stopped: `kind`, a message a person can read, and where."""

    kind = "error"

    def __init__(self, code: str, message: str, span: Span = NO_SPAN, file: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.span = span
        self.file = file


class UndefinedBehavior(ExecError):
    kind = "undefined-behavior"


class GoPanic(ExecError):
    """`panic(v)` or a run-time error Go defines as a panic (division by zero)."""

    kind = "panic"


class Unsupported(ExecError):
    """A construct the semantics does not model (a front-end bug if it reaches here)."""

    kind = "unsupported"
