"""`pure` functions: their bodies are checked to be one side-effect-free `return e`, recursive
only directly and with `decreases`; they may be called in annotations with their parameters'
types."""

from __future__ import annotations

import pytest

from armada_ls.logic import annotate
from goose.frontend import check_source

HEAD = """package p

import "armada/goose/machine/prims"

"""

CASES = [
    ("//@ pure\nfunc f(x uint64) uint64 {\n\treturn f(x)\n}\n", "it is recursive without `decreases`"),
    ("//@ pure\n//@ decreases x\nfunc f(x uint64) uint64 {\n\treturn g(x)\n}\n\n//@ pure\n//@ decreases x\n"
     "func g(x uint64) uint64 {\n\treturn f(x)\n}\n", "mutual recursion is not supported"),
    ("//@ pure\nfunc f(b []byte) uint64 {\n\treturn uint64(len(append(b, 1)))\n}\n", "`append` has an effect"),
    ("//@ pure\nfunc f(x uint64) uint64 {\n\ty := x\n\treturn y\n}\n", "a single `return e`"),
    ("func h(x uint64) uint64 {\n\treturn x\n}\n\n//@ pure\nfunc f(x uint64) uint64 {\n\treturn h(x)\n}\n",
     "calls h, which is not pure"),
]


def _errors(src: str) -> list[str]:
    res = check_source("p.go", HEAD + src)
    assert res.package is not None, res.diagnostics
    _, diags = annotate(res.package)
    return [d.message for d in diags]


@pytest.mark.parametrize(("src", "why"), CASES)
def test_impure_or_recursive_function_is_rejected(src: str, why: str) -> None:
    assert any("cannot be pure" in m and why in m for m in _errors(src)), _errors(src)


def test_pure_function_is_callable_in_annotations() -> None:
    src = ("//@ pure\n//@ requires len(b) >= 8\nfunc dec(b []byte) uint64 {\n\treturn prims.UInt64Get(b)\n}\n\n"
           "//@ requires len(b) >= 8 && dec(b) == 3\nfunc use(b []byte) uint64 {\n\treturn dec(b)\n}\n")
    assert _errors(src) == []


def test_pure_function_call_is_type_checked() -> None:
    src = ("//@ pure\nfunc inc(x uint64) uint64 {\n\treturn x + 1\n}\n\n"
           "//@ requires inc(true) == 3\nfunc use(x uint64) uint64 {\n\treturn x\n}\n")
    assert any("inc's x is uint64" in m for m in _errors(src))


def test_recursive_pure_function_with_decreases_is_accepted() -> None:
    src = ("//@ pure\n//@ decreases n\nfunc zero(b []byte, n uint64) bool {\n"
           "\treturn n == 0 || (b[n-1] == 0 && zero(b, n-1))\n}\n")
    assert _errors(src) == []
