"""Markdown for hovers and titles for code lenses, from engine data."""

from __future__ import annotations

from typing import Any

from armada_ls.engine import FunctionStatus
from armada_ls.engine.queries import Found, clause_text, expand, snapshot_fields

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


def function_markdown(name: str, st: FunctionStatus) -> str:
    out = [f"**{name}** — {lens_title(st)}"]
    r = st.result
    if r is not None and r.obligations:
        out += ["", "| | obligation | where | time |", "|---|---|---|---|"]
        for o in r.obligations:
            msg = o.message.replace("|", "\\|")
            out.append(f"| {ICON[o.status.value]} | `{o.kind}`: {msg} | line {o.span.start.line + 1} | {o.time_ms:.0f} ms |")
    if r is not None and r.error:
        out += ["", f"_{r.error}_"]
    return "\n".join(out)


def _state_lines(state: Any) -> list[str]:
    out = []
    for title, value in snapshot_fields(state):
        if isinstance(value, list):
            shown = ", ".join(f"`{v}`" for v in value) if value else "—"
        else:
            shown = f"`{value}`"
        out.append(f"- {title}: {shown}")
    return out


def statement_markdown(found: Found, st: FunctionStatus, source_line: str) -> str:
    out = [f"**statement** in `{found.function}`", "", f"```go\n{source_line.strip()}\n```"]
    states = getattr(st.result, "states", None) or {}
    sid = found.stmt.sid if found.stmt is not None else -1
    if sid in states:
        before, after = states[sid]
        out += ["", "**before**", *_state_lines(before), "", "**after**", *_state_lines(after)]
    else:
        out += ["", f"_no symbolic state for this statement ({lens_title(st)})_"]
    return "\n".join(out)


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
