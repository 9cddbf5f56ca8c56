"""Position queries over a snapshot for hover and code lenses (no LSP types here).

Positions are (line, byte column), 0-based, as in the IR. Each query returns plain data that
the language server renders as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from typing import Any

from armada_ls.engine import backends
from armada_ls.engine.analysis import Snapshot
from goose import ir


@dataclass
class Found:
    kind: str  # statement | function | crash_inv | lock_inv | spec | clause
    function: str = ""
    stmt: ir.Stmt | None = None
    clause: Any = None
    span: ir.Span | None = None
    title: str = ""


def _inside(span: ir.Span, line: int, col: int) -> bool:
    return span.start <= ir.Pos(line, col) <= span.end


def functions_in(snap: Snapshot, path: str) -> list[ir.FuncDecl]:
    if snap.pkg is None:
        return []
    out = [f for q, f in snap.pkg.funcs.items() if snap.file_of(q) == path and not f.synthetic]
    return sorted(out, key=lambda f: f.span.start)


def function_at(snap: Snapshot, path: str, line: int, col: int) -> ir.FuncDecl | None:
    for f in functions_in(snap, path):
        spans = [f.span] + [g.span for g in f.annotations]
        if any(s.start.line <= line <= s.end.line for s in spans):
            return f
    return None


def _statements(body: list[ir.Stmt]) -> list[ir.Stmt]:
    out: list[ir.Stmt] = []
    stack: list[Any] = list(body)
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(n)
        elif isinstance(n, ir.Stmt):
            out.append(n)
            for f in fields(n):
                v = getattr(n, f.name)
                if isinstance(v, list) and v and isinstance(v[0], ir.Stmt) or isinstance(v, ir.Stmt):
                    stack.append(v)
    return out


def statement_at(fn: ir.FuncDecl, line: int, col: int) -> ir.Stmt | None:
    """The innermost statement covering the position (a trailing `//@` on its line counts)."""
    best: ir.Stmt | None = None
    for s in _statements(fn.body):
        hit = _inside(s.span, line, col) or any(
            g.trailing and g.span.start.line == line for g in s.annotations)
        if hit and (best is None or best.span.contains(s.span)):
            best = s
    return best


def _group_at(groups: list[ir.AnnotationGroup], path: str, line: int) -> ir.AnnotationGroup | None:
    for g in groups:
        if (g.file == path or not g.file) and g.span.start.line <= line <= g.span.end.line:
            return g
    return None


def find(snap: Snapshot, path: str, line: int, col: int) -> Found | None:
    """What is at the position: an invariant, a lock, a statement or a function."""
    if snap.pkg is None:
        return None
    ann = snap.ann
    group = _group_at(snap.pkg.annotations, path, line)
    if group is not None and ann is not None:
        for c in ann.crash_invs:
            if group.span.start.line <= c.span.start.line <= group.span.end.line:
                return Found("crash_inv", clause=c, span=group.span, title="crash invariant")
        for name, spec in ann.specs.items():
            if group.span.start.line <= spec.span.start.line <= group.span.end.line:
                return Found("spec", clause=spec, span=group.span, title=f"spec {name}")
    if ann is not None:
        for key, inv in ann.lock_invs.items():
            sname, _, fname = key.partition(".")
            s = snap.pkg.structs.get(sname)
            if s is None or (s.file or snap.pkg.file_of.get(sname, "")) != path:
                continue
            for f in s.fields:
                if f.name == fname and any(
                    g.span.start.line <= line <= g.span.end.line for g in [*f.annotations]
                ) or f.name == fname and f.span.start.line == line:
                    return Found("lock_inv", clause=inv, span=f.span, title=f"lock invariant of {key}")
    fn = function_at(snap, path, line, col)
    if fn is None:
        return None
    if line == fn.span.start.line or _group_at(fn.annotations, path, line) is not None:
        return Found("function", fn.qualified, span=fn.name_span, title=fn.qualified)
    stmt = statement_at(fn, line, col)
    if stmt is not None:
        return Found("statement", fn.qualified, stmt=stmt, span=stmt.span)
    return Found("function", fn.qualified, span=fn.name_span, title=fn.qualified)


# ---------------------------------------------------------------- the abstraction relation


def expand(expr: Any) -> list[str]:
    """An invariant as a list of lines: quantifier headers, then one conjunct per line."""
    show = backends.pretty()
    if show is None:
        return ["(the annotation printer is not available)"]
    lines: list[str] = []

    def walk(e: Any, depth: int) -> None:
        pad = "  " * depth
        cls = type(e).__name__
        if cls == "LQuant":
            binders = ", ".join(f"{n} {t}" for n, t in e.vars)
            lines.append(f"{pad}{e.kind} {binders} ::")
            walk(e.body, depth + 1)
        elif cls == "LBinary" and e.op == "&&":
            for part in _conjuncts(e):
                walk(part, depth)
        elif cls == "LBinary" and e.op == "==>":
            lines.append(f"{pad}if {show(e.x)}:")
            walk(e.y, depth + 1)
        else:
            lines.append(f"{pad}{show(e)}")

    walk(expr, 0)
    return lines


def _conjuncts(e: Any) -> list[Any]:
    if type(e).__name__ == "LBinary" and e.op == "&&":
        return _conjuncts(e.x) + _conjuncts(e.y)
    return [e]


def clause_text(clause: Any) -> str:
    mod = backends.lookup("armada_ls.logic.pretty:show_clause")
    if mod is None:
        return type(clause).__name__
    try:
        return str(mod(clause))
    except Exception:
        return type(clause).__name__


def snapshot_fields(state: Any) -> list[tuple[str, list[str] | str]]:
    """A StateSnapshot's parts in display order."""
    if state is None or not is_dataclass(state):
        return []
    return [
        ("owned", state.owned), ("leases", state.leases), ("locks held", state.locks),
        ("generation", state.gen), ("spec state", state.spec), ("helped ops", state.helping),
        ("path condition", state.path),
    ] + ([("not yet durable", state.volatile)] if getattr(state, "volatile", None) else [])


