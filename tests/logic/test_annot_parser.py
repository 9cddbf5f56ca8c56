"""Parser: every construct parses to the tree we expect (checked through the printer), and
every error is reported at its exact place with what was expected."""

from __future__ import annotations

import pytest

from armada_ls.logic import ast as A
from armada_ls.logic.parser import parse_expr, parse_text
from armada_ls.logic.pretty import show, show_clause
from goose import types as T
from goose.ir import AnnotationGroup, AnnotationLine, Pos, Span


def one(src: str) -> A.Clause | A.SpecDecl:
    items, errors = parse_text(src)
    assert errors == [], [e.message for e in errors]
    assert len(items) == 1, items
    return items[0]


def expr(src: str) -> A.LExpr:
    e, errors = parse_expr(src)
    assert errors == [] and e is not None, [x.message for x in errors]
    return e


def tree(e: A.LExpr) -> str:
    """Fully parenthesised form, to pin precedence and associativity."""
    if isinstance(e, A.LBinary):
        return f"({tree(e.x)} {e.op} {tree(e.y)})"
    if isinstance(e, A.LUnary):
        return f"({e.op}{tree(e.x)})"
    if isinstance(e, A.LCond):
        return f"({tree(e.cond)} ? {tree(e.then)} : {tree(e.els)})"
    if isinstance(e, A.LQuant):
        return f"({e.kind} {', '.join(n for n, _ in e.vars)} :: {tree(e.body)})"
    return show(e)


# ---------------------------------------------------------------- clauses

CLAUSES = [
    ("implements Disk.Write", A.Implements, "implements Disk.Write"),
    ("implements Write", A.Implements, "implements Write"),
    ("requires a < DiskSize", A.Requires, "requires a < DiskSize"),
    ("ensures ret == old(x) + 1", A.Ensures, "ensures ret == old(x) + 1"),
    ("preserves acc(d.locks)", A.Preserves, "preserves acc(d.locks)"),
    ("preserves acc(d.x, 1/2)", A.Preserves, "preserves acc(d.x, 1 / 2)"),
    ("invariant i <= len(s)", A.Invariant, "invariant i <= len(s)"),
    ("decreases n - i", A.Decreases, "decreases n - i"),
    ("crash_inv durable(disk.D[0])", A.CrashInv, "crash_inv durable(disk.D[0])"),
    ("lock_inv(a) lease(twodisk.D1[a])", A.LockInv, "lock_inv(a) lease(twodisk.D1[a])"),
    ("lock_inv(u, v) lease(x[u])", A.LockInv, "lock_inv(u, v) lease(x[u])"),
    ("lock_inv count <= 10", A.LockInv, "lock_inv count <= 10"),
    ("lock_inv (ok) && x", A.LockInv, "lock_inv ok && x"),
    (
        "lock_inv(u) lease(filesys.Dirs[u], >= names)",
        A.LockInv,
        "lock_inv(u) lease(filesys.Dirs[u], >= names)",
    ),
    ("linearize", A.Linearize, "linearize"),
    ("helping Disk.Write(a, v)", A.Helping, "helping Disk.Write(a, v)"),
    ("helping (Disk.Write(a, v))", A.Helping, "helping Disk.Write(a, v)"),
    ("complete Disk.Write(a, v)", A.Complete, "complete Disk.Write(a, v)"),
    ("complete? Disk.Write(a, v)", A.Complete, "complete? Disk.Write(a, v)"),
    ("complete ? Write(a, v)", A.Complete, "complete? Write(a, v)"),
    ("recover", A.RecoverMark, "recover"),
    ("init", A.InitMark, "init"),
    ("assert gen == gen", A.Assert, "assert gen == gen"),
    ("assert failed(twodisk.Disk1)", A.Assert, "assert failed(twodisk.Disk1)"),
    ("assert helping(Disk.Write(a, v))", A.Assert, "assert helping(Disk.Write(a, v))"),
    ('assert s == "a\\"b"', A.Assert, 'assert s == "a\\"b"'),
]


@pytest.mark.parametrize("src,cls,printed", CLAUSES)
def test_clause(src: str, cls: type, printed: str) -> None:
    c = one(src)
    assert isinstance(c, cls)
    assert show_clause(c) == printed
    # and the printed form parses to the same thing
    assert show_clause(one(printed)) == printed


