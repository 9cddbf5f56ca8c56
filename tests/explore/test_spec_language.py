"""The explorer agrees with the verifier on the spec-language programs (struct values, `len`
and `has` of spec maps, a choose whose value the code picks, lists): each verified one passes, and
each seeded bug that changes behaviour is found as a refinement violation."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import Bounds, explore_path
from goose import types as T

PROGRAMS = Path(__file__).resolve().parents[1] / "verify" / "programs"

VERIFIED = ["specstruct_record", "specstruct_map_records", "specstruct_cached",
            "specstruct_block_field", "specstruct_journal", "specchoose_ticket", "specchoose_slot",
            "specchoose_memory_ids", "speclen_log", "speclen_set_mirror", "speclen_quota",
            "speclist_log", "speclist_queue", "speclist_disklog", "speclist_trim", "specint_no_wrap"]
BUGS = ["specstruct_record_swapped", "specstruct_map_records_tag_lost",
        "specstruct_cached_wrong_field", "specstruct_journal_tag_dropped", "specchoose_ticket_same", "specchoose_ticket_retother",
        "specchoose_slot_out_of_range", "specchoose_slot_wrong_block", "speclen_quota_off_by_one",
        "speclen_log_header_skips", "speclen_set_mirror_double_count", "speclist_log_add_twice",
        "speclist_log_copy_skips", "speclist_log_drop_keeps", "speclist_queue_no_advance",
        "speclist_queue_pops_back", "speclist_queue_len_ignores_head", "speclist_mail_wrong_box",
        "speclist_disklog_count_first", "speclist_disklog_wrong_slot", "speclist_trim_keeps_tail"]


@pytest.mark.parametrize("name", VERIFIED)
def test_verified_program_passes(name: str) -> None:
    res = explore_path(str(PROGRAMS / name), Bounds(max_seconds=120))
    assert res.status == "pass", res.violation


@pytest.mark.parametrize("name", BUGS)
def test_behaviour_changing_bug_is_found(name: str) -> None:
    res = explore_path(str(PROGRAMS / name), Bounds(max_seconds=120))
    assert res.status == "fail", res.status
    assert res.violation is not None and res.violation.kind == "refinement", res.violation


def test_choose_tries_the_neighbours_of_integers_inside_lists_and_maps() -> None:
    """A fresh ID above every message's in a mailbox (a map of lists of structs) is the
    neighbour of an integer nested in the state: the explorer's spec must try it, or it
    reports a false violation the verifier does not."""
    from armada_ls.explore.spec import FMap

    src = """package m

type Msg struct {
	ID   uint64
	Body uint64
}

//@ spec Mail {
//@   state boxes: map[uint64][]Msg
//@   op Deliver(u uint64, b uint64) { choose id uint64 such that forall i uint64 :: i < len(boxes[u]) ==> boxes[u][i].ID < id; boxes[u] = append(boxes[u], Msg{ID: id, Body: b}) }
//@   crash { }
//@ }
"""
    runner = _runner(src, "Mail")
    state = (FMap.of({0: ((0, 7), (1, 7))}),)
    outs = runner.step(state, "Deliver", (0, 9))
    assert ((FMap.of({0: ((0, 7), (1, 7), (2, 9))}),), None) in [(s, r) for s, r in outs]


def test_a_choose_with_nothing_to_try_is_an_error_not_a_violation() -> None:
    """A choose of a struct type with no domain: blocking the op there would report a
    violation the spec does not have."""
    from armada_ls.explore.spec import SpecError

    src = """package m

type Rec struct {
	A uint64
}

//@ spec S {
//@   state r: Rec
//@   op Set() { choose x Rec such that x.A == 1; r = x }
//@   crash { }
//@ }
"""
    runner = _runner(src, "S")
    with pytest.raises(SpecError, match="give it a domain"):
        runner.step(runner.initial(), "Set", ())


def test_an_internal_step_the_domain_starves_makes_a_history_unjudged_not_violated() -> None:
    """An internal step whose `choose` of a string finds no fitting value in the domain is
    not taken, but a string outside the domain would take it: a result only that step
    explains (here Get returning "abc") is an error ("cannot judge"), never a violation;
    with the value in the domain the same history is allowed."""
    from armada_ls.explore.spec import LinSet, SpecError

    src = """package m

//@ spec S {
//@   state v: string
//@   op Get() string { return v }
//@   internal Set() { choose s string such that len(s) == 3; v = s }
//@   crash { }
//@ }
"""
    for domain, judged in (["xy"], False), (["xy", "abc"], True):
        runner = _runner(src, "S", {T.STRING: domain})
        lin = LinSet(runner)
        configs = lin.call(lin.initial(), 1, "Get", ())
        if judged:
            assert lin.ret(configs, 1, "abc")
        else:
            with pytest.raises(SpecError, match="Set: choose s string: no value of the domain"):
                lin.ret(configs, 1, "abc")
    # a result the spec does allow stays judged with the starved domain too
    runner = _runner(src, "S", {T.STRING: ["xy"]})
    lin = LinSet(runner)
    assert lin.ret(lin.call(lin.initial(), 1, "Get", ()), 1, "")


def test_an_internal_step_takes_an_integer_the_spec_state_holds() -> None:
    """`internal Commit(k uint64) { require d <= k && k <= n; d = k }` must be able to take
    k = n, a value (not a map key, not in the domain) of the spec state: without it the
    explorer would report a history the spec allows."""
    prog = PROGRAMS / "internal_log_commit"
    r = explore_path(str(prog), Bounds(max_seconds=300))
    assert r.status == "pass", (r.status, r.messages)


def _runner(src: str, spec: str, domains: dict | None = None) -> object:
    """The explorer's runner of spec `spec` of a one-file package, uint64s from {0, 1}
    (and the other `domains` given)."""
    from armada_ls.explore.spec import SpecRunner
    from armada_ls.logic import annotate
    from goose.frontend import check_source

    res = check_source("/virtual/m/m.go", src)
    assert res.package is not None
    anns, diags = annotate(res.package)
    assert diags == [], [d.format() for d in diags]
    return SpecRunner(anns.specs[spec], {}, {T.UINT64: [0, 1], **(domains or {})}, None)
