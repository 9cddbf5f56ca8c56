"""Name resolution, type checking and placement, through the real front end."""

from __future__ import annotations

import pytest

from armada_ls.logic import annotate
from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show_clause
from armada_ls.logic.resolve import walk
from goose import types as T
from goose.diagnostics import Diagnostic
from goose.frontend import check_source

HEADER = """package rd

import (
	"sync"

	"armada/goose/machine/twodisk"
)

const DiskSize uint64 = 100

//@ spec Disk {
//@   state blocks: map[uint64]twodisk.Block
//@   op Read(a uint64) twodisk.Block { return blocks[a] }
//@   op Write(a uint64, v twodisk.Block) { blocks[a] = v }
//@   crash { }
//@ }
"""

REPDISK = (
    HEADER
    + """
//@ crash_inv forall a uint64 :: a < DiskSize ==>
//@   Disk.blocks[a] == twodisk.D2[a] &&
//@   (twodisk.D1[a] != twodisk.D2[a] && !failed(twodisk.Disk1) ==> helping(Disk.Write(a, twodisk.D1[a])))

type RepDisk struct {
	locks []*sync.Mutex //@ lock_inv(a) lease(twodisk.D1[a]) && lease(twodisk.D2[a]) && (twodisk.D1[a] == twodisk.D2[a] || failed(twodisk.Disk1))
}

//@ implements Disk.Write
func (d *RepDisk) Write(a uint64, v twodisk.Block) {
	d.locks[a].Lock()
	twodisk.Write(twodisk.Disk1, a, v) //@ helping Disk.Write(a, v)
	twodisk.Write(twodisk.Disk2, a, v) //@ linearize
	d.locks[a].Unlock()
}

//@ recover
func Recover() {
	for a := uint64(0); a < DiskSize; a++ {
		//@ invariant forall b uint64 :: b < a ==> twodisk.D1[b] == twodisk.D2[b] || failed(twodisk.Disk1)
		v, ok := twodisk.Read(twodisk.Disk1, a)
		if ok {
			twodisk.Write(twodisk.Disk2, a, v) //@ complete? Disk.Write(a, v)
		}
	}
}
"""
)


def run(src: str) -> tuple[A.Annotations, list[Diagnostic]]:
    res = check_source("/virtual/rd/rd.go", src)
    assert res.package is not None
    front = [d for d in res.diagnostics if not d.code.startswith("annot/")]
    assert front == [], [d.format() for d in front]
    return annotate(res.package)


def codes(diags: list[Diagnostic]) -> list[tuple[int, str]]:
    return [(d.span.start.line + 1, d.code) for d in diags]


def line_of(src: str, needle: str) -> int:
    """1-based line of the first line containing needle."""
    return next(k + 1 for k, line in enumerate(src.split("\n")) if needle in line)


# ---------------------------------------------------------------- the accepted example


def test_replicated_disk_resolves_cleanly() -> None:
    anns, diags = run(REPDISK)
    assert diags == [], [d.format() for d in diags]
    assert list(anns.specs) == ["Disk"]
    assert len(anns.crash_invs) == 1
    assert set(anns.funcs) == {"RepDisk.Write", "Recover"}
    assert set(anns.lock_invs) == {"RepDisk.locks"}
    kinds = {k: [type(c).__name__ for c in v] for k, v in anns.stmts.items()}
    assert sorted(kinds.values()) == [["Complete"], ["Helping"], ["Invariant"], ["Linearize"]]


def test_every_expression_is_typed_and_every_name_resolved() -> None:
    anns, _ = run(REPDISK)
    exprs: list[A.LExpr] = [anns.crash_invs[0].cond, anns.lock_invs["RepDisk.locks"].cond]
    for clauses in anns.stmts.values():
        for c in clauses:
            if isinstance(c, A.Invariant):
                exprs.append(c.cond)
            if isinstance(c, A.Helping | A.Complete):
                exprs += c.op.args
    for e in exprs:
        for sub in walk(e):
            assert sub.type is not None, sub
            assert sub.type != T.UNTYPED_INT
            if isinstance(sub, A.LName):
                assert sub.ref is not None, sub.name


