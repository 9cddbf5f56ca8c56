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
    ghost statement belongs to: append ` //@ <hint>` at the end of its last line."""
    if not ob.hint:
        return None
    span = ob.hint_span or ob.span
    hint = ob.hint.strip()
    if span.start == span.end:
        line, col, text = span.start.line, span.start.col, hint
    else:
        line = span.end.line
        lines = sources.get(ob.file, b"").split(b"\n")
        col = len(lines[line].rstrip(b"\r")) if line < len(lines) else span.end.col
        text = " " + (hint if hint.startswith("//@") else f"//@ {hint}")
    title = "Insert `" + (hint if hint.startswith("//@") else f"//@ {hint}") + "`"
    return {"title": title, "file": ob.file, "line": line, "col": col, "text": text}


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
        if ob.status is Status.FAILED:
            out.append(Diagnostic(ob.file, ob.span, f"verify/{ob.kind}", "error", ob.message,
                                  Severity.ERROR, related, data))
        else:
            reason = ob.reason or "unknown"
            out.append(Diagnostic(ob.file, ob.span, f"verify/{ob.kind}", "warning",
                                  f"{ob.message} (not proved: {reason})", Severity.WARNING,
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


def _span(obj: Any) -> ir.Span | None:
    span = getattr(obj, "span", None)
    return span if isinstance(span, ir.Span) else None


def explore_diagnostics(result: Any, fallback_file: str) -> list[Diagnostic]:
    """Explorer findings: each a diagnostic at its first position, each trace step related."""
    findings = getattr(result, "findings", None)
    if findings is None:
        findings = getattr(result, "violations", None) or []
    out: list[Diagnostic] = []
    for f in findings:
        kind = str(getattr(f, "kind", "violation"))
        steps = list(getattr(f, "trace", None) or getattr(f, "steps", None) or [])
        related = []
        for i, step in enumerate(steps):
            span = _span(step)
            if span is None:
                continue
            text = getattr(step, "describe", None)
            msg = text() if callable(text) else str(getattr(step, "text", "") or getattr(step, "message", "") or step)
            related.append(Related(getattr(step, "file", "") or fallback_file, span, f"step {i + 1}: {msg}"))
        span = _span(f) or (related[-1].span if related else ir.NO_SPAN)
        file = getattr(f, "file", "") or (related[-1].file if related else fallback_file)
        out.append(Diagnostic(file, span, f"explore/{kind}", "error",
                              str(getattr(f, "message", kind)), Severity.ERROR, related))
    return out
