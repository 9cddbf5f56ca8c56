"""Print annotation trees back in the surface syntax (hover, counterexample messages).

`show` inserts only the parentheses precedence needs, so parsing its output gives the same
tree; tests check that round trip.
"""

from __future__ import annotations

from . import ast as A
from .parser import BINARY_PREC

_ESCAPE = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\0": "\\0"}
_PREC_COND = 0  # `c ? a : b` and quantifiers bind loosest
_PREC_UNARY = 7
_PREC_ATOM = 8


def _prec(e: A.LExpr) -> int:
    if isinstance(e, A.LCond | A.LQuant):
        return _PREC_COND
    if isinstance(e, A.LBinary):
        return BINARY_PREC[e.op]
    if isinstance(e, A.LUnary):
        return _PREC_UNARY
    return _PREC_ATOM


def _wrap(e: A.LExpr, min_prec: int) -> str:
    s = show(e)
    return f"({s})" if _prec(e) < min_prec else s


def show_op(op: A.OpRef) -> str:
    name = f"{op.spec}.{op.op}" if op.spec else op.op
    return f"{name}({', '.join(show(a) for a in op.args)})"


def _if_cond(e: A.LExpr) -> str:
    """An `if` condition: parenthesised when it holds a struct literal (as in Go, `T{` would
    open the block there)."""
    from .resolve import walk

    return f"({show(e)})" if any(isinstance(x, A.LStruct) for x in walk(e)) else show(e)


def show(e: A.LExpr) -> str:
    """The expression in surface syntax."""
    if isinstance(e, A.LInt):
        return str(e.value)
    if isinstance(e, A.LBool):
        return "true" if e.value else "false"
    if isinstance(e, A.LString):
        return '"' + "".join(_ESCAPE.get(ch, ch) for ch in e.value) + '"'
    if isinstance(e, A.LName):
        return e.name
    if isinstance(e, A.LGen):
        return "gen"
    if isinstance(e, A.LSelector):
        return f"{_wrap(e.x, _PREC_ATOM)}.{e.name}"
    if isinstance(e, A.LIndex):
        return f"{_wrap(e.x, _PREC_ATOM)}[{show(e.index)}]"
    if isinstance(e, A.LSlice):
        lo = show(e.lo) if e.lo is not None else ""
        hi = show(e.hi) if e.hi is not None else ""
        return f"{_wrap(e.x, _PREC_ATOM)}[{lo}:{hi}]"
    if isinstance(e, A.LUnary):
        return f"{e.op}{_wrap(e.x, _PREC_UNARY)}"
    if isinstance(e, A.LBinary):
        p = BINARY_PREC[e.op]
        if e.op == "==>":  # right-associative
            return f"{_wrap(e.x, p + 1)} ==> {_wrap(e.y, p)}"
        return f"{_wrap(e.x, p)} {e.op} {_wrap(e.y, p + 1)}"
    if isinstance(e, A.LCond):
        return f"{_wrap(e.cond, 1)} ? {show(e.then)} : {show(e.els)}"
    if isinstance(e, A.LQuant):
        binders = ", ".join(f"{n} {t}" for n, t in e.vars)
        return f"{e.kind} {binders} :: {show(e.body)}"
    if isinstance(e, A.LOld):
        return f"old({show(e.x)})"
    if isinstance(e, A.LCall):
        return f"{e.fn}({', '.join(show(a) for a in e.args)}{'...' if e.spread else ''})"
    if isinstance(e, A.LHelping):
        return f"helping({show_op(e.op)})"
    if isinstance(e, A.LList):
        return f"[]{e.elem}{{{', '.join(show(x) for x in e.elems)}}}"
    if isinstance(e, A.LEmptyMap):
        return f"{e.map_type}{{}}"
    if isinstance(e, A.LStruct):
        return f"{e.name}{{{', '.join(f'{n}: {show(v)}' for n, _, v in e.fields)}}}"
    if isinstance(e, A.LLease):
        if e.lower is not None:
            return f"lease({show(e.loc)}, >= {show(e.lower)})"
        return f"lease({show(e.loc)})"
    raise TypeError(f"show: unknown expression {type(e).__name__}")


def _show_body(body: list[A.SpecStmt], indent: str) -> str:
    if not body:
        return "{ }"
    inner = "\n".join(indent + "  " + line for s in body for line in show_stmt(s).split("\n"))
    return "{\n" + inner + "\n" + indent + "}"