def test_refs() -> None:
    anns, _ = run(REPDISK)
    names = {
        s.name: s.ref
        for s in walk(anns.crash_invs[0].cond)
        if isinstance(s, A.LName) and s.ref is not None
    }
    assert names["Disk.blocks"] == A.Ref("spec_state", "blocks", "Disk")
    assert names["twodisk.D1"] == A.Ref("machine", "D1", "twodisk")
    assert names["twodisk.Disk1"] == A.Ref("machine", "Disk1", "twodisk")
    assert names["DiskSize"] == A.Ref("const", "DiskSize", "")
    assert names["a"].kind == "bound"
    inv = anns.lock_invs["RepDisk.locks"]
    params = [s for s in walk(inv.cond) if isinstance(s, A.LName) and s.name == "a"]
    assert params and all(p.ref is not None and p.ref.kind == "lock_param" for p in params)
    loop_inv = next(c for v in anns.stmts.values() for c in v if isinstance(c, A.Invariant))
    a = next(s for s in walk(loop_inv.cond) if isinstance(s, A.LName) and s.name == "a")
    assert a.ref is not None and a.ref.kind == "local" and a.type == T.UINT64
    helping = next(c for v in anns.stmts.values() for c in v if isinstance(c, A.Helping))
    assert [x.ref.kind for x in helping.op.args if isinstance(x, A.LName) and x.ref] == [
        "param",
        "param",
    ]


# ---------------------------------------------------------------- error kinds


def _replace(old: str, new: str) -> str:
    assert old in REPDISK, old
    return REPDISK.replace(old, new)