def test_complete_conditional_flag() -> None:
    c = one("complete? Disk.Write(a, v)")
    assert isinstance(c, A.Complete) and c.conditional
    c = one("complete Disk.Write(a, v)")
    assert isinstance(c, A.Complete) and not c.conditional


def test_op_ref_parts() -> None:
    c = one("helping Disk.Write(a, v)")
    assert isinstance(c, A.Helping)
    assert (c.op.spec, c.op.op, len(c.op.args)) == ("Disk", "Write", 2)
    c = one("helping Write(a)")
    assert isinstance(c, A.Helping) and c.op.spec == ""


def test_several_clauses_in_one_group() -> None:
    items, errors = parse_text("requires a < n\nensures ret == a; decreases n")
    assert errors == []
    assert [type(i) for i in items] == [A.Requires, A.Ensures, A.Decreases]


def test_lock_inv_params() -> None:
    c = one("lock_inv(a) lease(twodisk.D1[a]) && lease(twodisk.D2[a])")
    assert isinstance(c, A.LockInv) and c.params == ["a"]
    c = one("lock_inv (x) == y")
    assert isinstance(c, A.LockInv) and c.params == []


def test_lease_lower_bound() -> None:
    e = expr('lease(filesys.Dirs["spool"], >= n)')
    assert isinstance(e, A.LLease) and e.lower is not None and show(e.lower) == "n"


# ---------------------------------------------------------------- expressions

PRECEDENCE = [
    ("a || b && c", "(a || (b && c))"),
    ("a ==> b ==> c", "(a ==> (b ==> c))"),
    ("a && b ==> c || d", "((a && b) ==> (c || d))"),
    ("a == b && c != d", "((a == b) && (c != d))"),
    ("a + b * c < d", "((a + (b * c)) < d)"),
    ("a - b - c", "((a - b) - c)"),
    ("a << 2 + 1", "((a << 2) + 1)"),
    ("a | b ^ c & d", "((a | b) ^ (c & d))"),
    ("!a && -b == c", "((!a) && ((-b) == c))"),
    ("c ? a : b ==> d", "(c ? a : (b ==> d))"),
    ("x ==> y ? 1 : 2", "((x ==> y) ? 1 : 2)"),
    ("forall a uint64 :: a < n ==> p", "(forall a :: ((a < n) ==> p))"),
    ("exists a, b uint64 :: a == b", "(exists a, b :: (a == b))"),
    ("s[i].f[j]", "s[i].f[j]"),
    ("old(len(s)) + 1", "(old(len(s)) + 1)"),
]


@pytest.mark.parametrize("src,parenthesised", PRECEDENCE)
def test_precedence(src: str, parenthesised: str) -> None:
    assert tree(expr(src)) == parenthesised


def test_quantifier_types() -> None:
    e = expr("forall a uint64, m map[uint64][]byte, p *RepDisk, k twodisk.Block :: true")
    assert isinstance(e, A.LQuant)
    assert e.vars == [
        ("a", T.UINT64),
        ("m", T.Map(T.UINT64, T.Slice(T.BYTE))),
        ("p", T.Pointer(T.Named("", "RepDisk"))),
        ("k", T.Named("twodisk", "Block")),
    ]


def test_selectors_and_indexing() -> None:
    e = expr("Disk.blocks[a] == twodisk.D1[d.locks[a]]")
    assert isinstance(e, A.LBinary)
    assert isinstance(e.x, A.LIndex) and isinstance(e.x.x, A.LSelector)
    assert e.x.x.name == "blocks"


def test_multi_line_crash_inv() -> None:
    src = (
        "crash_inv forall a uint64 :: a < DiskSize ==>\n"
        "  Disk.blocks[a] == twodisk.D2[a] &&\n"
        "  (twodisk.D1[a] != twodisk.D2[a] && !failed(twodisk.Disk1)\n"
        "     ==> helping(Disk.Write(a, twodisk.D1[a])))"
    )
    c = one(src)
    assert isinstance(c, A.CrashInv)
    assert c.span.start == Pos(0, 0) and c.span.end == Pos(3, 47)


def test_continuation_with_leading_operator() -> None:
    items, errors = parse_text("requires a\n  && b\nensures c")
    assert errors == []
    assert [show_clause(i) for i in items] == ["requires a && b", "ensures c"]


