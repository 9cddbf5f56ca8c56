"""Which Go locals are in scope at each statement of a function (for annotations there).

A leading annotation sees the locals declared before its statement; a trailing one (on the
statement's own line) also sees what the statement declares, since a ghost statement takes
effect together with its statement. A loop's invariant sees the loop's own variables (the
`for` init, the `range` key and value); an invariant may be written on the loop or as the
first line of its body, so each statement also knows whether it opens a loop body.
"""

from __future__ import annotations

from dataclasses import dataclass

from goose import ir
from goose import types as T

Env = dict[str, T.Type]


@dataclass
class StmtInfo:
    stmt: ir.Stmt
    before: Env
    after: Env
    loop_env: Env | None = None  # for loops: the scope of the header (invariants)
    opens_loop: ir.Stmt | None = None  # the loop whose body this statement starts


def is_loop(s: ir.Stmt) -> bool:
    return isinstance(s, ir.For | ir.RangeSlice | ir.RangeMap | ir.RangeInt)


def _defines(s: ir.Stmt) -> Env:
    if isinstance(s, ir.Define):
        return {n: t for n, t in zip(s.names, s.types, strict=False) if n != "_"}
    return {}


def stmt_infos(fn: ir.FuncDecl) -> dict[int, StmtInfo]:
    """sid -> what is in scope there, for every statement of `fn` (nested ones included)."""
    out: dict[int, StmtInfo] = {}

    def walk(stmts: list[ir.Stmt], env: Env, loop: ir.Stmt | None) -> Env:
        env = dict(env)
        for k, s in enumerate(stmts):
            before = dict(env)
            env.update(_defines(s))
            info = StmtInfo(s, before, dict(env), opens_loop=loop if k == 0 else None)
            out[s.sid] = info
            if isinstance(s, ir.If):
                walk(s.then, env, None)
                walk(s.els, env, None)
            elif isinstance(s, ir.Block):
                walk(s.body, env, None)
            elif isinstance(s, ir.For):
                inner = walk([s.init], env, None) if s.init is not None else dict(env)
                info.loop_env = inner
                walk(s.body, inner, s)
                if s.post is not None:
                    walk([s.post], inner, None)
            elif isinstance(s, ir.RangeSlice | ir.RangeMap | ir.RangeInt):
                inner = dict(env)
                inner.update(_range_vars(s))
                info.loop_env = inner
                walk(s.body, inner, s)
        return env

    start: Env = {}
    if fn.recv is not None:
        start[fn.recv.name] = fn.recv.type
    for p in fn.params:
        start[p.name] = p.type
    walk(fn.body, start, None)
    return out


def _range_vars(s: ir.Stmt) -> Env:
    env: Env = {}
    if isinstance(s, ir.RangeSlice):
        if s.key:
            env[s.key] = T.UINT64
        if s.value:
            env[s.value] = s.elem_type
    elif isinstance(s, ir.RangeMap):
        mt = T.underlying(s.m.type)
        if isinstance(mt, T.Map):
            if s.key:
                env[s.key] = mt.key
            if s.value:
                env[s.value] = mt.value
    elif isinstance(s, ir.RangeInt) and s.key:
        env[s.key] = s.n.type if T.is_integer(s.n.type) and s.n.type != T.UNTYPED_INT else T.UINT64
    env.pop("_", None)
    return env


def all_stmts(stmts: list[ir.Stmt]) -> list[ir.Stmt]:
    """Every statement, nested ones included, in source order."""
    out: list[ir.Stmt] = []
    for s in stmts:
        out.append(s)
        if isinstance(s, ir.If):
            out += all_stmts(s.then) + all_stmts(s.els)
        elif isinstance(s, ir.Block):
            out += all_stmts(s.body)
        elif isinstance(s, ir.For):
            if s.init is not None:
                out += all_stmts([s.init])
            out += all_stmts(s.body)
            if s.post is not None:
                out += all_stmts([s.post])
        elif isinstance(s, ir.RangeSlice | ir.RangeMap | ir.RangeInt):
            out += all_stmts(s.body)
    return out
