"""Verifier and explorer results as `goose.diagnostics.Diagnostic`s, shared by CLI and LSP.

Codes are stable: `verify/<obligation kind>`, `explore/<kind>`, `hint/helping`. A failed
obligation is an error with the checked clause and the crash point as related locations and
its counterexample in `data`; an unknown one is a warning; a hint is information carrying a
`fix` in `data`: `{"title", "file", "line", "col" (bytes), "text"}` to insert.
"""

from __future__ import annotations

import re
from typing import Any

from goose import ir
from goose.diagnostics import Diagnostic, Related, Severity

CRASH_KINDS = ("crash-inv", "recovery-crash-inv")


def counterexample_lines(cex: Any) -> list[str]:
    """A counterexample as short lines, decisive facts first: why (the values the failing
    clause reads), then the other values, the durable and spec state at the failing places,
    the helped ops there, and the durable writes of the path as a timeline (on disk at the
    crash only for a crash obligation). The same lines go to the Problems panel, `armada
    verify --explain`, JSON and SARIF."""
    if cex is None:
        return []
    out: list[str] = []
    facts = getattr(cex, "facts", None) or []
    focus = getattr(cex, "focus", None) or {}
    if facts:
        out.append(f"why: {facts[0]}")
        out.extend(f"  {f}" for f in facts[1:])
    elif focus:
        out.append("where it fails: " + ", ".join(f"{k} = {v}" for k, v in focus.items()))
    said = " ".join(facts)
    values = {k: v for k, v in cex.variables.items() if not k.endswith("(where it fails)")}
    if values:
        out.append("values: " + ", ".join(f"{k} = {v}" for k, v in values.items()))
    for title, entries in (("durable", cex.durable), ("spec", cex.spec)):
        rest = [f"{k} = {v}" for k, v in entries.items() if f"{k} = {v}" not in said
                and not (k.startswith("failed(") and v == "false" and f"{k[7:-1]} works" in said)]
        if rest:
            out.append(f"{title}: " + ", ".join(rest))
    if cex.helping and "handed" not in said:
        out.append("handed to recovery: " + ", ".join(cex.helping))
    if cex.on_disk:
        crash = getattr(cex, "crash", False)
        out.append("on disk at the crash:" if crash else "writes on this path:")
        out.extend(f"  {i}. {w}" for i, w in enumerate(cex.on_disk, 1))
        if crash:
            out.append(f"  {len(cex.on_disk) + 1}. crash")
    return out


def clause_text(ob: Any, sources: dict[str, bytes]) -> str:
    """The checked clause as written in the source (`//@` prefixes of continuation lines
    dropped), or ""."""
    span = getattr(ob, "clause_span", None)
    if span is None:
        return ""
    data = sources.get(ob.clause_file or ob.file)
    if data is None:
        return ""
    rows = data.split(b"\n")
    if span.start.line >= len(rows):
        return ""
    if span.start.line == span.end.line:
        text = rows[span.start.line][span.start.col:span.end.col]
    else:
        text = b" ".join([rows[span.start.line][span.start.col:]] + rows[span.start.line + 1:span.end.line]
                         + [rows[min(span.end.line, len(rows) - 1)][:span.end.col]])
    t = text.decode("utf-8", errors="replace")
    t = re.sub(r"(^|\s)//\s?@", " ", t)
    return " ".join(t.split())


_HELPED_OP = re.compile(r"helping\s*\(\s*([A-Za-z_][\w]*\.[A-Za-z_][\w]*)")


def finish_counterexample(ob: Any, sources: dict[str, bytes]) -> None:
    """Fill in what a counterexample needs from outside the solver: whether the writes are
    "on disk at the crash" (a crash obligation) and the facts the failing clause reads."""
    cex = getattr(ob, "counterexample", None)
    if cex is None:
        return
    try:
        cex.crash = ob.kind in CRASH_KINDS or getattr(ob, "crash_point", None) is not None
        cex.facts = clause_facts(cex, clause_text(ob, sources))
    except AttributeError:  # a result pickled before these fields existed
        return


def clause_facts(cex: Any, clause: str) -> list[str]:
    """The values the clause reads at the places where it fails, with the comparisons a
    person looks for (two disks that differ, a disk that has not failed, no helped op)."""
    focus = getattr(cex, "focus", None) or {}
    cells = getattr(cex, "cells", None) or {}
    flat = clause.replace(" ", "")
    out: list[str] = []
    if focus:
        out.append(", ".join(f"{k} = {v}" for k, v in focus.items()))
    for addr, cols in cells.items():
        read = {k: v for k, v in cols.items() if not clause or k.replace(" ", "") in flat}
        if not read:
            continue
        parts = [f"{k}[{addr}] = {v}" for k, v in read.items()]
        # two disks' blocks compare; the file system's arrays (bytes, sealed) by inode do not
        durable = [(k, v) for k, v in read.items()
                   if k in _durable_names(cex) and not k.startswith("filesys.")]
        if len(durable) >= 2:
            differ = len({v for _, v in durable}) > 1
            names = " and ".join(k for k, _ in durable)
            parts.append(f"{names} {'differ' if differ else 'agree'} at {addr}")
        out.append(", ".join(parts))
    for key, v in cex.durable.items():
        if key.startswith("failed(") and (not clause or key.replace(" ", "") in flat):
            disk = key[len("failed("):-1]
            out.append(f"{disk} {'has failed' if v == 'true' else 'works'}")
    for op, args in dict.fromkeys(_helped_ops(clause)):
        want = _instantiate(args, focus, cells)
        held = [h for h in cex.helping if h.split("(", 1)[0].endswith(op)]
        if want is not None:
            name = f"{op}({want})"
            have = any(h.endswith(name) for h in held)
            out.append(f"{name} is {'' if have else 'not '}handed to recovery"
                       + (f" (handed over: {', '.join(held)})" if held and not have else ""))
        else:
            out.append(f"handed to recovery: {', '.join(held)}" if held else f"no {op} is handed to recovery")
    return out


def _helped_ops(clause: str) -> list[tuple[str, str]]:
    """(op, argument text) of every `helping(Op(args))` in a clause."""
    out = []
    for m in _HELPED_OP.finditer(clause):
        rest = clause[m.end():].lstrip()
        if not rest.startswith("("):
            continue
        depth, end = 0, len(rest)
        for k, c in enumerate(rest):
            depth += c == "(" or c == "["
            depth -= c == ")" or c == "]"
            if depth == 0:
                end = k
                break
        out.append((m.group(1), rest[1:end]))
    return out


def _instantiate(args: str, focus: dict[str, str], cells: dict[str, dict[str, str]]) -> str | None:
    """The values of `a, twodisk.D1[a]`-like arguments at the failing place, or None."""
    parts, depth, cur = [], 0, ""
    for c in args:
        if c == "," and depth == 0:
            parts.append(cur.strip())
            cur = ""
            continue
        depth += c in "(["
        depth -= c in ")]"
        cur += c
    parts.append(cur.strip())
    vals = []
    for p in parts:
        if p in focus:
            vals.append(focus[p])
            continue
        m = re.fullmatch(r"([\w.]+)\[(\w+)\]", p)
        if m and m.group(2) in focus and m.group(1) in cells.get(focus[m.group(2)], {}):
            vals.append(cells[focus[m.group(2)]][m.group(1)])
            continue
        return None
    return ", ".join(vals)


def _durable_names(cex: Any) -> set[str]:
    return {k.split("[", 1)[0] for k in cex.durable if "[" in k}


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
        finish_counterexample(ob, sources)
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