def test_comment_inside_annotation() -> None:
    assert show_clause(one("requires a < n // the bound")) == "requires a < n"


# ---------------------------------------------------------------- spec blocks

SPEC = """spec Disk {
  state blocks: map[uint64]twodisk.Block
  state count uint64, name string
  op Read(a uint64) twodisk.Block { return blocks[a] }
  op Write(a uint64, v twodisk.Block) { blocks[a] = v }
  op Bump() (uint64) {
    require count < 10
    count = count + 1
    if count == 5 { return 0 } else if count == 6 { return 1 } else { return count }
  }
  op Drop(a uint64) { delete(blocks, a); return }
  op Fresh() uint64 {
    choose id uint64 such that id > count
    choose any uint64
    return id
  }
  crash { count = 0 }
  init { count = 0; name = "x" }
}"""


def test_spec_block() -> None:
    s = one(SPEC)
    assert isinstance(s, A.SpecDecl)
    assert s.name == "Disk"
    assert [(f.name, f.type) for f in s.state] == [
        ("blocks", T.Map(T.UINT64, T.Named("twodisk", "Block"))),
        ("count", T.UINT64),
        ("name", T.STRING),
    ]
    assert [o.name for o in s.ops] == ["Read", "Write", "Bump", "Drop", "Fresh"]
    read = s.op("Read")
    assert read is not None and read.result == T.Named("twodisk", "Block")
    assert isinstance(read.body[0], A.SReturn)
    bump = s.op("Bump")
    assert bump is not None and bump.result == T.UINT64
    assert [type(x) for x in bump.body] == [A.SRequire, A.SAssign, A.SIf]
    sif = bump.body[2]
    assert isinstance(sif, A.SIf) and isinstance(sif.els[0], A.SIf)
    drop = s.op("Drop")
    assert drop is not None and [type(x) for x in drop.body] == [A.SDelete, A.SReturn]
    fresh = s.op("Fresh")
    assert fresh is not None
    ch = fresh.body[0]
    assert isinstance(ch, A.SChoose) and ch.name == "id" and ch.cond is not None
    assert isinstance(fresh.body[1], A.SChoose) and fresh.body[1].cond is None
    assert [type(x) for x in s.crash] == [A.SAssign]
    assert len(s.init) == 2
    assert s.span.start == Pos(0, 0) and s.span.end == Pos(18, 1)


def test_spec_round_trip() -> None:
    s = one(SPEC)
    printed = show_clause(s)
    assert show_clause(one(printed)) == printed


def test_empty_crash_and_one_line_spec() -> None:
    s = one("spec S { state x uint64; op Get() uint64 { return x }; crash { } }")
    assert isinstance(s, A.SpecDecl) and s.crash == [] and len(s.ops) == 1


# ---------------------------------------------------------------- explore

EXPLORE = """explore {
  goroutines 2; ops 2; crashes 1; disk_failures 1
  domain uint64 = {0, 1}
  domain twodisk.Block = {block(0), block(1)}
  thread { Write(0, block(1)); Read(0) }
  thread { Disk.Read(1) }
  after_crash { Read(0) }
}"""


def test_explore_block() -> None:
    e = one(EXPLORE)
    assert isinstance(e, A.ExploreDecl)
    assert e.bounds == {"goroutines": 2, "ops": 2, "crashes": 1, "disk_failures": 1}
    assert list(e.domains) == ["uint64", "twodisk.Block"]
    assert [show(v) for v in e.domains["twodisk.Block"]] == ["block(0)", "block(1)"]
    assert [[o.op for o in t] for t in e.threads] == [["Write", "Read"], ["Read"]]
    assert e.threads[1][0].spec == "Disk"
    assert [o.op for o in e.after_crash] == ["Read"]
    assert show_clause(one(show_clause(e))) == show_clause(e)


def test_explore_recover_args_and_sized_blocks() -> None:
    e = one("explore {\n  recover_args(2, false)\n  domain []byte = {block(7, 3)}\n}")
    assert isinstance(e, A.ExploreDecl)
    assert [show(v) for v in e.recover_args] == ["2", "false"]
    assert [show(v) for v in e.domains["[]byte"]] == ["block(7, 3)"]
    assert show_clause(one(show_clause(e))) == show_clause(e)


