"""Calls into other packages of the same Go module: checked against the callee's exported
contract, never its body.

A call `alloc.New()` or `a.Get()` (with `a *alloc.Alloc`) is verified like a call of a
function of the caller's own package (`calls.contract_call`): the callee's `requires` is
checked at the call and the resources it names are handed over, its `ensures` is assumed
after it. The contract is read from the callee package's own source (loaded and annotated
here, cached by the text of the package and of everything it imports) and evaluated in the
caller's symbolic state with the callee's names (its parameters, results, constants).

What the caller may rely on, and the rules that keep that sound (each broken rule makes the
calling function UNKNOWN, or an obligation FAIL, never a silent pass):

- The callee's package loads and annotates without errors and *verifies*: every one of its
  functions is proved (checked here once per text of the package). A callee without any
  contract clause (`requires`, `ensures`, `preserves`, `implements`, `recover`, `init`) is
  not something a caller may call ("unannotated").
- Its contract mentions only what a caller can see: parameters, results, `old(...)`, the
  callee's constants, quantified variables, machine ghosts (`disk.D`, ...), `len`, `failed`,
  `acc(p)` of a parameter or result, `lease(...)`. Not its struct fields, spec state, helped
  ops or pure functions (their meaning lives in the callee package's heap and ghost state,
  which the caller's state does not hold): such a contract is UNKNOWN at the call.
- Durable devices are not shared: across the caller's package and every package it imports
  (transitively), each machine device (`disk`, `twodisk`, `filesys`) is used by at most one
  package. Each package's crash invariant, leases and recovery then speak of durable state
  no other package writes, and interference from a callee is interference on its own
  devices only (the caller forgets its durable state after a call of a package that uses a
  device, as after any call that touches disks).
- Values of the callee's structs with locks come only from the callee: the caller's
  package never creates one (`new(alloc.Alloc)`, `alloc.Alloc{...}`, a variable, field or
  copy of the struct type itself). So every such pointer the caller passes back is nil or
  was returned by the callee, which checked that it was built with its locks.
- Holding a lock of the caller across the call is fine: a package can never lock a mutex of
  a package importing it (imports are acyclic and there are no function values), so taking
  the caller's locks before the callee's is a global lock order.
- Modular recovery: a function marked `recover` in the callee package is called only from
  the caller's `recover` function (an `init` function calls the callee's `init`, or its
  `recover` when it has no `init`), at one call site outside any loop, so it runs once per
  crash. It is verified in its own package (from any state its crash invariant allows, in
  the new generation, ending with its lock invariants established); the caller gets its
  `ensures`. `go` of another package's function is not supported.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import z3

from armada_ls.logic import ast as A
from goose import ir
from goose import types as T

from . import dispatch, heap, leases, linearizes, smt
from .assertions import Scope, result_names
from .exprs import owns
from .resources import split
from .result import Status
from .state import State, Val

if TYPE_CHECKING:
    from .stepper import Exec

DEVICES = ("disk", "twodisk", "filesys")
CONTRACT = (A.Requires, A.Ensures, A.Preserves, A.Implements, A.RecoverMark, A.InitMark)


# ---------------------------------------------------------------- loading callee packages


@dataclass
class Imported:
    """A package of the module as its importers' verification sees it."""

    path: str  # import path
    directory: str
    digest: str
    pkg: ir.Package | None = None
    ann: A.Annotations | None = None
    problem: str = ""  # why its contracts cannot be used ("" when they can)
    devices: dict[str, str] = field(default_factory=dict)  # device -> import path using it (closure)
    imports: list[str] = field(default_factory=list)  # directories of its module imports
    verdict: str | None = None  # None: not checked yet; "": verifies; else why not


_FRONTEND = None
_LOADED: dict[str, Imported] = {}  # by directory
_DIGESTS: dict[str, tuple[tuple[tuple[str, float, int], ...], str]] = {}


