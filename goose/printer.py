"""The model printer behind `goose translate`: the IR as readable, deterministic text.

Every statement line ends with its source position (`@file:line:col`), so a reader can audit
what Armada believes each line of Go means. Evaluation order is explicit where Go's is
subtle: boxed variables are shown as heap cells (`!x`), pointer field reads as `p->f`,
wrapping arithmetic carries its width (`+64`).
"""

from __future__ import annotations

import os

from goose import ir
from goose import machine_api as M
from goose import types as T


def _w(t: T.Type) -> str:
    return str(T.int_bits(t)) if T.is_integer(t) and t != T.UNTYPED_INT else ""


def go_quote(s: str) -> str:
    """A Go interpreted string literal for `s` (Python's repr switched to single quotes
    when the text held a double quote, which is not Go)."""
    out = ['"']
    for c in s:
        if c == '"' or c == "\\":
            out.append("\\" + c)
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\x{ord(c):02x}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def expr(e: ir.Expr) -> str:
    match e:
        case ir.Const(value=v):
            if isinstance(v, bool):
                return "true" if v else "false"
            if isinstance(v, str):
                return go_quote(v)
            return f"{v}"
        case ir.Nil(type=t) if t == M.DISK_HANDLE:
            return "disk.Disk(the machine's disk)"  # disk.Get(): a handle on the one disk
        case ir.Nil():
            return "nil"
        case ir.Var(name=n, boxed=b):
            return f"!{n}" if b else n
        case ir.GlobalRef(pkg=p, name=n):
            return f"{p}.{n}" if p else n
        case ir.Unary(op=op, x=x):
            return f"{op}{expr(x)}"
        case ir.Binary(op=op, x=x, y=y):
            if op in ("+", "-", "*", "<<") and T.is_integer(e.type):
                return f"({expr(x)} {op}{_w(e.type)} {expr(y)})"
            return f"({expr(x)} {op} {expr(y)})"
        case ir.Deref(ptr=p):
            return f"*{expr(p)}"
        case ir.FieldGet(x=x, field=f):
            return f"{expr(x)}.{f}"
        case ir.FieldPtrGet(ptr=p, field=f):
            return f"{expr(p)}->{f}"
        case ir.Index(x=x, index=i):
            return f"{expr(x)}[{expr(i)}]"
        case ir.MapGet(m=m, key=k, comma_ok=ok):
            return f"map_get{'_ok' if ok else ''}({expr(m)}, {expr(k)})"
        case ir.SliceExpr(x=x, lo=lo, hi=hi):
            return f"{expr(x)}[{expr(lo) if lo else ''}:{expr(hi) if hi else ''}]"
        case ir.StructLit(fields=fs):
            return f"{e.type}{{" + ", ".join(f"{n}: {expr(v)}" for n, v in fs) + "}"
        case ir.SliceLit(elems=es):
            return f"{e.type}{{" + ", ".join(expr(v) for v in es) + "}"
        case ir.New(init=i):
            return f"alloc({expr(i) if i is not None else 'zero ' + str(e.type.elem if isinstance(e.type, T.Pointer) else e.type)})"
        case ir.AddrOf(var=v):
            return f"&{v.name}"
        case ir.Convert(x=x):
            return f"{e.type}({expr(x)})"
        case ir.Call(pkg=p, name=n, args=args, recv=r, recv_type=rt):
            a = ", ".join(expr(x) for x in args)
            if r is not None:
                return f"{rt}.{n}({expr(r)}{', ' if a else ''}{a})"
            return f"{p + '.' if p else ''}{n}({a})"
        case ir.Builtin(name=n, args=args, make_type=mt):
            a = ", ".join(expr(x) for x in args)
            if mt is not None:
                return f"make({mt}{', ' if a else ''}{a})"
            return f"{n}({a})"
    return f"<{type(e).__name__}>"


def place(p: ir.Place) -> str:
    match p:
        case ir.VarPlace(name=n, boxed=b):
            return f"!{n}" if b else n
        case ir.DerefPlace(ptr=x):
            return f"*{expr(x)}"
        case ir.FieldPlace(base=b, field=f):
            if isinstance(b, ir.Place):
                return f"{place(b)}.{f}"
            return f"{expr(b)}->{f}"
        case ir.IndexPlace(x=x, index=i):
            return f"{expr(x)}[{expr(i)}]"
        case ir.MapPlace(m=m, key=k):
            return f"{expr(m)}[{expr(k)}]"
        case ir.Blank():
            return "_"
    return f"<{type(p).__name__}>"


