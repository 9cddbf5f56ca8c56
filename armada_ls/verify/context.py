"""Per-function verification context: obligations (one solver query each, merged across
paths), the crash invariant, interference, and state snapshots for hover."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import z3

from armada_ls.logic import ast as A
from goose import ir

from . import durability, leases, ownspec, smt, solver, specvals, tokens
from .assertions import (
    Scope,
    add_token,
    fault_model,
    flag,
    helping_array,
    no_tokens_at_all,
    pending,
    spec_of,
    term,
)
from .counterexample import extract
from .resources import split
from .result import FunctionResult, Obligation, StateSnapshot, Status
from .state import State

_RANK = {Status.PROVED: 0, Status.UNKNOWN: 1, Status.FAILED: 2}


def _key(kind: str, span: ir.Span, clause: ir.Span | None, message: str) -> tuple:
    """What makes two checks one obligation (its message already `readable`)."""
    return (kind, span, clause, message)


@dataclass
class FnCtx:
    pkg: ir.Package
    ann: A.Annotations
    fn: ir.FuncDecl
    mode: str  # "op" (implements), "recover", "init", "helper"
    timeout_ms: int
    result: FunctionResult
    implements: tuple[str, A.OpDecl, A.Implements] | None = None
    linearizes: tuple[str, A.OpDecl, A.Linearizes] | None = None  # linearizes.py
    durable_funcs: set[str] = field(default_factory=set)
    alone_helpers: set[str] = field(default_factory=set)  # facts.alone_helpers of the package
    alone_only: bool = False  # this function is one of them
    assigned_fields: set[str] = field(default_factory=set)  # "S.f" written by some statement
    read_only_vars: set[str] = field(default_factory=set)  # captured, never assigned
    assigned_elems: set[str] = field(default_factory=set)  # element types some s[i] = v writes
    solver_ms: float = 0.0
    path_before_pre: list[z3.BoolRef] = field(default_factory=list)  # entry facts, no requires
    _index: dict[tuple[str, ir.Span, ir.Span | None, str], Obligation] = field(default_factory=dict)

    @property
    def file(self) -> str:
        return self.fn.file

    def text(self, span: ir.Span) -> str:
        """The source text of span in this function's file ("" if unavailable)."""
        cache = self.__dict__.setdefault("_src", {})
        path = self.fn.file
        if path not in cache:
            try:
                with open(path, "rb") as f:
                    cache[path] = f.read()
            except OSError:
                cache[path] = b""
        data = cache[path]
        if 0 <= span.start_byte < span.end_byte <= len(data):
            return data[span.start_byte:span.end_byte].decode("utf-8", "replace")
        lines = data.split(b"\n")
        if span.start.line != span.end.line or span.start.line >= len(lines):
            return ""
        return lines[span.start.line][span.start.col:span.end.col].decode("utf-8", "replace")

    def clause_file(self, span: ir.Span) -> str:
        """The file of the annotation group that contains span (clauses carry no file)."""
        groups = list(self.pkg.annotations)
        for d in list(self.pkg.funcs.values()) + list(self.pkg.structs.values()):
            groups += d.annotations
            if isinstance(d, ir.StructDecl):
                for f in d.fields:
                    groups += f.annotations
        for g in groups:
            if g.span.contains(span) and g.file:
                return g.file
        # statement annotations (a loop invariant): the function's file, the function being
        # verified first (spans carry no file: another file's function may cover the lines)
        me = getattr(self, "fn", None)
        for fn in ([me] if me is not None else []) + list(self.pkg.funcs.values()):
            if fn.span.contains(span):
                return fn.file
        return self.file

    def scope(self, st: State, **kw: object) -> Scope:
        sc = Scope(self.pkg, self.ann, st, old=st.entry, local_types=st.types)
        for k, v in kw.items():
            setattr(sc, k, v)
        return sc

    # ------------------------------------------------------------ obligations

    def ob(self, kind: str, span: ir.Span, message: str, st: State, goal: z3.BoolRef,
           clause: ir.Span | None = None, crash_point: ir.Span | None = None,
           hint: tuple[str, ir.Span] | None = None) -> Obligation:
        """Check `goal` on the path of `st` and record it (merged with the same check on
        other paths: the worst status wins). Once it failed on one path, other paths are
        not checked: they could not change the verdict, and a failing goal is the slow kind
        (its counterexample search takes a good part of the timeout)."""
        old = self._index.get(_key(kind, span, clause, readable(message)))
        if old is not None and old.status is Status.FAILED:
            return old
        ans = solver.check(st.path, goal, self.timeout_ms,
                           crash_inv=kind in ("crash-inv", "recovery-crash-inv"))
        self.solver_ms += ans.time_ms
        o = Obligation(kind, self.fn.qualified, self.file, span, message,
                       clause_file=self.clause_file(clause) if clause else "", clause_span=clause,
                       status=ans.status, reason=ans.reason, time_ms=ans.time_ms,
                       crash_point=crash_point)
        if ans.status is Status.FAILED and ans.model is not None:
            o.counterexample = extract(ans.model, st, ans.witnesses, specvals.asks_keys(self.ann),
                                       ans.native)
            if hint is not None:
                o.hint, o.hint_span = hint
        return self._record(o)

    def fail(self, kind: str, span: ir.Span, message: str, st: State,
             clause: ir.Span | None = None) -> Obligation:
        """A check that fails whenever this path is feasible (e.g. no spec step)."""
        return self.ob(kind, span, message, st, z3.BoolVal(False), clause)

    def _record(self, o: Obligation) -> Obligation:
        o.message = readable(o.message)
        key = _key(o.kind, o.span, o.clause_span, o.message)
        old = self._index.get(key)
        if old is None:
            self._index[key] = o
            self.result.obligations.append(o)
            return o
        old.time_ms += o.time_ms
        if _RANK[o.status] > _RANK[old.status]:
            old.status, old.reason, old.counterexample = o.status, o.reason, o.counterexample
            old.hint, old.hint_span = o.hint, o.hint_span
        return old

    # ------------------------------------------------------------ crash invariant

    def crash_inv(self, st: State) -> list[tuple[z3.BoolRef, A.CrashInv]]:
        sc = self.scope(st)
        return [(split(ci.cond, sc).pure_term(), ci) for ci in self.ann.crash_invs]

    def assume_crash_inv(self, st: State, staged: bool = False) -> None:
        """staged: only the crash-invariant checks take it at once (solver.CRASH_INV)."""
        for t, _ in self.crash_inv(st):
            if staged:
                solver.assume_staged_crash_inv(st, t)
            else:
                st.assume(t)

    def check_crash_inv(self, st: State, span: ir.Span, what: str) -> None:
        kind = "recovery-crash-inv" if self.mode == "recover" else "crash-inv"
        host = durability.outcomes(self, st) if durability.enabled(self.ann) else None
        # a power loss here: every outcome the host-crash rule allows (the current disk,
        # where every write survived, is one of them)
        at, lost = host if host is not None else (st, "")
        for t, ci in self.crash_inv(at):
            o = self.ob(kind, span, f"the crash invariant holds at the crash point {what}"
                        + (f" after a host crash ({lost})" if lost else ""), at, t,
                        clause=ci.span, crash_point=span)
            if o.status is Status.FAILED and not o.hint:
                hint = self._helping_hint(st, span, ci)
                if hint is not None:
                    o.hint, o.hint_span = hint
                    o.message += (f"; recovery would have to finish {hint[0].split(' ', 1)[1]}:"
                                   f" hand it over with `//@ {hint[0]}` on this statement")

    def _helping_hint(self, st: State, span: ir.Span,
                      ci: A.CrashInv) -> tuple[str, ir.Span] | None:
        """If handing this function's own op to recovery makes the crash invariant hold,
        the fix is a `helping` statement here."""
        if self.implements is None or st.own_tokens or st.lin or st.lin_if:
            return None
        spec, od, _ = self.implements
        entry = st.entry or st
        args = [specvals.to_term(entry.env[p.name], p.type, st) for p in self.fn.params]
        if len(args) != len(od.params) or not args:
            return None
        trial = st.fork()
        arr = helping_array(trial, self.ann, spec, od.name)
        trial.assume(z3.Select(arr, *args) >= 0)
        trial.helping[f"{spec}.{od.name}"] = add_token(arr, args, 1)
        goal2 = self.crash_inv_single(trial, ci)
        ans = solver.check(trial.path, goal2, self.timeout_ms)
        self.solver_ms += ans.time_ms
        if ans.status is Status.PROVED:
            names = ", ".join(p.name for p in self.fn.params)
            return f"helping {spec}.{od.name}({names})", span
        return None

    def crash_inv_single(self, st: State, ci: A.CrashInv) -> z3.BoolRef:
        return split(ci.cond, self.scope(st)).pure_term()

    # ------------------------------------------------------------ environment steps

    def flip_flags(self, st: State) -> None:
        """Disks may fail between any two steps: flags only go from false to true, the two
        disks of a pair never both fail, and only the disks the fault model lists fail."""
        if not any(k.startswith("twodisk.") for k in st.flags) and "twodisk" not in self.pkg.imports:
            return
        f1, f2 = flag(st, "twodisk.Disk1"), flag(st, "twodisk.Disk2")
        n1, n2 = z3.Bool(smt.fresh_name("failed(Disk1)")), z3.Bool(smt.fresh_name("failed(Disk2)"))
        st.assume(z3.And(z3.Implies(f1, n1), z3.Implies(f2, n2), fault_model(self.ann, n1, n2)))
        st.flags["twodisk.Disk1"], st.flags["twodisk.Disk2"] = n1, n2

    def alone(self, st: State) -> bool:
        """Recovery and init run alone, and so do the helpers only they call, until they
        start a goroutine (`st.others`)."""
        return (self.mode in ("recover", "init") or self.alone_only) and not st.others

    def interfere(self, st: State) -> None:
        """Other threads run: every durable location this thread holds no lease on, the
        spec state and other threads' helped ops change, keeping the crash invariant."""
        if self.alone(st):  # (init's crash invariant is not established yet)
            self.flip_flags(st)
            if self.mode == "recover":
                self.assume_crash_inv(st)
            return
        self.frame_durable(st)
        self.flip_flags(st)
        for key, v in list(st.spec.items()):  # but what this thread owns (ownspec.py)
            st.spec[key] = ownspec.frame(st, key, v, z3.Const(smt.fresh_name(key), v.sort()))
        run_time = tokens.owned_ops(self.ann)
        for key, arr in list(st.helping.items()):
            new = z3.Const(smt.fresh_name(f"helping[{key}]"), arr.sort())
            for k, args in st.own_tokens:
                if k == key and key in run_time:  # a helper may take it: remember seeing it gone
                    seen = z3.Not(pending(arr, args))
                    st.helped_done[key] = z3.Or(st.helped_done.get(key, z3.BoolVal(False)), seen)
                elif k == key:
                    st.assume(pending(new, args))  # others never take this thread's token
            st.helping[key] = tokens.frame(st, key, arr, new) if key in run_time else new
        if self.mode != "init":  # (init's goroutines run before the invariant is established)
            self.assume_crash_inv(st, staged=self.mode in ("op", "helper"))

    def frame_durable(self, st: State, files_too: bool = False) -> None:
        """Every durable location this thread holds no lease on may have changed; with
        files_too, every file and directory entry as well (directories only grow)."""
        from . import filesys

        filesys.leave_all_sealed(st)
        old = dict(st.durable)
        for name, arr in old.items():
            new = z3.Const(smt.fresh_name(name), arr.sort())
            if files_too and name in (filesys.INO, filesys.DATA):
                st.durable[name] = new
            else:
                st.durable[name] = leases.frame(st, name, arr, new)
        filesys.keep_sealed(st, old.get(filesys.SEALED), old.get(filesys.DATA))

    def fresh_durable(self, st: State, opens: bool = True) -> None:
        """All durable and ghost state unknown (recovery's start, or after a loop); with
        opens False, what happened opened no file for appending (loops.opens_none)."""
        from . import filesys

        if opens:
            filesys.leave_all_sealed(st)
        old = dict(st.durable)
        for name, arr in old.items():
            st.durable[name] = z3.Const(smt.fresh_name(name), arr.sort())
            if name == filesys.ISDIR:  # directories are never removed
                filesys.grow(st, arr, st.durable[name])
        filesys.keep_sealed(st, old.get(filesys.SEALED), old.get(filesys.DATA))
        for key, v in list(st.spec.items()):
            st.spec[key] = z3.Const(smt.fresh_name(key), v.sort())
        for key, arr in list(st.helping.items()):
            if self.alone(st) and no_tokens_at_all(arr):
                continue  # sequential, and only `helping` (in ops) adds tokens
            st.helping[key] = z3.Const(smt.fresh_name(f"helping[{key}]"), arr.sort())

    # ------------------------------------------------------------ hover

    def snapshot(self, st: State) -> StateSnapshot:
        return StateSnapshot(
            owned=[readable(str(p)) for p in st.owned],
            leases=[readable(str(ls)) for ls in st.leases],
            locks=[readable(str(h)) for h in st.held],
            gen=readable(str(st.gen)) if st.gen is not None else "gen",
            spec=sorted(st.spec) + ([f"spec step taken (returns {readable(str(st.spec_ret))})"
                                     if st.spec_ret is not None else "spec step taken"]
                                    if st.lin else []),
            helping=[readable(f"{k}({', '.join(str(a) for a in args)})") for k, args in st.own_tokens],
            path=[readable(p) for p in st.path_text[-8:]],
            volatile=([readable(w) for _a, _v, _o, w in st.pending]
                      + (["the crashed generation's writes (no disk.Barrier yet)"]
                         if st.pending_unknown else [])),
        )


class QuietCtx(FnCtx):
    """A context that records nothing: evaluating an expression again (a pure body, a loop
    measure) whose own checks are recorded elsewhere, or nowhere."""

    def ob(self, kind: str, span: ir.Span, message: str, st: State, goal: z3.BoolRef,  # type: ignore[override]
           clause: ir.Span | None = None, crash_point: ir.Span | None = None,
           hint: tuple[str, ir.Span] | None = None) -> Obligation:
        return Obligation(kind, self.fn.qualified, self.file, span, message)

    def interfere(self, st: State) -> None:  # no step is taken
        pass


def readable(text: str) -> str:
    """Z3 names without the verifier's uniqueness suffixes (`a!3` -> `a`)."""
    return re.sub(r"!\d+", "", text).replace("ptr:", "")


def op_of(ann: A.Annotations, op: A.OpRef) -> tuple[str, A.OpDecl]:
    spec = spec_of(ann, op)
    od = ann.specs[spec].op(op.op) if spec in ann.specs else None
    if od is None:
        raise smt.Unsupported(f"unknown spec op {spec}.{op.op}")
    return spec, od


__all__ = ["FnCtx", "op_of", "term"]
