"""Lists in annotations (slices of anything but bytes): `[]T{..}` literals, `append(l, x)`,
`append(l, m...)`, slicing, and the errors a wrong use gets, through the real front end."""

from __future__ import annotations

import pytest

from armada_ls.logic import annotate
from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from armada_ls.logic.resolve import walk
from goose import types as T
from goose.diagnostics import Diagnostic
from goose.frontend import check_source

SRC = """package q

type Msg struct {
	ID   uint64
	Body uint64
}

//@ spec Q {
//@   state q: []uint64
//@   state box: map[uint64][]Msg
//@   op Push(x uint64) { q = append(q, x) }
//@   op Drop(i uint64) { if i < len(q) { q = append(q[:i], q[i+1:]...) } }
//@   op Put(u uint64, b uint64) { box[u] = append(box[u], Msg{ID: len(box[u]), Body: b}) }
//@   op Clear(u uint64) { box[u] = []Msg{} }
//@   op Two() []uint64 { return []uint64{1, 2} }
//@   crash { }
//@ }
"""


def run(src: str) -> tuple[A.Annotations, list[Diagnostic]]:
    res = check_source("/virtual/q/q.go", src)
    assert res.package is not None
    return annotate(res.package)


def _exprs(anns: A.Annotations) -> list[A.LExpr]:
    out: list[A.LExpr] = []

    def stmts(ss: list[A.SpecStmt]) -> None:
        for s in ss:
            for f in ("value", "cond", "target"):
                e = getattr(s, f, None)
                if isinstance(e, A.LExpr):
                    out.extend(walk(e))
            for f in ("then", "els"):
                stmts(getattr(s, f, []) or [])

    for op in anns.specs["Q"].ops:
        stmts(op.body)
    return out


def test_list_constructs_resolve_with_list_types() -> None:
    anns, diags = run(SRC)
    assert diags == [], [d.format() for d in diags]
    calls = [e for e in _exprs(anns) if isinstance(e, A.LCall) and e.fn == "append"]
    assert {show(c) for c in calls} == {"append(q, x)", "append(q[:i], q[i + 1:]...)",
                                        "append(box[u], Msg{ID: len(box[u]), Body: b})"}
    assert all(c.type == T.Slice(T.UINT64) or isinstance(c.type, T.Slice) for c in calls)
    spread = [c for c in calls if c.spread]
    assert len(spread) == 1
    lists = [e for e in _exprs(anns) if isinstance(e, A.LList)]
    assert sorted(show(x) for x in lists) == ["[]Msg{}", "[]uint64{1, 2}"]
    assert all(isinstance(x.type, T.Slice) for x in lists)


BAD = [
    ("q = append(q, x)", "q = append(q, true)", "annot/type", "cannot append an element of type"),
    ("q = append(q, x)", "q = append(q)", "annot/arity", "append takes a list and at least one element"),
    ("q = append(q, x)", "q = append(x, x)", "annot/type", "append needs a list"),
    ("q = append(q[:i], q[i+1:]...)", "q = append(q[:i], i...)", "annot/type", "cannot append the elements of"),
    ("q = append(q[:i], q[i+1:]...)", "q = append(q[:i], q, q...)", "annot/arity", "append(l, m...) takes two lists"),
    ("q = append(q[:i], q[i+1:]...)", "q = append(q..., q)", "annot/syntax", "expected ')' after a spread argument"),
    ("if i < len(q)", "if i < len(q...)", "annot/arity", "only append takes a spread argument"),
    ("return []uint64{1, 2}", "return []uint64{1, true}", "annot/type", "cannot put an element of type"),
    ("return []uint64{1, 2}", "return []byte{1, 2}", "annot/type", "a []byte literal"),
    ("box[u] = []Msg{}", "box[u] = []Nope{}", "annot/unknown-name", "unknown type 'Nope'"),
]


@pytest.mark.parametrize("old,new,code,message", BAD)
def test_wrong_list_use_is_an_error(old: str, new: str, code: str, message: str) -> None:
    assert old in SRC, old
    _, diags = run(SRC.replace(old, new))
    assert any(d.code == code and message in d.message for d in diags), [d.format() for d in diags]
