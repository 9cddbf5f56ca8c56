"""A uint64 read from an unknown block is linked to its bytes only once that can matter
(blocks.word_read): words at constant offsets 8 or more apart leave the links off, a byte
read or two words that may overlap put every link on the path, and a remembered read
(the get64 memo) registers its word again on the path that asks."""

from __future__ import annotations

import z3

from armada_ls.verify import blocks
from armada_ls.verify.state import State


def _links(st: State) -> int:
    return sum(1 for f in st.path if z3.is_eq(f) and blocks._is(f.arg(0), blocks.GET64))


def _block(name: str) -> z3.ExprRef:
    return z3.Const(name, blocks.BLOCK)


def test_words_far_apart_leave_links_off() -> None:
    blocks.reset()
    st = State()
    b = _block("h")
    for o in (0, 8, 16, 8):
        blocks.get64(st, b, z3.IntVal(o))
    assert st.words is not None and len(st.words) == 3
    assert _links(st) == 0


def test_byte_read_puts_every_pending_link_on() -> None:
    blocks.reset()
    st = State()
    b, c = _block("h"), _block("g")
    blocks.get64(st, b, z3.IntVal(0))
    blocks.get64(st, c, z3.IntVal(8))
    blocks.byte_at(st, c, z3.IntVal(3))
    assert st.words is None
    assert _links(st) == 2
    blocks.get64(st, b, z3.IntVal(16))  # from now on each word is linked as it is read
    assert _links(st) == 3


def test_overlapping_or_variable_offsets_put_links_on() -> None:
    blocks.reset()
    st = State()
    b = _block("h")
    blocks.get64(st, b, z3.IntVal(0))
    blocks.get64(st, b, z3.IntVal(4))
    assert st.words is None and _links(st) == 2
    blocks.reset()
    st = State()
    blocks.get64(st, b, z3.Int("off"))
    assert st.words is None and _links(st) == 1


def test_remembered_read_registers_its_word_on_another_path() -> None:
    blocks.reset()
    first, second = State(), State()
    b = _block("h")
    t = blocks.get64(first, b, z3.IntVal(0))
    assert blocks.get64(second, b, z3.IntVal(0)).eq(t)
    assert second.words is not None and len(second.words) == 1
    blocks.byte_at(second, b, z3.IntVal(0))
    assert _links(second) == 1 and _links(first) == 0
