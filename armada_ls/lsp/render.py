"""Markdown for hovers and titles for code lenses, from engine data."""

from __future__ import annotations

from typing import Any

from armada_ls.engine import FunctionStatus
from armada_ls.engine.convert import counterexample_lines
from armada_ls.engine.queries import (
    Found,
    clause_text,
    expand,
    readable_condition,
    relation_at,
    snapshot_fields,
)
from armada_ls.logic.ast import crash_model_words

ICON = {"proved": "✓", "failed": "✗", "unknown": "?"}


def lens_title(st: FunctionStatus) -> str:
    r = st.result
    if st.state == "verified":
        return f"✓ verified ({len(r.obligations)} obligations, {r.time_ms / 1000:.2f} s)"
    if st.state == "failed":
        n = sum(o.status.value == "failed" for o in r.obligations)
        return f"✗ {n} failed"
    if st.state == "unknown":
        n = sum(o.status.value == "unknown" for o in r.obligations) or 1
        why = f": {st.detail}" if st.detail else ""
        return f"? {n} unknown{why}"[:120]
    if st.state == "verifying":
        return "… verifying"
    if st.state == "broken":
        return "not verified: fix the errors first"
    if st.state == "unavailable":
        return "not verified: the verifier is not available"
    return "not verified yet"


_ORDER = {"failed": 0, "unknown": 1, "proved": 2}


def consts_of(snap: Any) -> dict[str, int]:
    pkg = getattr(snap, "pkg", None)
    if pkg is None:
        return {}
    return {n: c.value for n, c in pkg.consts.items() if isinstance(c.value, int) and not isinstance(c.value, bool)}


def function_markdown(name: str, st: FunctionStatus, consts: dict[str, int] | None = None) -> str:
    """Status, then the obligations with failures first (then unknowns, then the proved), the
    first failure's counterexample right under the table's failures."""
    out = [f"**{name}** — {lens_title(st)}"]
    r = st.result
    if r is not None:
        out += ["", f"_crash model: {crash_model_words(r.crash_model)}_"]
    if r is not None and r.obligations:
        obs = sorted(r.obligations, key=lambda o: _ORDER.get(o.status.value, 3))
        out += ["", "| | obligation | where | time |", "|---|---|---|---|"]
        for o in obs:
            msg = readable_condition(o.message, consts).replace("|", "\\|")
            out.append(f"| {ICON[o.status.value]} | `{o.kind}`: {msg} | line {o.span.start.line + 1} | {o.time_ms:.0f} ms |")
        first = next((o for o in obs if o.status.value == "failed" and o.counterexample is not None), None)
        if first is not None:
            out += ["", f"**counterexample** (line {first.span.start.line + 1}):", "```",
                    *counterexample_lines(first.counterexample), "```"]
    if r is not None and r.error:
        out += ["", f"_{r.error}_"]
    return "\n".join(out)


def _state_lines(state: Any, consts: dict[str, int] | None = None) -> list[str]:
    out = []
    for title, value in snapshot_fields(state):
        if isinstance(value, list):
            shown = ", ".join(f"`{readable_condition(v, consts)}`" for v in value) if value else "—"
        else:
            shown = f"`{readable_condition(str(value), consts)}`"
        out.append(f"- {title}: {shown}")
    return out


def failures_at(st: FunctionStatus, stmt: Any) -> list[Any]:
    """The function's failed obligations at the statement (where it fails or its crash point)."""
    r = st.result
    if r is None or stmt is None:
        return []
    lines = range(stmt.span.start.line, stmt.span.end.line + 1)
    return [o for o in r.obligations if o.status.value == "failed" and (
        o.span.start.line in lines or (o.crash_point is not None and o.crash_point.start.line in lines))]