def test_empty_map_literal() -> None:
    s = one("spec S { state m: map[uint64]map[string]bool; crash { m = map[uint64]map[string]bool{} } }")
    assert isinstance(s, A.SpecDecl)
    (st,) = s.crash
    assert isinstance(st, A.SAssign) and isinstance(st.value, A.LEmptyMap)
    assert show(st.value) == "map[uint64]map[string]bool{}"


def test_a_map_literal_with_keys_is_a_syntax_error() -> None:
    _, errors = parse_text("spec S { state m: map[uint64]bool; crash { m = map[uint64]bool{1: true} } }")
    assert any("only the empty map literal" in e.message for e in errors), [e.message for e in errors]


# ---------------------------------------------------------------- positions


def test_spans_follow_the_comment_position() -> None:
    # `//@ requires a < n` at line 7, the text starting at byte column 12 (after `//@`)
    # (IR spans carry lines and columns only: see goose.ir.Span.)
    line = AnnotationLine(" requires a < n", Pos(7, 12), 0)
    group = AnnotationGroup([line], Span(Pos(7, 9), Pos(7, 27)))
    from armada_ls.logic.parser import parse_group

    items, errors = parse_group(group)
    assert errors == []
    c = items[0]
    assert isinstance(c, A.Requires)
    assert c.span == Span(Pos(7, 13), Pos(7, 27))
    assert isinstance(c.cond, A.LBinary)
    assert c.cond.y.span == Span(Pos(7, 26), Pos(7, 27))


def test_spans_count_bytes() -> None:
    # a non-ASCII string before the error: columns are byte offsets
    _, errors = parse_text('requires s == "é" &&')
    assert errors[0].span.start == Pos(0, 21)


# ---------------------------------------------------------------- errors

# (source, [(line, start col, end col, message substring)]) with 0-based lines and columns
ERRORS = [
    ("requires x <", [(0, 12, 12, "expected an expression, found end of annotation")]),
    ("requires a + * b", [(0, 13, 14, "expected an expression, found '*'")]),
    ("frobnicate x", [(0, 0, 10, "expected an annotation keyword")]),
    ("requires x # y", [(0, 11, 12, "unexpected character '#'")]),
    ("requires x y", [(0, 11, 12, "expected end of clause")]),
    ("crash_inv forall a :: a", [(0, 19, 21, "expected a type for 'a'")]),
    ("crash_inv forall a uint64 a", [(0, 26, 27, "expected '::' after the quantified variables")]),
    ("requires d.f(x)(y)", [(0, 15, 16, "only built-in predicates are called")]),
    ("implements", [(0, 10, 10, "expected an op name")]),
    ("implements Disk.", [(0, 16, 16, "expected an op name after '.'")]),
    ("helping Disk.Write", [(0, 18, 18, "expected '(' and the op's arguments")]),
    ("helping Disk.Write(a, v", [(0, 23, 23, "expected ',' or ')'")]),
    ("complete? Disk", [(0, 14, 14, "expected '(' and the op's arguments")]),
    ("requires lease(x, y)", [(0, 18, 19, "expected '>=' of a lower-bound lease")]),
    ("requires old(x", [(0, 14, 14, "expected ')' closing old(")]),
    ("requires (a && b", [(0, 16, 16, "expected ')'")]),
    ("requires c ? a", [(0, 14, 14, "expected ':' of a conditional expression")]),
    ("requires 12ab", [(0, 9, 13, "malformed number")]),
    ('requires s == "abc', [(0, 14, 18, "unterminated string")]),
    ("spec { }", [(0, 5, 6, "expected the spec's name")]),
    ("spec S {\n  stat x uint64\n}", [(1, 2, 6, "expected 'state', 'op', 'internal', 'crash' or 'init'")]),
    ("spec S {\n  state x [4]uint64\n}", [(1, 11, 12, "fixed-size arrays")]),
    ("spec S {\n  op F(a) { }\n}", [(1, 8, 9, "expected a type for 'a'")]),
    ("spec S {\n  op F() { x + 1 }\n}", [(1, 13, 14, "expected '='")]),
    ("spec S {\n  op F() { choose x uint64 such x }\n}", [(1, 32, 33, "expected 'that'")]),
    ("spec S {\n  op F() { delete(m) }\n}", [(1, 11, 20, "delete takes a map and a key")]),
    ("spec S {\n  op F() {", [(1, 10, 10, "expected '}'")]),
    ("spec S {\n  op F() { return x y }\n}", [(1, 20, 21, "expected a newline, ';' or '}'")]),
    ("explore {\n  goroutines two\n}", [(1, 13, 16, "expected a number after 'goroutines'")]),
    ("explore {\n  domain uint64 {0}\n}", [(1, 16, 17, "expected '=' and the domain's values")]),
]


