"""Turning a path of the explored system into a trace a person can follow."""

from __future__ import annotations

from typing import Any

from armada_ls.explore import result as R
from armada_ls.explore.spec import FMap

_OPS = {
    "LOCK": "Lock", "UNLOCK": "Unlock", "WAIT": "Wait (releases the lock)", "RELOCK": "Wait returns (lock re-acquired)",
    "SIGNAL": "Signal", "BROADCAST": "Broadcast", "WSTART": "heap write starts", "WEND": "heap write ends",
    "BULK_START": "append/copy write starts", "BULK_END": "append/copy write ends", "SPAWN": "go",
    "ITER_START": "range over map starts", "ITER_NEXT": "next map entry", "ITER_END": "range over map ends",
    "LISTEND": "filesys.List finishes", "RET": "deferred call",
}


def show_value(v: Any) -> str:
    if isinstance(v, bytes):
        if v and v.count(v[0]) == len(v):
            return f"block({v[0]})" if len(v) == 4096 else f"[{len(v)} bytes of {v[0]}]"
        if len(v) <= 16:
            return "[" + " ".join(str(b) for b in v) + "]"
        return f"[{len(v)} bytes: {v[:8].hex()}...]"
    if isinstance(v, FMap):
        return "{" + ", ".join(f"{show_value(k)}: {show_value(x)}" for k, x in v) + "}"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return repr(v).replace("'", '"')
    if isinstance(v, tuple):
        return "(" + ", ".join(show_value(x) for x in v) + ")"
    if v is None:
        return "nil"
    return str(v)


def show_call(op: str, args: tuple) -> str:
    return f"{op}(" + ", ".join(show_value(a) for a in args) + ")"


def show_lin(fields: list[str], lin: frozenset) -> str:
    states = sorted({show_state(fields, s) for s, _ in lin})
    if len(states) == 1:
        return states[0]
    if len(states) <= 3:
        return " | ".join(states)
    return f"{states[0]} | ... ({len(states)} possible states)"


def show_state(fields: list[str], state: tuple) -> str:
    return ", ".join(f"{f}={show_value(v)}" for f, v in zip(fields, state, strict=True))


def describe(sys: Any, xs: Any, tr: tuple, xs2: Any | None, lin: frozenset | None = None) -> list[R.TraceStep]:
    """The trace steps for taking transition tr from xs (reaching xs2, if it succeeded).
    `lin` overrides the spec configurations shown (inside recovery, which ignores them)."""
    fields = sys.h.spec.fields

    def spec_of(x: Any) -> str:
        ln = lin if lin is not None else (x.lin if x is not None else None)
        return show_lin(fields, ln) if ln else ""

    spec_after = spec_of(xs2)
    out: list[R.TraceStep] = []
    if tr[0] in ("crash", "hcrash"):
        crashed = sys.h.lin.crash(lin if lin is not None else xs.lin)
        # a crash of the main phase, or a host crash of the check phase, with recovery's outcome
        main = xs.phase in ("init", "main", "check") and tr[0] == "crash" and len(tr) > 1
        o = sys.crash_outcomes(xs)[tr[1]] if main else None
        host = tr[0] == "hcrash" or (o is not None and o.host)
        if o is not None:
            lost = list(o.lost)
        elif tr[0] == "hcrash":
            lost = sys.host_variants(xs.m.dev)[tr[1]][1]
        else:
            lost = []
        if host:
            what = (f"host crash (power loss) in the {xs.phase} phase: memory, locks and file descriptors are lost, "
                    + ("; ".join(lost) if lost else "every write survives"))
        else:
            what = f"crash in the {xs.phase} phase: memory, locks and file descriptors are lost"
        out.append(R.TraceStep(0, "crash", "", what, spec_state=show_lin(fields, crashed), phase=xs.phase))
        out.append(R.TraceStep(0, "recover", "r", f"recovery {sys.h.recover} starts", phase="recover",
                               spec_state=show_lin(fields, crashed)))
        if o is not None and xs2 is not None:  # the crash of the main phase, with recovery's outcome
            for a, t, b in o.path:
                out.extend(describe(sys, a, t, b, crashed))
            out.extend(_notes(sys, xs2, spec_after))
        return out
    if tr[0] == "tf":
        out.append(R.TraceStep(0, "fail", "", f"disk {tr[2] + 1} fails", spec_state=spec_of(xs), phase=xs.phase))
        from goose.semantics import devices as D

        xs = xs.replace(m=xs.m.copy())
        xs.m.dev = D.fail_disk(xs.m.dev, tr[2])
        tr = ("t", tr[1], 0)
    _, tid, c = tr
    th = xs.m.threads.get(tid)
    if xs.phase == "main" and isinstance(tid, int) and (th is None or th.done):
        op, args = sys.call_of(xs, tid, c)
        fd = sys.h.pkg.funcs[sys.h.impls[op].func]
        out.append(R.TraceStep(0, "call", str(tid), f"calls {show_call(op, args)}", fd.file, fd.name_span,
                               fd.qualified, spec_after, xs.phase))
    else:
        a = sys.m.action(xs.m, tid)
        if a is not None:
            f = xs.m.threads[tid].frames[-1]
            ins = f.code.instrs[f.pc]
            what = _OPS.get(a.op, a.op)
            if a.op == "MCALL":
                args = [_arg(x) for x in f.stack[len(f.stack) - ins[3]:]]
                if ins[1] == "twodisk" and args and args[0] in ("0", "1"):
                    args[0] = f"Disk{int(args[0]) + 1}"
                what = f"{ins[1]}.{ins[2]}(" + ", ".join(args) + ")"
            if a.nchoices > 1:
                what += f" (outcome {c + 1} of {a.nchoices})"
            out.append(R.TraceStep(0, "step", str(tid), what, a.file, a.span, a.func, spec_after, xs.phase))
    if xs2 is not None:
        out.extend(_notes(sys, xs2, spec_after))
    return out