# ---------------------------------------------------------------- as written in the source


def span_text(sources: dict[str, bytes], file: str, span: ir.Span) -> str:
    """The source text of an annotation span, `//@` continuation prefixes dropped, on one
    line (conditions are shown as the user wrote them, not as the solver prints them)."""
    from armada_ls.engine.convert import clause_text as _text

    class _At:
        clause_span, clause_file = span, file

    return _text(_At(), sources)


def group_file(snap: Snapshot, span: ir.Span) -> str:
    """The file of the package-level annotation group holding `span`."""
    if snap.pkg is None:
        return ""
    for g in snap.pkg.annotations:
        if g.span.contains(span) and g.file:
            return g.file
    return snap.pkg.files[0] if snap.pkg.files else ""


_DURABLE_CALL = re.compile(r"\b(?:twodisk|disk)\.(?:Write|Read)\s*\((?:\s*twodisk\.Disk[12]\s*,)?\s*([^,()]+(?:\([^()]*\))?)")


def relation_at(snap: Snapshot, stmt_source: str) -> list[tuple[str, str]]:
    """The crash invariant(s) as written, instantiated at the address the statement's durable
    step touches (`twodisk.Write(twodisk.Disk1, a, v)`: the bound address becomes `a`):
    (header, body) per invariant. Without a durable step, the invariant as written."""
    out: list[tuple[str, str]] = []
    if snap.ann is None:
        return out
    m = _DURABLE_CALL.search(stmt_source)
    addr = m.group(1).strip() if m else None
    for c in snap.ann.crash_invs:
        text = span_text(snap.sources, group_file(snap, c.span), c.span).removeprefix("crash_inv").strip()
        binders = [n for n, _ in getattr(c.cond, "vars", [])] if type(c.cond).__name__ == "LQuant" else []
        if addr and len(binders) == 1 and "::" in text:
            body = text.split("::", 1)[1].strip()
            shown = addr if re.fullmatch(r"[\w.]+", addr) else f"({addr})"
            body = re.sub(rf"\b{re.escape(binders[0])}\b", shown, body)
            out.append((f"at address `{addr}`", body))
        else:
            out.append(("", text))
    return out


def readable_condition(text: str, consts: dict[str, int] | None = None) -> str:
    """A condition the verifier printed in the solver's syntax, in Go's: `And(a, b)` as
    `a && b`, `Not(x)` as `!x`, `16 > a` as `a < 16`, uint64 range facts dropped, and a
    number that is a package constant's value as that constant's name."""
    out = _rewrite(text)
    out = re.sub(r"\b(\d+) (>=|>|<=|<) ([A-Za-z_][\w.\[\]]*)",
                 lambda m: f"{m.group(3)} {_FLIP[m.group(2)]} {m.group(1)}", out)
    for name, value in (consts or {}).items():
        if sum(1 for v in consts.values() if v == value) == 1 and value not in (0, 1):  # type: ignore[union-attr]
            out = re.sub(rf"(?<![\w.]){value}(?![\w.])", name, out)
    return out


_FLIP = {">": "<", ">=": "<=", "<": ">", "<=": ">="}
SOLVER_SYNTAX = re.compile(r"\b(And|Or|Not)\(|\b\d+ (>=|>|<=|<) [A-Za-z_]")
_RANGE = re.compile(r"^\s*[\w.\[\]]+ (>= 0|< 18446744073709551616)\s*$")


def _rewrite(text: str) -> str:
    i = 0
    out = ""
    while i < len(text):
        m = re.compile(r"\b(And|Or|Not)\(").match(text, i) if (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")) else None
        if m is None:
            out += text[i]
            i += 1
            continue
        depth, j, args, start = 1, m.end(), [], m.end()
        while j < len(text) and depth:
            c = text[j]
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    args.append(text[start:j])
            elif c == "," and depth == 1:
                args.append(text[start:j])
                start = j + 1
            j += 1
        parts = [_rewrite(a.strip()) for a in args]
        if m.group(1) == "Not":
            inner = parts[0] if parts else ""
            out += f"!{inner}" if re.fullmatch(r"[\w.\[\]()]+", inner) else f"!({inner})"
        else:
            parts = [p for p in parts if p and p != "true" and not _RANGE.match(p)]
            op = " && " if m.group(1) == "And" else " || "
            joined = op.join(f"({p})" if (" || " in p and op == " && ") else p for p in parts)
            out += joined or "true"
        i = j
    return out
