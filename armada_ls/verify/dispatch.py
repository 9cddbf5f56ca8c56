"""The table the symbolic executor finds its statement handlers in.

executor.py runs blocks, straight-line statements and ghost steps itself and hands loops,
returns, calls, `go` and lock construction to the modules that own those rules. Those
modules register here and type against the executor's protocol (stepper.py), so none of
them imports executor.py and executor.py imports none of them: the import graph stays
one-way (handlers -> dispatch <- executor). api.py imports the handler modules once, which
fills the table; a missing entry is an internal error, never a skipped statement.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_TABLE: dict[str, Callable[..., Any]] = {}


def handles(name: str) -> Callable[[F], F]:
    """Register the decorated function (or class) as the handler called `name`."""

    def register(f: F) -> F:
        if name in _TABLE and _TABLE[name] is not f:
            raise RuntimeError(f"two handlers for {name!r}: {_TABLE[name]!r} and {f!r}")
        _TABLE[name] = f
        return f

    return register


def handler(name: str) -> Callable[..., Any]:
    try:
        return _TABLE[name]
    except KeyError:
        raise RuntimeError(f"no handler for {name!r}: armada_ls.verify.api loads them") from None
