"""Ops that hand a held lock to their client (`ensures locked(E)`) or take one it holds
(`requires locked(E)`): the explorer's clients keep the contract (they call a `requires
locked` op only while holding the lock, never call an op that Locks a lock they hold, and
release what they hold before they stop), so it reports the code's bugs and never a
client's misuse. Programs: tests/explore/programs/clientlock_* (each correct one with seeded
twins) and variants written to tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import Bounds, explore_path
from armada_ls.explore import result as R
from armada_ls.explore.result import ExploreResult

PROGRAMS = Path(__file__).resolve().parent / "programs"


def run(name: str, **kw: object) -> ExploreResult:
    return explore_path(str(PROGRAMS / name), Bounds(**kw))  # type: ignore[arg-type]


def variant(tmp_path: Path, name: str, edits: list[tuple[str, str]], **kw: object) -> ExploreResult:
    """Program `name` with text replacements (each must apply once), explored."""
    src_dir = PROGRAMS / name
    d = tmp_path / name
    d.mkdir()
    for f in src_dir.glob("*.go"):
        text = f.read_text()
        for old, new in edits:
            if old in text:
                assert text.count(old) == 1, old
                text = text.replace(old, new)
        (d / f.name).write_text(text)
    return explore_path(str(d), Bounds(**kw))  # type: ignore[arg-type]


def with_plan(plan: str) -> tuple[str, str]:
    """Replace the explore block's bounds line of the mailbox/counter by `plan` lines."""
    return ("//@   goroutines 2; ops 2; crashes 0\n", plan)


def show(res: ExploreResult) -> str:
    return f"{res.status}: {res.violation} {res.messages}"


# ---------------------------------------------------------------- (a) a counter on the client's lock


def test_counter_with_client_held_lock_passes_at_two_goroutines_two_ops() -> None:
    res = run("clientlock_counter", goroutines=2, ops=2)
    assert res.status == "pass", show(res)
    res = run("clientlock_counter", goroutines=3, ops=3)
    assert res.status == "pass", show(res)


@pytest.mark.parametrize(("twin", "kind", "words"), [
    ("clientlock_counter_incr_unlocks", R.LOCK_CONTRACT, "Incr() by goroutine"),
    ("clientlock_counter_release_keeps", R.DEADLOCK, "waits at lock"),
    ("clientlock_counter_incr_unheld", R.UNDEFINED, "data race"),
    ("clientlock_counter_incr_relocks", R.DEADLOCK, "waits at lock"),
])
def test_counter_twins_fail_with_a_trace(twin: str, kind: str, words: str) -> None:
    res = run(twin, goroutines=2, ops=2)
    assert res.status == "fail", show(res)
    assert res.violation is not None and res.violation.kind == kind, show(res)
    assert words in res.violation.message
    assert res.trace


def test_op_that_locks_a_lock_taken_earlier_in_the_same_op_is_still_a_deadlock(tmp_path: Path) -> None:
    # Get Locks c.mu twice: the first Lock is its own, not its client's: a real self-deadlock
    res = variant(tmp_path, "clientlock_counter", [("	c.mu.Lock()\n	v := c.n", "	c.mu.Lock()\n	c.mu.Lock()\n	v := c.n")],
                  goroutines=1, ops=1)
    assert res.status == "fail", show(res)
    assert res.violation is not None and res.violation.kind == R.DEADLOCK


def test_plan_where_a_holder_calls_an_op_that_locks_again_gets_a_clear_error(tmp_path: Path) -> None:
    res = variant(tmp_path, "clientlock_counter", [with_plan("//@   thread { Acquire(); Get() }\n")])
    assert res.status == "error", show(res)
    assert "breaks a lock contract" in res.messages[0] and "Get()" in res.messages[0], res.messages


def test_spec_with_no_releasing_op_is_a_harness_error(tmp_path: Path) -> None:
    # without Release a client holding c.mu has no way to let it go
    res = variant(tmp_path, "clientlock_counter", [
        ("//@   op Release() { }\n", ""),
        ("""//@ implements Ctr.Release
//@ requires locked(c.mu)
func (c *Counter) Release() {
	c.mu.Unlock() //@ linearize
}
""", "")])
    assert res.status == "error", show(res)
    assert "no op" in res.messages[0] and "releases" in res.messages[0], res.messages


def test_clients_release_what_they_hold_after_their_last_op() -> None:
    # one op each: a client whose only call is Acquire must release (Release) before it
    # stops, or the other client's Acquire would deadlock
    res = run("clientlock_counter", goroutines=2, ops=1)
    assert res.status == "pass", show(res)


def test_lock_contract_under_a_condition_is_refused(tmp_path: Path) -> None:
    res = variant(tmp_path, "clientlock_counter", [
        ("//@ implements Ctr.Acquire\n//@ ensures locked(c.mu)\n",
         "//@ implements Ctr.Acquire\n//@ ensures c.n < Max ==> locked(c.mu)\n")])
    assert res.status == "error", show(res)
    assert "plain conjuncts" in " ".join(res.messages), res.messages


