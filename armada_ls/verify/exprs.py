"""Evaluating Goose expressions on a symbolic state, in Go's left-to-right order.

Reads and writes of the heap need ownership (a `race` obligation otherwise), indexing needs
bounds (`safety`), and calls go through the callee's contract or the machine library's
model (`machine.py`). Unsupported constructs raise `smt.Unsupported`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from goose import ir
from goose import machine_api as M
from goose import types as T

from . import blocks, heap, smt
from .state import Perm, SliceV, State, StructV, Val

if TYPE_CHECKING:
    from .stepper import Exec


def struct_of_ptr(t: T.Type) -> str | None:
    u = T.underlying(t)
    if isinstance(u, T.Pointer) and isinstance(u.elem, T.Named) and u.elem.pkg == "":
        return u.elem.name
    return None


def field_type(pkg: ir.Package, struct: str, fld: str) -> T.Type:
    sd = pkg.structs.get(struct)
    ft = next((f.type for f in sd.fields if f.name == fld), None) if sd else None
    if ft is None:
        raise smt.Unsupported(f"unknown field {struct}.{fld}")
    return ft


def owns(st: State, ptr: z3.ArithRef, fld: str) -> z3.BoolRef:
    """This thread owns ptr.fld (or the whole of ptr)."""
    opts = [p.ptr == ptr for p in st.owned if p.field in (fld, "*")]
    return z3.Or(opts) if opts else z3.BoolVal(False)


def may_equal(st: State, a: z3.ExprRef, b: z3.ExprRef, arrays: bool = False) -> bool:
    """Whether a == b is possible on st's path (unknown counts as possible). `arrays`: two
    slices' arrays, which share nothing when both are nil (no element to own)."""
    if a.eq(b) or z3.is_true(z3.simplify(a == b)):  # (also for arrays: a path rarely proves
        return True  # a term nil, and a nil array has no elements to own; asking whether it
    if arrays:  # is cost seconds of timeouts on long paths)
        sa, sb = z3.simplify(a), z3.simplify(b)
        if any((x.eq(sa) and y.eq(sb)) or (x.eq(sb) and y.eq(sa)) for x, y in st.apart):
            return False
    c = z3.simplify(z3.And(a == b, a != smt.NIL) if arrays else a == b)
    if z3.is_bool(c) and (z3.is_true(c) or z3.is_false(c)):
        return z3.is_true(c)
    # first without the quantified facts (what keeps two objects apart is ground: allocation,
    # `apart`, heap reads): unsat there is unsat with every fact; only a possible answer is
    # asked again of the whole path (a path of lock invariants over nested spec maps took
    # half a second a question)
    ground = [f for f in st.path if not _quantified(f, 2)]
    if len(ground) < len(st.path) and _possible(ground, c, 500) is False:
        return False
    return _possible(st.path, c, 2000) is not False


def _possible(facts: list[z3.BoolRef], c: z3.BoolRef, ms: int) -> bool | None:
    """False if facts and c are unsatisfiable, True if satisfiable, None if unknown."""
    s = z3.Solver()
    s.set("timeout", ms)  # unknown counts as possible: generous, to stay stable under load
    s.add(*facts)
    s.add(c)
    r = s.check()
    return None if r == z3.unknown else r == z3.sat


def _quantified(f: z3.ExprRef, depth: int) -> bool:
    """f is a quantifier, or has one among its boolean connectives `depth` levels down (or
    may have: deeper ones count as quantified, so the ground facts are ground)."""
    if z3.is_quantifier(f):
        return True
    if z3.is_and(f) or z3.is_implies(f) or z3.is_or(f) or z3.is_not(f):
        return depth == 0 or any(_quantified(x, depth - 1) for x in f.children())
    return False


def disown(st: State, base: z3.ExprRef, fields: tuple[str, ...] = ("[]", "*")) -> None:
    """Give up every permission on `base` (its elements): each one whose address may be
    base, not only the one spelled the same (a slice read back from a field names its
    array by another term, and a kept permission would let the old slice write into an
    array append may have reused). A map's entries are never a slice's array (Go's types
    keep them apart): an append next to a lock-owned map took the map's entries with it."""
    st.owned = [p for p in st.owned if not (p.field in fields and p.contents != "map"
                                            and may_equal(st, p.ptr, base, arrays=p.field == "[]"))]