def _arg(v: Any) -> str:
    from goose.semantics.values import SliceV

    if isinstance(v, SliceV):
        return "[]byte"
    return show_value(v)


def _notes(sys: Any, xs2: Any, spec: str) -> list[R.TraceStep]:
    out = []
    for ev in xs2.note:
        if ev[0] == "return":
            _, tid, op, args, ret, void = ev
            who = "c" if tid == "c" else str(tid)
            desc = f"{show_call(op, args)} returns" + ("" if void else f" {show_value(ret)}")
            out.append(R.TraceStep(0, "return", who, desc, spec_state=spec, phase=xs2.phase))
        elif ev[0] == "initialized":
            out.append(R.TraceStep(0, "return", "init", f"init {sys.h.setup} returns: the harness starts",
                                   phase="init", spec_state=spec))
        elif ev[0] == "recovered":
            out.append(R.TraceStep(0, "return", "r", "recovery returns", phase="recover", spec_state=spec))
        elif ev[0] == "call":
            _, tid, op, args = ev
            fd = sys.h.pkg.funcs[sys.h.impls[op].func]
            out.append(R.TraceStep(0, "check", "c", f"after recovery, calls {show_call(op, args)}", fd.file,
                                   fd.name_span, fd.qualified, spec, "check"))
    return out


def compress(steps: list[R.TraceStep]) -> list[R.TraceStep]:
    """Runs of three or more steps of one goroutine at one source position with the same
    spec state (a loop) become one step that names the first and the last."""
    out: list[R.TraceStep] = []
    i = 0
    while i < len(steps):
        j = i
        s = steps[i]
        while (j + 1 < len(steps) and steps[j + 1].kind == "step" == s.kind and steps[j + 1].goroutine == s.goroutine
               and steps[j + 1].span == s.span and steps[j + 1].spec_state == s.spec_state):
            j += 1
        if j - i >= 2:
            last = steps[j]
            out.append(R.TraceStep(0, "step", s.goroutine, f"{s.description} ... {last.description} ({j - i + 1} steps)",
                                   s.file, s.span, s.function, last.spec_state, s.phase))
        else:
            out.extend(steps[i:j + 1])
        i = j + 1
    return out


def build_trace(sys: Any, path: list[tuple[Any, tuple, Any]], violation: R.Violation) -> list[R.TraceStep]:
    steps: list[R.TraceStep] = []
    for xs, tr, xs2 in path:
        steps.extend(describe(sys, xs, tr, xs2))
    steps = compress(steps)
    steps.append(R.TraceStep(0, "violation", "", f"{violation.kind}: {violation.message}", violation.file,
                             violation.span))
    for i, s in enumerate(steps):
        s.index = i
    return steps


def format_trace(res: R.ExploreResult) -> str:
    """The text the CLI prints for a result."""
    lines = []
    st = res.stats
    b = ", ".join(f"{k} {v}" for k, v in res.bounds.items())
    if res.status == "pass":
        lines.append(f"explore {res.package}: no violation within the bounds ({b})")
    elif res.status == "fail" and res.violation is not None:
        v = res.violation
        where = f"{v.file}:{v.span.start}: " if v.span is not None and v.file else ""
        lines.append(f"{where}{v.kind}: {v.message}")
        lines.append(f"trace ({len(res.trace) - 1} steps):")
        for t in res.trace[:-1]:
            pos = f"{_short(t.file)}:{t.span.start.line + 1}" if t.span is not None and t.file else ""
            who = f"g{t.goroutine}" if t.goroutine else "--"
            spec = f"   [spec: {t.spec_state}]" if t.spec_state and t.kind in ("call", "return", "crash", "step") else ""
            lines.append(f"  {t.index:3d}  {who:<4} {t.kind:<7} {t.description}{'  at ' + pos if pos else ''}{spec}")
    else:
        lines.append(f"explore {res.package}: {res.status}")
    lines.extend(res.messages)
    lines.append(f"{st.states} states, {st.transitions} transitions, {st.sleep_pruned} pruned by partial-order "
                 f"reduction, {st.revisits} revisits, {st.seconds:.2f} s ({st.states_per_second:.0f} states/s)")
    return "\n".join(lines)


def _short(path: str) -> str:
    import os

    try:
        return os.path.relpath(path)
    except ValueError:
        return path