ERRORS = [
    # unknown variable
    (
        "//@ helping Disk.Write(a, v)",
        "//@ helping Disk.Write(a, w)",
        "annot/unknown-name",
        "unknown name 'w'",
    ),
    # unknown spec / op
    (
        "//@ implements Disk.Write",
        "//@ implements Dsk.Write",
        "annot/unknown-op",
        "unknown spec 'Dsk'",
    ),
    (
        "//@ implements Disk.Write",
        "//@ implements Disk.Wrte",
        "annot/unknown-op",
        "has no op 'Wrte'",
    ),
    (
        "//@ complete? Disk.Write(a, v)",
        "//@ complete? Disk.Erase(a)",
        "annot/unknown-op",
        "no op 'Erase'",
    ),
    # wrong arity
    (
        "//@ helping Disk.Write(a, v)",
        "//@ helping Disk.Write(a)",
        "annot/arity",
        "takes 2 argument(s)",
    ),
    ("lock_inv(a) lease", "lock_inv lease", "annot/unknown-name", "unknown name 'a'"),
    # type mismatch: a Block compared with a uint64
    (
        "Disk.blocks[a] == twodisk.D2[a]",
        "Disk.blocks[a] == a",
        "annot/type",
        "cannot compare []byte with uint64",
    ),
    (
        "//@ helping Disk.Write(a, v)",
        "//@ helping Disk.Write(v, a)",
        "annot/type",
        "argument 1 of Disk.Write",
    ),
    ("!failed(twodisk.Disk1)", "!failed(twodisk.D1)", "annot/type", "failed needs a disk"),
    ("b < a ==>", "b < a + true ==>", "annot/type", "cannot combine"),
    ("a < DiskSize ==>", "a ==>", "annot/type", "needs booleans, found uint64"),
    # unknown names of specs and machine packages
    (
        "Disk.blocks[a] == twodisk.D2[a]",
        "Disk.blcks[a] == twodisk.D2[a]",
        "annot/unknown-name",
        "no state field 'blcks'",
    ),
    (
        "Disk.blocks[a] == twodisk.D2[a]",
        "Disk.blocks[a] == twodisk.D3[a]",
        "annot/unknown-name",
        "twodisk has no ghost",
    ),
    (
        "//@ helping Disk.Write(a, v)",
        "//@ helping Disk.Write(a, d.nope)",
        "annot/type",
        "has no field 'nope'",
    ),
    (
        "//@ helping Disk.Write(a, v)",
        "//@ helping Disk.Write(a, frob(v))",
        "annot/unknown-name",
        "unknown function 'frob'",
    ),
    (  # pkg.Func(..) parses; only the machine functions listed resolve
        "//@ helping Disk.Write(a, v)",
        "//@ helping Disk.Write(a, d.f(v))",
        "annot/unknown-name",
        "unknown function 'd.f'",
    ),
    # placement
    (
        "//@ helping Disk.Write(a, v)",
        "//@ crash_inv a < 1",
        "annot/placement",
        "'crash_inv' is not allowed on a statement",
    ),
    (
        "//@ implements Disk.Write\n",
        "",
        "annot/placement",
        "'helping' is only allowed in a function marked",
    ),
    # complete may sit anywhere (run-time helping); the crash step only in recovery
    ("//@ helping Disk.Write(a, v)", "//@ crash_step", "annot/placement",
     "'crash_step' is only allowed in the recovery function"),
    (
        "//@ helping Disk.Write(a, v)",
        "//@ requires a < 1",
        "annot/placement",
        "'requires' is not allowed on a statement",
    ),
    (
        "//@ implements Disk.Write",
        "//@ linearize",
        "annot/placement",
        "'linearize' is not allowed on a function",
    ),
    (
        "//@ linearize",
        "//@ invariant a < 1",
        "annot/placement",
        "'invariant' is not allowed on a statement",
    ),
    # linearizes: a helper's clause, never an op's, recovery's or a second one
    ("//@ implements Disk.Write\n", "//@ implements Disk.Write\n//@ linearizes Disk.Write(a, v)\n",
     "annot/duplicate", "is marked `implements`: `linearizes` is for a helper"),
    ("//@ recover\n", "//@ recover\n//@ linearizes Disk.Write(a, a)\n", "annot/duplicate",
     "is marked `recover`"),
    ("//@ implements Disk.Write\n", "//@ linearizes Disk.Read(a)\n", "annot/type",
     "Disk.Read returns a value: only an op without a result"),
    ("//@ implements Disk.Write\n", "//@ linearizes Disk.Write(a, 7)\n", "annot/type",
     "argument 2 of Disk.Write"),
    ("//@ implements Disk.Write\n", "//@ linearizes Disk.Write(a, v) if ret\n",
     "annot/unknown-name", "'ret'"),
    ("//@ implements Disk.Write\n", "//@ linearizes Disk.Write(a, v)\n", "annot/placement",
     "'helping' is only allowed in a function marked `implements Spec.Op`"),
    (
        "//@ recover",
        "//@ recover\n//@ requires old(DiskSize) > 0",
        "annot/placement",
        "old(e) is only meaningful",
    ),
]


@pytest.mark.parametrize("old,new,code,message", ERRORS)
def test_error(old: str, new: str, code: str, message: str) -> None:
    src = _replace(old, new)
    _, diags = run(src)
    matching = [d for d in diags if d.code == code and message in d.message]
    assert matching, [d.format() for d in diags]
    assert all(d.category == "error" for d in diags)


def test_error_position_is_exact() -> None:
    src = _replace("//@ helping Disk.Write(a, v)", "//@ helping Disk.Write(a, w)")
    _, diags = run(src)
    (d,) = diags
    line = line_of(src, "helping Disk.Write(a, w)")
    col = src.split("\n")[line - 1].index("w)")
    assert (d.span.start.line + 1, d.span.start.col, d.span.end.col) == (line, col, col + 1)
    assert d.file == "/virtual/rd/rd.go"