def forget(changed: set[str]) -> set[str]:
    """Drop the loaded packages (by directory) whose text changed without their files
    changing (an editor's unsaved buffer: engine/tasks.use_unsaved), and every loaded package
    importing one of them; they are loaded and checked again when next called. Returns them."""
    gone = stale(_LOADED, changed)
    for d in gone:
        _LOADED.pop(d, None)
    return gone


def stale(loaded: dict[str, Any], changed: set[str]) -> set[str]:
    """The loaded packages (by directory) in `changed` or importing one of them, directly
    or not; also any that does not say what it imports (one that failed to load)."""
    out = {d for d in loaded if d in changed}
    grew = True
    while grew:
        grew = False
        for d, imp in loaded.items():
            if d in out:
                continue
            deps = getattr(imp, "imports", None)
            unknown = not isinstance(deps, list) or (not deps and getattr(imp, "problem", ""))
            if unknown or any(x in out or x in changed for x in deps):
                out.add(d)
                grew = True
    return out


def _frontend():  # type: ignore[no-untyped-def]
    global _FRONTEND
    if _FRONTEND is None:
        from goose.frontend import Frontend

        _FRONTEND = Frontend()
    return _FRONTEND


def module_imports(directory: str) -> list[str]:
    """Directories of the packages of the module (and library packages) that the package
    in `directory` imports, read from its files' import declarations."""
    from goose import machine_api as M
    from goose.frontend import go_files, package_dir_of, source_imports

    out: list[str] = []
    for path in go_files(directory):
        src = _frontend().source(path)
        for imp in source_imports(src) if src is not None else []:
            if M.canonical(imp) is not None:
                continue
            d = package_dir_of(imp, directory)
            if d is not None and os.path.abspath(d) not in out:
                out.append(os.path.abspath(d))
    return out


def package_digest(directory: str, _stack: tuple[str, ...] = ()) -> str:
    """A hash of the text of the package in `directory` and of every module package it
    imports (transitively): what a caller's verification against its contracts depends on
    (its contracts, and whether it verifies). Files are re-read only when their stat changes."""
    from goose.frontend import go_files

    directory = os.path.abspath(directory)
    files = go_files(directory)
    stats: list[tuple[str, float, int]] = []
    for p in files:
        try:
            s = os.stat(p)
            stats.append((p, s.st_mtime, s.st_size))
        except OSError:
            stats.append((p, -1.0, -1))
    key = tuple(stats)
    hit = _DIGESTS.get(directory)
    own: str
    if hit is not None and hit[0] == key:
        own = hit[1]
    else:
        h = hashlib.sha256()
        for p in files:
            h.update(os.path.basename(p).encode() + b"\0")
            try:
                with open(p, "rb") as f:
                    h.update(f.read())
            except OSError:
                h.update(b"<unreadable>")
            h.update(b"\0")
        own = h.hexdigest()
        _DIGESTS[directory] = (key, own)
    h = hashlib.sha256(own.encode())
    for d in module_imports(directory):
        if d in _stack or d == directory:
            h.update(b"cycle")  # reported by the front end
            continue
        h.update(package_digest(d, (*_stack, directory)).encode())
    return h.hexdigest()[:32]


def load(directory: str, _stack: tuple[str, ...] = ()) -> Imported:
    """The package in `directory`, loaded and annotated (cached by `package_digest`)."""
    from goose.frontend import import_path_of

    directory = os.path.abspath(directory)
    digest = package_digest(directory)
    hit = _LOADED.get(directory)
    if hit is not None and hit.digest == digest:
        return hit
    imp = Imported(import_path_of(directory) or directory, directory, digest)
    _LOADED[directory] = imp
    try:
        _load_into(imp, _stack)
    except Exception as e:  # noqa: BLE001 - a package we cannot read has no usable contract
        imp.problem = f"package {imp.path} could not be loaded: {type(e).__name__}: {e}"
    return imp


