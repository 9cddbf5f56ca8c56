"""Unit tests of the Z3 core on hand-built values: the solver wrapper's three answers,
witnesses of failed quantified goals, guarded and triggered quantifiers, spec steps,
resources split from assertions, and wrapping arithmetic."""

from __future__ import annotations

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.parser import parse_expr, parse_text
from armada_ls.verify import smt, solver, specops
from armada_ls.verify.assertions import Scope, term
from armada_ls.verify.resources import split
from armada_ls.verify.result import Status
from armada_ls.verify.state import State
from goose import ir
from goose import types as T


def _pkg() -> ir.Package:
    k = ir.ConstDecl("N", T.UINT64, 16, ir.NO_SPAN)
    return ir.Package("p", "", [], {"twodisk": "armada/goose/machine/twodisk"}, {"N": k}, {}, {})


def _ann() -> A.Annotations:
    items, errs = parse_text("spec Disk {\n state blocks: map[uint64]twodisk.Block\n"
                             " op Write(a uint64, v twodisk.Block) { blocks[a] = v }\n"
                             " op Read(a uint64) twodisk.Block { return blocks[a] }\n crash { }\n}")
    assert not errs
    spec = items[0]
    assert isinstance(spec, A.SpecDecl)
    return A.Annotations(specs={"Disk": spec})


def _expr(text: str) -> A.LExpr:
    e, errs = parse_expr(text)
    assert e is not None and not errs, errs
    return e


def test_solver_proves_fails_and_gives_up() -> None:
    x = z3.Int("x")
    assert solver.check([x > 3], x > 2, 1000).status is Status.PROVED
    ans = solver.check([x > 3], x > 5, 1000)
    assert ans.status is Status.FAILED and ans.model is not None
    # Fermat for n = 3 over positive integers: far beyond nonlinear arithmetic in 50 ms
    a, b, c = z3.Ints("a b c")
    hard = solver.check([a > 0, b > 0, c > 0], a * a * a + b * b * b != c * c * c, 50)
    assert hard.status is Status.UNKNOWN and hard.reason


def test_failed_forall_names_its_witness() -> None:
    arr = z3.Array("D", z3.IntSort(), z3.IntSort())
    i = z3.Int("i")
    goal = z3.ForAll([i], z3.Implies(z3.And(i >= 0, i < 4), arr[i] == 0))
    ans = solver.check([arr[2] == 7], goal, 1000)
    assert ans.status is Status.FAILED and ans.model is not None
    (w,) = ans.witnesses
    k = ans.model.eval(w).as_long()
    assert 0 <= k < 4 and ans.model.eval(arr[k]).as_long() != 0


def test_quantifier_is_guarded_by_the_range_and_triggered_on_reads() -> None:
    st = State()
    sc = Scope(_pkg(), _ann(), st)
    q = term(_expr("forall a uint64 :: a < N ==> Disk.blocks[a] == twodisk.D2[a]"), sc)
    assert z3.is_quantifier(q) and q.num_patterns() == 2
    text = str(q)
    assert "18446744073709551616" in text and "16 > " in text or "< 16" in text


def test_quantified_invariant_over_written_index() -> None:
    st = State()
    sc = Scope(_pkg(), _ann(), st)
    inv = _expr("forall a uint64 :: a < N ==> Disk.blocks[a] == twodisk.D2[a]")
    before = term(inv, sc)
    r = specops.run(sc, "Disk", _ann().specs["Disk"].ops[0].body, [("a", T.UINT64), ("v", None)],
                    [z3.IntVal(3), z3.Const("v", smt.BLOCK)])
    st.spec.update(r.fields)
    st.durable["twodisk.D2"] = z3.Store(st.durable["twodisk.D2"], 3, z3.Const("v", smt.BLOCK))
    after = term(inv, sc.at(st))
    assert solver.check([before], after, 2000).status is Status.PROVED
    st.durable["twodisk.D2"] = z3.Store(st.durable["twodisk.D2"], 4, z3.Const("w", smt.BLOCK))
    assert solver.check([before], term(inv, sc.at(st)), 2000).status is Status.FAILED


def test_spec_op_result_and_enabledness() -> None:
    st = State()
    sc = Scope(_pkg(), _ann(), st)
    read = _ann().specs["Disk"].ops[1]
    r = specops.run(sc, "Disk", read.body, read.params, [z3.IntVal(1)])
    assert r.ret is not None and z3.is_true(z3.simplify(r.enabled))
    assert solver.check([], r.ret == z3.Select(st.spec["Disk.blocks"], 1), 1000).status is Status.PROVED


def test_split_separates_leases_from_facts() -> None:
    st = State()
    sc = Scope(_pkg(), _ann(), st, params={"a": z3.Int("a")})
    sp = split(_expr("a < N ==> lease(twodisk.D1[a]) && lease(twodisk.D2[a]) && "
                     "(twodisk.D1[a] == twodisk.D2[a] || failed(twodisk.Disk1))"), sc)
    assert [ls.array for ls in sp.leases] == ["twodisk.D1", "twodisk.D2"]
    assert len(sp.pure) == 1
    assert solver.check([], z3.Implies(z3.Int("a") >= 16, sp.pure_term()), 1000).status is Status.PROVED


def test_uint64_addition_wraps() -> None:
    x = z3.Int("x")
    y = smt.wrap(x + 1, 64)
    assert solver.check([smt.in_range(x)], smt.in_range(y), 1000).status is Status.PROVED
    assert solver.check([smt.in_range(x)], y > x, 1000).status is Status.FAILED