def test_arity_error_points_at_the_op() -> None:
    src = _replace("//@ helping Disk.Write(a, v)", "//@ helping Disk.Write(a)")
    _, diags = run(src)
    (d,) = diags
    text = src.split("\n")[d.span.start.line]
    assert text[d.span.start.col : d.span.end.col] == "Disk.Write(a)"


def test_lock_inv_not_on_a_mutex_field() -> None:
    src = HEADER + "\ntype S struct {\n\tn uint64 //@ lock_inv n > 0\n}\n"
    _, diags = run(src)
    assert codes(diags) == [(line_of(src, "lock_inv"), "annot/placement")]
    assert "must be on a mutex field" in diags[0].message


def test_lock_inv_arity() -> None:
    src = HEADER + "\ntype S struct {\n\tmu *sync.Mutex //@ lock_inv(a) a > 0\n}\n"
    _, diags = run(src)
    assert [d.code for d in diags] == ["annot/arity"]
    assert "takes no parameters" in diags[0].message


def test_lock_inv_sees_sibling_fields() -> None:
    src = HEADER + "\ntype S struct {\n\tmu *sync.Mutex //@ lock_inv n > 0\n\tn  uint64\n}\n"
    anns, diags = run(src)
    assert diags == []
    n = anns.lock_invs["S.mu"].cond
    assert isinstance(n, A.LBinary) and isinstance(n.x, A.LName)
    assert n.x.ref == A.Ref("field", "n", "S")


def test_implements_signature_must_match() -> None:
    src = (
        HEADER
        + "\n//@ implements Disk.Read\nfunc Read(a uint64, b uint64) uint64 {\n\treturn a\n}\n"
    )
    _, diags = run(src)
    got = sorted(d.code for d in diags)
    assert got == ["annot/arity", "annot/type"], [d.format() for d in diags]


def test_linearizes_parses_its_op_and_condition() -> None:
    src = _replace("//@ implements Disk.Write\n", "//@ linearizes Disk.Write(a, v) if a < DiskSize\n")
    src = src.replace("//@ helping Disk.Write(a, v)", "")
    ann, diags = run(src)
    assert not diags, [d.format() for d in diags]
    (cl,) = [c for c in ann.funcs["RepDisk.Write"] if isinstance(c, A.Linearizes)]
    assert show_clause(cl) == "linearizes Disk.Write(a, v) if a < DiskSize"


def test_implements_op_without_spec_name() -> None:
    src = (
        HEADER
        + "\n//@ implements Read\nfunc Read(a uint64) twodisk.Block {\n\tv, _ := twodisk.Read(twodisk.Disk1, a) //@ linearize\n\treturn v\n}\n"
    )
    anns, diags = run(src)
    assert diags == [], [d.format() for d in diags]
    (c,) = anns.funcs["Read"]
    assert isinstance(c, A.Implements) and c.spec == "Disk"


def test_scopes_leading_and_trailing() -> None:
    body = (
        "\n//@ implements Disk.Write\nfunc Write(a uint64, v twodisk.Block) {\n"
        "\t//@ assert ok\n"
        "\t_, ok := twodisk.Read(twodisk.Disk1, a) //@ assert ok || !ok\n"
        "\ttwodisk.Write(twodisk.Disk2, a, v) //@ linearize\n}\n"
    )
    src = HEADER + body
    _, diags = run(src)
    # the leading assert cannot see `ok` yet; the trailing one can
    assert codes(diags) == [(line_of(src, "assert ok"), "annot/unknown-name")]