def test_symmetry_reduction_is_off_with_lock_contracts() -> None:
    from armada_ls.explore.harness import build
    from armada_ls.explore.search import Search
    from armada_ls.explore.system import System
    from armada_ls.logic import annotate
    from goose.frontend import load_package

    pkg = load_package(str(PROGRAMS / "clientlock_counter")).package
    ann, _ = annotate(pkg)
    h = build(pkg, ann, Bounds(goroutines=2, ops=2))
    assert set(h.locks) == {"Acquire", "Incr", "Release"}
    assert not Search(System(h), True, 1000, None, None, None).canon.enabled


# ---------------------------------------------------------------- (b) per-key locks in a slice


def test_per_key_locks_in_a_slice_pass_with_crashes() -> None:
    res = run("clientlock_keys")
    assert res.status == "pass", show(res)
    assert res.bounds["crashes"] == 1
    res = run("clientlock_keys", goroutines=2, ops=3)
    assert res.status == "pass", show(res)


@pytest.mark.parametrize(("twin", "kind"), [
    ("clientlock_keys_put_next", R.REFINEMENT),
    ("clientlock_keys_put_unlocks", R.LOCK_CONTRACT),
])
def test_per_key_twins_fail(twin: str, kind: str) -> None:
    res = run(twin)
    assert res.status == "fail", show(res)
    assert res.violation is not None and res.violation.kind == kind, show(res)
    assert res.trace


def test_check_phase_after_a_crash_keeps_the_contract(tmp_path: Path) -> None:
    # After recovery the check phase holds nothing (locks are lost with memory): its Put
    # without a Lock and its Unlock of a lock it never took are skipped, its Lock; Put runs,
    # and it releases key 0 at the end (no spurious unlock of an unlocked mutex).
    plan = ("//@   goroutines 2; ops 2; crashes 1\n",
            "//@   crashes 1\n//@   thread { Lock(0); Unlock(0) }\n"
            "//@   after_crash { Unlock(1); Put(1, block(1)); Lock(0); Put(0, block(2)); Get(1) }\n")
    res = variant(tmp_path, "clientlock_keys", [plan])
    assert res.status == "pass", show(res)
    # the same check phase finds the bug only a Put after recovery shows (Get(1) after Put(0))
    res = variant(tmp_path, "clientlock_keys_put_next", [
        plan, ("//@   thread { Lock(0); Unlock(0) }", "//@   thread { Get(0) }")])
    assert res.status == "fail", show(res)
    assert res.violation is not None and res.violation.kind == R.REFINEMENT
    assert "the check after recovery" in res.violation.message


# ---------------------------------------------------------------- (c) a mailbox


def test_mailbox_clients_never_delete_without_the_lock() -> None:
    # random clients: Delete and Unlock only after their own Pickup of that user, so no
    # spurious "unlock of unlocked mutex", and no spurious deadlock
    for g, n in ((2, 2), (2, 3)):
        res = run("clientlock_mailbox", goroutines=g, ops=n)
        assert res.status == "pass", show(res)


@pytest.mark.parametrize(("twin", "kind", "words"), [
    ("clientlock_mailbox_pickup_unlocks", R.LOCK_CONTRACT, "returned without holding"),
    ("clientlock_mailbox_delete_unindexed", R.UNDEFINED, "data race"),
    ("clientlock_mailbox_pickup_index_first", R.DEADLOCK, "waits at lock"),
    ("clientlock_mailbox_unlock_other", R.UNDEFINED, "unlock of unlocked mutex"),
])
def test_mailbox_twins_fail(twin: str, kind: str, words: str) -> None:
    res = run(twin)
    assert res.status == "fail", show(res)
    assert res.violation is not None and res.violation.kind == kind, show(res)
    assert words in res.violation.message
    assert res.trace


def test_two_clients_pickup_the_same_user_without_a_spurious_deadlock(tmp_path: Path) -> None:
    # the second Pickup waits until the first client, done with its plan, calls Unlock
    res = variant(tmp_path, "clientlock_mailbox",
                  [with_plan("//@   thread { Pickup(0); Delete(0) }\n//@   thread { Pickup(0) }\n")])
    assert res.status == "pass", show(res)


def test_clients_taking_mailboxes_in_opposite_orders_is_no_bug_of_the_code(tmp_path: Path) -> None:
    # each client holds one user's mailbox and picks up the other's: the clients deadlock
    # each other, which the contract allows and no implementation could prevent
    res = variant(tmp_path, "clientlock_mailbox",
                  [with_plan("//@   thread { Pickup(0); Pickup(1) }\n//@   thread { Pickup(1); Pickup(0) }\n")])
    assert res.status == "pass", show(res)


def test_plan_that_deletes_without_the_lock_gets_a_clear_error(tmp_path: Path) -> None:
    res = variant(tmp_path, "clientlock_mailbox", [with_plan("//@   thread { Delete(0) }\n")])
    assert res.status == "error", show(res)
    assert "breaks Delete's lock contract" in res.messages[0], res.messages
    assert "does not hold" in res.messages[0]


def test_plan_that_picks_up_a_held_mailbox_again_gets_a_clear_error(tmp_path: Path) -> None:
    res = variant(tmp_path, "clientlock_mailbox", [with_plan("//@   thread { Pickup(1); Pickup(1) }\n")])
    assert res.status == "error", show(res)
    assert "breaks Pickup's lock contract" in res.messages[0] and "holds already" in res.messages[0], res.messages
