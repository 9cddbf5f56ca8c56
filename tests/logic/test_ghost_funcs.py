"""Ghost functions and predicates declared in annotations (`ghost func`, `predicate`): parsed
at package level, their bodies type-checked in a scope of their parameters, callable from any
annotation; recursion needs `decreases`, mutual recursion and state in a body are errors."""

from __future__ import annotations

import pytest

from armada_ls.logic import annotate
from armada_ls.logic.parser import parse_text
from armada_ls.logic.pretty import show_clause
from goose.frontend import check_source

HEAD = """package p

import "armada/goose/machine/disk"

const N uint64 = 4

"""

SUM = """//@ ghost func sum(b []byte, n uint64) uint64 {
//@   decreases n
//@   return n == 0 ? 0 : sum(b, n-1) + uint64(b[n-1])
//@ }
"""

USE = """
//@ requires len(b) >= N && small(sum(b, N))
func use(b []byte) uint64 {
	return uint64(len(b))
}

var _ = disk.BlockSize
"""


def _diags(src: str) -> list[tuple[str, str]]:
    res = check_source("p.go", HEAD + src)
    assert res.package is not None, res.diagnostics
    _, diags = annotate(res.package)
    return [(d.code, d.message) for d in diags]


def test_ghost_function_and_predicate_resolve() -> None:
    src = SUM + "\n//@ predicate small(x uint64) { x < 4 * 255 }\n" + USE
    res = check_source("p.go", HEAD + src)
    assert res.package is not None
    ann, diags = annotate(res.package)
    assert diags == []
    assert set(ann.ghost_funcs) == {"sum", "small"}
    assert ann.ghost_funcs["small"].predicate


def test_ghost_declaration_prints_back() -> None:
    (g,), errors = parse_text(SUM.replace("//@ ", "").replace("//@", ""))
    assert not errors
    assert show_clause(g) == ("ghost func sum(b []byte, n uint64) uint64 { decreases n; "
                              "return n == 0 ? 0 : sum(b, n - 1) + uint64(b[n - 1]) }")


CASES = [
    # recursion without a measure
    ("//@ ghost func f(n uint64) uint64 {\n//@   return n == 0 ? 0 : f(n-1)\n//@ }\n",
     "annot/ghost", "is recursive: give it `decreases m`"),
    # mutual recursion
    ("//@ ghost func f(n uint64) uint64 { decreases n; return n == 0 ? 0 : g(n-1) }\n\n"
     "//@ ghost func g(n uint64) uint64 { decreases n; return n == 0 ? 0 : f(n-1) }\n",
     "annot/ghost", "mutual recursion is not supported"),
    # a body of the wrong type
    ("//@ ghost func f(n uint64) uint64 { return n > 0 }\n", "annot/type", "cannot return bool as uint64"),
    # a predicate whose body is not boolean
    ("//@ predicate p(n uint64) { n + 1 }\n", "annot/type", "expected a boolean assertion"),
    # an unknown name in a body
    ("//@ ghost func f(n uint64) uint64 { return n + m }\n", "annot/unknown-name", "unknown name 'm'"),
    # state in a body
    ("//@ predicate p(a uint64) { disk.D[a][0] == 1 }\n", "annot/ghost", "'disk.D' is state"),
    # a wrong call: arity, argument type
    ("//@ ghost func f(n uint64) uint64 { return n }\n\n//@ crash_inv f(1, 2) == 1\n",
     "annot/arity", "f takes 1 argument(s), got 2"),
    ("//@ ghost func f(n uint64) uint64 { return n }\n\n//@ crash_inv f(true) == 1\n",
     "annot/type", "f's n is uint64, found bool"),
    # duplicates: twice, a Go function's name, a constant's
    ("//@ predicate p(n uint64) { n > 0 }\n\n//@ predicate p(n uint64) { n > 1 }\n",
     "annot/duplicate", "declared twice"),
    ("//@ predicate use(n uint64) { n > 0 }\n" + USE.replace("small(sum(b, N))", "true"),
     "annot/duplicate", "has the name of a Go function"),
    ("//@ predicate N(n uint64) { n > 0 }\n", "annot/duplicate", "has the name of a constant"),
    # a non-integer measure
    ("//@ ghost func f(n uint64) uint64 { decreases n > 0; return n == 0 ? 0 : f(n-1) }\n",
     "annot/type", "a decreases measure must be an integer"),
    # ghost code that is not a function
    ("//@ ghost var x uint64\n", "annot/syntax", "expected 'func'"),
]


@pytest.mark.parametrize(("src", "code", "text"), CASES, ids=[str(k) for k in range(len(CASES))])
def test_ghost_function_errors(src: str, code: str, text: str) -> None:
    diags = _diags(src)
    assert any(c == code and text in m for c, m in diags), diags


def test_ghost_declaration_on_a_function_is_misplaced() -> None:
    src = ("//@ requires x > 0\n//@ ghost func f(n uint64) uint64 { return n }\n"
           "func h(x uint64) uint64 {\n\treturn x\n}\n")
    diags = _diags(src)
    assert any(c == "annot/placement" and "package level" in m for c, m in diags), diags


def test_the_documented_example_is_a_tested_program() -> None:
    """docs/annotations.md's ghost function example is the annotations of a verified test
    program (tests/verify/programs/ghostfn_rec_checksum), line for line."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    doc = (root / "docs" / "annotations.md").read_text()
    section = doc[doc.index("## ghost func and predicate"):]
    block = section[section.index("```go") + 5:section.index("```", section.index("```go") + 5)]
    program = (root / "tests" / "verify" / "programs" / "ghostfn_rec_checksum" / "record.go").read_text()
    lines = [ln for ln in block.splitlines() if ln.strip()]
    assert len(lines) >= 5
    for ln in lines:
        assert ln in program, ln