def _load_into(imp: Imported, stack: tuple[str, ...]) -> None:
    from armada_ls.logic.annotate import annotate

    r = _frontend().load_package(imp.directory)
    if r.package is None:
        imp.problem = f"package {imp.path} has no Go files"
        return
    imp.pkg = r.package
    errors = [d for d in r.diagnostics if d.category in ("syntax", "unsupported", "future", "error")]
    if errors:
        d = errors[0]
        imp.problem = (f"package {imp.path} has {len(errors)} front-end error(s); the first, at "
                       f"{os.path.basename(d.file)}:{d.span.start.line + 1}: {d.message}")
        return
    ann, diags = annotate(r.package)
    imp.ann = ann
    bad = [d for d in diags if str(getattr(d, "severity", "")).lower().endswith("error")]
    if bad or ann.errors:
        first = bad[0].message if bad else ann.errors[0].message
        imp.problem = f"the annotations of package {imp.path} have errors (the first: {first})"
        return
    imp.devices = {d: imp.path for d in DEVICES if d in r.package.imports}
    imp.imports = module_imports(imp.directory)
    for d in imp.imports:
        if d in stack:
            imp.problem = f"package {imp.path} is in an import cycle"
            return
        sub = load(d, (*stack, imp.directory))
        if sub.problem:
            imp.problem = sub.problem
            return
        clash = _merge_devices(imp.devices, sub.devices)
        if clash:
            imp.problem = clash
            return


def _merge_devices(into: dict[str, str], more: dict[str, str]) -> str:
    """Add `more`'s devices to `into`; a device two packages use is the problem returned."""
    for dev, who in more.items():
        if dev in into and into[dev] != who:
            return (f"packages {into[dev]} and {who} both use the machine's {dev}: durable state "
                    "shared between packages is not supported (each package's crash invariant "
                    "and leases must speak of durable state only it writes)")
        into[dev] = who
    return ""


def verdict(imp: Imported, timeout_ms: int) -> str:
    """"" when every function of the package is proved, else why not (verified once per
    text of the package and its imports, in this process)."""
    if imp.problem:
        return imp.problem
    if imp.verdict is None:
        verify_package = dispatch.handler("verify_package")  # api.py: the callee package, whole
        assert imp.pkg is not None and imp.ann is not None
        saved = smt._counter  # the caller's fresh names go on after this nested run
        try:
            results = verify_package(imp.pkg, imp.ann, timeout_ms)
        finally:
            smt._counter = saved
        bad = [r for r in results if r.status is not Status.PROVED or r.error]
        if bad:
            r = bad[0]
            why = r.error or next((f"{o.kind} at line {o.span.start.line + 1}: {o.message}"
                                   for o in r.obligations if o.status is not Status.PROVED), "")
            imp.verdict = (f"package {imp.path} does not verify ({len(bad)} function(s) not proved; "
                           f"{r.function}: {r.status.value}{', ' + why if why else ''})")
        else:
            imp.verdict = ""
    return imp.verdict


# ---------------------------------------------------------------- the caller's side


def imported_name(ctx: object, c: ir.Call) -> str | None:
    """The import path when `c` calls a function of another package of the module."""
    return _module_path(ctx.pkg, c.pkg)  # type: ignore[attr-defined]


def _module_path(pkg: ir.Package, name: str) -> str | None:
    """The import path of the package the IR calls `name`, when it is a package of the
    module (or a library package) rather than sync or the machine."""
    from goose import machine_api as M

    if not name or name in ("sync", *DEVICES, "prims"):
        return None
    path = pkg.imports.get(name)
    if path is None or M.canonical(path) is not None:
        return None
    return path


@dataclass
class _CallerFacts:
    problem: str  # a rule of the caller's package broken ("" if none)


def _caller(ex: Exec) -> _CallerFacts:
    """Package-level facts of the caller about its imports (once per function verified)."""
    cache = ex.ctx.__dict__.setdefault("_imports", {})
    if "facts" in cache:
        return cache["facts"]
    from goose.frontend import package_dir_of

    pkg: ir.Package = ex.ctx.pkg
    problem = ""
    devices = {d: pkg.import_path or pkg.name for d in DEVICES if d in pkg.imports}
    for name, path in sorted(pkg.imports.items()):
        d = package_dir_of(path, pkg.path) if _module_path(pkg, name) else None
        if d is None:
            continue
        imp = load(d)
        problem = problem or imp.problem or _merge_devices(devices, imp.devices)
        if imp.pkg is not None and imp.ann is not None and not problem:
            problem = _builds_foreign_locks(pkg, imp)
    facts = _CallerFacts(problem)
    cache["facts"] = facts
    return facts


