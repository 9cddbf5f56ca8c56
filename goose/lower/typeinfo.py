"""Where fields, methods and sync methods of a type are, and typing untyped constants."""

from __future__ import annotations

from goose import ir
from goose import machine_api as M
from goose import types as T
from goose.decls import FuncSig, PackageEnv, exported
from goose.lower.core import COMPARE


def _field_type(t: T.Type, name: str) -> T.Type | None:
    st = T.underlying(t)
    if isinstance(t, T.Named) and t.pkg and not exported(name):
        return None  # an unexported field of another package's struct
    if isinstance(st, T.Struct):
        return st.field_type(name)
    return None


def _method_sig(env: PackageEnv, t: T.Type, name: str) -> FuncSig | None:
    base = t.elem if isinstance(t, T.Pointer) else t
    if isinstance(base, T.Named) and base.pkg == "":
        return env.method(base.name, name)
    if isinstance(base, T.Named):
        dep = env.type_package(base.pkg)
        if dep is not None:
            return dep.method(base.name, name)
    return None


def _sync_method(t: T.Type, name: str) -> tuple[str, T.Func] | None:
    base = t.elem if isinstance(t, T.Pointer) else t
    if isinstance(base, T.Named) and base.pkg == "sync":
        ft = M.SYNC_METHODS.get(base.name, {}).get(M.RW_METHODS.get(name, name) if base == T.MUTEX else name)
        if ft is not None:
            return base.name, ft
    return None


def _set_type(e: ir.Expr, target: T.Type) -> None:
    """Give an untyped constant expression (possibly folded from parts) a type."""
    e.type = target
    if isinstance(e, ir.Binary) and e.op not in COMPARE and e.op not in ("&&", "||"):
        _set_type(e.x, target)
        if e.op not in ("<<", ">>"):
            _set_type(e.y, target)
