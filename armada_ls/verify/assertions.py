"""Annotation expressions (`armada_ls.logic.ast`) as Z3 terms over a symbolic state.

Names are resolved here from their `ref` when the resolver filled it, else by scope:
quantified variables, spec-body names, lock parameters, results, locals, package constants,
fields of a lock invariant's struct, spec state (`Spec.field`), machine ghosts
(`twodisk.D1`, `disk.D`). Integers are mathematical in assertions. Quantifiers over
integers are guarded by their range and get triggers on the array reads of their bound
variables. Resources (`lease`, `acc`) are not terms: `split` separates them from the pure
part of an assertion.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import machine_api as M
from goose import types as T

from . import blocks, heap, smt, specvals
from .state import SliceV, State, StructV, Val

MACHINE_PKGS = ("twodisk", "disk", "filesys", "prims")
DURABLE = {"twodisk.D1": "twodisk.Disk1", "twodisk.D2": "twodisk.Disk2", "disk.D": ""}


@dataclass
class Scope:
    pkg: ir.Package
    ann: A.Annotations
    state: State
    bound: dict[str, z3.ExprRef] = field(default_factory=dict)
    this: tuple[z3.ArithRef, str] | None = None  # lock invariant's struct instance
    params: dict[str, Val] = field(default_factory=dict)  # lock / op parameters
    results: dict[str, Val] = field(default_factory=dict)
    spec_names: dict[str, z3.ExprRef] | None = None  # inside a spec body
    old: State | None = None
    local_types: dict[str, T.Type] = field(default_factory=dict)
    # inside a ghost function's body: the conditions the current subterm sits under (a
    # recursive call's guard); None elsewhere (nobody asks)
    guards: tuple[z3.BoolRef, ...] | None = None

    def at(self, state: State) -> Scope:
        s = Scope(**{k: getattr(self, k) for k in self.__dataclass_fields__})
        s.state = state
        return s

    def under(self, cond: z3.BoolRef) -> Scope:
        if self.guards is None:
            return self
        s = Scope(**{k: getattr(self, k) for k in self.__dataclass_fields__})
        s.guards = (*self.guards, cond)
        return s


class AssertionError_(smt.Unsupported):
    pass


def durable_array(state: State, name: str) -> z3.ArrayRef:
    arr = state.durable.get(name)
    if arr is None:
        arr = z3.Const(smt.fresh_name(name), z3.ArraySort(z3.IntSort(), smt.BLOCK))
        state.durable[name] = arr
    return arr


def flag(state: State, disk: str) -> z3.BoolRef:
    f = state.flags.get(disk)
    if f is None:
        f = z3.Bool(smt.fresh_name(f"failed({disk})"))
        state.flags[disk] = f
    return f


def fault_model(ann: A.Annotations, f1: z3.BoolRef, f2: z3.BoolRef) -> z3.BoolRef:
    """What the package's fault model allows of twodisk's failure flags: never both, and
    only the disks `may_fail` lists (both when it is absent)."""
    may = A.failing_disks(ann)
    parts = [z3.Not(z3.And(f1, f2))]
    if "twodisk.Disk1" not in may:
        parts.append(z3.Not(f1))
    if "twodisk.Disk2" not in may:
        parts.append(z3.Not(f2))
    return z3.And(*parts)


def failed_of(state: State, d: z3.ExprRef) -> z3.BoolRef:
    """failed(d) for a twodisk disk id d (Disk1 = 0, Disk2 = 1)."""
    f1, f2 = flag(state, "twodisk.Disk1"), flag(state, "twodisk.Disk2")
    d = z3.simplify(d)
    if z3.is_int_value(d):
        return f1 if d.as_long() == 0 else f2
    return z3.If(d == 0, f1, f2)


def spec_value(state: State, ann: A.Annotations, spec: str, name: str) -> z3.ExprRef:
    key = f"{spec}.{name}"
    v = state.spec.get(key)
    if v is None:
        sd = ann.specs.get(spec)
        base = name.partition("#")[0]  # `m#has`, `m#count`: a map field's keys (specvals)
        fd = next((f for f in sd.state if f.name == base), None) if sd else None
        if fd is None:
            raise smt.Unsupported(f"spec {spec} has no state field {name}")
        if specvals.is_companion(name):
            has, n = specvals.fresh_keys(state, f"{spec}.{base}", fd.type)
            state.spec[f"{spec}.{specvals.has_name(base)}"] = has
            state.spec[f"{spec}.{specvals.count_name(base)}"] = n
            return state.spec[key]
        v = smt.fresh(key, specvals.sort_of(fd.type))
        state.spec[key] = v
    return v


def helping_array(state: State, ann: A.Annotations, spec: str, op: str) -> z3.ArrayRef:
    key = f"{spec}.{op}"
    arr = state.helping.get(key)
    if arr is None:
        od = ann.specs[spec].op(op) if spec in ann.specs else None
        if od is None:
            raise smt.Unsupported(f"spec {spec} has no op {op}")
        sorts = [specvals.sort_of(t) for _, t in od.params] or [z3.BoolSort()]
        from .tokens import owned_ops  # a run-time helped op's tokens are a set (tokens.py)

        rng = z3.BoolSort() if key in owned_ops(ann) else z3.IntSort()
        arr = z3.Const(smt.fresh_name(f"helping[{key}]"), z3.ArraySort(*sorts, rng))
        state.helping[key] = arr
    return arr


# Helped ops are a multiset: each entry counts the threads whose op (with those arguments)
# recovery may finish, so one thread's linearize never takes another's token away.


# The tokens of an op helped at run time (tokens.py) are a set, kept as a Bool array: with
# counts, the solver found no model for a lock invariant saying which are pending
# (`forall a, v :: helping(S.Op(a, v)) ==> ..`) next to other arrays' stores, so must-fail
# programs came back unknown; with Booleans it finds one at once.


def is_set(arr: z3.ExprRef) -> bool:
    return arr.sort().range() == z3.BoolSort()


def pending(arr: z3.ArrayRef, args: list[z3.ExprRef]) -> z3.BoolRef:
    if _empty(arr):  # no tokens at all (recovery's end, init): keep the query ground
        return z3.BoolVal(False)
    if is_set(arr):
        return z3.Select(arr, *args)
    return z3.Select(arr, *args) > 0


def no_tokens_at_all(arr: z3.ExprRef) -> bool:
    """The array is `no_tokens` (init's, recovery's end, tokens.dropped_by_crash)."""
    return _empty(arr)


def _empty(arr: z3.ExprRef) -> bool:
    return z3.is_quantifier(arr) and arr.is_lambda() and (
        arr.body().eq(z3.IntVal(0)) or arr.body().eq(z3.BoolVal(False)))


def add_token(arr: z3.ArrayRef, args: list[z3.ExprRef], delta: int | z3.ArithRef) -> z3.ArrayRef:
    if is_set(arr):  # only ever added here (helping): ghost.take_token empties a slot
        assert isinstance(delta, int) and delta > 0
        return z3.Store(arr, *args, z3.BoolVal(True))
    return z3.Store(arr, *args, z3.Select(arr, *args) + delta)


def no_tokens(arr: z3.ArrayRef) -> z3.ArrayRef:
    sort = arr.sort()
    vs = [z3.Const(smt.fresh_name("op"), sort.domain_n(i)) for i in range(smt.arity(sort))]
    return z3.Lambda(vs, z3.BoolVal(False) if is_set(arr) else z3.IntVal(0))


def spec_of(ann: A.Annotations, op: A.OpRef) -> str:
    if op.spec:
        return op.spec
    if len(ann.specs) == 1:
        return next(iter(ann.specs))
    raise smt.Unsupported(f"op {op.op}: name its spec (Spec.{op.op}) when there are several")


def op_args(op: A.OpRef, sc: Scope) -> list[z3.ExprRef]:
    args = [term(a, sc) for a in op.args]
    return args or [z3.BoolVal(True)]


# ---------------------------------------------------------------- terms


def term(e: A.LExpr, sc: Scope) -> z3.ExprRef:
    v = value(e, sc)
    if isinstance(v, StructV | SliceV):  # a Go struct or list meets the logic: one term
        v = specvals.to_term(v, local_type(e, sc), sc.state)
    if isinstance(v, SliceV | StructV | tuple):
        raise smt.Unsupported(f"{type(e).__name__} at {e.span}: a compound value is not a term")
    return v


def value(e: A.LExpr, sc: Scope) -> Val:  # noqa: C901 - one case per node kind
    st = sc.state
    if isinstance(e, A.LInt):
        return z3.IntVal(e.value)
    if isinstance(e, A.LBool):
        return z3.BoolVal(e.value)
    if isinstance(e, A.LString):
        if "\\" in e.value:  # the lexer keeps escapes it does not know (\x41, \u00e9) as written
            raise smt.Unsupported(f"the string at {e.span}: a backslash in an annotation's string "
                                  "(its escapes are not all Go's)")
        return blocks.str_val(e.value)
    if isinstance(e, A.LGen):
        return st.gen if st.gen is not None else z3.Int("gen")
    if isinstance(e, A.LName):
        return name(e, sc)
    if isinstance(e, A.LSelector):
        return selector(e, sc)
    if isinstance(e, A.LIndex):
        return index(e, sc)
    if isinstance(e, A.LSlice):
        b = term(e.x, sc)
        if specvals.is_list_term(b):  # a list: Go's l[lo:hi] (clamped where Go would panic)
            return specvals.list_slice(b, term(e.lo, sc) if e.lo is not None else None,
                                       term(e.hi, sc) if e.hi is not None else None)
        if isinstance(b, z3.SeqRef):  # a string: the string of those bytes
            lo = term(e.lo, sc) if e.lo is not None else z3.IntVal(0)
            hi = term(e.hi, sc) if e.hi is not None else blocks.slen(st, b)
            return blocks.substring(st, b, lo, hi)
        if b.sort() != smt.BLOCK:
            raise smt.Unsupported(f"slicing at {e.span}: only byte slices and strings can be sliced in assertions")
        lo = term(e.lo, sc) if e.lo is not None else z3.IntVal(0)
        hi = term(e.hi, sc) if e.hi is not None else blocks.blen(st, b)
        return blocks.sub(st, b, lo, hi)
    if isinstance(e, A.LOld):
        if sc.old is None:
            raise smt.Unsupported("old(...) is only meaningful in a function's contract or body")
        return value(e.x, sc.at(sc.old))
    if isinstance(e, A.LUnary):
        x = term(e.x, sc)
        if e.op == "!":
            return z3.Not(x)
        if e.op == "-":
            return -x
        raise smt.Unsupported(f"operator {e.op} in an assertion")
    if isinstance(e, A.LBinary):
        return binary(e, sc)
    if isinstance(e, A.LCond):
        c = term(e.cond, sc)
        return z3.If(c, term(e.then, sc.under(c)), term(e.els, sc.under(z3.Not(c))))
    if isinstance(e, A.LQuant):
        return quant(e, sc)
    if isinstance(e, A.LHelping):
        spec = spec_of(sc.ann, e.op)
        arr = helping_array(st, sc.ann, spec, e.op.op)
        return pending(arr, op_args(e.op, sc))
    if isinstance(e, A.LCall):
        return call(e, sc)
    if isinstance(e, A.LEmptyMap):
        assert e.type is not None
        return specvals.zero(e.type)
    if isinstance(e, A.LList):
        assert e.type is not None
        return specvals.list_append(specvals.zero(e.type), [term(x, sc) for x in e.elems])
    if isinstance(e, A.LStruct):
        assert e.type is not None
        return specvals.make(e.type, {n: term(v, sc) for n, _, v in e.fields})
    if isinstance(e, A.LLease):
        raise smt.Unsupported(f"lease(...) at {e.span} is a resource: use it only as a conjunct")
    raise smt.Unsupported(f"assertion construct {type(e).__name__} is not supported")


def name(e: A.LName, sc: Scope) -> Val:
    n = e.name
    ref = e.ref
    if n in sc.bound:
        return sc.bound[n]
    if sc.spec_names is not None and n in sc.spec_names:
        return sc.spec_names[n]
    if ref is not None and ref.kind == "spec_state":
        return spec_value(sc.state, sc.ann, ref.owner, ref.name)
    if ref is not None and ref.kind == "machine":
        return machine(ref.owner, ref.name, sc)
    if ref is not None and ref.kind == "gen":
        return value(A.LGen(e.span), sc)
    if n in sc.params:
        return sc.params[n]
    if n in sc.results:
        return sc.results[n]
    if sc.this is not None and ref is not None and ref.kind == "field" and ref.owner == sc.this[1]:
        # a lock invariant's field, even where the function has a local of that name
        # (recovery filling a local `cache` and building the struct with another map)
        ptr, struct = sc.this
        sd = sc.pkg.structs.get(struct)
        ft = next((f.type for f in sd.fields if f.name == n), None) if sd else None
        if ft is not None:
            return heap.read(sc.state, heap.field_key(struct, n), ptr, ft)
    if n in sc.state.env:
        if n in sc.state.boxed:  # a local whose address is taken: its value is in its cell
            t = sc.local_types.get(n) or sc.state.types.get(n)
            return heap.read(sc.state, heap.cell_key(t), sc.state.env[n], t)
        return sc.state.env[n]
    if n == "nil":
        return smt.NIL
    if n in sc.pkg.consts:
        c = sc.pkg.consts[n].value
        return z3.BoolVal(c) if isinstance(c, bool) else (
            blocks.str_val(c) if isinstance(c, str) else z3.IntVal(c))
    if sc.this is not None:
        ptr, struct = sc.this
        sd = sc.pkg.structs.get(struct)
        ft = next((f.type for f in sd.fields if f.name == n), None) if sd else None
        if ft is not None:
            return heap.read(sc.state, heap.field_key(struct, n), ptr, ft)
    raise smt.Unsupported(f"unknown name {n!r} in an assertion at {e.span}")


def machine(pkg: str, nm: str, sc: Scope) -> Val:
    full = nm if "." in nm else f"{pkg}.{nm}"
    if full in DURABLE:
        return durable_array(sc.state, full)
    p, _, short = full.partition(".")
    if p == "filesys" and short not in M.CONSTS.get(p, {}):
        from . import filesys

        return filesys.ghost(short, sc.state)
    c = M.CONSTS.get(p, {}).get(short)
    if c is not None:
        return z3.IntVal(c[1])
    raise smt.Unsupported(f"machine value {full} is not modelled by the verifier")


def local_type(e: A.LExpr, sc: Scope) -> T.Type | None:
    if e.type is not None:
        return e.type
    if isinstance(e, A.LName):
        return sc.local_types.get(e.name)
    return None


def selector(e: A.LSelector, sc: Scope) -> Val:
    if e.ref is not None and e.ref.kind == "spec_state":
        return spec_value(sc.state, sc.ann, e.ref.owner, e.ref.name)
    if e.ref is not None and e.ref.kind == "machine":
        return machine(e.ref.owner, e.ref.name, sc)
    if isinstance(e.x, A.LName) and e.x.name not in sc.bound and e.x.name not in sc.state.env:
        if e.x.name in sc.ann.specs:
            return spec_value(sc.state, sc.ann, e.x.name, e.name)
        if e.x.name in MACHINE_PKGS:
            return machine(e.x.name, e.name, sc)
    base = value(e.x, sc)
    if isinstance(base, StructV):
        return base.fields[e.name]
    if specvals.is_struct_term(base):
        return specvals.get(base, e.name)
    t = local_type(e.x, sc)
    tu = T.underlying(t) if t is not None else None
    if isinstance(tu, T.Pointer) and isinstance(tu.elem, T.Named):
        struct = tu.elem.name
        sd = sc.pkg.structs.get(struct)
        ft = next((f.type for f in sd.fields if f.name == e.name), None) if sd else None
        if ft is not None:
            return heap.read(sc.state, heap.field_key(struct, e.name), base, ft)
    raise smt.Unsupported(f"cannot resolve field {e.name} at {e.span} in an assertion")


def index(e: A.LIndex, sc: Scope) -> Val:
    base = value(e.x, sc)
    i = term(e.index, sc)
    if hasattr(base, "at") and not isinstance(base, z3.ExprRef):  # filesys.Dirs, filesys.Files
        return base.at(i)
    if isinstance(base, z3.ExprRef) and base.sort() == smt.BLOCK:
        return blocks.byte_in(sc.state, base, i)  # (0 past the end: blocks.byte_in)
    if specvals.is_list_term(base):  # past the end: some value (specvals.list_sort)
        return specvals.list_index(base, i)
    if isinstance(base, z3.SeqRef):  # a string's byte, 0 past the end like a byte slice's
        return blocks.byte_in(sc.state, blocks.to_bytes(sc.state, base), i)
    if isinstance(base, SliceV):
        t = local_type(e.x, sc)
        tu = T.underlying(t) if t is not None else None
        if not isinstance(tu, T.Slice):
            raise smt.Unsupported(f"cannot index {e.x} at {e.span}: unknown slice type")
        return heap.elem_read(sc.state, tu.elem, base, i)
    if isinstance(base, z3.ArrayRef):
        return z3.Select(base, i)
    t = local_type(e.x, sc)
    tu = T.underlying(t) if t is not None else None
    if isinstance(tu, T.Map):
        return heap.map_read(sc.state, tu, base, i)[0]
    raise smt.Unsupported(f"cannot index at {e.span} in an assertion")


ARITH = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
         "/": lambda a, b: a / b, "%": lambda a, b: a % b}
CMP = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
       ">=": lambda a, b: a >= b}


def binary(e: A.LBinary, sc: Scope) -> z3.ExprRef:
    x = term(e.x, sc)
    op = e.op
    if op in ("==>", "&&", "||") and sc.guards is not None:
        y = term(e.y, sc.under(z3.Not(x) if op == "||" else x))
    else:
        y = term(e.y, sc)
    if op == "==>":
        return z3.Implies(x, y)
    if op == "&&":
        return z3.And(x, y)
    if op == "||":
        return z3.Or(x, y)
    if op in ("==", "!=") and isinstance(x, z3.ExprRef) and isinstance(y, z3.ExprRef) \
            and x.sort() != y.sort() and (specvals.is_list_term(x) or specvals.is_list_term(y)):
        raise smt.Unsupported(f"{op} at {e.span}: a list compares only with a list (len(l) == 0 "
                              "for an empty one)")
    if op == "==":
        return specvals.values_eq(x, y)
    if op == "!=":
        return z3.Not(specvals.values_eq(x, y))
    if op in CMP:
        return CMP[op](x, y)
    if op in ARITH:
        return ARITH[op](x, y)
    if op in smt.BITOPS:  # on the operands' Go type (uint64 by default), as in code
        t = e.x.type if e.x.type is not None and smt.is_int(e.x.type) else None
        return smt.bitop(op, x, y, smt.int_bits(t) if t is not None else 64)
    raise smt.Unsupported(f"operator {op} in an assertion at {e.span}")


def _pattern_ok(t: z3.ExprRef, var: z3.ExprRef | None = None) -> bool:
    """Valid triggers: array reads over constants, the bound variable, numerals and sums of
    them (a slice element is read at `offset + index`)."""
    if var is not None and t.eq(var):
        return True
    if z3.is_select(t) or z3.is_add(t):
        return all(_pattern_ok(c, var) for c in t.children())
    if z3.is_var(t) or z3.is_int_value(t):
        return True
    return z3.is_const(t) and t.decl().kind() == z3.Z3_OP_UNINTERPRETED


def _mentions(t: z3.ExprRef, var: z3.ExprRef) -> bool:
    return t.eq(var) or (z3.is_add(t) and any(_mentions(c, var) for c in t.children()))


def _selects_on(t: z3.ExprRef, var: z3.ExprRef, out: list[z3.ExprRef],
                seen: set[int] | None = None) -> None:
    """The array reads in t that index by var and make valid triggers (each shared
    subterm visited once)."""
    seen = set() if seen is None else seen
    stack = [t]
    while stack:
        x = stack.pop()
        i = x.get_id()
        if i in seen:
            continue
        seen.add(i)
        if z3.is_select(x) and any(_mentions(c, var) for c in x.children()[1:]) \
                and _pattern_ok(x, var):
            out.append(x)
        if z3.is_app(x):
            stack.extend(x.children())


def _chain_indices(x: z3.ExprRef) -> list[z3.ExprRef] | None:
    """The indices of a read through nested maps (`m[u][k]`: select(select(m, u), k)),
    outermost last, if it starts at a constant; None otherwise."""
    idx: list[z3.ExprRef] = []
    while z3.is_select(x):
        idx = list(x.children()[1:]) + idx
        x = x.children()[0]
    return idx if _pattern_ok(x) else None


def _selects_by_all(t: z3.ExprRef, consts: list[z3.ExprRef]) -> list[z3.ExprRef]:
    """Array reads whose indices are exactly the quantified variables, in some order: one
    read (`helping(S.Op(a, v))`) or a chain of them (`S.has[u][k]`), preferring one in the
    antecedent of an implication: without a pattern Z3 picked terms of the consequent,
    which made every query of a package with `forall u, k :: S.has[u][k] ==> ..` in its
    crash invariant slow."""
    want = {c.get_id() for c in consts}
    seen: set[int] = set()
    first = [t.arg(0), t] if z3.is_implies(t) else [t]
    for root in first:
        stack = [root]
        while stack:
            x = stack.pop()
            if x.get_id() in seen:
                continue
            seen.add(x.get_id())
            idx = _chain_indices(x) if z3.is_select(x) else None
            if idx is not None and len(idx) == len(consts) and \
                    {c.get_id() for c in idx} == want:
                return [x]
            if z3.is_app(x):
                stack.extend(x.children())
    return []


def quant(e: A.LQuant, sc: Scope) -> z3.BoolRef:
    consts: list[z3.ExprRef] = []
    guards: list[z3.BoolRef] = []
    inner = Scope(**{k: getattr(sc, k) for k in sc.__dataclass_fields__})
    inner.bound = dict(sc.bound)
    for n, t in e.vars:
        c = z3.Const(smt.fresh_name(n), specvals.sort_of(t))
        consts.append(c)
        inner.bound[n] = c
        if smt.is_int(t):
            guards.append(smt.in_range(c, smt.int_bits(t)))
    from . import numstr

    numstr.BINDERS.append(consts)  # a term under them is an instance of every value
    try:
        body = term(e.body, inner)
    finally:
        numstr.BINDERS.pop()
    pats: list[z3.ExprRef] = []
    if len(consts) == 1:
        sel: list[z3.ExprRef] = []
        _selects_on(body, consts[0], sel)
        seen: set[int] = set()
        for s in sel:
            if s.get_id() not in seen:
                seen.add(s.get_id())
                pats.append(s)
    else:  # several variables: a read indexed by all of them (helping(S.Op(a, v)))
        pats = _selects_by_all(body, consts)
    if e.kind == "forall":
        b = z3.Implies(z3.And(guards), body) if guards else body
        return z3.ForAll(consts, b, patterns=pats) if pats else z3.ForAll(consts, b)
    b = z3.And(*guards, body) if guards else body
    return z3.Exists(consts, b)


def call(e: A.LCall, sc: Scope) -> z3.ExprRef:
    if e.fn == "failed" and len(e.args) == 1:
        return failed_of(sc.state, term(e.args[0], sc))
    if e.fn == "has" and len(e.args) == 2 and e.ghost is None and e.fn not in sc.pkg.funcs:
        return has_key(e, sc)
    if e.fn == "len" and len(e.args) == 1:
        v = value(e.args[0], sc)
        if isinstance(v, SliceV):
            return v.len
        if isinstance(v, z3.ExprRef) and v.sort() == smt.BLOCK:
            return blocks.blen(sc.state, v)
        if specvals.is_list_term(v):
            return specvals.list_len(v)
        if isinstance(v, z3.SeqRef):
            return blocks.slen(sc.state, v)
        mt = T.underlying(e.args[0].type) if e.args[0].type is not None else None
        if isinstance(mt, T.Map) and isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
            return heap.map_len(sc.state, mt, v)
        n = spec_map_len(e.args[0], sc)
        if n is not None:
            return n
        if isinstance(mt, T.Map):
            raise smt.Unsupported(f"len(...) at {e.span}: the keys of a map that is neither a Go "
                                  "map nor a spec state field are not tracked")
    if e.fn == "append" and e.ghost is None and len(e.args) >= 2:
        lst = term(e.args[0], sc)
        if not specvals.is_list_term(lst):
            raise smt.Unsupported(f"append at {e.span}: its first argument is not a list")
        if e.spread:
            return specvals.list_concat(lst, term(e.args[1], sc))
        return specvals.list_append(lst, [term(a, sc) for a in e.args[1:]])
    if e.ghost is not None:
        from . import pure

        args = [value(a, sc) for a in e.args]
        probed = pure.probe_call(e.ghost, args, sc.guards, e.span)
        return probed if probed is not None else pure.ghost_call(e.ghost, args, sc)
    if e.fn in sc.pkg.funcs and is_pure(sc.ann, e.fn):
        return unfold(sc.pkg, sc.ann, sc.pkg.funcs[e.fn], [value(a, sc) for a in e.args], sc.state)
    if e.fn == "prims.UInt64Get" and len(e.args) == 1:
        return blocks.get64_in(sc.state, term(e.args[0], sc))
    if e.fn == "prims.UInt64ToString" and len(e.args) == 1:
        from .numstr import uint64_to_string

        return uint64_to_string(sc.state, term(e.args[0], sc))
    if e.fn in ("enc.Get64", "enc.GetBytes"):  # as in code (calls.encoder), without its check
        b, off = term(e.args[0], sc), term(e.args[1], sc)
        if e.fn == "enc.Get64":
            return blocks.get64_in(sc.state, b, off)
        return blocks.sub(sc.state, b, off, off + term(e.args[2], sc))
    if e.fn in CONVERSIONS and len(e.args) == 1:
        return convert(e, sc)
    if e.fn == "durable":
        return durable_term(e, sc)
    if e.fn == "acc":
        raise smt.Unsupported(f"acc(...) at {e.span} is a resource: use it only as a conjunct")
    if e.fn == "locked":
        raise smt.Unsupported(f"locked(...) at {e.span} hands a held lock over: use it only as a "
                              "conjunct of a function's requires or ensures, outside any implication")
    raise smt.Unsupported(f"function {e.fn}(...) is not supported in assertions")


def spec_map_len(m: A.LExpr, sc: Scope, part: str = specvals.COUNT) -> z3.ExprRef | None:
    """`len` of a spec map field (its size, kept by specvals), or its key set (`part`
    `#has`), or None for other maps."""
    if not isinstance(m, A.LName | A.LSelector):
        return None
    if isinstance(m, A.LName) and m.name in sc.bound:
        return None
    if isinstance(m, A.LName) and sc.spec_names is not None and m.name in sc.spec_names:
        return sc.spec_names.get(m.name + part)  # inside a spec body
    ref = m.ref
    if ref is not None and ref.kind == "spec_state":
        return spec_value(sc.state, sc.ann, ref.owner, ref.name + part)
    return None


def has_key(e: A.LCall, sc: Scope) -> z3.BoolRef:
    """`has(m, k)`: k is a key of m (a spec map's key set, a Go map's entries)."""
    k = term(e.args[1], sc)
    keys = spec_map_len(e.args[0], sc, specvals.HAS)
    if keys is not None:
        return z3.Select(keys, k)
    v = value(e.args[0], sc)
    mt = T.underlying(e.args[0].type) if e.args[0].type is not None else None
    if isinstance(mt, T.Map) and isinstance(v, z3.ExprRef) and v.sort() == smt.PTR:
        return heap.map_read(sc.state, mt, v, k)[1]
    raise smt.Unsupported(f"has(...) at {e.span}: the keys of a map that is neither a Go map "
                          "nor a spec state field are not tracked")


def durable_term(e: A.LCall, sc: Scope) -> z3.BoolRef:
    """`durable(loc)`: loc's current value survives a host crash, as far as this thread's own
    unsynced steps go (only under `crash_model host`; under process crashes everything
    written survives, so the question is the host model's): `disk.D[a]`, `twodisk.D1[a]`
    and `twodisk.D2[a]` (durable when written), `filesys.Dirs[d][n]` and
    `filesys.Files[d][n]` (durability.durable_fs)."""
    from . import durability, filesys

    if not durability.enabled(sc.ann):
        raise smt.Unsupported(f"durable(...) at {e.span} asks about host crashes: declare "
                              "`crash_model host` for the verifier to model them")
    arg = e.args[0] if len(e.args) == 1 else None
    if isinstance(arg, A.LIndex):
        base = value(arg.x, sc)
        if isinstance(base, filesys.View) and base.dir is not None and base.name != "Sealed":
            return durability.durable_fs(sc.state, base.name, base.dir, term(arg.index, sc))
        if isinstance(base, z3.ExprRef) and base.eq(durable_array(sc.state, durability.DISK)):
            return durability.durable(sc.state, term(arg.index, sc))
        if isinstance(base, z3.ExprRef) and any(
                a is not None and base.eq(a) for a in (sc.state.durable.get("twodisk.D1"),
                                                        sc.state.durable.get("twodisk.D2"))):
            term(arg.index, sc)
            return z3.BoolVal(True)  # a twodisk.Write is durable when it returns
    raise smt.Unsupported(f"durable(...) at {e.span}: the verifier models durable(l) for "
                          "l = disk.D[a], twodisk.D1[a], twodisk.D2[a], filesys.Dirs[d][n] and "
                          "filesys.Files[d][n] only")


CONVERSIONS = {"uint64": 64, "uint32": 32, "byte": 8, "uint8": 8}


def convert(e: A.LCall, sc: Scope) -> z3.ExprRef:
    """`uint64(x)`, `uint32(x)`, `byte(x)`: Go's conversions keep the low bits. Integers in
    assertions are mathematical, so a narrowing conversion (or one of a value that may be
    out of range, like `uint64(a + b)`) takes the remainder."""
    x = term(e.args[0], sc)
    if not z3.is_int(x):
        raise smt.Unsupported(f"{e.fn}(...) at {e.span}: only integer conversions are supported")
    bits = CONVERSIONS[e.fn]
    t = e.args[0].type
    if t is not None and smt.is_int(t) and smt.int_bits(t) <= bits and not isinstance(
            e.args[0], A.LBinary | A.LUnary):
        return x  # a value of a narrower integer type is already in range
    return x % (2**bits)


def is_pure(ann: A.Annotations, q: str) -> bool:
    from .pure import is_pure as check

    return check(ann, q)


def unfold(pkg: ir.Package, ann: A.Annotations, fn: ir.FuncDecl, args: list[Val], st: State) -> Val:
    from .pure import unfold as run

    return run(pkg, ann, fn, args, st)


def result_names(vals: list[Any]) -> dict[str, Any]:
    """How contracts name results: `ret` (also `result`) for one, `ret0`, `ret1`, ... for more."""
    if len(vals) == 1:
        return {"ret": vals[0], "result": vals[0]}
    return {f"ret{i}": v for i, v in enumerate(vals)}


def result_types(ts: list[T.Type]) -> dict[str, T.Type]:
    return result_names(list(ts))