def _lock_structs(imp: Imported) -> set[str]:
    assert imp.ann is not None
    return {k.split(".")[0] for k in imp.ann.lock_invs}


def _mentions_value(t: T.Type | None, pkg: str, structs: set[str]) -> bool:
    """Whether t holds a value (not a pointer) of one of pkg's struct types."""
    if t is None:
        return False
    if isinstance(t, T.Named):
        return t.pkg == pkg and t.name in structs
    if isinstance(t, T.Pointer):
        return False
    if isinstance(t, T.Slice):
        return _mentions_value(t.elem, pkg, structs)
    if isinstance(t, T.Map):
        return _mentions_value(t.key, pkg, structs) or _mentions_value(t.value, pkg, structs)
    if isinstance(t, T.Tuple):
        return any(_mentions_value(e, pkg, structs) for e in t.elems)
    if isinstance(t, T.Struct):
        return any(_mentions_value(ft, pkg, structs) for _, ft in t.fields)
    return False


def _builds_foreign_locks(pkg: ir.Package, imp: Imported) -> str:
    """Where the caller's package makes a value of one of the callee's structs with locks
    ("" if nowhere): such a value was not built with its locks, yet the callee trusts every
    pointer to one it receives to be."""
    assert imp.pkg is not None
    structs = _lock_structs(imp)
    if not structs:
        return ""
    name = imp.pkg.name

    def bad(where: str, what: T.Type) -> str:
        return (f"{where} makes a value of type {what}, a struct of {imp.path} with locks: only "
                f"{imp.path} may build one (take a pointer from its functions)")

    for s in pkg.structs.values():
        for f in s.fields:
            if _mentions_value(f.type, name, structs):
                return bad(f"field {s.name}.{f.name}", f.type)
    for fn in pkg.funcs.values():
        for p in ([fn.recv] if fn.recv is not None else []) + list(fn.params):
            if _mentions_value(p.type, name, structs):
                return bad(f"parameter {p.name} of {fn.qualified}", p.type)
        for n in ir.walk(fn.body):
            t = getattr(n, "type", None)
            if isinstance(n, ir.New):
                u = T.underlying(n.type)
                if isinstance(u, T.Pointer) and _mentions_value(u.elem, name, structs):
                    return bad(f"{fn.qualified} (line {n.span.start.line + 1})", u.elem)
            if isinstance(t, T.Type) and _mentions_value(t, name, structs):
                return bad(f"{fn.qualified} (line {n.span.start.line + 1})", t)
            for vt in getattr(n, "types", None) or []:
                if isinstance(vt, T.Type) and _mentions_value(vt, name, structs):
                    return bad(f"{fn.qualified} (line {n.span.start.line + 1})", vt)
    return ""


def _callee_of(imp: Imported, c: ir.Call) -> ir.FuncDecl:
    assert imp.pkg is not None
    q = f"{c.recv_type}.{c.name}" if c.recv_type else c.name
    fn = imp.pkg.funcs.get(q)
    if fn is None:
        raise smt.Unsupported(f"call of {c.pkg}.{q}: no such function in {imp.path}")
    return fn


