"""Facts about a whole package that every function's verification needs: which functions
touch disks, which struct fields some statement assigns."""

from __future__ import annotations

from goose import ir

from .executor import stmt_calls


def _all_stmts(stmts: list[ir.Stmt]) -> list[ir.Stmt]:
    from .loops import _walk

    return _walk(stmts)


def durable_funcs(pkg: ir.Package) -> set[str]:
    """Functions that (transitively) perform durable steps."""
    calls = {q: [c for s in _all_stmts(f.body) for c in stmt_calls(s)] for q, f in pkg.funcs.items()}
    out = {q for q, cs in calls.items() if any(c.pkg in ("twodisk", "disk") and c.name in ("Write", "Read") for c in cs)}
    changed = True
    while changed:
        changed = False
        for q, cs in calls.items():
            if q not in out and any(c.qualified in out for c in cs):
                out.add(q)
                changed = True
    return out


def assigned_fields(pkg: ir.Package) -> set[str]:
    """Struct fields that some assignment in the package writes (`p.f = v`, `p.f++`)."""
    from .exprs import struct_of_ptr

    out: set[str] = set()
    for f in pkg.funcs.values():
        for s in _all_stmts(f.body):
            for p in s.places if isinstance(s, ir.Assign) else []:
                if isinstance(p, ir.FieldPlace) and isinstance(p.base, ir.Expr):
                    struct = struct_of_ptr(p.base.type)
                    out.add(f"{struct}.{p.field}")
    return out