def give_up(st: State, p: Perm) -> None:
    """Give up p (to a lock, a callee): every permission that may cover its location, not
    only p's own object (one granted at Lock may have been replaced by the thread's own,
    e.g. of a new array it stored in the protected field)."""
    st.owned = [q for q in st.owned if not ((q.field in (p.field, "*") or p.field == "*")
                                            and not _other_object(p, q)
                                            and may_equal(st, q.ptr, p.ptr,
                                                          arrays=p.field == q.field == "[]"))]


def _other_object(p: Perm, q: Perm) -> bool:
    """p and q cannot be on one object: one is a map's entries, the other a struct's field or
    a slice's elements (Go's types keep a map apart from both). Giving up a lock's field
    took with it the entries of a map another held lock owned (both addresses are integers
    the solver may equal), and that lock could not be given back."""
    one, other = (p, q) if p.contents == "map" else (q, p)
    return one.contents == "map" and other.contents != "map" and other.field != "*"


def allocate(st: State, hint: str) -> z3.ArithRef:
    p = smt.fresh_int(f"ptr:{hint}")
    st.assume(p > 0)
    for q in st.all_ptrs:
        st.assume(p != q)
    for o in st.owned:
        st.assume(p != o.ptr)
    st.all_ptrs.append(p)
    return p


# expressions that read memory
_LOADS = (ir.FieldPtrGet, ir.FieldGet, ir.Index, ir.MapGet, ir.Deref, ir.Var)


