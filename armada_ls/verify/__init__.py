"""The verifier: symbolic execution of the Goose IR with Z3 (see api.py for the modes and
ARCHITECTURE.md for where it sits). Public API: `verify_function`, `verify_package`.

Loaded on first use: importing a submodule (`armada_ls.verify.result`, which the engine
needs to read cached results) does not import the whole verifier and Z3, so a run that
finds every function in the cache starts faster."""

from __future__ import annotations

from typing import Any

__all__ = ["verify_function", "verify_package"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
