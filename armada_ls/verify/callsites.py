"""The calls a statement makes outside its nested blocks: which atomic step it is, what a
loop body or a goroutine may call. A leaf module (it needs only the IR), so the executor,
the loop rule, the call graph and the file-system model can all ask without importing
each other."""

from __future__ import annotations

from goose import ir


def calls_in(e: object) -> list[ir.Call]:
    out: list[ir.Call] = []

    def walk(x: object) -> None:
        if isinstance(x, ir.Call):
            out.append(x)
        if isinstance(x, ir.Expr | ir.Place):
            for v in vars(x).values():
                if isinstance(v, list):
                    for i in v:
                        walk(i[1] if isinstance(i, tuple) else i)
                else:
                    walk(v)

    walk(e)
    return out


def stmt_calls(s: ir.Stmt) -> list[ir.Call]:
    if isinstance(s, ir.Define | ir.Return):
        return [c for v in s.values for c in calls_in(v)]
    if isinstance(s, ir.Assign):
        return [c for v in s.values for c in calls_in(v)] + [c for p in s.places for c in calls_in(p)]
    if isinstance(s, ir.ExprStmt):
        return calls_in(s.expr)
    return []