def table_markdown(cex: Any) -> list[str]:
    """The counterexample's values per failing address: address, each disk, the spec."""
    cells = getattr(cex, "cells", None) or {}
    if not cells:
        return []
    cols: list[str] = []
    for row in cells.values():
        cols += [c for c in row if c not in cols]
    cols.sort(key=lambda c: (not c.startswith(("twodisk.", "disk.")), c))
    head = ["address", *(_column(c) for c in cols)]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for addr, row in cells.items():
        out.append("| " + " | ".join([addr, *(row.get(c, "") for c in cols)]) + " |")
    return out


def _column(name: str) -> str:
    return {"twodisk.D1": "disk 1", "twodisk.D2": "disk 2", "disk.D": "disk"}.get(name, f"spec {name}" if "." in name and not name.startswith(("twodisk.", "disk.")) else name)


def statement_markdown(found: Found, st: FunctionStatus, source_line: str, snap: Any = None) -> str:
    """The statement; the abstraction relation as written, instantiated at the address the
    statement's durable step touches; in a failing run, the counterexample of a failure here
    (facts and a per-address table); the symbolic state before and after."""
    consts = consts_of(snap)
    out = [f"**statement** in `{found.function}`", "", f"```go\n{source_line.strip()}\n```"]
    relation = relation_at(snap, source_line) if snap is not None else []
    for header, body in relation:
        out += ["", f"**abstraction relation** {header} (the crash invariant: spec state in terms of disk state)".replace("  ", " "),
                "```", *_split_conjuncts(body), "```"]
    for o in failures_at(st, found.stmt)[:1]:
        out += ["", f"**fails here**: `{o.kind}`: {readable_condition(o.message, consts)}"]
        cex = o.counterexample
        if cex is not None:
            out += ["", *table_markdown(cex)]
            facts = getattr(cex, "facts", None) or []
            if facts:
                out += ["", *(f"- {f}" for f in facts)]
            lines = counterexample_lines(cex)
            history = lines[next((i for i, x in enumerate(lines) if x.startswith(("on disk at", "writes on"))), len(lines)):]
            if history:
                out += ["", "```", *history, "```"]
    states = getattr(st.result, "states", None) or {}
    sid = found.stmt.sid if found.stmt is not None else -1
    if sid in states:
        before, after = states[sid]
        out += ["", "**before**", *_state_lines(before, consts), "", "**after**", *_state_lines(after, consts)]
    else:
        out += ["", f"_no symbolic state for this statement ({lens_title(st)})_"]
    return "\n".join(out)


def _split_conjuncts(body: str) -> list[str]:
    """`P ==> A && (B ==> C)` as lines: the guard, then one top-level conjunct per line."""
    guard, _, rest = body.partition("==>") if body.count("==>") and not body.strip().startswith("(") else ("", "", body)
    parts, depth, cur = [], 0, ""
    i = 0
    src = rest if guard else body
    while i < len(src):
        if src.startswith("&&", i) and depth == 0:
            parts.append(cur.strip())
            cur = ""
            i += 2
            continue
        depth += src[i] == "("
        depth -= src[i] == ")"
        cur += src[i]
        i += 1
    parts.append(cur.strip())
    if guard:
        return [f"if {guard.strip()}:", *(f"  {p}" for p in parts if p)]
    return [p for p in parts if p]


def relation_markdown(found: Found) -> str:
    if found.kind == "crash_inv":
        head = ("**crash invariant** — the abstraction relation between durable state and the "
                "spec's state; recovery owns what it describes, and it holds at every crash point")
        body = expand(found.clause.cond)
    elif found.kind == "lock_inv":
        params = ", ".join(found.clause.params)
        head = (f"**{found.title}**" + (f" (for each `{params}`)" if params else "") +
                " — `Lock()` grants it, `Unlock()` must re-establish it")
        body = expand(found.clause.cond)
    else:
        head = f"**{found.title}**"
        body = clause_text(found.clause).split("\n")
    return head + "\n\n```\n" + "\n".join(body) + "\n```"
