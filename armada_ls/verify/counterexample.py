"""Readable counterexamples from a Z3 model.

What a person needs first is where the check fails (the quantified variables' values, e.g.
the address), then the durable, spec and ghost values at exactly those places, then the
locals that are values (a pointer's number is an artefact of the model and is left out), and
the durable writes of the failing path in order. Everything is focused on the failing
addresses: the rest of the model is noise. (`armada_ls.engine.convert` puts the facts the
failing clause reads first and decides whether the writes are shown as "on disk at the
crash", which only a crash obligation has.)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

import z3

from goose import types as T

from . import smt, specvals
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
        if z3.is_true(v):
            return "true"
        if z3.is_false(v):
            return "false"
        if z3.is_app_of(v, z3.Z3_OP_DT_CONSTRUCTOR) and v.sort().name().startswith("List_") \
                and v.num_args() == 3 and z3.is_int_value(v.arg(1)) and z3.is_int_value(v.arg(2)):
            return self._list(v.arg(0), v.arg(1).as_long(), v.arg(2).as_long())  # [1, 2]
        if z3.is_app_of(v, z3.Z3_OP_DT_CONSTRUCTOR) and v.sort().num_constructors() == 1:
            return specvals.show(v, self.show)  # a struct value: Rec{Val: 1, Tag: 2}
        return s


    def _list(self, elems: z3.ExprRef, off: int, n: int) -> str:
        shown = [self.show(z3.simplify(z3.Select(elems, off + k)))
                 for k in range(min(max(n, 0), _LIST_SHOWN))]
        return "[" + ", ".join(shown + (["..."] if n > _LIST_SHOWN else [])) + "]"


_LIST_SHOWN = 8  # a list shows its first elements and `...`


def _identity(t: object) -> bool:
    """A pointer, a map, a struct or a mutex: its model value is an identity, not data. (A
    block, `[]byte`, is a value of its own sort; other slices are `SliceV`s.)"""
    return isinstance(t, T.Pointer | T.Map | T.Struct) or t == T.MUTEX


_WITNESS = re.compile(r"^witness_|!.*$")


def native_eval(native: z3.ModelRef) -> Callable[[z3.ExprRef], z3.ExprRef | None]:
    """An evaluator of main-context terms in the solver's own model: the term is printed
    and parsed there against the model's declarations (its functions, and the
    constructors and fields of the datatypes they use), and an integer, bool or string
    value comes back to the main context. None where that fails (a name the model does
    not know): the translated model is used instead. The translated model alone gets
    wrong values for whatever goes through a block (a word read from one showed 0): the
    query's text declared Block anew, and the translation's Block is not the main one."""
    decls: dict[str, z3.FuncDeclRef] = {}
    sorts: dict[str, z3.SortRef] = {}

    def add_sort(srt: z3.SortRef) -> None:
        if srt.name() in sorts or srt.kind() in (z3.Z3_INT_SORT, z3.Z3_BOOL_SORT):
            return
        if srt.kind() == z3.Z3_ARRAY_SORT:
            add_sort(srt.domain())  # type: ignore[attr-defined]
            add_sort(srt.range())  # type: ignore[attr-defined]
            return
        sorts[srt.name()] = srt
        if isinstance(srt, z3.DatatypeSortRef):
            for c in range(srt.num_constructors()):
                con = srt.constructor(c)
                decls[con.name()] = con
                for k in range(con.arity()):
                    acc = srt.accessor(c, k)
                    decls[acc.name()] = acc
                    add_sort(acc.range())

    for d in native.decls():
        decls[d.name()] = d
        for k in range(d.arity()):
            add_sort(d.domain(k))
        add_sort(d.range())
    for srt in native.sorts():
        add_sort(srt)
    cache: dict[int, z3.ExprRef | None] = {}

    def ev(t: z3.ExprRef) -> z3.ExprRef | None:
        if t.sort().kind() not in (z3.Z3_INT_SORT, z3.Z3_BOOL_SORT) and not (
                t.sort().kind() == z3.Z3_SEQ_SORT and t.is_string()):  # type: ignore[attr-defined]
            return None
        got = cache.get(t.get_id(), ...)
        if got is not ...:
            return got  # type: ignore[return-value]
        out: z3.ExprRef | None = None
        try:
            text = t.sexpr()
            there = z3.parse_smt2_string(f"(assert (= {text} {text}))", sorts=sorts,
                                         decls=decls, ctx=native.ctx)
            val = native.eval(there[0].arg(0), model_completion=True)
            if z3.is_int_value(val) or z3.is_true(val) or z3.is_false(val) or z3.is_string_value(val):
                out = val.translate(z3.main_ctx())
        except z3.Z3Exception:
            out = None
        cache[t.get_id()] = out
        return out

    return ev


def extract(model: z3.ModelRef, st: State, witnesses: list[z3.ExprRef],
            keys: bool = True, native: z3.ModelRef | None = None) -> Counterexample:
    names = _Names()
    there = native_eval(native) if native is not None and native.ctx != z3.main_ctx() else None

    def ev(t: z3.ExprRef) -> z3.ExprRef:
        got = there(t) if there is not None else None
        return got if got is not None else model.eval(t, model_completion=True)
    # "zero" only when the model gives the zero block a value (without completion, any
    # block would be named zero)
    zero = smt.zero_block()
    if model.get_interp(zero.decl()) is not None:
        names.blocks.setdefault(str(ev(zero)), "zero")
    cx = Counterexample()
    ints: list[z3.ExprRef] = []
    blocks: list[z3.ExprRef] = []
    focus_ints: list[z3.ExprRef] = []
    for w in witnesses:
        val = ev(w)
        name = _WITNESS.sub("", str(w))
        if name.startswith("list#"):  # where two lists differ, in an array: not a user's name
            continue
        cx.focus[name] = names.show(val)
        cx.variables[f"{name} (where it fails)"] = names.show(val)  # older readers
        (focus_ints if w.sort() == z3.IntSort() else blocks).append(val)
    for n, v in sorted(st.env.items()):
        if isinstance(v, SliceV):
            cx.variables[f"len({n})"] = str(ev(v.len))
            continue
        if isinstance(v, StructV | tuple) or not isinstance(v, z3.ExprRef) or z3.is_array(v):
            continue
        if _identity(st.types.get(n)):
            continue
        val = ev(v)
        cx.variables[n] = names.show(val)
        if v.sort() == z3.IntSort():
            ints.append(val)
        elif v.sort() == smt.BLOCK:
            blocks.append(val)
    written = [ev(a) for _, a, _ in st.trail]
    # the places that matter: where it fails if the check is quantified, else the
    # addresses the path wrote and the integer locals (the addresses it worked on)
    focus = _dedup(focus_ints) or _dedup(written + ints)
    for name, arr in sorted(st.durable.items()):
        if arr.sort().domain() != z3.IntSort():
            continue  # filesys.Ino: by name (the file system shows through filesys.Data)
        size = ev(z3.Int(f"{name.partition('.')[0]}.Size"))  # (calls.disk_size)
        for i in focus:
            if z3.is_int_value(size) and size.as_long() > 0 and z3.is_int_value(i) and not (
                    0 <= i.as_long() < size.as_long()):
                continue  # an integer local that is no address of this disk
            val = names.show(ev(z3.Select(arr, i)))
            cx.durable[f"{name}[{i}]"] = val
            cx.cells.setdefault(str(i), {})[name] = val
    for disk, f in sorted(st.flags.items()):
        cx.durable[f"failed({disk})"] = names.show(ev(f))
    for key, v in sorted(st.spec.items()):
        base, _, part = key.partition("#")
        if part:  # a spec map's size and key set (specvals), in the logic's words, when
            if not keys:  # some annotation asks about them
                continue
            if part == "count":
                cx.spec[f"len({base})"] = names.show(ev(v))
            elif z3.is_array(v) and v.sort().domain() == z3.IntSort():
                for i in focus:
                    cx.spec[f"has({base}, {i})"] = names.show(ev(z3.Select(v, i)))
            continue
        if z3.is_array(v) and v.sort().domain() != z3.IntSort():
            continue  # keyed by strings (or blocks): the focus is integers
        if z3.is_array(v):
            for i in focus:
                val = names.show(ev(z3.Select(v, i)))
                cx.spec[f"{key}[{i}]"] = val
                cx.cells.setdefault(str(i), {})[key] = val
        else:
            cx.spec[key] = names.show(ev(v))
    cand_blocks = _dedup(blocks + [ev(z3.Select(a, i)) for a in st.durable.values()
                          if a.sort().domain() == z3.IntSort() for i in focus])
    for key, arr in sorted(st.helping.items()):
        doms = [arr.sort().domain_n(i) for i in range(smt.arity(arr.sort()))]
        cands = [focus if d == z3.IntSort() else cand_blocks if d == smt.BLOCK
                 else [z3.BoolVal(True)] if d == z3.BoolSort() else [] for d in doms]
        for args in itertools.islice(itertools.product(*cands), 64):
            n = ev(z3.Select(arr, *args))
            if (z3.is_int_value(n) and n.as_long() > 0) or z3.is_true(n):
                cx.helping.append(f"{key}({', '.join(names.show(a) for a in args)})")
    cx.on_disk = [f"{t}{ev(a)}, {names.show(ev(v))})" for t, a, v in st.trail]
    return cx


def _dedup(vals: list[z3.ExprRef]) -> list[z3.ExprRef]:
    out: list[z3.ExprRef] = []
    for v in vals:
        if not any(v.eq(o) for o in out):
            out.append(v)
    return out[:6]