def test_requires_ensures_and_results() -> None:
    src = (
        HEADER
        + "\n//@ requires a < DiskSize\n//@ ensures ret == a + 1 && old(a) == a\n"
        + "func inc(a uint64) uint64 {\n\treturn a + 1\n}\n"
        + "\n//@ ensures ret0 == a && ret1\nfunc two(a uint64) (uint64, bool) {\n\treturn a, true\n}\n"
        + "\n//@ requires ret == 0\nfunc bad(a uint64) uint64 {\n\treturn a\n}\n"
    )
    anns, diags = run(src)
    assert codes(diags) == [(line_of(src, "requires ret == 0"), "annot/unknown-name")]
    assert [type(c) for c in anns.funcs["inc"]] == [A.Requires, A.Ensures]


def test_loop_invariant_and_decreases_on_the_loop() -> None:
    src = (
        HEADER
        + "\nfunc sum(n uint64) uint64 {\n\tvar s uint64\n"
        + "\t//@ invariant i <= n\n\t//@ decreases n - i\n"
        + "\tfor i := uint64(0); i < n; i++ {\n\t\ts = s + i\n\t}\n\treturn s\n}\n"
    )
    anns, diags = run(src)
    assert diags == [], [d.format() for d in diags]
    (key,) = anns.stmts
    assert [type(c) for c in anns.stmts[key]] == [A.Invariant, A.Decreases]


def test_spec_body_errors() -> None:
    src = """package rd

//@ spec S {
//@   state n uint64
//@   state m map[uint64]string
//@   op A(x uint64) uint64 { return "s" }
//@   op B(x uint64) { x = 1 }
//@   op C() { return n }
//@   op D(k string) { delete(m, k) }
//@   op E() uint64 { choose y uint64 such that y > n; n = y; return y }
//@   op E() { }
//@   crash { return }
//@   init { n = q }
//@ }
"""
    _, diags = run(src)
    got = codes(diags)
    assert got == [
        (6, "annot/type"),  # return "s" from a uint64 op
        (7, "annot/assign"),  # assigning a parameter
        (8, "annot/type"),  # returning from an op without a result
        (9, "annot/type"),  # delete with a string key
        (11, "annot/duplicate"),
        (12, "annot/placement"),  # return in crash
        (13, "annot/unknown-name"),
    ], [d.format() for d in diags]


def test_explore_errors() -> None:
    src = HEADER + (
        "\n//@ explore {\n//@   goroutines 2; threads 3\n"
        "//@   domain uint64 = {0, block(1)}\n"
        "//@   thread { Write(0); Read(0) }\n//@ }\n"
    )
    anns, diags = run(src)
    assert sorted(d.code for d in diags) == ["annot/arity", "annot/type", "annot/unknown-name"], [
        d.format() for d in diags
    ]
    assert anns.explore and anns.explore[0].threads[0][1].spec == "Disk"


def test_explore_accepted() -> None:
    src = HEADER + (
        "\n//@ explore {\n//@   goroutines 2; ops 2; crashes 1; disk_failures 1\n"
        "//@   domain uint64 = {0, 1}\n//@   domain twodisk.Block = {block(0), block(1)}\n"
        "//@   thread { Write(0, block(1)); Read(0) }\n//@   after_crash { Read(0) }\n//@ }\n"
    )
    anns, diags = run(src)
    assert diags == [], [d.format() for d in diags]
    assert show_clause(anns.explore[0]).startswith("explore {")


def test_syntax_errors_become_diagnostics() -> None:
    src = HEADER + "\n//@ crash_inv forall a uint64 :: a <\nfunc f() {\n}\n"
    _, diags = run(src)
    assert [(d.code, d.category) for d in diags] == [("annot/syntax", "syntax")]
    assert diags[0].span.start.line + 1 == line_of(src, "crash_inv")


