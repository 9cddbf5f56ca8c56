"""Verifier and explorer results as `goose.diagnostics.Diagnostic`s, shared by CLI and LSP.

Codes are stable: `verify/<obligation kind>`, `explore/<kind>`, `hint/helping`. A failed
obligation is an error with the checked clause and the crash point as related locations and
its counterexample in `data`; an unknown one is a warning; a hint is information carrying a
`fix` in `data`: `{"title", "file", "line", "col" (bytes), "text"}` to insert.
"""

from __future__ import annotations

from typing import Any

from goose import ir
from goose.diagnostics import Diagnostic, Related, Severity


def counterexample_lines(cex: Any) -> list[str]:
    if cex is None:
        return []
    out: list[str] = []
    for title, values in (("variables", cex.variables), ("durable", cex.durable),
                          ("spec", cex.spec)):
        if values:
            out.append(f"{title}: " + ", ".join(f"{k} = {v}" for k, v in values.items()))
    if cex.helping:
        out.append("helping: " + ", ".join(cex.helping))
    if cex.on_disk:
        out.append("on disk at the crash: " + ", ".join(cex.on_disk))
    return out


def quick_fix(ob: Any, sources: dict[str, bytes]) -> dict[str, Any] | None:
    """Where and what to insert for an obligation's hint (a ghost statement).

    `hint_span` empty: insert the hint there as written. Otherwise it is the statement the
    ghost statement belongs to: append ` //@ <hint>` to its last line when that line has no
    comment after the code, else put `//@ <hint>` on a line of its own above the statement
    (a leading annotation attaches to the same statement)."""
    if not ob.hint:
        return None
    span = ob.hint_span or ob.span
    hint = ob.hint.strip()
    ghost = hint if hint.startswith("//@") else f"//@ {hint}"
    title = f"Insert `{ghost}`"
    if span.start == span.end:
        return {"title": title, "file": ob.file, "line": span.start.line, "col": span.start.col, "text": hint}
    lines = sources.get(ob.file, b"").split(b"\n")
    last = lines[span.end.line].rstrip(b"\r") if span.end.line < len(lines) else b""
    rest = last[span.end.col:]
    if b"//" not in rest and b"/*" not in rest:
        return {"title": title, "file": ob.file, "line": span.end.line, "col": len(last), "text": " " + ghost}
    first = lines[span.start.line] if span.start.line < len(lines) else b""
    indent = first[:len(first) - len(first.lstrip(b" \t"))].decode("utf-8", errors="replace")
    return {"title": title, "file": ob.file, "line": span.start.line, "col": 0, "text": f"{indent}{ghost}\n"}


def obligation_diagnostics(result: Any, sources: dict[str, bytes]) -> list[Diagnostic]:
    from armada_ls.verify.result import Status

    out: list[Diagnostic] = []
    for ob in result.obligations:
        if ob.status is Status.PROVED:
            continue
        related = []
        if ob.clause_span is not None:
            related.append(Related(ob.clause_file or ob.file, ob.clause_span, "the clause checked here"))
        if ob.crash_point is not None:
            related.append(Related(ob.file, ob.crash_point, "the crash point"))
        fix = quick_fix(ob, sources)
        data: dict[str, object] = {"function": ob.function, "kind": ob.kind}
        if fix:
            data["fix"] = fix
        cex = counterexample_lines(ob.counterexample)
        if cex:
            data["counterexample"] = cex
        if ob.status is Status.FAILED and getattr(ob, "severity", "error") == "warning":
            # a suspicious annotation (e.g. a vacuous precondition): shown, not a failure
            out.append(Diagnostic(ob.file, ob.span, f"verify/{ob.kind}", "warning",
                                  ob.message, Severity.WARNING, related, data))
        elif ob.status is Status.FAILED:
            # `message` says what was checked; a failure must not read as if it held.
            out.append(Diagnostic(ob.file, ob.span, f"verify/{ob.kind}", "error",
                                  f"could not prove: {ob.message}", Severity.ERROR, related, data))
        else:
            reason = ob.reason or "unknown"
            out.append(Diagnostic(ob.file, ob.span, f"verify/{ob.kind}", "warning",
                                  f"unknown ({reason}): {ob.message}", Severity.WARNING,
                                  related, data))
        if fix:
            out.append(Diagnostic(ob.file, ob.hint_span or ob.span, "hint/helping", "info",
                                  f"recovery could finish this operation: {ob.hint.strip()}",
                                  Severity.INFO, related[:1], {"fix": fix}))
    if result.error and not result.obligations:
        out.append(Diagnostic(result.file, result.span, "verify/error", "warning",
                              f"{result.function} was not verified: {result.error}",
                              Severity.WARNING))
    return out


def step_text(step: Any) -> str:
    """One explorer trace step in words: `[goroutine] kind: description (spec: ...)`."""
    who = f"[{step.goroutine}] " if getattr(step, "goroutine", "") else ""
    spec = f" (spec: {step.spec_state})" if getattr(step, "spec_state", "") else ""
    return f"{who}{step.kind}: {step.description}{spec}"


def explore_diagnostics(result: Any, fallback_file: str) -> list[Diagnostic]:
    """An explorer violation as one error at its position, each trace step a related
    location; a harness that cannot run is a warning (`explore/harness`)."""
    out: list[Diagnostic] = []
    steps = list(getattr(result, "trace", None) or [])
    related = [Related(st.file or fallback_file, st.span, f"step {i + 1}: {step_text(st)}")
               for i, st in enumerate(steps) if getattr(st, "span", None) is not None]
    v = getattr(result, "violation", None)
    if v is not None:
        span = v.span or (related[-1].span if related else ir.NO_SPAN)
        file = v.file or (related[-1].file if related else fallback_file)
        code = f"explore/{v.kind}" + (f"/{v.code}" if getattr(v, "code", "") else "")
        out.append(Diagnostic(file, span, code, "error", v.message, Severity.ERROR, related,
                              {"trace": [step_text(st) for st in steps]}))
    elif getattr(result, "status", "") == "error":
        msg = "; ".join(getattr(result, "messages", []) or ["the explorer could not run"])
        out.append(Diagnostic(fallback_file, ir.NO_SPAN, "explore/harness", "warning", msg, Severity.WARNING))
    return out