@pytest.mark.parametrize("src,expected", ERRORS)
def test_error(src: str, expected: list[tuple[int, int, int, str]]) -> None:
    _, errors = parse_text(src)
    got = [(e.span.start.line, e.span.start.col, e.span.end.col, e.message) for e in errors]
    assert len(got) == len(expected), got
    for (line, c0, c1, msg), (gl, gc0, gc1, gmsg) in zip(expected, got, strict=True):
        assert (gl, gc0, gc1) == (line, c0, c1), (gmsg, got)
        assert msg in gmsg
    assert all(e.code == "annot/syntax" for e in errors)


def test_all_errors_are_reported_and_parsing_recovers() -> None:
    src = "requires a +\nensures ok\nrequires * b\nlinearize\nfoo\nrecover"
    items, errors = parse_text(src)
    assert [(e.span.start.line, e.span.start.col) for e in errors] == [(0, 12), (2, 9), (4, 0)]
    assert "found end of line" in errors[0].message
    assert [show_clause(i) for i in items] == ["ensures ok", "linearize", "recover"]


def test_errors_inside_spec_recover_per_statement() -> None:
    src = "spec S {\n  state x uint64\n  op F() { x = ; x = 1 }\n  op G() uint64 { return + }\n  op H() { x = 2 }\n}"
    items, errors = parse_text(src)
    assert [(e.span.start.line, e.span.start.col) for e in errors] == [(2, 15), (3, 25)]
    s = items[0]
    assert isinstance(s, A.SpecDecl)
    assert [o.name for o in s.ops] == ["F", "G", "H"]
    f = s.op("F")
    assert f is not None and len(f.body) == 1  # `x = 1` survived


def test_multi_line_error_does_not_cascade() -> None:
    src = "crash_inv forall a uint64 :: a <\n  && x\nrequires y"
    items, errors = parse_text(src)
    assert len(errors) == 1 and errors[0].span.start == Pos(1, 2)
    assert [show_clause(i) for i in items] == ["requires y"]


def test_typo_in_keyword_gets_a_suggestion() -> None:
    _, errors = parse_text("requries a < n")
    assert "did you mean 'requires'?" in errors[0].message


def test_gobra_ghost_code_is_reserved() -> None:
    _, errors = parse_text("fold p(x)")
    assert len(errors) == 1 and "no abstract predicates" in errors[0].message
    assert errors[0].span.start == Pos(0, 0) and errors[0].span.end == Pos(0, 4)


def test_ghost_is_only_ghost_functions() -> None:
    _, errors = parse_text("ghost x uint64")
    assert len(errors) == 1 and "ghost func f(x T) R" in errors[0].message
    assert errors[0].span.start == Pos(0, 6)


@pytest.mark.parametrize("src, value", [("'0'", 48), ("'m'", 109), ("'.'", 46), ("'\\n'", 10),
                                        ("'\\''", 39), ("'\\\\'", 92), ("'\\0'", 0)])
def test_a_rune_literal_is_its_code_point(src: str, value: int) -> None:
    """Go's rune literals, as code compares bytes with them (`c < '0'`): an integer constant."""
    e = expr(f"b[i] >= {src}")
    assert isinstance(e, A.LBinary) and isinstance(e.y, A.LInt) and e.y.value == value, e


@pytest.mark.parametrize("src", ["''", "'ab'", "'0", "'\\q'"])
def test_a_malformed_rune_literal_is_an_error_at_its_place(src: str) -> None:
    _, errors = parse_expr(f"x == {src}")
    assert errors and "rune literal" in errors[0].message, [e.message for e in errors]
    assert errors[0].span.start.col == 5
