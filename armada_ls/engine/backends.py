"""The engine's view of the layers below it, each guarded.

The front end, the annotation language, the verifier and the explorer land independently.
Until one is importable the engine reports that piece as unavailable (never as a success);
once it is there nothing above this module changes. Every lookup is by the contract's name.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Any

# Implementations used by worker processes, as "module:function". Tests may point these at
# stand-ins through the environment (see `substitute`); production never does.
VERIFY_IMPL = "armada_ls.verify:verify_function"
EXPLORE_IMPL = "armada_ls.explore:explore"


def substitute(path: str) -> str:
    """`path`, or the stand-in ARMADA_TEST_IMPLS="a:b=c:d,..." names for it (tests only)."""
    for pair in os.environ.get("ARMADA_TEST_IMPLS", "").split(","):
        src, _, dst = pair.partition("=")
        if src == path and dst:
            return dst
    return path


def lookup(path: str) -> Callable[..., Any] | None:
    """The callable named `module:attr` (or its test stand-in), or None when it does not
    exist (yet)."""
    module, _, attr = substitute(path).partition(":")
    try:
        mod = importlib.import_module(module)
    except Exception:  # not there yet, or half-written: unavailable either way
        return None
    fn = getattr(mod, attr, None)
    return fn if callable(fn) else None


def load_package() -> Callable[..., Any] | None:
    return lookup("goose.frontend:load_package")


def annotate() -> Callable[..., Any] | None:
    return lookup("armada_ls.logic:annotate")


def model_printer() -> Callable[..., Any] | None:
    return lookup("goose.printer:model")


def pretty() -> Callable[..., Any] | None:
    return lookup("armada_ls.logic.pretty:show")


def source_file_class() -> Any:
    """goose.source.SourceFile (present from the start of the project)."""
    from goose.source import SourceFile

    return SourceFile