class _Printer:
    def __init__(self, file_names: dict[str, str]) -> None:
        self.out: list[str] = []
        self.file_names = file_names
        self.file = ""

    def pos(self, sp: ir.Span) -> str:
        return f"  @{self.file}:{sp.start}"

    def line(self, depth: int, s: str, sp: ir.Span | None = None) -> None:
        self.out.append("  " * depth + s + (self.pos(sp) if sp is not None else ""))

    def annotations(self, depth: int, groups: list[ir.AnnotationGroup]) -> None:
        for g in groups:
            for ln in g.lines:
                self.line(depth, f"//@{ln.text}")

    def stmts(self, depth: int, body: list[ir.Stmt]) -> None:
        for s in body:
            self.stmt(depth, s)

    def stmt(self, d: int, s: ir.Stmt) -> None:
        self.annotations(d, s.annotations)
        match s:
            case ir.Define(names=ns, types=ts, values=vs, new=new):
                lhs = ", ".join(
                    f"{'!' if b else ''}{n}: {t}" if nw else f"{'!' if b else ''}{n}"
                    for n, t, b, nw in zip(ns, ts, s.boxed or [False] * len(ns), new or [True] * len(ns), strict=False)
                )
                rhs = ", ".join(expr(v) for v in vs) if vs else "zero"
                self.line(d, f"let {lhs} := {rhs}", s.span)
            case ir.Assign(places=ps, values=vs, op=op):
                self.line(d, f"{', '.join(place(p) for p in ps)} {op}= {', '.join(expr(v) for v in vs)}", s.span)
            case ir.ExprStmt(expr=e):
                self.line(d, f"do {expr(e)}", s.span)
            case ir.If(cond=c, then=t, els=e):
                self.line(d, f"if {expr(c)} {{", s.span)
                self.stmts(d + 1, t)
                if e:
                    self.line(d, "} else {")
                    self.stmts(d + 1, e)
                self.line(d, "}")
            case ir.For(init=i, cond=c, post=p, body=b):
                self.line(d, "loop {", s.span)
                if i is not None:
                    self.line(d + 1, "init:")
                    self.stmt(d + 2, i)
                self.line(d + 1, f"while: {expr(c) if c is not None else 'true'}")
                if p is not None:
                    self.line(d + 1, "post:")
                    self.stmt(d + 2, p)
                self.line(d + 1, "body:")
                self.stmts(d + 2, b)
                self.line(d, "}")
            case ir.RangeSlice(key=k, value=v, x=x, body=b):
                self.line(d, f"range_slice {k or '_'}, {v or '_'} in {expr(x)} {{", s.span)
                self.stmts(d + 1, b)
                self.line(d, "}")
            case ir.RangeMap(key=k, value=v, m=m, body=b):
                self.line(d, f"range_map {k or '_'}, {v or '_'} in {expr(m)} (any order) {{", s.span)
                self.stmts(d + 1, b)
                self.line(d, "}")
            case ir.RangeInt(key=k, n=n, body=b):
                self.line(d, f"range_int {k or '_'} in 0..{expr(n)} {{", s.span)
                self.stmts(d + 1, b)
                self.line(d, "}")
            case ir.Break():
                self.line(d, "break", s.span)
            case ir.Continue():
                self.line(d, "continue", s.span)
            case ir.Return(values=vs):
                self.line(d, f"return {', '.join(expr(v) for v in vs)}".rstrip(), s.span)
            case ir.Go(call=c):
                self.line(d, f"spawn {expr(c)}", s.span)
            case ir.Defer(call=c):
                self.line(d, f"defer {expr(c)}", s.span)
            case ir.Block(body=b):
                self.line(d, "{", s.span)
                self.stmts(d + 1, b)
                self.line(d, "}")
            case _:
                self.line(d, f"<{type(s).__name__}>", s.span)

    def func(self, f: ir.FuncDecl) -> None:
        self.file = self.file_names.get(f.file, os.path.basename(f.file))
        self.annotations(0, f.annotations)
        params = ", ".join(f"{'!' if p.boxed else ''}{p.name}: {p.type}" for p in f.params)
        recv = f"({f.recv.name}: {f.recv.type}) " if f.recv else ""
        res = ", ".join(str(r) for r in f.results)
        kind = "goroutine body" if f.synthetic else "func"
        self.line(0, f"{kind} {recv}{f.name}({params}){' -> (' + res + ')' if res else ''} {{", f.span)
        self.stmts(1, f.body)
        self.line(0, "}")
        self.out.append("")


def model(pkg: ir.Package) -> str:
    """The package's model as text: declarations sorted by name, functions by position."""
    names = {f: os.path.basename(f) for f in pkg.files}
    p = _Printer(names)
    p.out.append(f"package {pkg.name}")
    for short, path in sorted(pkg.imports.items()):
        p.out.append(f"import {short} = {path!r}".replace("'", '"'))
    # Which crashes the package's proofs are about (annotations.md, crash_model): said even
    # when the package leaves it to the default, so no reader can miss it.
    declared = [ln.text.split()[1] for g in pkg.annotations for ln in g.lines
                if len(ln.text.split()) >= 2 and ln.text.split()[0] == "crash_model"]
    p.out.append(f"// crash model: {declared[0] if declared else 'process (the default)'}")
    p.out.append("")
    for g in pkg.annotations:
        p.file = names.get(g.file, "")
        for ln in g.lines:
            p.out.append(f"//@{ln.text}")
    if pkg.annotations:
        p.out.append("")
    for name in sorted(pkg.consts):
        c = pkg.consts[name]
        p.file = names.get(c.file, "")
        p.line(0, f"const {name}: {c.type} = {expr(ir.Const(c.span, c.type, c.value))}", c.span)
    if pkg.consts:
        p.out.append("")
    for name in sorted(pkg.structs):
        s = pkg.structs[name]
        p.file = names.get(s.file, "")
        p.annotations(0, s.annotations)
        p.line(0, f"struct {name} {{", s.span)
        for fd in s.fields:
            p.annotations(1, fd.annotations)
            p.line(1, f"{fd.name}: {fd.type}", fd.span)
        p.line(0, "}")
        p.out.append("")
    funcs = sorted(pkg.funcs.values(), key=lambda f: (f.file, f.span.start, f.name))
    for f in funcs:
        p.func(f)
    return "\n".join(p.out).rstrip() + "\n"