def resolve(ex: Exec, c: ir.Call, path: str) -> tuple[Imported, ir.FuncDecl]:
    """The callee's package and function, or Unsupported saying why it cannot be used."""
    from goose.frontend import package_dir_of

    facts = _caller(ex)
    if facts.problem:
        raise smt.Unsupported(facts.problem)
    d = package_dir_of(path, ex.ctx.pkg.path)
    if d is None:
        raise smt.Unsupported(f"package {path} is not found in the module")
    imp = load(d)
    if imp.problem:
        raise smt.Unsupported(imp.problem)
    fn = _callee_of(imp, c)
    why = verdict(imp, ex.ctx.timeout_ms)
    if why:
        raise smt.Unsupported(f"{c.pkg}.{fn.qualified} cannot be relied on: {why}")
    assert imp.ann is not None
    clauses = imp.ann.funcs.get(fn.qualified, [])
    if linearizes.clause(imp.ann, fn.qualified) is not None:
        raise smt.Unsupported(f"{c.pkg}.{fn.qualified} linearizes an op of its own package's spec: "
                              "a caller in another package cannot own that op's step")
    if not any(isinstance(cl, CONTRACT) for cl in clauses):
        raise smt.Unsupported(f"{c.pkg}.{fn.qualified} has no contract (`requires`/`ensures`): a "
                              "caller in another package may rely only on what it promises")
    for cl in clauses:
        if isinstance(cl, A.Requires | A.Ensures | A.Preserves):
            bad = _invisible(cl.cond)
            if bad:
                raise smt.Unsupported(f"the contract of {c.pkg}.{fn.qualified} mentions {bad}, "
                                      "which a caller in another package cannot see (only "
                                      "parameters, results, constants and machine state)")
    return imp, fn


_VISIBLE_REFS = ("param", "result", "const", "bound", "machine", "gen", "local")


def _invisible(e: object) -> str:
    """Something in a callee's contract clause a caller cannot evaluate ("" if none)."""
    if isinstance(e, A.LInt | A.LBool | A.LString | A.LGen):
        return ""
    if isinstance(e, A.LName):
        if e.ref is not None and e.ref.kind not in _VISIBLE_REFS:
            return f"`{e.name}` ({e.ref.kind.replace('_', ' ')})"
        return ""
    if isinstance(e, A.LSelector):
        if e.ref is not None and e.ref.kind == "machine":
            return ""
        return f"`{e.name}` (a field or spec state)"
    if isinstance(e, A.LHelping):
        return "helping(...) (the callee's helped ops)"
    if isinstance(e, A.LCall):
        if e.fn not in ("len", "failed", "acc", "prims.UInt64Get", "enc.Get64", "enc.GetBytes"):
            return f"`{e.fn}(...)` (a pure function of its package)"
        return next((b for b in map(_invisible, e.args) if b), "")
    if isinstance(e, A.LLease):
        return _invisible(e.loc)
    if isinstance(e, A.LIndex):
        return _invisible(e.x) or _invisible(e.index)
    if isinstance(e, A.LSlice):
        return next((b for b in map(_invisible, (e.x, e.lo, e.hi)) if b), "")
    if isinstance(e, A.LUnary | A.LOld):
        return _invisible(e.x)
    if isinstance(e, A.LBinary):
        return _invisible(e.x) or _invisible(e.y)
    if isinstance(e, A.LCond):
        return _invisible(e.cond) or _invisible(e.then) or _invisible(e.els)
    if isinstance(e, A.LQuant):
        return _invisible(e.body)
    if e is None:
        return ""
    return f"a {type(e).__name__} expression"


def _check_mode(ex: Exec, imp: Imported, fn: ir.FuncDecl, c: ir.Call, st: State) -> None:
    """Recovery and init of another package: only from the caller's own, once."""
    assert imp.ann is not None
    marks = imp.ann.funcs.get(fn.qualified, [])
    rec = any(isinstance(m, A.RecoverMark) for m in marks)
    ini = any(isinstance(m, A.InitMark) for m in marks)
    if not (rec or ini):
        return
    has_init = any(isinstance(m, A.InitMark) for cls in imp.ann.funcs.values() for m in cls)
    mode = ex.ctx.mode
    allowed = (mode == "recover" and rec) or (mode == "init" and (ini or (rec and not has_init)))
    what = "recovery" if rec else "init"
    if not allowed:
        ex.ctx.fail("refinement", c.span, f"{c.pkg}.{fn.qualified} is the {what} of {imp.path}: "
                    "only this package's own `recover` function (or `init`, for an `init` or a "
                    "package without one) may call it, once per crash", st)
        return
    sites = _recovery_sites(ex, imp)
    if len(sites) > 1 or any(inside for _, inside in sites):
        ex.ctx.fail("refinement", c.span, f"{c.pkg}.{fn.qualified} runs once per crash: call "
                    f"the {what} of {imp.path} at one place, outside any loop (its locks and "
                    "leases are handed out once)", st)