class Eval:
    def __init__(self, ex: Exec) -> None:
        self.ex = ex
        self.ctx = ex.ctx

    # ------------------------------------------------------------ access checks

    def need(self, st: State, ptr: z3.ArithRef, fld: str, span: ir.Span, what: str) -> None:
        self.ctx.ob("race", span, f"{what} needs ownership (a data race otherwise)", st,
                    owns(st, ptr, fld))

    def not_iterating(self, st: State, m: z3.ArithRef, span: ir.Span) -> None:
        """Writing a map while ranging over it is undefined behaviour in the model."""
        if st.iterating:
            self.ctx.ob("safety", span, "the map is not being ranged over (writing it would "
                        "invalidate the iteration)", st, z3.And([m != it for it in st.iterating]))

    def read_only_elems(self, x: ir.Expr, elem: T.Type) -> bool:
        """Elements of a slice held in a read-only unexported field, when no statement of
        the package writes elements of that type: the package fills such arrays when it
        makes them (make, literals, append) and never changes them afterwards. (Assumes, as
        for unexported fields generally, that the package does not store a slice its
        clients keep writing.)"""
        if str(elem) in self.ctx.assigned_elems or str(elem) in self._bulk_written() or \
                not isinstance(x, ir.FieldPtrGet):
            return False
        struct = struct_of_ptr(x.ptr.type)
        return struct is not None and x.field[:1].islower() and self.read_only(struct, x.field)

    def frozen_elems(self, x: ir.Expr) -> bool:
        """Elements of an array a built struct froze (frozen.py)."""
        from . import frozen

        struct = struct_of_ptr(x.ptr.type) if isinstance(x, ir.FieldPtrGet) else None
        return struct is not None and frozen.frozen(self.ctx, struct, x.field)  # type: ignore[union-attr]

    def _bulk_written(self) -> set[str]:
        """Element types of the slices some copy or append writes into (their first
        argument's array: append writes there when it has spare capacity), which no
        `s[i] = v` shows."""
        got = self.ctx.__dict__.get("_armada_bulk_written")
        if got is None:
            got = set()
            for fn in self.ctx.pkg.funcs.values():
                for n in ir.walk(fn.body):
                    if isinstance(n, ir.Builtin) and n.name in ("copy", "append", "append...") and n.args:
                        u = T.underlying(n.args[0].type)
                        if isinstance(u, T.Slice) and not smt.is_bytes(u):
                            got.add(str(u.elem))
            self.ctx.__dict__["_armada_bulk_written"] = got
        return got

    def lock_family(self, struct: str, fld: str) -> bool:
        return f"{struct}.{fld}" in self.ctx.ann.lock_invs

    def read_only(self, struct: str, fld: str) -> bool:
        """A field that no statement of the package assigns (it is set only by the struct
        literal that allocates the struct, before anyone else can see it) can be read
        without ownership: no write can race with the read."""
        return self.lock_family(struct, fld) or f"{struct}.{fld}" not in self.ctx.assigned_fields

    # ------------------------------------------------------------ expressions

    def eval(self, e: ir.Expr, st: State) -> Val:
        v = self._eval(e, st)
        if isinstance(e, _LOADS) and isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
            from .locks import built

            # A struct with locks is only ever allocated by `new`, which checks its locks and
            # mints it (locks.mint): any such pointer memory holds is nil or built, so an op
            # may lock a mailbox it finds in a slice (its receiver's, say), not only its own
            fact = built(self.ctx, st, e.type, v)
            if fact is not None:
                st.assume(fact)
        return v

    def _eval(self, e: ir.Expr, st: State) -> Val:  # noqa: C901 - one case per node kind
        if isinstance(e, ir.Const):
            v = e.value
            if isinstance(v, bool):
                return z3.BoolVal(v)
            if isinstance(v, str):
                return blocks.str_val(v)
            return z3.IntVal(v)
        if isinstance(e, ir.Nil):
            u = T.underlying(e.type)
            if isinstance(u, T.Slice) and not smt.is_bytes(u):
                return SliceV(smt.NIL, z3.IntVal(0))
            return smt.NIL
        if isinstance(e, ir.Var):
            if e.boxed:
                cell = st.env[e.name]
                if e.name not in self.ctx.read_only_vars:
                    self.need(st, cell, "*", e.span, f"reading the shared variable {e.name}")
                return heap.read(st, heap.cell_key(e.type), cell, e.type)
            if e.name not in st.env:
                raise smt.Unsupported(f"unknown variable {e.name}")
            return st.env[e.name]
        if isinstance(e, ir.GlobalRef):
            return self.global_ref(e)
        if isinstance(e, ir.Unary):
            x = self.eval(e.x, st)
            if e.op == "!":
                return z3.Not(x)
            if e.op == "^":
                return (2 ** smt.int_bits(e.type) - 1) - x
            if e.op == "-":
                return -x
            raise smt.Unsupported(f"unary operator {e.op}")
        if isinstance(e, ir.Binary):
            return self.binary(e, st)
        if isinstance(e, ir.Deref):
            p = self.eval(e.ptr, st)
            elem = T.underlying(e.ptr.type).elem  # type: ignore[union-attr]
            captured = isinstance(e.ptr, ir.Var) and e.ptr.name in self.ctx.read_only_vars
            if captured:  # a captured variable nobody assigns: its cell never changes
                self.ctx.ob("safety", e.span, "the pointer is not nil", st, p != smt.NIL)
            else:
                self.need(st, p, "*", e.span, "dereferencing a pointer")
            return heap.read(st, heap.cell_key(elem), p, elem)
        if isinstance(e, ir.FieldGet):
            x = self.eval(e.x, st)
            if not isinstance(x, StructV):
                raise smt.Unsupported("field of a non-struct value")
            return x.fields[e.field]
        if isinstance(e, ir.FieldPtrGet):
            p = self.eval(e.ptr, st)
            struct = struct_of_ptr(e.ptr.type)
            if struct is None:
                raise smt.Unsupported(f"field {e.field} of {e.ptr.type}")
            if not self.read_only(struct, e.field):
                self.need(st, p, e.field, e.span, f"reading {struct}.{e.field}")
            else:
                self.ctx.ob("safety", e.span, "the pointer is not nil", st, p != smt.NIL)
            v = heap.read(st, heap.field_key(struct, e.field), p, field_type(self.ctx.pkg, struct, e.field))
            if isinstance(v, SliceV) and self.frozen_elems(e):
                st.frozen_bases.append(v.base)  # its elements never change (locks.forget_unowned)
                st.assume(z3.Implies(v.len > 0, v.base != smt.NIL), "only an empty slice is nil")
            return v
        if isinstance(e, ir.Index):
            x = self.eval(e.x, st)
            i = self.eval(e.index, st)
            if isinstance(x, z3.ExprRef) and x.sort() == smt.BLOCK:
                x = self._contents_now(e.x, x, st)
                self.ctx.ob("safety", e.span, "the index is within the byte slice's bounds", st,
                            i < blocks.blen(st, x))
                return blocks.byte_at(st, x, i)
            if isinstance(x, z3.SeqRef):  # s[i]: byte i of the string's UTF-8 bytes
                self.ctx.ob("safety", e.span, "the index is within the string's bounds", st,
                            i < blocks.slen(st, x))
                return blocks.byte_at(st, blocks.to_bytes(st, x), i)
            if not isinstance(x, SliceV):
                raise smt.Unsupported(f"indexing a value of type {e.x.type}")
            self.ctx.ob("safety", e.span, "the index is within the slice's bounds", st, i < x.len)
            elem = T.underlying(e.x.type).elem  # type: ignore[union-attr]
            if not self.read_only_elems(e.x, elem) and not self.frozen_elems(e.x):
                self.need(st, x.base, "[]", e.span, "reading a slice element")
            return heap.elem_read(st, elem, x, i)
        if isinstance(e, ir.MapGet):
            m = self.eval(e.m, st)
            k = self.eval(e.key, st)
            mt = T.underlying(e.m.type)
            assert isinstance(mt, T.Map)
            self.ctx.ob("race", e.span, "reading a map needs ownership (a data race otherwise)", st,
                        z3.Or(m == smt.NIL, owns(st, m, "*")))
            v, present = heap.map_read(st, mt, m, k)
            return (v, present) if e.comma_ok else v
        if isinstance(e, ir.SliceExpr):
            s = self.eval(e.x, st)
            is_block = isinstance(s, z3.ExprRef) and s.sort() == smt.BLOCK
            if not (is_block or isinstance(s, z3.SeqRef | SliceV)):
                raise smt.Unsupported(f"slicing a value of type {e.x.type}")
            lo = self.eval(e.lo, st) if e.lo is not None else z3.IntVal(0)
            hi = self.eval(e.hi, st) if e.hi is not None else None
            if is_block:
                s = self._contents_now(e.x, s, st)
            n = blocks.blen(st, s) if is_block else s.len if isinstance(s, SliceV) else blocks.slen(st, s)
            hi = hi if hi is not None else n
            note = "; the model does not track capacity" if isinstance(s, SliceV) else ""
            self.ctx.ob("safety", e.span, f"the slice bounds are in range (lo <= hi <= len{note})",
                        st, z3.And(lo <= hi, hi <= n))
            if is_block:
                return blocks.sub(st, s, lo, hi)
            if isinstance(s, SliceV):
                return SliceV(s.base, hi - lo, s.off + lo)
            return blocks.substring(st, s, lo, hi)  # s[lo:hi] of a string: a string of those bytes
        if isinstance(e, ir.StructLit):
            u = T.underlying(e.type)
            if not isinstance(u, T.Struct):
                raise smt.Unsupported("struct literal of a non-struct type")
            vals = {f: self.eval(x, st) for f, x in e.fields}
            return StructV({f: vals.get(f, heap.zero_value(ft)) for f, ft in u.fields})
        if isinstance(e, ir.New):
            return self.new(e, st)
        if isinstance(e, ir.SliceLit):
            u = T.underlying(e.type)
            if not isinstance(u, T.Slice) or smt.is_bytes(u):
                raise smt.Unsupported("byte slice literals")
            vals = [self.eval(v, st) for v in e.elems]
            base = allocate(st, f"[]{u.elem}")
            st.owned.append(Perm(base, "[]"))
            s = SliceV(base, z3.IntVal(len(vals)))
            for i, v in enumerate(vals):
                heap.elem_write(st, u.elem, s, z3.IntVal(i), v)
            return s
        if isinstance(e, ir.AddrOf):
            from .locks import lock_bearing
            from .structinv import has

            t = e.var.type
            if isinstance(t, T.Named) and (lock_bearing(self.ctx, t.name) or has(self.ctx, t.name)):
                # a pointer to a struct with locks is trusted to be built wherever memory
                # holds it (eval); this one was never checked: only new and &T{..} check
                raise smt.Unsupported(f"the address of a local {t.name} (&{e.var.name}), a "
                                      "struct with locks or invariants: build it with &T{...}, "
                                      "which checks them")
            return st.env[e.var.name]
        if isinstance(e, ir.Convert):
            x = self.eval(e.x, st)
            if smt.is_int(e.type) and smt.is_int(e.x.type):
                bits = smt.int_bits(e.type)
                return x if bits >= smt.int_bits(e.x.type) else x % (2**bits)
            if T.underlying(e.type) == T.underlying(e.x.type):
                return x
            if smt.is_bytes(e.type) and isinstance(x, z3.SeqRef):  # []byte(s): a fresh copy
                return blocks.to_bytes(st, x)
            if T.underlying(e.type) == T.STRING and isinstance(x, z3.ExprRef) and x.sort() == smt.BLOCK:
                return blocks.to_string(st, x)
            raise smt.Unsupported(f"conversion from {e.x.type} to {e.type}")
        if isinstance(e, ir.Call):
            return self.ex.call(e, st)
        if isinstance(e, ir.Builtin):
            return self.builtin(e, st)
        raise smt.Unsupported(f"{type(e).__name__} expressions are not supported by the verifier yet")

    def global_ref(self, e: ir.GlobalRef) -> Val:
        if e.pkg == "":
            c = self.ctx.pkg.consts.get(e.name)
            if c is None:
                raise smt.Unsupported(f"package-level variable {e.name}")
            v = c.value
        else:
            found = M.CONSTS.get(e.pkg, {}).get(e.name)
            if found is None:
                raise smt.Unsupported(f"{e.pkg}.{e.name}")
            v = found[1]
        if isinstance(v, bool):
            return z3.BoolVal(v)
        if isinstance(v, str):
            return blocks.str_val(v)
        return z3.IntVal(v)

    def binary(self, e: ir.Binary, st: State) -> Val:
        op = e.op
        if op in ("&&", "||"):
            x = self.eval(e.x, st)
            side = st.fork()
            side.assume(x if op == "&&" else z3.Not(x))
            y = self.eval(e.y, side)
            return z3.And(x, y) if op == "&&" else z3.Or(x, y)
        x = self.eval(e.x, st)
        y = self.eval(e.y, st)
        if op in ("==", "!="):
            eq = self._equal(x, y, st)
            return eq if op == "==" else z3.Not(eq)
        if op in ("<", "<=", ">", ">="):
            return {"<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y}[op]
        return self.arith(e, op, x, y, st)

    def arith(self, e: ir.Binary, op: str, x: Val, y: Val, st: State) -> Val:
        """`x op y` at the type of `e`: Go's wrapping arithmetic, string concatenation, and
        the division-by-zero obligation (also used for `x op= y` assignments)."""
        if op == "+" and isinstance(x, z3.SeqRef):
            return z3.Concat(x, y)
        bits = smt.int_bits(e.type)
        if op == "+":
            return smt.wrap(x + y, bits)
        if op == "-":
            return smt.wrap(x - y, bits)
        if op == "*":
            return (x * y) % (2**bits)
        if op in ("/", "%"):
            self.ctx.ob("safety", e.span, "no division by zero", st, y != 0)
            return x / y if op == "/" else x % y
        if op in smt.BITOPS:
            return smt.bitop(op, x, y, bits)
        raise smt.Unsupported(f"operator {op} is not supported by the verifier yet")

    def _equal(self, x: Val, y: Val, st: State) -> z3.BoolRef:
        """Go's == on comparable values, and comparisons of slices (and byte slices) with nil."""
        if isinstance(x, SliceV) or isinstance(y, SliceV):
            a = x.base if isinstance(x, SliceV) else x
            b = y.base if isinstance(y, SliceV) else y
            return a == b
        if isinstance(x, StructV) and isinstance(y, StructV):
            return z3.And([self._equal(x.fields[f], y.fields[f], st) for f in x.fields])
        if isinstance(x, z3.ExprRef) and isinstance(y, z3.ExprRef) and x.sort() != y.sort():
            blk = x if x.sort() == smt.BLOCK else y if y.sort() == smt.BLOCK else None
            if blk is not None:  # a byte slice compared with nil
                # nil-ness is no part of a block's value (make([]byte, 0) and a nil slice are
                # one block, and so are b[i:i] and make([]byte, 0): blocks._same_bytes), so
                # each comparison is its own unknown: only a non-empty slice is surely not nil
                is_nil = z3.Bool(smt.fresh_name("is_nil_bytes"))
                st.assume(z3.Implies(is_nil, blocks.blen(st, blk) == 0))
                return is_nil
        return x == y

    def new(self, e: ir.New, st: State) -> Val:
        u = T.underlying(e.type)
        assert isinstance(u, T.Pointer)
        elem = u.elem
        init = self.eval(e.init, st) if e.init is not None else heap.zero_value(elem)
        p = allocate(st, str(elem))
        if isinstance(elem, T.Named) and elem.pkg == "" and isinstance(T.underlying(elem), T.Struct):
            self.ex.check_lock_families(elem.name, init, st, e.span)
            from . import frozen

            frozen.hand_over(self.ex, elem.name, init, st, e.span)
            for f, ft in T.underlying(elem).fields:  # type: ignore[union-attr]
                heap.write(st, heap.field_key(elem.name, f), p, ft, init.fields[f], construct=True)
            from . import structinv
            from .locks import establish, fresh_instance, mint

            structinv.check_built(self.ex, elem.name, p, st, e.span)
            protected = establish(self.ex, elem.name, p, st, e.span)
            fresh_instance(st, elem.name, p)
            mint(self.ex, elem.name, p, st, e.span)
            if protected:  # the struct's locks own those fields from now on
                st.owned += [Perm(p, f) for f, _ in T.underlying(elem).fields  # type: ignore[union-attr]
                             if f not in protected]
            else:
                st.owned.append(Perm(p, "*"))
            return p
        st.owned.append(Perm(p, "*"))
        if elem not in (T.MUTEX, T.COND):
            heap.write(st, heap.cell_key(elem), p, elem, init)
        return p

    def append(self, e: ir.Builtin, st: State) -> Val:
        """`append(s, x, ..)` and `append(s, t...)`, modelled as always moving to a fresh
        backing array: the old slice's elements lose their owner (Go may or may not reuse
        the array, so touching them through the old slice afterwards is reported as a race,
        never trusted). t's elements are read first (they may share s's array:
        `append(s[:i], s[i+1:]...)`)."""
        s = self.eval(e.args[0], st)
        xs = [self.eval(a, st) for a in e.args[1:]]
        u = T.underlying(e.type)
        spread = xs[0] if e.name == "append..." else None
        if not isinstance(s, SliceV) or not isinstance(u, T.Slice) or smt.is_bytes(u):
            raise smt.Unsupported("append to a byte slice or a string")
        if e.name == "append..." and not isinstance(spread, SliceV):
            raise smt.Unsupported("append(s, t...) of these values")
        # (an empty slice too, unless nil: with spare capacity append writes into its array)
        self.ctx.ob("race", e.span, "appending reads the slice's elements and may write into its "
                    "array: it needs ownership", st, z3.Or(s.base == smt.NIL, owns(st, s.base, "[]")))
        if isinstance(spread, SliceV):
            self.ctx.ob("race", e.span, "appending t... reads t's elements: it needs ownership of "
                        "them", st, z3.Or(spread.base == smt.NIL, spread.len == 0,
                                          owns(st, spread.base, "[]")))
        base = allocate(st, f"[]{u.elem}")
        parts = [] if spread is not None else [heap.split_value(u.elem, v) for v in xs]
        sj = z3.Int(smt.fresh_name("j")) if spread is not None else None
        for k, (key, arr) in enumerate(heap.elem_arrays(st, u.elem)):  # each part's array
            elems = z3.Select(arr, s.base)
            if isinstance(spread, SliceV) and sj is not None:
                more = z3.Select(arr, spread.base)
                elems = z3.Lambda([sj], z3.If(sj < s.len, z3.Select(elems, heap.at_index(s, sj)),
                                              z3.Select(more, heap.at_index(spread, sj - s.len))))
            elif not (isinstance(s.off, int) and s.off == 0):
                j = z3.Int(smt.fresh_name("j"))
                elems = z3.Lambda([j], z3.Select(elems, j + s.off))
            for i, p in enumerate(parts):
                elems = z3.Store(elems, s.len + i, p[k])
            st.heap[key] = z3.Store(arr, base, elems)
        disown(st, s.base)
        st.owned.append(Perm(base, "[]"))
        n = s.len + (spread.len if isinstance(spread, SliceV) else len(xs))
        self.ctx.ob("safety", e.span, "the slice stays below 2^64 elements", st, n < 2**64)
        return SliceV(base, n)

    def _contents_now(self, x: ir.Expr, v: Val, st: State) -> Val:
        """A byte slice's contents are read when it is used, after the operands that follow
        it were evaluated (one of them may have written into it: b[copy(b, s)]): for a local,
        its value now."""
        if isinstance(x, ir.Var) and not x.boxed and x.name in st.env:
            return st.env[x.name]
        return v

    def append_bytes(self, e: ir.Builtin | ir.Call, st: State) -> Val:
        """append on a byte slice (or enc.Append64, which is append of x's 8 bytes): a new
        value (blocks.appended), when no other slice can see the write it may make into its
        first argument's array."""
        from .assign import pure_functions

        if not blocks.append_in_place_ok(self.ctx.fn, e, pure_functions(self.ex)):
            raise smt.Unsupported("append to a byte slice that may share its array (Go writes "
                                  "into it when it has spare capacity): write b = append(b, ...) "
                                  "on a byte slice made in this function")
        b = self.eval(e.args[0], st)
        if isinstance(e, ir.Call):  # enc.Append64(b, x)
            x = self.eval(e.args[1], st)
            eight = blocks.put64(st, blocks.zeros(st, z3.IntVal(8)), z3.IntVal(0), x)
            c = blocks.appended(st, self._contents_now(e.args[0], b, st), eight)
        elif e.name == "append...":
            src = self.eval(e.args[1], st)
            if isinstance(src, z3.SeqRef):
                src = blocks.to_bytes(st, src)
            c = blocks.appended(st, self._contents_now(e.args[0], b, st), src)
        else:
            tail = [self.eval(a, st) for a in e.args[1:]]
            c = blocks.appended(st, self._contents_now(e.args[0], b, st), tail)
        self.ctx.ob("safety", e.span, "the slice stays below 2^64 bytes", st, blocks.blen(st, c) < 2**64)
        return c

    def copy_bytes(self, e: ir.Builtin, st: State) -> Val:
        """copy(b[off:], src) into a byte slice made in this function: b's value changes."""
        from .assign import writable_bytes

        tgt, off = e.args[0], z3.IntVal(0)
        base_expr = tgt.x if isinstance(tgt, ir.SliceExpr) else tgt
        dst_whole = self.eval(base_expr, st)
        dst = self.eval(tgt, st)
        src = self.eval(e.args[1], st)
        if isinstance(src, z3.SeqRef):
            src = blocks.to_bytes(st, src)
        if isinstance(tgt, ir.SliceExpr) and tgt.lo is not None:
            off = self.eval(tgt.lo, st)
        name = writable_bytes(self.ex, base_expr)
        ld, ls = blocks.blen(st, dst), blocks.blen(st, src)
        n = z3.If(ld < ls, ld, ls)
        self.ex.store_var(name, base_expr.type, False,
                          blocks.copied(st, dst_whole, off, src, n), st, e.span)
        return n

    def copy(self, e: ir.Builtin, st: State) -> Val:
        """`copy(dst, src)`: min(len(dst), len(src)) elements, as if through a temporary
        (overlapping slices of one array copy correctly)."""
        dst, src = self.eval(e.args[0], st), self.eval(e.args[1], st)
        u = T.underlying(e.args[0].type)
        if not isinstance(dst, SliceV) or not isinstance(src, SliceV) or not isinstance(u, T.Slice):
            raise smt.Unsupported("copy between byte slices or from a string")
        n = z3.If(dst.len < src.len, dst.len, src.len)
        self.ctx.ob("race", e.span, "copy reads its source: it needs ownership", st,
                    z3.Or(n == 0, owns(st, src.base, "[]")))
        self.ctx.ob("race", e.span, "copy writes its destination: it needs ownership", st,
                    z3.Or(n == 0, owns(st, dst.base, "[]")))
        j = z3.Int(smt.fresh_name("j"))
        inside = z3.And(j >= dst.off, j < dst.off + n)
        for key, arr in heap.elem_arrays(st, u.elem):  # each part's array, from the same old one
            old_src, old_dst = z3.Select(arr, src.base), z3.Select(arr, dst.base)
            new_dst = z3.Lambda([j], z3.If(inside, z3.Select(old_src, src.off + (j - dst.off)),
                                           z3.Select(old_dst, j)))
            st.heap[key] = z3.Store(arr, dst.base, new_dst)
        return n

    def builtin(self, e: ir.Builtin, st: State) -> Val:
        if e.name == "len":
            x = self.eval(e.args[0], st)
            if isinstance(x, SliceV):
                return x.len
            if isinstance(x, z3.ExprRef) and x.sort() == smt.BLOCK:
                return blocks.blen(st, x)
            if isinstance(x, z3.SeqRef):
                return blocks.slen(st, x)
            mt = T.underlying(e.args[0].type)
            if isinstance(mt, T.Map) and isinstance(x, z3.ExprRef) and x.sort() == smt.PTR:
                self.ctx.ob("race", e.span, "the length of a map reads it: it needs ownership", st,
                            z3.Or(x == smt.NIL, owns(st, x, "*")))
                return heap.map_len(st, mt, x)
            raise smt.Unsupported("len of this value")
        if e.name == "make":
            t = e.make_type or e.type
            u = T.underlying(t)
            n = self.eval(e.args[0], st) if e.args else z3.IntVal(0)
            if isinstance(u, T.Slice) and e.args:
                self.ctx.ob("safety", e.span, "the length is a valid Go int (make panics at "
                            "2^63 or more)", st, n < 2**63)
            if smt.is_bytes(u):  # zeroed bytes
                return blocks.zeros(st, n)
            if isinstance(u, T.Map):
                m = allocate(st, str(u))
                st.owned.append(Perm(m, "*"))
                heap.map_new(st, u, m)
                return m
            if isinstance(u, T.Slice):
                base = allocate(st, f"[]{u.elem}")
                st.owned.append(Perm(base, "[]"))
                zero = heap.split_value(u.elem, heap.zero_value(u.elem))
                for (key, arr), z in zip(heap.elem_arrays(st, u.elem), zero, strict=True):
                    st.heap[key] = z3.Store(arr, base, z3.K(z3.IntSort(), z))
                return SliceV(base, n)
            raise smt.Unsupported(f"make of {t}")
        if e.name == "cap":
            s = self.eval(e.args[0], st)
            if not isinstance(s, SliceV):
                raise smt.Unsupported("cap of this value")
            c = heap.fresh_value(st, "cap", T.UINT64)
            st.assume(c >= s.len)
            return c
        if e.name in ("append", "append...") and smt.is_bytes(e.type):
            return self.append_bytes(e, st)
        if e.name in ("append", "append..."):
            return self.append(e, st)
        if e.name == "copy" and smt.is_bytes(e.args[0].type):
            return self.copy_bytes(e, st)
        if e.name == "copy":
            return self.copy(e, st)
        if e.name == "delete":
            m = self.eval(e.args[0], st)
            k = self.eval(e.args[1], st)
            mt = T.underlying(e.args[0].type)
            assert isinstance(mt, T.Map)
            self.ctx.ob("race", e.span, "deleting from a map needs ownership (a data race "
                        "otherwise)", st, z3.Or(m == smt.NIL, owns(st, m, "*")))
            self.not_iterating(st, m, e.span)
            heap.map_write(st, mt, m, k, None)
            return ()
        if e.name == "clear" and isinstance(T.underlying(e.args[0].type), T.Map):
            m = self.eval(e.args[0], st)  # (Goose's machine.MapClear): every key goes
            self.ctx.ob("race", e.span, "clearing a map needs ownership (a data race otherwise)",
                        st, z3.Or(m == smt.NIL, owns(st, m, "*")))
            self.not_iterating(st, m, e.span)
            heap.map_new(st, T.underlying(e.args[0].type), m)
            return ()
        if e.name == "panic":
            self.ctx.fail("safety", e.span, "this panic is unreachable", st)
            st.assume(z3.BoolVal(False))
            return smt.NIL
        raise smt.Unsupported(f"builtin {e.name} is not supported by the verifier yet")
