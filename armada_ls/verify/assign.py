"""Definitions and assignments: Go's two phases (evaluate every place's operands and every
value left to right, then store left to right), with ownership and bounds obligations on
the stores."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import z3

from goose import ir
from goose import types as T

from . import blocks, heap, smt
from .exprs import allocate, field_type, struct_of_ptr
from .locks import is_mutex_ptr, note_alias
from .state import Perm, SliceV, State, StructV, Val

if TYPE_CHECKING:
    from .stepper import Exec


def define(ex: Exec, s: ir.Define, st: State) -> None:
    if not s.values:
        vals: list[Val] = [heap.zero_value(t) for t in s.types]
    elif len(s.values) == 1 and len(s.names) > 1:
        v = ex.ev.eval(s.values[0], st)
        if not isinstance(v, tuple):
            raise smt.Unsupported("comma-ok forms are not supported by the verifier yet")
        vals = list(v)
    else:
        vals = [ex.ev.eval(v, st) for v in s.values]
    for i, (n, t, v) in enumerate(zip(s.names, s.types, vals, strict=False)):
        if n == "_":
            continue
        boxed = s.boxed[i] if i < len(s.boxed) else False
        is_new = s.new[i] if i < len(s.new) else True
        st.types[n] = t
        if boxed and is_new:
            cell = allocate(st, f"&{n}")
            st.owned.append(Perm(cell, "*"))
            st.env[n] = cell
            st.boxed.add(n)
            heap.write(st, heap.cell_key(t), cell, t, v)
        elif boxed:
            ex.store_var(n, t, True, v, st, s.span)
        else:
            st.env[n] = v
        if is_mutex_ptr(t) and not boxed:
            same = len(s.values) == len(s.names)
            note_alias(ex, n, s.values[i] if same else None, st)


def store_var(ex: Exec, n: str, t: T.Type, boxed: bool, v: Val, st: State, span: ir.Span) -> None:
    if boxed:
        cell = st.env[n]
        ex.ev.need(st, cell, "*", span, f"writing the shared variable {n}")
        heap.write(st, heap.cell_key(t), cell, t, v)
    else:
        st.env[n] = v


def assign(ex: Exec, s: ir.Assign, st: State) -> None:
    # phase 1: the places' operands and the values, left to right
    targets = [place(ex, p, st) for p in s.places]
    if len(s.values) == 1 and len(s.places) > 1:
        v = ex.ev.eval(s.values[0], st)
        if not isinstance(v, tuple):
            raise smt.Unsupported("comma-ok forms are not supported by the verifier yet")
        vals = list(v)
    else:
        vals = [ex.ev.eval(v, st) for v in s.values]
    if s.op:
        p = s.places[0]
        cur = targets[0][1](None, read=True)
        bin_ = ir.Binary(s.span, p.type, s.op.rstrip("="), ir.Const(s.span, p.type, 0),
                         ir.Const(s.span, p.type, 0))
        vals = [_op(ex, bin_, cur, vals[0] if vals else z3.IntVal(1), st)]
    # phase 2: assign left to right
    for (_, write), v in zip(targets, vals, strict=False):
        write(v)
    for i, p in enumerate(s.places):  # which lock a mutex variable now names
        if isinstance(p, ir.VarPlace) and is_mutex_ptr(p.type) and not p.boxed:
            same = len(s.values) == len(s.places) and not s.op
            note_alias(ex, p.name, s.values[i] if same else None, st)


def _heap_field(ex: Exec, st: State, ptr: Val, struct: str, p: ir.FieldPlace, what: str) -> Any:
    """Reader/writer of field `p.field` of the heap struct at `ptr` (ownership checked)."""

    def rw(v: Val = None, read: bool = False) -> Val:
        ex.ev.need(st, ptr, p.field, p.span, what)
        ft = field_type(ex.ctx.pkg, struct, p.field)
        if read:
            return heap.read(st, heap.field_key(struct, p.field), ptr, ft)
        heap.write(st, heap.field_key(struct, p.field), ptr, ft, v)
        return None
    return rw


def _byte_writer(ex: Exec, p: ir.IndexPlace, x: Val, i: Val, st: State) -> Any:
    """`b[i] = v` on a byte slice: b's value becomes set_byte(b, i, v), exact only when b
    shares its array with nothing (blocks.mutable)."""
    name = writable_bytes(ex, p.x)

    def wb(v: Val = None, read: bool = False) -> Val:
        # the slice's contents now (the same statement may have written them: `b[0], b[1] =
        # b[1], b[0]`, a copy into b on the right); only the index is from phase 1
        cur = st.env[name]
        ex.ctx.ob("safety", p.span, "the index is within the byte slice's bounds", st,
                  i < blocks.blen(st, cur))
        if read:
            return blocks.byte_at(st, cur, i)
        ex.store_var(name, p.x.type, False, blocks.set_byte(st, cur, i, v), st, p.span)
        return None
    return wb


def pure_functions(ex: Exec) -> blocks.Callees:
    """What the package's functions do with byte slices handed to them (blocks.Callees),
    computed once per function verified."""
    from .pure import is_pure

    c = ex.ctx.__dict__.get("_armada_callees")
    if c is None:
        pure = frozenset(q for q in ex.ctx.pkg.funcs if is_pure(ex.ctx.ann, q))
        c = ex.ctx.__dict__["_armada_callees"] = blocks.callees(ex.ctx.pkg, pure)
    return c


def writable_bytes(ex: Exec, target: ir.Expr) -> str:
    """The local whose bytes a write changes, or UNKNOWN when it may share its array."""
    if isinstance(target, ir.Var) and target.name in blocks.mutable(ex.ctx.fn, pure_functions(ex)):
        return target.name
    what = target.name if isinstance(target, ir.Var) else "this byte slice"
    raise smt.Unsupported(f"writing into {what}, which may share its array with another slice "
                          "(a field, an alias, a parameter the function reassigns, returns or "
                          "keeps): write only into a byte slice made in this function (make, a "
                          "disk read), or a parameter it only lends on for a call")


def _op(ex: Exec, b: ir.Binary, x: Val, y: Val, st: State) -> Val:
    return ex.ev.arith(b, {"++": "+", "--": "-"}.get(b.op, b.op), x, y, st)


def place(ex: Exec, p: ir.Place, st: State):  # noqa: ANN201 - returns (None, writer)
    """Evaluate a place's operands now; return a writer (and reader) for phase 2."""
    if isinstance(p, ir.Blank):
        return None, lambda v=None, read=False: None
    if isinstance(p, ir.VarPlace):
        def w(v: Val = None, read: bool = False) -> Val:
            if read:
                return ex.ev.eval(ir.Var(p.span, p.type, p.name, p.boxed), st)
            ex.store_var(p.name, p.type, p.boxed, v, st, p.span)
            return None
        return None, w
    if isinstance(p, ir.DerefPlace):
        ptr = ex.ev.eval(p.ptr, st)

        def wd(v: Val = None, read: bool = False) -> Val:
            ex.ev.need(st, ptr, "*", p.span, "writing through a pointer")
            if read:
                return heap.read(st, heap.cell_key(p.type), ptr, p.type)
            heap.write(st, heap.cell_key(p.type), ptr, p.type, v)
            return None
        return None, wd
    if isinstance(p, ir.FieldPlace):
        if isinstance(p.base, ir.Expr):
            ptr = ex.ev.eval(p.base, st)
            struct = struct_of_ptr(p.base.type)
            if struct is None:
                raise smt.Unsupported("field assignment through a non-struct pointer")
            if ex.ev.lock_family(struct, p.field):
                ex.ctx.fail("safety", p.span, f"{struct}.{p.field} carries a lock invariant "
                              "and is read without ownership: set it only in the struct "
                              "literal that creates the struct", st)

            return None, _heap_field(ex, st, ptr, struct, p, f"writing {struct}.{p.field}")
        if isinstance(p.base, ir.VarPlace) and not p.base.boxed:
            name = p.base.name

            def wl(v: Val = None, read: bool = False) -> Val:
                sv = st.env[name]
                assert isinstance(sv, StructV)
                if read:
                    return sv.fields[p.field]
                st.env[name] = StructV({**sv.fields, p.field: v})
                return None
            return None, wl
        bt = p.base.type if isinstance(p.base, ir.VarPlace) else None
        if isinstance(p.base, ir.VarPlace) and isinstance(bt, T.Named) and bt.pkg == "" \
                and bt.name in ex.ctx.pkg.structs:
            cell = st.env[p.base.name]  # a local struct whose address is taken
            return None, _heap_field(ex, st, cell, bt.name, p, f"writing {p.base.name}.{p.field}")
        raise smt.Unsupported("assignment to a field of this place")
    if isinstance(p, ir.IndexPlace):
        x = ex.ev.eval(p.x, st)
        i = ex.ev.eval(p.index, st)
        if not isinstance(x, SliceV):
            return None, _byte_writer(ex, p, x, i, st)
        elem = T.underlying(p.x.type).elem  # type: ignore[union-attr]

        def wi(v: Val = None, read: bool = False) -> Val:
            ex.ctx.ob("safety", p.span, "the index is within the slice's bounds", st, i < x.len)
            ex.ev.need(st, x.base, "[]", p.span, "writing a slice element")
            if read:
                return heap.elem_read(st, elem, x, i)
            heap.elem_write(st, elem, x, i, v)
            return None
        return None, wi
    if isinstance(p, ir.MapPlace):
        m = ex.ev.eval(p.m, st)
        k = ex.ev.eval(p.key, st)
        mt = T.underlying(p.m.type)
        assert isinstance(mt, T.Map)

        def wm(v: Val = None, read: bool = False) -> Val:
            if read:
                return heap.map_read(st, mt, m, k)[0]
            ex.ctx.ob("safety", p.span, "the map is not nil (assigning into a nil map "
                        "panics)", st, m != smt.NIL)
            ex.ev.need(st, m, "*", p.span, "writing a map")
            ex.ev.not_iterating(st, m, p.span)
            heap.map_write(st, mt, m, k, v)
            return None
        return None, wm
    raise smt.Unsupported(f"assignment to {type(p).__name__}")
