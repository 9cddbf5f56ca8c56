"""What a stability obligation is about, in words: for a lock invariant assumed at `Lock`,
which of the things it reads other threads' steps may change while the lock is free (a disk
block no lease of it covers, spec state it does not own, an op's tokens it does not own,
a disk's failure flag), whose steps those are, and what would protect each. The message of
the obligation says it, so a failure points at the location, not only at the invariant."""

from __future__ import annotations

import z3

from armada_ls.logic import ast as A
from armada_ls.logic.pretty import show
from armada_ls.logic.resolve import walk

from . import ownspec, tokens
from .assertions import DURABLE, Scope, term
from .state import State


def _ref(e: A.LExpr) -> A.Ref | None:
    return getattr(e, "ref", None)


def _machine_array(e: A.LExpr) -> str | None:
    ref = _ref(e)
    if ref is not None and ref.kind == "machine":
        full = ref.name if "." in ref.name else f"{ref.owner}.{ref.name}"
        return full if full in DURABLE else None
    return None


def _covered(st: State, array: str, idx: z3.ExprRef | None) -> bool:
    """The lock's resources include array[idx]: a set of leases on the array, or one on the
    same index (syntactically: the message is a hint, so no solver query is spent on it)."""
    for ls in st.leases:
        if ls.array != array:
            continue
        if ls.var is not None or idx is None or z3.simplify(ls.index).eq(z3.simplify(idx)):
            return True
    return False


def unprotected(cond: A.LExpr, sc: Scope, st: State) -> list[str]:
    """Each thing `cond` reads that may change while the lock is free, with its fix."""
    out: list[str] = []
    seen: set[str] = set()

    def add(key: str, text: str) -> None:
        if key not in seen:
            seen.add(key)
            out.append(text)

    for e in walk(cond):
        if isinstance(e, A.LIndex) and (arr := _machine_array(e.x)) is not None:
            try:
                covered = _covered(st, arr, term(e.index, sc))
            except Exception:  # noqa: BLE001 - a bound variable's index: any set of leases
                covered = any(ls.array == arr and ls.var is not None for ls in st.leases)
            if not covered:
                add(f"d:{show(e)}", f"the disk block {show(e)} (other threads' writes; protect "
                    f"it with lease({arr}[..]) in this invariant, covering that index)")
        elif isinstance(e, A.LCall) and e.fn == "failed":
            add("failed", f"{show(e)} (a disk may fail at any moment; nothing protects it: "
                "say only what stays true when it does)")
        elif isinstance(e, A.LHelping):
            key = tokens.op_key(e, sc.ann)
            if not _covered(st, tokens.array_name(key), None):
                add(f"h:{key}", f"the pending ops {show(e)} (other threads' helping and complete; "
                    f"own them with forall .. :: acc(helping({key}(..))) in this invariant)")
        field = ownspec.field_ref(e, sc.ann) if isinstance(e, A.LName | A.LSelector) else None
        if field is not None and not _covered(st, ownspec.array_name(field), None):
            add(f"s:{field}", f"the spec state {field} (other threads' spec steps: linearize, "
                f"complete; own it with acc({field}) in this invariant, and its steps must "
                "then hold this lock)")
    return out


def message(key: str, cond: A.LExpr, sc: Scope, st: State) -> str:
    what = unprotected(cond, sc, st)
    head = f"the lock invariant of {key} still holds when the lock is taken"
    if not what:
        return head + (" (nothing it relies on changes while the lock is free: other threads' "
                       "steps keep only the disk blocks its lease(..) covers and the spec state "
                       "its acc(Spec.field) owns)")
    return head + ": while the lock is free, other threads may change " + "; ".join(what)
