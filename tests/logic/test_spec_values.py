"""Struct literals, `has`, and `linearize k = e`: parsing, printing back, and the errors the
resolver reports for them."""

from __future__ import annotations

import pytest

from armada_ls.logic import annotate
from armada_ls.logic import ast as A
from armada_ls.logic.parser import parse_text
from armada_ls.logic.pretty import show_clause
from goose import types as T
from goose.frontend import check_source

SRC = """package sv

type Rec struct {
	Val uint64
	Ok  bool
}

//@ spec S {
//@   state cur: Rec
//@   state m: map[uint64]Rec
//@   op Put(r Rec) { cur = r; m[r.Val] = r }
//@   op Set(v uint64) { cur.Val = v; m[v].Ok = true }
//@   op Get() Rec { if cur == (Rec{}) { return Rec{Val: 1} }; return cur }
//@   op Size() uint64 { return len(m) }
//@   op Fresh() uint64 { choose x uint64 such that !has(m, x); m[x] = Rec{}; return x }
//@   crash { }
//@ }

type T struct{}

//@ implements S.Fresh
func (t *T) Fresh() uint64 {
	n := uint64(7) //@ linearize x = n
	return n
}
"""


def annotations(src: str) -> tuple[A.Annotations, list]:
    res = check_source("/virtual/sv/sv.go", src)
    assert res.package is not None
    return annotate(res.package)


def test_the_example_resolves() -> None:
    ann, diags = annotations(SRC)
    assert not [d for d in diags if d.category == "error"], [d.format() for d in diags]
    get = ann.specs["S"].op("Get")
    assert get is not None and isinstance(get.result, T.Named) and get.result.name == "Rec"


@pytest.mark.parametrize("text", [
    "ensures ret == Rec{Val: 1, Ok: true} && ret != Rec{}",
    "linearize x = uint64(n + 1), y = Rec{Val: x}",
    "spec S {\n  op A() {\n    if (r == Rec{}) {\n      r = Rec{Val: 1}\n    }\n  }\n}",
    "assert has(m, 3) ==> len(m) > 0",
])
def test_round_trip(text: str) -> None:
    items, errors = parse_text(text)
    assert not errors, [e.message for e in errors]
    shown = show_clause(items[0])
    again, errors = parse_text(shown)
    assert not errors and show_clause(again[0]) == shown


def test_an_if_condition_ends_at_its_block() -> None:
    items, errors = parse_text("spec S {\n  op A() { if c {} else { x = 1 } }\n}")
    assert not errors, [e.message for e in errors]
    body = items[0].ops[0].body  # type: ignore[union-attr]
    assert isinstance(body[0], A.SIf) and isinstance(body[0].cond, A.LName)


@pytest.mark.parametrize("old,new,code,message", [
    ("cur = r; m[r.Val] = r", "cur = Rec{Nope: 1}", "annot/type", "Rec has no field 'Nope'"),
    ("cur = r; m[r.Val] = r", "cur = Rec{Val: true}", "annot/type", "cannot use bool as uint64"),
    ("cur = r; m[r.Val] = r", "cur = Rek{}", "annot/unknown-name", "unknown struct type 'Rek'"),
    ("cur = r; m[r.Val] = r", "cur = Rec{Val: 1, Val: 2}", "annot/duplicate", "given twice"),
    ("return len(m)", "return len(cur)", "annot/type", "len needs a slice, map or string"),
    ("!has(m, x)", "!has(cur, x)", "annot/type", "has needs a map"),
    ("!has(m, x)", "!has(m, true)", "annot/type", "cannot use a key of type bool as uint64"),
])
def test_errors(old: str, new: str, code: str, message: str) -> None:
    assert old in SRC
    _, diags = annotations(SRC.replace(old, new, 1))
    assert any(d.code == code and message in d.message for d in diags), [d.format() for d in diags]
