"""A function declaration: parameters, body, the missing-return check, and `finish`,
which marks boxed variables and numbers statements."""

from __future__ import annotations

from goose import ir
from goose import types as T
from goose.cst import field as fld
from goose.cst import span
from goose.decls import FuncSig
from goose.ir import walk
from goose.lower.core import (
    LowererCore,
    VarInfo,
)
from goose.lower.statements import _closing_brace


class FunctionMixin(LowererCore):
    def lower_func(self, sig: FuncSig) -> ir.FuncDecl:
        node = sig.node
        params: list[ir.Param] = []
        for pname, pty, psp in sig.params:
            info = self.declare(pname, pty, psp) if pname != "_" else VarInfo("_", pty)
            params.append(ir.Param(info.name, pty, psp))
        recv = params.pop(0) if sig.recv_type else None
        body_node = fld(node, "body")
        body = self.block(body_node, new_scope=False) if body_node is not None else []
        if body_node is None:
            self.err(fld(node, "name") or node, f"function `{sig.name}` has no body (external functions are not supported)")
        if sig.results and body_node is not None and not self.terminates(body):
            self.rep.type_error(self.file, _closing_brace(body_node), "missing return at the end of the function", "goose/missing-return")
        fd = ir.FuncDecl(
            name=sig.name,
            params=params,
            results=list(sig.results),
            body=body,
            span=span(node),
            name_span=span(fld(node, "name") or node),
            recv=recv,
            recv_type=sig.recv_type,
            file=self.file,
            annotations=list(self.anchors.get(node.id, [])),
        )
        finish(fd, self.boxed, self.env.has_defined_types())
        return fd


def finish(fd: ir.FuncDecl, boxed: set[str], erase_types: bool = False) -> None:
    """Mark boxed variables everywhere, number statements in source order, and (when the
    program has named non-struct types) give every node its IR type: those types erased to
    their underlying types."""
    sid = 0
    erase = T.erase
    for n in walk(fd.body):
        if isinstance(n, ir.Var | ir.VarPlace) and n.name in boxed:
            n.boxed = True
        elif isinstance(n, ir.Define):
            n.boxed = [name in boxed for name in n.names]
            if erase_types:
                n.types = [erase(t) for t in n.types]
        if isinstance(n, ir.Stmt):
            n.sid = sid
            sid += 1
        elif erase_types:
            n.type = erase(n.type)  # type: ignore[union-attr]
            if isinstance(n, ir.Builtin) and n.make_type is not None:
                n.make_type = erase(n.make_type)
        if erase_types and isinstance(n, ir.RangeSlice):
            n.elem_type = erase(n.elem_type)
    if erase_types:
        fd.results = [erase(t) for t in fd.results]
        for p in fd.params:
            p.type = erase(p.type)
        if fd.recv is not None:
            fd.recv.type = erase(fd.recv.type)
    for p in fd.params:
        p.boxed = p.name in boxed
    if fd.recv is not None:
        fd.recv.boxed = fd.recv.name in boxed
