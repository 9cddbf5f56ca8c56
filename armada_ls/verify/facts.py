"""Facts about a whole package that every function's verification needs: which functions
touch disks, which struct fields some statement assigns."""

from __future__ import annotations

from armada_ls.logic import ast as A
from armada_ls.logic.scopes import all_stmts
from goose import ir
from goose import types as T

from .callsites import body_calls


def durable_funcs(pkg: ir.Package) -> set[str]:
    """Functions that (transitively) perform durable steps."""
    return _transitively(pkg, lambda c: c.pkg in ("twodisk", "disk") and c.name in ("Write", "Read")
                         or c.pkg == "filesys" and c.recv is None)


def locking_funcs(pkg: ir.Package) -> set[str]:
    """Functions that (transitively) take a lock."""
    return _transitively(pkg, lambda c: c.name == "Lock" and c.recv is not None)


def disk_funcs(pkg: ir.Package) -> set[str]:
    """Functions that (transitively) read, write or flush the disk."""
    return _transitively(pkg, lambda c: c.pkg in ("disk", "twodisk") and c.recv is None
                         and c.name in ("Read", "Write", "Barrier"))


def spawning_funcs(pkg: ir.Package) -> set[str]:
    """Functions that (transitively) start a goroutine: after a call of one, other threads run
    (recovery and init no longer run alone)."""
    seeds = {q for q, f in pkg.funcs.items() if any(isinstance(s, ir.Go) for s in all_stmts(f.body))}
    return _transitively(pkg, lambda c: False, seeds)


def alone_helpers(pkg: ir.Package, ann: A.Annotations) -> set[str]:
    """Helpers that run only where recovery or init runs alone: every call of one is in the
    recovery or init function or in another such helper, and nothing else can start it (it
    is unexported, so no other package calls it; no `go` starts it; it is no op, pure
    function or goroutine body). Each is verified running alone, as its callers do, until it
    starts a goroutine; each call checks its caller still runs alone (calls.contract_call).
    The greatest such set: helpers calling each other from recovery all count."""
    def marks(q: str) -> set[type]:
        return {type(c) for c in ann.funcs.get(q, [])}

    roots = {q for q in pkg.funcs if marks(q) & {A.RecoverMark, A.InitMark}}
    started = {n.call.qualified for f in pkg.funcs.values() for n in ir.walk(f.body) if isinstance(n, ir.Go)}
    callers: dict[str, set[str]] = {}
    for q, f in pkg.funcs.items():
        for c in body_calls(f.body):
            if not c.pkg:
                callers.setdefault(c.qualified, set()).add(q)
    out = {q for q, f in pkg.funcs.items()
           if q not in roots and q not in started and callers.get(q) and not f.synthetic
           and f.name[:1].islower() and not marks(q) & {A.Implements, A.PureMark}}
    changed = True
    while changed:
        changed = False
        for q in sorted(out):
            if not callers[q] <= roots | out:
                out.discard(q)
                changed = True
    return out


def _transitively(pkg: ir.Package, direct: object, seeds: set[str] | None = None) -> set[str]:
    calls = {q: body_calls(f.body) for q, f in pkg.funcs.items()}
    out = {q for q, cs in calls.items() if any(direct(c) for c in cs)}  # type: ignore[operator]
    out |= seeds or set()
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

    def whole(t: object) -> set[str]:  # writing a whole struct writes every field
        if isinstance(t, T.Named) and t.pkg == "" and t.name in pkg.structs:
            return {f"{t.name}.{fd.name}" for fd in pkg.structs[t.name].fields}
        return set()

    out: set[str] = set()
    for f in pkg.funcs.values():
        for s in all_stmts(f.body):
            for p in s.places if isinstance(s, ir.Assign) else []:
                if isinstance(p, ir.FieldPlace) and isinstance(p.base, ir.Expr):
                    struct = struct_of_ptr(p.base.type)
                    out.add(f"{struct}.{p.field}")
                elif isinstance(p, ir.FieldPlace) and isinstance(p.base, ir.VarPlace):
                    out |= {x for x in whole(p.base.type) if x.endswith(f".{p.field}")}
                elif isinstance(p, ir.DerefPlace | ir.VarPlace):
                    out |= whole(p.type)
            if isinstance(s, ir.Define):
                for t, new in zip(s.types, s.new or [True] * len(s.types), strict=False):
                    if not new:
                        out |= whole(t)
    return out


def _written_names(fn: ir.FuncDecl) -> set[str]:
    out: set[str] = set()
    for s in all_stmts(fn.body):
        if isinstance(s, ir.Assign):
            out |= {p.name for p in s.places if isinstance(p, ir.VarPlace)}
            out |= {p.ptr.name for p in s.places  # a goroutine body writes a captured cell
                    if isinstance(p, ir.DerefPlace) and isinstance(p.ptr, ir.Var)}
        elif isinstance(s, ir.Define):
            out |= {n for n, new in zip(s.names, s.new or [True] * len(s.names), strict=False)
                    if not new}
    # a variable whose address is taken may be written through the pointer (`p := &x; *p = 2`),
    # but for the cell handed to a goroutine body that captures it (whose writes are above)
    spawned = {id(a) for n in ir.walk(fn.body) if isinstance(n, ir.Go) and "$" in n.call.qualified
               for a in n.call.args}
    out |= {n.var.name for n in ir.walk(fn.body) if isinstance(n, ir.AddrOf) and id(n) not in spawned}
    if fn.synthetic:  # a goroutine body's captured cells are pointers: passing one on lends it
        cells = {p.name for p in fn.params}
        out |= {a.name for n in ir.walk(fn.body) if isinstance(n, ir.Call) and id(n) not in spawned
                for a in n.args if isinstance(a, ir.Var) and a.name in cells}
    return out


def read_only_captures(pkg: ir.Package, fn: ir.FuncDecl) -> set[str]:
    """The captured variables of a goroutine body (`go func(){...}()`) that neither the
    function that started it nor any of its goroutine bodies assigns: their cells never
    change, so reading them needs no ownership."""
    if not fn.synthetic:
        return set()
    parent = fn.qualified.split("$", 1)[0]
    family = [f for q, f in pkg.funcs.items() if q == parent or q.startswith(parent + "$")]
    written: set[str] = set()
    for f in family:
        written |= _written_names(f)
    # a goroutine body receives each captured variable as a pointer to its cell
    return {p.name for p in fn.params if p.name not in written}


def spawned_in_place(pkg: ir.Package, fn: ir.FuncDecl) -> bool:
    """Whether a goroutine body is started only by `go` statements of its enclosing function
    (then it is verified there, knowing the captured values)."""
    parent = pkg.funcs.get(fn.qualified.split("$", 1)[0])
    if parent is None:
        return False
    gos = [s for f in pkg.funcs.values() for s in all_stmts(f.body)
           if isinstance(s, ir.Go) and s.call.qualified == fn.qualified]
    return bool(gos) and all(any(s is t for t in all_stmts(parent.body)) for s in gos)


def assigned_elem_types(pkg: ir.Package) -> set[str]:
    """Element types of the slices some statement assigns into (`s[i] = v`, `s[i]++`)."""
    out: set[str] = set()
    for fn in pkg.funcs.values():
        for s in all_stmts(fn.body):
            for p in s.places if isinstance(s, ir.Assign) else []:
                if isinstance(p, ir.IndexPlace):
                    out.add(str(p.type))
    return out
