"""Readable counterexamples from a Z3 model: locals, durable blocks, spec state, helped ops
and, for a crash point, the writes that reached disk on the failing path."""

from __future__ import annotations

import itertools

import z3

from . import smt
from .result import Counterexample
from .state import SliceV, State, StructV


class _Names:
    """Names uninterpreted blocks b0, b1, ... in order of first appearance."""

    def __init__(self) -> None:
        self.blocks: dict[str, str] = {}

    def show(self, v: z3.ExprRef) -> str:
        s = str(v)
        if v.sort() == smt.BLOCK:
            if s == "zero_block":
                return "zero"
            return self.blocks.setdefault(s, f"b{len(self.blocks)}")
        return s


def extract(model: z3.ModelRef, st: State, witnesses: list[z3.ExprRef]) -> Counterexample:
    names = _Names()
    ev = lambda t: model.eval(t, model_completion=True)  # noqa: E731
    if model.eval(smt.zero_block(), model_completion=False) is not None:
        names.blocks.setdefault(str(ev(smt.zero_block())), "zero")
    cx = Counterexample()
    ints: list[z3.ExprRef] = []
    blocks: list[z3.ExprRef] = []
    for w in witnesses:
        val = ev(w)
        cx.variables[f"{str(w).split('!')[0].removeprefix('witness_')} (where it fails)"] = \
            names.show(val)
        (ints if w.sort() == z3.IntSort() else blocks).append(val)
    for n, v in sorted(st.env.items()):
        if isinstance(v, SliceV):
            cx.variables[f"len({n})"] = str(ev(v.len))
        elif isinstance(v, StructV | tuple):
            continue
        elif isinstance(v, z3.ExprRef) and not z3.is_array(v):
            val = ev(v)
            cx.variables[n] = names.show(val)
            if v.sort() == z3.IntSort():
                ints.append(val)
            elif v.sort() == smt.BLOCK:
                blocks.append(val)
    idxs = _dedup(ints + [ev(a) for _, a, _ in st.trail])
    # helped ops: at the failing index when there is one (the rest of the model is noise)
    focus = _dedup([ev(w) for w in witnesses if w.sort() == z3.IntSort()]) or idxs
    for name, arr in sorted(st.durable.items()):
        for i in idxs:
            cx.durable[f"{name}[{i}]"] = names.show(ev(z3.Select(arr, i)))
    for disk, f in sorted(st.flags.items()):
        cx.durable[f"failed({disk})"] = str(ev(f))
    for key, v in sorted(st.spec.items()):
        if z3.is_array(v):
            for i in idxs:
                cx.spec[f"{key}[{i}]"] = names.show(ev(z3.Select(v, i)))
        else:
            cx.spec[key] = names.show(ev(v))
    cand_blocks = _dedup(blocks + [ev(z3.Select(a, i)) for a in st.durable.values() for i in idxs])
    for key, arr in sorted(st.helping.items()):
        doms = [arr.sort().domain_n(i) for i in range(smt.arity(arr.sort()))]
        cands = [focus if d == z3.IntSort() else cand_blocks if d == smt.BLOCK
                 else [z3.BoolVal(True)] if d == z3.BoolSort() else [] for d in doms]
        for args in itertools.islice(itertools.product(*cands), 64):
            n = ev(z3.Select(arr, *args))
            if z3.is_int_value(n) and n.as_long() > 0:
                cx.helping.append(f"{key}({', '.join(names.show(a) for a in args)})")
    cx.on_disk = [f"{t}{ev(a)}, {names.show(ev(v))})" for t, a, v in st.trail]
    return cx


def _dedup(vals: list[z3.ExprRef]) -> list[z3.ExprRef]:
    out: list[z3.ExprRef] = []
    for v in vals:
        if not any(v.eq(o) for o in out):
            out.append(v)
    return out[:6]