def _recovery_sites(ex: Exec, imp: Imported) -> list[tuple[ir.Call, bool]]:
    """The calls of imp's recover/init functions in the function being verified, and
    whether each sits in a loop."""
    assert imp.pkg is not None and imp.ann is not None
    marked = {q for q, cls in imp.ann.funcs.items()
              if any(isinstance(m, A.RecoverMark | A.InitMark) for m in cls)}

    def ours(n: object) -> bool:
        return isinstance(n, ir.Call) and n.pkg == imp.pkg.name and \
            (f"{n.recv_type}.{n.name}" if n.recv_type else n.name) in marked  # type: ignore[union-attr]

    body = ex.ctx.fn.body
    in_loops = {id(n) for s in ir.walk(body)
                if isinstance(s, ir.For | ir.RangeSlice | ir.RangeMap | ir.RangeInt)
                for n in ir.walk(s) if ours(n)}
    return [(n, id(n) in in_loops) for n in ir.walk(body) if ours(n)]  # type: ignore[misc]


def uses_devices(imp: Imported) -> bool:
    return bool(imp.devices)


def reaches_devices(ex: Exec, qualified: str) -> bool:
    """Whether a function of the caller's package (transitively) calls into a package that
    uses a device: its callers forget durable state after calling it, as after a function
    that touches disks itself (`facts.durable_funcs`)."""
    from goose.frontend import package_dir_of

    from .facts import _transitively

    cache = ex.ctx.__dict__.setdefault("_imports", {})
    if "reaches" not in cache:
        pkg: ir.Package = ex.ctx.pkg
        users: set[str] = set()
        for name, path in pkg.imports.items():
            d = package_dir_of(path, pkg.path) if _module_path(pkg, name) else None
            if d is not None and load(d).devices:
                users.add(name)
        cache["reaches"] = _transitively(pkg, lambda c: c.pkg in users) if users else set()
    return qualified in cache["reaches"]


class _NoLocals:
    """A callee's contract names the callee's things, never the caller's locals: evaluate it
    with the caller's local variables out of sight (a caller's `n` must not stand in for the
    callee's constant `n`)."""

    def __init__(self, st: State) -> None:
        self.st = st

    def __enter__(self) -> State:
        self.env, self.boxed = self.st.env, self.st.boxed
        self.st.env, self.st.boxed = {}, set()
        return self.st

    def __exit__(self, *exc: object) -> None:
        self.st.env, self.st.boxed = self.env, self.boxed


def _scope(imp: Imported, st: State, params: dict[str, Val], types: dict[str, T.Type],
           results: dict[str, Val] | None = None, old: State | None = None) -> Scope:
    assert imp.pkg is not None and imp.ann is not None
    return Scope(imp.pkg, imp.ann, st, params=params, results=results or {}, old=old,
                 local_types=types)


