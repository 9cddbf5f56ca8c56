"""Races as the paper models them: a heap write is a start and an end step; a read or a
write of the same location by another goroutine in between is undefined behaviour."""

from __future__ import annotations

from pathlib import Path

import pytest

from goose.frontend import load_package
from goose.semantics import devices as D
from goose.semantics import errors as E
from goose.semantics.compile import compile_package
from goose.semantics.machine import Machine
from goose.semantics.state import State

SRC = """package p

type Box struct {
	n uint64
	m uint64
}

func Set(b *Box, v uint64) {
	b.n = v
}

func SetM(b *Box, v uint64) {
	b.m = v
}

func Get(b *Box) uint64 {
	return b.n
}

func Fill(m map[uint64]uint64) {
	m[1] = 1
}

func Sum(m map[uint64]uint64) uint64 {
	s := uint64(0)
	for _, v := range m {
		s += v
	}
	return s
}
"""


@pytest.fixture
def machine(tmp_path: Path) -> tuple[Machine, State]:
    (tmp_path / "p.go").write_text(SRC)
    res = load_package(str(tmp_path))
    assert not [d for d in res.diagnostics if d.severity.name == "ERROR"]
    m = Machine(compile_package(res.package))
    return m, State(D.Devices())


def box(m: Machine, st: State) -> tuple[State, object]:
    from goose.semantics.state import Thread

    st = st.copy()
    th = Thread("setup")
    a = m.alloc_id(th)
    st.w_heap()[a] = (0, 0)
    from goose.semantics.values import Ptr

    return st, Ptr(a)


def test_read_between_write_start_and_end_is_a_race(machine: tuple[Machine, State]) -> None:
    m, st = machine
    st, p = box(m, st)
    st = m.start_thread(st, 1, "Set", [p, 5])
    assert m.action(st, 1).op == "WSTART"
    st1, fp = m.step(st, 1)  # the write starts
    assert fp.writes
    assert m.action(st1, 1).op == "WEND"
    with pytest.raises(E.UndefinedBehavior) as ei:
        m.start_thread(st1, 2, "Get", [p])  # Get reads as it starts
    assert ei.value.code == E.UB_RACE
    st2, _ = m.step(st1, 1)  # after the end, the read is fine
    st2 = m.start_thread(st2, 2, "Get", [p])
    assert st2.threads[2].result == 5


def test_no_race_when_ordered_and_fields_are_separate(machine: tuple[Machine, State]) -> None:
    m, st = machine
    st, p = box(m, st)
    st = m.start_thread(st, 1, "Set", [p, 5])
    st = m.start_thread(st, 2, "SetM", [p, 6])
    st, _ = m.step(st, 1)
    st, _ = m.step(st, 2)  # a different field: no race
    st, _ = m.step(st, 1)
    st, _ = m.step(st, 2)
    assert st.heap[p.addr] == (5, 6)


def test_two_writes_overlapping_is_a_race(machine: tuple[Machine, State]) -> None:
    m, st = machine
    st, p = box(m, st)
    st = m.start_thread(st, 1, "Set", [p, 5])
    st = m.start_thread(st, 2, "Set", [p, 6])
    st, _ = m.step(st, 1)
    with pytest.raises(E.UndefinedBehavior) as ei:
        m.step(st, 2)
    assert ei.value.code == E.UB_RACE


def test_map_written_while_another_goroutine_ranges(machine: tuple[Machine, State]) -> None:
    m, st = machine
    from goose.semantics.state import Thread
    from goose.semantics.values import MapRef

    st = st.copy()
    a = m.alloc_id(Thread("setup"))
    st.w_maps()[a] = {1: 1, 2: 2}
    mp = MapRef(a)
    st = m.start_thread(st, 1, "Sum", [mp])
    st = m.start_thread(st, 2, "Fill", [mp])
    assert m.action(st, 1).op == "ITER_START"
    st, _ = m.step(st, 1)
    assert m.action(st, 1).nchoices == 2  # iteration order is a choice
    with pytest.raises(E.UndefinedBehavior) as ei:
        m.step(st, 2)
    assert ei.value.code == E.UB_MAP_ITER
