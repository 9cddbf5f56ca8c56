"""Spec state owned by a lock: `acc(Spec.field)` and `acc(Spec.field[k])` (also quantified,
`forall k T :: G(k) ==> acc(Spec.m[k])`) in a lock invariant or a contract.

Ownership of spec state is a lease on a ghost location, with the lease machinery's rules:
recovery and init start with all of it, a struct literal whose lock invariant owns some takes
it from the builder, `Lock` grants it, `Unlock` gives it back. While a thread owns a part,
interference leaves that part alone, so a lock invariant relating memory or the disk to spec
state is stable. That is sound only if no one else changes an owned part, hence the one
obligation here: a spec step (an op's `linearize`, recovery's `complete`) may change a field
that any annotation of the package owns only where the thread owns it. A field no annotation
owns is nobody's and needs nothing (every thread's interference already forgets it).

Leases index by integers: a map field keyed by an integer type is owned per key; any other
field (a scalar, a map with other keys) only as a whole, as location 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import leases, smt
from .state import Lease, State

if TYPE_CHECKING:
    from .context import FnCtx

PREFIX = "spec:"


def array_name(field_key: str) -> str:
    """The lease array of spec field "Spec.field"."""
    return PREFIX + field_key


def field_ref(e: A.LExpr, ann: A.Annotations) -> str | None:
    """"Spec.field" when e names a spec state field, else None."""
    ref = getattr(e, "ref", None)
    if ref is not None and ref.kind == "spec_state":
        return f"{ref.owner}.{ref.name}"
    if isinstance(e, A.LSelector) and isinstance(e.x, A.LName) and e.x.name in ann.specs:
        sd = ann.specs[e.x.name]
        if any(f.name == e.name for f in sd.state):
            return f"{e.x.name}.{e.name}"
    return None


def per_key(ann: A.Annotations, key: str) -> bool:
    """Whether field `key` is owned per key (a map with integer keys)."""
    spec, _, name = key.partition(".")
    sd = ann.specs.get(spec)
    fd = next((f for f in sd.state if f.name == name), None) if sd else None
    t = T.underlying(fd.type) if fd is not None else None
    return isinstance(t, T.Map) and smt.is_int(t.key)


def lease_of(e: A.LExpr, sc: object, guard: z3.BoolRef, gen: z3.ArithRef,
             term: object) -> Lease | None:
    """The lease `acc(e)` names when e is spec state (`Spec.f` or `Spec.f[k]`), else None."""
    ann = sc.ann  # type: ignore[attr-defined]
    whole = field_ref(e, ann)
    if whole is not None:
        if per_key(ann, whole):
            x = z3.Int(smt.fresh_name("key"))
            return Lease(array_name(whole), x, guard, gen, x)
        return Lease(array_name(whole), z3.IntVal(0), guard, gen)
    if isinstance(e, A.LIndex):
        inner = field_ref(e.x, ann)
        if inner is not None:
            if not per_key(ann, inner):
                raise smt.Unsupported(f"acc(...) at {e.span}: {inner} can be owned only as a "
                                      "whole (its keys are not integers)")
            return Lease(array_name(inner), term(e.index, sc), guard, gen)  # type: ignore[operator]
    return None


def owned_fields(ann: A.Annotations) -> set[str]:
    """Spec fields that some annotation of the package owns (mentions in `acc`)."""
    cache = ann.__dict__.setdefault("_owned_spec_fields", None)
    if cache is not None:
        return cache
    out: set[str] = set()

    def walk(e: object) -> None:
        if isinstance(e, A.LCall) and e.fn == "acc":
            for a in e.args:
                f = field_ref(a, ann) or (field_ref(a.x, ann) if isinstance(a, A.LIndex) else None)
                if f is not None:
                    out.add(f)
        if isinstance(e, A.LExpr):
            for name in getattr(e, "__dataclass_fields__", {}):
                if name not in ("span", "ref"):
                    walk(getattr(e, name))
        elif isinstance(e, list | tuple):
            for x in e:
                walk(x)

    for li in ann.lock_invs.values():
        walk(li.cond)
    for clauses in ann.funcs.values():
        for c in clauses:
            walk(getattr(c, "cond", None))
    for c in ann.crash_invs:
        walk(c.cond)
    ann.__dict__["_owned_spec_fields"] = out
    return out


def everything(ann: A.Annotations, gen: z3.ArithRef) -> list[Lease]:
    """All spec state: what recovery and init start with."""
    return [leases.everything(array_name(f"{s}.{f.name}"), gen)
            for s, sd in ann.specs.items() for f in sd.state]


def frame(st: State, key: str, old: z3.ExprRef, new: z3.ExprRef) -> z3.ExprRef:
    """Spec field `key` after other threads' steps: unchanged where this thread owns it. A
    map's key set (`m#has`, specvals) is owned with its values, key by key; its size
    (`m#count`) only with every key (the whole field)."""
    base, _, part = key.partition("#")
    name = array_name(base)
    mine = [ls for ls in st.leases if ls.array == name]
    if not mine:
        return new
    m = st.spec.get(base)
    if part == "count" and (m is None or z3.is_array(m) and m.sort().domain() == z3.IntSort()):
        # owned per key (or not known to be owned whole): the size is kept only if every key is
        whole = any(ls.var is not None and z3.is_true(z3.simplify(ls.cond)) for ls in mine)
        return old if whole else new
    if z3.is_array(old) and old.sort().domain() == z3.IntSort():
        return leases.frame(st, name, old, new)
    return z3.If(leases.held(st, name, z3.IntVal(0)), old, new)


def check_step(ctx: FnCtx, st: State, fields: dict[str, z3.ExprRef], what: str,
               span: ir.Span, clause: ir.Span | None) -> None:
    """A spec step changes an owned field only where this thread owns it."""
    owned = owned_fields(ctx.ann)
    for key, new in sorted(fields.items(), key=lambda kv: kv[0]):  # fixed order (hash seed)
        base, _, part = key.partition("#")  # a map's key set is owned with it (its size
        if base not in owned or part == "count":  # changes only with the key set)
            continue
        old = st.spec.get(key)
        if old is None or old.eq(new):
            continue
        name = array_name(base)
        if z3.is_array(old) and per_key(ctx.ann, base):
            k = z3.Int(smt.fresh_name("key"))
            goal = z3.ForAll([k], z3.Implies(z3.Select(new, k) != z3.Select(old, k),
                                              leases.held(st, name, k)))
            where = f"{key}[k] for some k"
        else:
            goal = z3.Implies(new != old, leases.held(st, name, z3.IntVal(0)))
            where = key
        ctx.ob("spec-ownership", span, f"{what} changes {where} only where this thread owns "
               f"it (an annotation owns {key} with acc(..): its steps must hold that lock)",
               st, goal, clause=clause)


_STEPS = (A.Linearize, A.Helping, A.Complete, A.CrashStep, A.Internal)


def stepping_funcs(ctx: FnCtx) -> set[str]:
    """Functions that (transitively, through calls) take a spec step: `linearize`,
    `internal`, `complete`, `helping`, `crash_step` on one of their statements."""
    got = ctx.__dict__.get("_armada_stepping")
    if got is None:
        from .callsites import body_calls

        got = {q for (q, _), cls in ctx.ann.stmts.items() if any(isinstance(c, _STEPS) for c in cls)}
        calls = {q: {c.qualified for c in body_calls(f.body)} for q, f in ctx.pkg.funcs.items()}
        changed = True
        while changed:
            changed = False
            for q, cs in calls.items():
                if q not in got and cs & got:
                    got.add(q)
                    changed = True
        ctx.__dict__["_armada_stepping"] = got
    return got


def forget_stepped(ctx: FnCtx, st: State) -> None:
    """After a call of a function that takes spec steps: the spec state it may have changed
    is unknown (its `ensures` says what it left). That is what the caller does not own now
    (it handed the callee its acc(Spec.f) and gets it back in the `ensures`: keeping the old
    value let a caller of a helper whose internal step incremented an owned counter believe
    the counter unchanged), recovery and init too (they start owning it all, and hand parts
    over the same way), and every field no annotation owns (anyone may step it)."""
    from . import tokens

    for key, v in list(st.spec.items()):
        st.spec[key] = frame(st, key, v, z3.Const(smt.fresh_name(key), v.sort()))
    run_time = tokens.owned_ops(ctx.ann)  # tokens a lock owns: the callee may have taken
    for key, arr in list(st.helping.items()):  # them if it got them (`complete`)
        if key in run_time:
            st.helping[key] = tokens.frame(st, key, arr, z3.Const(smt.fresh_name(f"helping[{key}]"), arr.sort()))
