"""Calls: functions of the package, methods, sync and the machine library."""

from __future__ import annotations

import tree_sitter as ts

from goose import ir
from goose import machine_api as M
from goose import types as T
from goose.cst import field as fld
from goose.cst import named, span, text, unparen
from goose.decls import INVALID, exported
from goose.lower.core import (
    BUILTINS,
    REJECTED_BUILTINS,
    LowererCore,
)
from goose.lower.typeinfo import _field_type, _method_sig, _sync_method


class CallMixin(LowererCore):
    def args(self, node: ts.Node, spread_ok: bool = False) -> list[ts.Node]:
        a = fld(node, "arguments")
        if a is None:
            return []
        out = named(a)
        for c in out:
            if c.type == "variadic_argument" and not (spread_ok and c.id == out[-1].id):
                self.reject(c, "variadic", "`...` in a call")
        return out

    def call(self, node: ts.Node, statement: bool = False, comma_ok: bool = False) -> ir.Expr:
        fn = unparen(fld(node, "function") or node)
        sp = span(node)
        if fn.type == "identifier":
            name = text(fn)
            if self.lookup(name) is None:
                if name in BUILTINS:
                    return self.builtin(node, name)
                if name in REJECTED_BUILTINS:
                    self.reject(fn, "builtin", f"built-in `{name}`")
                    return self.invalid(node)
                if name == "recover":
                    self.reject(fn, "recover")
                    return self.invalid(node)
                conv = self._conversion_type(fn)
                if conv is not None:
                    a = self.args(node)
                    if len(a) != 1:
                        self.err(node, f"conversion to {text(fn)} needs exactly one argument")
                        return self.invalid(node)
                    return self.conversion(node, conv, a[0])
                sig = self.env.funcs.get(name)
                if sig is not None and not sig.recv_type:
                    args = self.call_args(node, sig.type, name)
                    return ir.Call(sp, sig.type.result, "", name, args)
                if name in self.env.structs:
                    self.err(node, f"cannot convert to struct type {name}")
                    return self.invalid(node)
            else:
                self.reject(fn, "func-value", f"call of variable `{name}`")
                return self.invalid(node)
            if name not in self.env.rejected_funcs:  # else reported at its declaration
                self.err(fn, f"undefined: `{name}`")
            self.args_only(node)
            return self.invalid(node)
        if fn.type in ("slice_type", "pointer_type", "map_type", "qualified_type", "parenthesized_type"):
            a = self.args(node)
            ty = self.types.resolve(fn)
            if len(a) != 1:
                self.err(node, "a conversion needs exactly one argument")
                return self.invalid(node)
            return self.conversion(node, ty, a[0])
        if fn.type == "func_literal":
            self.reject(fn, "closure", "immediately called function literal")
            return self.invalid(node)
        if fn.type == "selector_expression":
            return self.method_or_pkg_call(node, fn)
        if fn.type in ("index_expression", "generic_type") and any(c.type == "type_arguments" for c in fn.named_children):
            self.reject(fn, "generics", "explicit type arguments")
            return self.invalid(node)
        x = self.expr(fn)
        if x.type != INVALID:
            self.reject(fn, "func-value", f"call through `{text(fn)}`")
        return self.invalid(node)

    def args_only(self, node: ts.Node) -> None:
        for a in self.args(node):
            self.expr(a)

    def call_args(self, node: ts.Node, ft: T.Func, what: str) -> list[ir.Expr]:
        arg_nodes = self.args(node)
        if len(arg_nodes) == 1 and len(ft.params) > 1:
            v = self.expr(arg_nodes[0], tuple_ok=True)
            if isinstance(v.type, T.Tuple) and len(v.type.elems) == len(ft.params):
                self.reject(arg_nodes[0], "multi-value-context", f"`{text(arg_nodes[0])}` as arguments")
                return [v]
            self.err(node, f"not enough arguments in call to {what}: have 1, want {len(ft.params)}")
            return [v]
        if len(arg_nodes) != len(ft.params):
            self.err(node, f"wrong number of arguments in call to {what}: have {len(arg_nodes)}, want {len(ft.params)}")
            return [self.expr(a) for a in arg_nodes]
        return [self.coerce(self.expr(a), t, a) for a, t in zip(arg_nodes, ft.params, strict=True)]

    def method_or_pkg_call(self, node: ts.Node, fn: ts.Node) -> ir.Expr:
        operand = unparen(fld(fn, "operand") or fn)
        mname = text(fld(fn, "field") or fn)
        sp = span(node)
        if operand.type == "identifier" and self.is_package_name(text(operand)):
            short = text(operand)
            if self.env.rejected_import(short):  # reported at the import
                self.args_only(node)
                return self.invalid(node)
            dep = self.env.dep(short)
            conv = (dep.defined.get(mname) if dep is not None and exported(mname)
                    else (M.TYPES.get(self.env.machine_package(short) or "", {}).get(mname)))
            if conv is not None:  # a conversion to a package's type: pkg.T(x)
                a = self.args(node)
                if len(a) != 1:
                    self.err(node, f"conversion to {text(fn)} needs exactly one argument")
                    return self.invalid(node)
                return self.conversion(node, conv, a[0])
            if dep is not None:
                dsig = dep.funcs.get(mname)
                if dsig is None:
                    if mname not in dep.rejected_funcs:  # else reported in its package
                        self.err(fn, f"undefined: `{short}.{mname}`" + ("" if exported(mname) else " (not exported)"))
                    self.args_only(node)
                    return self.invalid(node)
                return ir.Call(sp, dsig.type.result, dep.name, mname, self.call_args(node, dsig.type, f"{short}.{mname}"))
            pkg = self.env.machine_package(short) or short
            if pkg == "sync":
                sig = M.SYNC_FUNCS.get(mname)
                if sig is None:
                    self.err(fn, f"`sync.{mname}` is not supported (use *sync.Mutex via new(sync.Mutex), sync.NewCond)")
                    self.args_only(node)
                    return self.invalid(node)
                return ir.Call(sp, sig.result, "sync", mname, self.call_args(node, sig, f"sync.{mname}"))
            if pkg == "prims" and mname == "MapClear":
                return self.map_clear(node, fn)
            ft = M.FUNCS.get(pkg, {}).get(mname)
            if ft is None:
                cft = M.COMPAT_FUNCS.get(pkg, {}).get(mname)
                if cft is not None and pkg == "disk" and mname == "Get":
                    self.call_args(node, cft, f"{short}.{mname}")
                    return ir.Nil(sp, M.DISK_HANDLE)  # the handle of the machine's one disk
                if mname in M.GOOSE_ONLY.get(pkg, set()):
                    self.err(fn, f"`{short}.{mname}` is part of Goose's machine library but not of Armada's machine model")
                else:
                    self.err(fn, f"undefined: `{short}.{mname}` (not part of the machine library's Goose API)")
                self.args_only(node)
                return self.invalid(node)
            return ir.Call(sp, ft.result, pkg, mname, self.call_args(node, ft, f"{short}.{mname}"))
        if operand.type == "identifier" and text(operand) in self.env.structs and self.lookup(text(operand)) is None:
            self.reject(fn, "method-expression", f"`{text(fn)}`")
            return self.invalid(node)
        x = self.expr(operand)
        if x.type == INVALID:
            self.args_only(node)
            return self.invalid(node)
        xt = x.type
        handle = M.HANDLE_METHODS.get(xt)
        if handle is not None:
            return self.handle_call(node, fn, operand, x, handle[0], handle[1], mname)
        sm = _sync_method(xt, mname)
        if sm is not None:
            kind, ft = sm
            mname = M.RW_METHODS.get(mname, mname)
            if not isinstance(xt, T.Pointer):
                self.rep.add(self.file, fn, "goose/mutex-value", "unsupported", f"`{text(operand)}` is a sync.{kind} value: hold a *sync.{kind} (new(sync.{kind})) so it is never copied")
                return self.invalid(node)
            return ir.Call(sp, ft.result, "sync", mname, self.call_args(node, ft, mname), recv=x, recv_type=f"sync.{kind}")
        sig = _method_sig(self.env, xt, mname)
        base = xt.elem if isinstance(xt, T.Pointer) else xt
        dep = self.env.type_package(base.pkg) if isinstance(base, T.Named) and base.pkg else None
        if sig is None:
            ft_field = _field_type(xt.elem if isinstance(xt, T.Pointer) else xt, mname)
            if ft_field is not None:
                self.reject(fn, "func-value", f"call through field `{mname}`")
            elif isinstance(base, T.Named) and not base.pkg and (base.name, mname) in self.env.rejected_methods:
                pass  # its declaration was rejected (reported there)
            else:
                self.err(fn, f"`{text(operand)}` (type {xt}) has no method `{mname}`")
            self.args_only(node)
            return self.invalid(node)
        recv: ir.Expr = x
        if sig.ptr_recv and not isinstance(xt, T.Pointer):
            if isinstance(x, ir.Var):
                self.boxed.add(x.name)
                recv = ir.AddrOf(x.span, T.Pointer(xt), ir.Var(x.span, xt, x.name, boxed=True))
            elif isinstance(x, ir.Deref):
                recv = x.ptr
            else:
                self.reject(operand, "address-of", f"pointer method on `{text(operand)}`")
                return self.invalid(node)
        elif not sig.ptr_recv and isinstance(xt, T.Pointer):
            recv = ir.Deref(x.span, xt.elem, x)
        ftype = T.Func(tuple(t for _, t, _ in sig.params[1:]), tuple(sig.results))
        args = self.call_args(node, ftype, sig.qualified)
        # A method of an imported package's type: `pkg` names the package.
        return ir.Call(sp, ftype.result, dep.name if dep is not None else "", mname, args, recv=recv, recv_type=sig.recv_type)

    def map_clear(self, node: ts.Node, fn: ts.Node) -> ir.Expr:
        """Goose's `machine.MapClear(m)` (generic over the map type): every key deleted, one
        write of the whole map (the IR's `clear`)."""
        args = self.args(node)
        if len(args) != 1:
            self.err(node, f"wrong number of arguments in call to {text(fn)}: have {len(args)}, want 1")
            self.args_only(node)
            return self.invalid(node)
        m = self.expr(args[0])
        if m.type != INVALID and not isinstance(T.underlying(m.type), T.Map):
            self.err(node, f"{text(fn)} needs a map, not {m.type}")
            return self.invalid(node)
        return ir.Builtin(span(node), T.VOID, "clear", [m])

    def handle_call(self, node: ts.Node, fn: ts.Node, operand: ts.Node, x: ir.Expr, pkg: str,
                    methods: dict[str, T.Func], mname: str) -> ir.Expr:
        """`d.Read(a)` on a `disk.Disk` handle: the machine has one disk, so it is
        `disk.Read(a)`. The handle is dropped, so it must be a plain read (a variable or a
        field of one): evaluating it can have no effect the model would lose."""
        ft = methods.get(mname)
        if ft is None:
            if mname in M.GOOSE_ONLY.get(pkg, set()):
                self.err(fn, f"`{mname}` of a {x.type} is part of Goose's machine library but not of Armada's machine model")
            else:
                self.err(fn, f"`{text(operand)}` (type {x.type}) has no method `{mname}`")
            self.args_only(node)
            return self.invalid(node)
        if not _plain_read(x):
            self.reject(operand, "handle-expression", f"`{text(operand)}`")
            self.args_only(node)
            return self.invalid(node)
        return ir.Call(span(node), ft.result, pkg, mname, self.call_args(node, ft, f"{pkg}.{mname}"))


def _plain_read(e: ir.Expr) -> bool:
    if isinstance(e, ir.Var | ir.Nil):
        return True
    if isinstance(e, ir.FieldGet):
        return _plain_read(e.x)
    if isinstance(e, ir.FieldPtrGet):
        return _plain_read(e.ptr)
    if isinstance(e, ir.Deref):
        return isinstance(e.ptr, ir.Var)
    return False
