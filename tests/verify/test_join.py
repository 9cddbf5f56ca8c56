"""Joining an `if`'s two paths (join.py): only when both branches changed nothing but locals
and facts; the joined locals are the branches' values under the condition."""

from __future__ import annotations

import z3

from armada_ls.verify import join
from armada_ls.verify.state import Perm, State


def _branches(before: State, c: z3.BoolRef) -> tuple[State, State]:
    t, e = before.fork(), before.fork()
    t.assume(c)
    e.assume(z3.Not(c))
    return t, e


def test_two_branches_that_only_assign_locals_become_one_path() -> None:
    x, n = z3.Ints("x n")
    before = State(env={"n": n})
    before.assume(x >= 0)
    c = x > 5
    t, e = _branches(before, c)
    t.env["n"] = n + 1
    t.assume(n + 1 > 0)  # a fact of the then branch only
    one = join.join(before, c, [("next", t), ("next", e)], "joined")
    assert one is not None
    s = z3.Solver()
    s.add(*one.path, x == 7, n == 2)
    s.add(one.env["n"] != 3)  # then branch: n + 1
    assert s.check() == z3.unsat
    s = z3.Solver()
    s.add(*one.path, x == 1, n == -4)  # the then branch's fact does not bind the else branch
    s.add(one.env["n"] == -4)
    assert s.check() == z3.sat


def test_a_branch_that_changed_what_the_thread_owns_is_not_joined() -> None:
    x, p = z3.Ints("x p")
    before = State(env={"y": x})
    c = x > 0
    t, e = _branches(before, c)
    t.owned.append(Perm(p, "f"))
    assert join.join(before, c, [("next", t), ("next", e)], "joined") is None


def test_a_branch_that_returned_is_not_joined() -> None:
    x = z3.Int("x")
    before = State(env={"y": x})
    c = x > 0
    t, e = _branches(before, c)
    assert join.join(before, c, [("return", t), ("next", e)], "joined") is None
