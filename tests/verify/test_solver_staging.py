"""The solver's staged facts and contradiction search, and the triggers of quantifiers over
nested maps: each keeps a proof a proof and a non-proof a non-proof."""

from __future__ import annotations

import z3

from armada_ls.verify import numstr, solver
from armada_ls.verify.assertions import _selects_by_all
from armada_ls.verify.result import Status

TIMEOUT = 10_000


class _Path:
    def __init__(self) -> None:
        self.path: list[z3.BoolRef] = []

    def assume(self, f: z3.BoolRef) -> None:
        self.path.append(f)


def test_a_goal_that_needs_the_staged_crash_invariant_is_proved_by_the_second_stage() -> None:
    x, y = z3.Ints("x y")
    p = _Path()
    p.assume(x > 0)
    solver.assume_staged_crash_inv(p, y == x)
    assert solver.check(p.path, y > 0, TIMEOUT).status is Status.PROVED


def test_a_goal_false_even_with_the_staged_crash_invariant_is_not_proved() -> None:
    x, y = z3.Ints("x y")
    p = _Path()
    p.assume(x > 0)
    solver.assume_staged_crash_inv(p, y == x)
    ans = solver.check(p.path, y > 1, TIMEOUT)
    assert ans.status is Status.FAILED
    assert ans.model is not None and ans.model.eval(y).as_long() == ans.model.eval(x).as_long()


def test_a_crash_invariant_goal_is_checked_with_the_staged_facts_at_once() -> None:
    x, y = z3.Ints("x y")
    p = _Path()
    solver.assume_staged_crash_inv(p, y == x + 1)
    assert solver.check(p.path, y > x, TIMEOUT, crash_inv=True).status is Status.PROVED


def test_contradictory_facts_are_refuted() -> None:
    a = z3.Array("a", z3.IntSort(), z3.IntSort())
    k = z3.Int("k")
    facts = [z3.ForAll([k], a[k] > 0, patterns=[a[k]]), a[3] < 0]
    assert solver.refuted(facts, TIMEOUT)


def test_satisfiable_quantified_facts_are_not_refuted() -> None:
    a = z3.Array("a", z3.IntSort(), z3.IntSort())
    k = z3.Int("k")
    facts = [z3.ForAll([k], a[k] > 0, patterns=[a[k]]), a[3] > 5]
    assert not solver.refuted(facts, TIMEOUT)


def test_names_built_from_distinct_numbers_under_a_quantifier_differ_in_the_quick_try() -> None:
    # the inverse axiom numstr adds for a quantified use: the first, uninterpreted try
    # proves what before only the exact (str.from_int) try could
    u, v = z3.Ints("u v")
    name = lambda n: z3.Concat(z3.StringVal("user"), numstr.UINT64_TO_STRING(n))  # noqa: E731
    goal = z3.Implies(z3.And(u >= 0, v >= 0, u != v), name(u) != name(v))
    assert solver._check([numstr.INJECTIVE], goal, TIMEOUT).status is Status.PROVED
    assert solver._check([], goal, TIMEOUT).status is Status.FAILED


def test_a_quantifier_over_two_variables_is_triggered_by_the_nested_map_read() -> None:
    has = z3.Array("has", z3.IntSort(), z3.ArraySort(z3.StringSort(), z3.BoolSort()))
    msgs = z3.Array("msgs", z3.IntSort(), z3.ArraySort(z3.StringSort(), z3.IntSort()))
    u, k = z3.Int("u"), z3.String("k")
    body = z3.Implies(has[u][k], msgs[u][k] > 0)
    pats = _selects_by_all(body, [u, k])
    assert len(pats) == 1 and pats[0].eq(has[u][k])  # the antecedent's read, not msgs'
    assert _selects_by_all(has[u][z3.StringVal("x")] == (k == z3.StringVal("y")), [u, k]) == []


def test_a_number_name_built_twice_is_described_once_on_a_path() -> None:
    from armada_ls.verify.state import State

    st = State()
    u, v = z3.Ints("u v")
    numstr.uint64_to_string(st, u)
    once = len(st.path)
    numstr.uint64_to_string(st, u)
    assert len(st.path) == once
    numstr.uint64_to_string(st, v)  # another number: its own facts
    assert len(st.path) == 2 * once
    fork = st.fork()  # a fork knows what its path says
    numstr.uint64_to_string(fork, u)
    assert len(fork.path) == 2 * once