def show_stmt(s: A.SpecStmt) -> str:
    """A spec statement (multi-line for `if`)."""
    if isinstance(s, A.SAssign):
        return f"{show(s.target)} = {show(s.value)}"
    if isinstance(s, A.SReturn):
        return "return" if s.value is None else f"return {show(s.value)}"
    if isinstance(s, A.SRequire):
        return f"require {show(s.cond)}"
    if isinstance(s, A.SDelete):
        return f"delete({show(s.m)}, {show(s.key)})"
    if isinstance(s, A.SChoose):
        tail = f" such that {show(s.cond)}" if s.cond is not None else ""
        return f"choose {s.name} {s.type}{tail}"
    if isinstance(s, A.SIf):
        out = f"if {_if_cond(s.cond)} {_show_body(s.then, '')}"
        if len(s.els) == 1 and isinstance(s.els[0], A.SIf):
            out += " else " + show_stmt(s.els[0])
        elif s.els:
            out += " else " + _show_body(s.els, "")
        return out
    raise TypeError(f"show_stmt: unknown statement {type(s).__name__}")


def show_spec(spec: A.SpecDecl) -> str:
    lines = [f"spec {spec.name} {{"]
    lines += [f"  state {f.name} {f.type}" for f in spec.state]
    for op in spec.ops:
        params = ", ".join(f"{n} {t}" for n, t in op.params)
        ret = f" {op.result}" if op.result is not None else ""
        lines.append(f"  op {op.name}({params}){ret} {_show_body(op.body, '  ')}")
    for op in spec.internal:
        params = ", ".join(f"{n} {t}" for n, t in op.params)
        lines.append(f"  internal {op.name}({params}) {_show_body(op.body, '  ')}")
    if spec.crash:
        lines.append(f"  crash {_show_body(spec.crash, '  ')}")
    if spec.init:
        lines.append(f"  init {_show_body(spec.init, '  ')}")
    lines.append("}")
    return "\n".join(lines)


_COND_KEYWORDS: dict[type, str] = {
    A.Requires: "requires",
    A.Ensures: "ensures",
    A.Preserves: "preserves",
    A.Invariant: "invariant",
    A.CrashInv: "crash_inv",
    A.Assert: "assert",
}


def show_clause(c: A.Clause | A.SpecDecl) -> str:
    """A clause as it would be written after `//@` (hover shows this)."""
    if isinstance(c, A.SpecDecl):
        return show_spec(c)
    kw = _COND_KEYWORDS.get(type(c))
    if kw is not None:
        return f"{kw} {show(c.cond)}"  # type: ignore[attr-defined]
    if isinstance(c, A.Decreases):
        return f"decreases {show(c.measure)}"
    if isinstance(c, A.Implements):
        return f"implements {c.spec}.{c.op}" if c.spec else f"implements {c.op}"
    if isinstance(c, A.LockInv):
        params = f"({', '.join(c.params)})" if c.params else ""
        return f"lock_inv{params} {show(c.cond)}"
    if isinstance(c, A.Linearize | A.CrashStep):
        kw = "linearize" if isinstance(c, A.Linearize) else "crash_step"
        binds = ", ".join(f"{n} = {show(e)}" for n, _, e in c.bindings)
        return f"{kw} {binds}" if binds else kw
    if isinstance(c, A.RecoverMark):
        return "recover"
    if isinstance(c, A.InitMark):
        return "init"
    if isinstance(c, A.Helping):
        return f"helping {show_op(c.op)}"
    if isinstance(c, A.Linearizes):
        cond = f" if {show(c.cond)}" if c.cond is not None else ""
        return f"linearizes {show_op(c.op)}{cond}"
    if isinstance(c, A.Complete):
        return f"complete{'?' if c.conditional else ''} {show_op(c.op)}"
    if isinstance(c, A.Internal):
        return f"internal {show_op(c.op)}"
    if isinstance(c, A.GhostFunc):
        params = ", ".join(f"{n} {t}" for n, t in c.params)
        dec = f"decreases {show(c.decreases)}; " if c.decreases is not None else ""
        if c.predicate:
            return f"predicate {c.name}({params}) {{ {dec}{show(c.body)} }}"
        return f"ghost func {c.name}({params}) {c.result} {{ {dec}return {show(c.body)} }}"
    if isinstance(c, A.ExploreDecl):
        parts = [f"{k} {v}" for k, v in c.bounds.items()]
        parts += [
            f"domain {t} = {{{', '.join(show(v) for v in vs)}}}" for t, vs in c.domains.items()
        ]
        parts += [f"thread {{ {'; '.join(show_op(o) for o in th)} }}" for th in c.threads]
        if c.after_crash:
            parts.append(f"after_crash {{ {'; '.join(show_op(o) for o in c.after_crash)} }}")
        if c.recover_args:
            parts.append(f"recover_args({', '.join(show(v) for v in c.recover_args)})")
        return "explore {\n" + "\n".join("  " + p for p in parts) + "\n}"
    raise TypeError(f"show_clause: unknown clause {type(c).__name__}")
