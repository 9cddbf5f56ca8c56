"""annotate() never raises, whatever the annotations say (the language server relies on it)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from armada_ls.logic import annotate
from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from armada_ls.logic.resolve import walk
from goose.frontend import check_source
from tests.logic.annot_strategies import exprs

PIECES = [
    "spec S { state n uint64; op F(x uint64) uint64 { return n } }",
    "spec ",
    "state ",
    "op ",
    "crash ",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ",",
    ";",
    "::",
    "==>",
    "==",
    "&&",
    "||",
    "!",
    "-",
    "+",
    "?",
    ":",
    "=",
    ">=",
    " ",
    "\n",
    "requires ",
    "ensures ",
    "invariant ",
    "decreases ",
    "crash_inv ",
    "lock_inv(i) ",
    "lock_inv ",
    "linearize",
    "helping ",
    "complete? ",
    "recover",
    "init",
    "assert ",
    "implements ",
    "explore { goroutines 2; domain uint64 = {0}; thread { F(0) } }",
    "forall a uint64 :: ",
    "exists b T :: ",
    "old(",
    "len(",
    "lease(",
    "durable(",
    "failed(",
    "acc(",
    "block(",
    "helping(",
    "gen",
    "nil",
    "true",
    "0",
    "1",
    '"s"',
    "a",
    "v",
    "d",
    "x",
    "n",
    "ret",
    "S.n",
    "S.F(",
    "Disk.Write(",
    "twodisk.D1[",
    "twodisk.Disk1",
    "filesys.Dirs[",
    "d.mu",
    "d.n",
    "uint64",
    "map[uint64]bool",
    "[]byte",
    "RepDisk",
]

TEMPLATE = """package p

import (
	"sync"

	"armada/goose/machine/twodisk"
)

{pkg}

type D struct {{
	mu *sync.Mutex {field}
	n  uint64
}}

{func}
func (d *D) F(x uint64) uint64 {{
	{stmt}
	for i := uint64(0); i < x; i++ {{
		{loop}
		_, _ = twodisk.Read(twodisk.Disk1, i) {trailing}
	}}
	return d.n
}}
"""

texts = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


def _group(text: str) -> str:
    return "\n".join("//@ " + line for line in text.split("\n"))


@settings(max_examples=120, deadline=None)
@given(texts, texts, texts, texts, texts, st.text(max_size=20))
def test_annotate_never_raises(
    pkg: str, field: str, fn: str, stmt: str, loop: str, junk: str
) -> None:
    src = TEMPLATE.format(
        pkg=_group(pkg),
        field="//@ " + field.replace("\n", " "),
        func=_group(fn),
        stmt=_group(stmt).replace("\n", "\n\t"),
        loop=_group(loop).replace("\n", "\n\t\t"),
        trailing="//@ " + junk.replace("\n", " ").replace("\r", " "),
    )
    res = check_source("/virtual/p/p.go", src)
    if res.package is None:
        return
    anns, diags = annotate(res.package)
    for d in diags:
        assert d.code.startswith("annot/")
        assert d.span.start <= d.span.end


WELL_FORMED = """package p

import (
	"sync"

	"armada/goose/machine/twodisk"
)

const DiskSize uint64 = 4

//@ spec Disk {
//@   state blocks map[uint64]twodisk.Block
//@   op Write(a uint64, v twodisk.Block) { blocks[a] = v }
//@ }

//@ crash_inv {e}

type D struct {
	mu *sync.Mutex //@ lock_inv {e}
	n  uint64
}

//@ requires {e}
//@ ensures {e}
func (d *D) F(a uint64, b uint64, x uint64) uint64 {
	_ = d.n //@ assert {e}
	return x
}
"""


@settings(max_examples=150, deadline=None)
@given(exprs)
def test_well_formed_expressions_never_raise(e: A.LExpr) -> None:
    text = show(e)
    src = WELL_FORMED.replace("{e}", text)
    res = check_source("/virtual/p/p.go", src)
    assert res.package is not None
    anns, diags = annotate(res.package)
    assert all(d.code != "annot/syntax" for d in diags), [d.format() for d in diags]
    if not diags:
        conds = [c.cond for c in anns.crash_invs] + [i.cond for i in anns.lock_invs.values()]
        conds += [
            c.cond
            for cs in [*anns.funcs.values(), *anns.stmts.values()]
            for c in cs
            if hasattr(c, "cond")
        ]
        for cond in conds:
            assert all(sub.type is not None for sub in walk(cond)), text