def test_range_loops_and_block_scopes() -> None:
    src = HEADER + (
        "\nfunc f(m map[uint64]string, s []uint64) {\n"
        "\tfor k, v := range m {\n"
        "\t\t//@ invariant k == k && v == v\n"
        "\t\t_ = k\n\t}\n"
        "\tfor i, x := range s {\n"
        "\t\t//@ invariant i < len(s) && x == x\n"
        "\t\t_ = i\n\t}\n"
        "\tif len(s) > 0 {\n\t\ty := uint64(1)\n\t\t_ = y\n\t}\n"
        "\tz := uint64(2) //@ assert z == 2\n"
        "\t_ = z //@ assert y == 1\n"
        "}\n"
    )
    anns, diags = run(src)
    assert codes(diags) == [(line_of(src, "assert y == 1"), "annot/unknown-name")], [
        d.format() for d in diags
    ]
    invs = [c for v in anns.stmts.values() for c in v if isinstance(c, A.Invariant)]
    kv = {s.name: s.type for c in invs for s in walk(c.cond) if isinstance(s, A.LName)}
    assert kv == {
        "k": T.UINT64,
        "v": T.STRING,
        "i": T.UINT64,
        "x": T.UINT64,
        "s": T.Slice(T.UINT64),
    }


def test_one_recovery_function() -> None:
    src = HEADER + "\n//@ recover\nfunc R1() {\n}\n\n//@ recover\nfunc R2() {\n}\n"
    _, diags = run(src)
    assert [d.code for d in diags] == ["annot/duplicate"]


def test_own_state_inside_a_spec_is_the_plain_field() -> None:
    src = "package rd\n\n//@ spec S {\n//@   state n uint64\n//@   op Set(x uint64) { S.n = x }\n//@ }\n"
    anns, diags = run(src)
    assert diags == []
    op = anns.specs["S"].op("Set")
    assert op is not None
    (stmt,) = op.body
    assert isinstance(stmt, A.SAssign) and isinstance(stmt.target, A.LName)
    assert stmt.target.name == "n" and stmt.target.ref == A.Ref("spec_state", "n", "S")
    assert stmt.value.type == T.UINT64


def test_unknown_names_get_suggestions() -> None:
    src = _replace("//@ helping Disk.Write(a, v)", "//@ helping Disk.Write(a, vv)")
    _, diags = run(src)
    assert "did you mean 'v'?" in diags[0].message
    src = _replace("//@ implements Disk.Write", "//@ implements Disk.Wirte")
    _, diags = run(src)
    assert any("did you mean 'Write'?" in d.message for d in diags)


def test_groups_at_the_top_of_a_loop_body_see_the_loop_variables() -> None:
    src = HEADER + (
        "\nfunc f(n uint64) {\n"
        "\t//@ assert n == n\n"
        "\tfor i := uint64(0); i < n; i++ { //@ invariant i <= n\n"
        "\t\t//@ assert i < n\n"
        "\t\t//@ invariant i < n + 1\n"
        "\t\t_ = i\n\t}\n}\n"
    )
    anns, diags = run(src)
    assert diags == [], [d.format() for d in diags]
    loop, first = sorted(anns.stmts.items())
    # the assert above the loop and the invariants belong to the loop; the assert at the
    # top of the body runs before the body's first statement, in every iteration
    assert sorted(type(c).__name__ for c in loop[1]) == ["Assert", "Invariant", "Invariant"]
    assert [type(c).__name__ for c in first[1]] == ["Assert"]
    assert first[0][1] > loop[0][1]


def test_function_clause_cut_off_by_a_blank_line() -> None:
    src = HEADER + "\n//@ requires true\n\nfunc f() {\n}\n"
    _, diags = run(src)
    assert [d.code for d in diags] == ["annot/placement"]
    assert "directly above a function" in diags[0].message


def test_map_of_mutexes_and_leading_lock_inv() -> None:
    src = HEADER + (
        "\ntype S struct {\n\t//@ lock_inv(k) k == k && n > 0\n\tlocks map[string]*sync.Mutex\n"
        "\tn     uint64\n}\n"
    )
    anns, diags = run(src)
    assert diags == []
    k = next(x for x in walk(anns.lock_invs["S.locks"].cond) if isinstance(x, A.LName))
    assert k.type == T.STRING and k.ref is not None and k.ref.kind == "lock_param"