def call(ex: Exec, c: ir.Call, st: State, path: str) -> Val:
    """`c`, a call of a function of another package of the module, through its contract."""
    from .calls import _may_alias
    from .locks import _forget

    imp, fn = resolve(ex, c, path)
    _check_mode(ex, imp, fn, c, st)
    from .facts import spawning_funcs

    if fn.qualified in spawning_funcs(imp.pkg):
        st.others = True  # its goroutines run on after it returns (calls.contract_call)
    from .calls import no_bytes_written
    no_bytes_written(imp.pkg, imp.ann, fn, f"{c.pkg}.{fn.qualified}")
    params: dict[str, Val] = {}
    types: dict[str, T.Type] = {p.name: p.type for p in fn.params}
    if c.recv is not None and fn.recv is not None:
        r = ex.ev.eval(c.recv, st)
        params[fn.recv.name] = r
        types[fn.recv.name] = fn.recv.type
        if isinstance(T.underlying(fn.recv.type), T.Pointer):
            ex.ctx.ob("safety", c.span, f"the receiver of {c.pkg}.{fn.qualified} is not nil", st,
                      r != smt.NIL)
    for p, a in zip(fn.params, c.args, strict=False):
        params[p.name] = ex.ev.eval(a, st)
    assert imp.ann is not None
    clauses = imp.ann.funcs.get(fn.qualified, [])
    where = f"{c.pkg}.{fn.qualified}"
    pre = st.fork()
    pre.env, pre.boxed = {}, set()
    # the precondition: checked, and its resources handed over
    for cl in clauses:
        if not isinstance(cl, A.Requires | A.Preserves):
            continue
        with _NoLocals(st):
            sp = split(cl.cond, _scope(imp, st, params, types))
        if sp.locks:
            raise smt.Unsupported(f"{where} takes a held lock (locked(...)) from another package: "
                                  "not supported yet")
        for t, _ in sp.pure:
            _clause_in(ex.ctx.ob("precondition", c.span, f"the precondition of {where} holds at "
                                 "this call", st, t, clause=cl.span), fn)
        for p, cond in sp.perms:
            _clause_in(ex.ctx.ob("precondition", c.span, f"the caller owns {p} for {where}", st,
                                 z3.Implies(cond, owns(st, p.ptr, p.field)), clause=cl.span), fn)
            st.owned = [q for q in st.owned if not _may_alias(st, q.field in (p.field, "*") or
                                                              p.field == "*", q.ptr, p.ptr)]
        for ls in sp.leases:
            _clause_in(ex.ctx.ob("precondition", c.span, f"the caller holds {ls} for {where}", st,
                                 leases.holds(st, ls), clause=cl.span), fn)
            leases.subtract(st, ls)
    if uses_devices(imp):
        ex.ctx.interfere(st)  # the callee's durable steps, and other threads meanwhile
    # the results, in the caller's types (the callee's structs named by their package)
    rtypes = _result_types(c)
    results: list[Val] = [heap.fresh_value(st, f"{fn.name}.result", t) for t in rtypes]
    names = result_names(results)
    ctypes = dict(types)
    ctypes.update(result_names(list(fn.results)))
    posts = [cl for cl in clauses if isinstance(cl, A.Ensures | A.Preserves)]
    heap.new_epoch(st)
    from .calls import _written_back
    changed = _written_back(st, pre, fn, params, {})  # parameters the callee assigns
    params = {k: v for k, v in params.items() if k not in changed}
    for cl in posts:  # first the resources (their values are whatever the callee left)
        with _NoLocals(st):
            st.env.update(changed)
            sp = split(cl.cond, _scope(imp, st, params, ctypes, names, pre))
        if sp.locks:
            raise smt.Unsupported(f"{where} returns holding a lock (locked(...)) of another "
                                  "package: not supported yet")
        for p, _ in sp.perms:
            st.owned.append(p)
            _forget(ex, p, st)
        st.leases.extend(sp.leases)
    for cl in posts:  # then the facts about them
        with _NoLocals(st):
            st.env.update(changed)
            sp = split(cl.cond, _scope(imp, st, params, ctypes, names, pre))
        for t, _ in sp.pure:
            st.assume(t)
    if not results:
        return ()
    return results[0] if len(results) == 1 else tuple(results)


def _result_types(c: ir.Call) -> list[T.Type]:
    t = c.type
    if isinstance(t, T.Tuple):
        return list(t.elems)
    if t is None or t == T.VOID:
        return []
    return [t]


def _clause_in(o: object, fn: ir.FuncDecl) -> None:
    """The clause of an obligation about a callee's contract is in the callee's file."""
    o.clause_file = fn.file  # type: ignore[attr-defined]
