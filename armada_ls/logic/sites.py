"""Every annotation group of a package, with the declaration or statement it sits on."""

from __future__ import annotations

from dataclasses import dataclass

from goose import ir

from .scopes import all_stmts


@dataclass
class Site:
    group: ir.AnnotationGroup
    kind: str  # package | struct | const | func | stmt | field
    file: str
    fn: ir.FuncDecl | None = None
    stmt: ir.Stmt | None = None
    struct: ir.StructDecl | None = None
    field: ir.FieldDecl | None = None


def _file(pkg: ir.Package, group: ir.AnnotationGroup, fallback: str) -> str:
    if group.file:
        return group.file
    if fallback:
        return fallback
    return pkg.files[0] if pkg.files else pkg.path


def sites(pkg: ir.Package) -> list[Site]:
    """All groups in a stable order: package, types, constants, then functions in order."""
    out: list[Site] = [Site(g, "package", _file(pkg, g, "")) for g in pkg.annotations]
    for name, st in pkg.structs.items():
        f = st.file or pkg.file_of.get(name, "")
        out += [Site(g, "struct", _file(pkg, g, f), struct=st) for g in st.annotations]
        for fd in st.fields:
            out += [Site(g, "field", _file(pkg, g, f), struct=st, field=fd) for g in fd.annotations]
    for name, c in pkg.consts.items():
        f = pkg.file_of.get(name, "")
        out += [Site(g, "const", _file(pkg, g, f)) for g in c.annotations]
    for fn in pkg.funcs.values():
        f = fn.file or pkg.file_of.get(fn.qualified, "")
        out += [Site(g, "func", _file(pkg, g, f), fn=fn) for g in fn.annotations]
        for s in all_stmts(fn.body):
            out += [Site(g, "stmt", _file(pkg, g, f), fn=fn, stmt=s) for g in s.annotations]
    return out
