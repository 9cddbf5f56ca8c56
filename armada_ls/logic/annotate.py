"""From a package's annotation groups to resolved `Annotations` and diagnostics.

Three passes: parse every group; declare and resolve the specs (everything else may name
them); then place each clause (is it allowed where it sits?) and resolve it in the scope of
its place: package level sees constants, spec state and machine ghosts; a function clause
also sees parameters (and `ensures` the results, `ret` or `ret0`, `ret1`, ...); a statement
clause also sees the locals in scope there; a `lock_inv` sees its parameters and the fields
of its struct.
"""

from __future__ import annotations

from goose import ir
from goose import machine_api as M
from goose import types as T
from goose.diagnostics import Diagnostic

from . import ast as A
from .parser import Item, parse_group
from .resolve import BUILTINS, MACHINE_FUNCS, Ctx, Resolver, Scope, Sym, walk
from .scopes import StmtInfo, is_loop, stmt_infos
from .sites import Site, sites

PACKAGE_ITEMS = (A.SpecDecl, A.CrashInv, A.ExploreDecl, A.MayFail, A.DiskSize, A.CrashModel,
                 A.CreatorDir, A.GhostFunc)
FUNC_CLAUSES = (A.Implements, A.Linearizes, A.Requires, A.Ensures, A.Preserves, A.RecoverMark,
                A.InitMark, A.PureMark)
GHOST_STMTS = (A.Linearize, A.Helping, A.Complete, A.Assert, A.CrashStep, A.Internal)

KEYWORDS: dict[type, str] = {
    A.SpecDecl: "spec",
    A.CrashInv: "crash_inv",
    A.ExploreDecl: "explore",
    A.MayFail: "may_fail",
    A.DiskSize: "disk_size",
    A.CrashModel: "crash_model",
    A.CreatorDir: "creator_dir",
    A.GhostFunc: "ghost func",
    A.Implements: "implements",
    A.Linearizes: "linearizes",
    A.Requires: "requires",
    A.Ensures: "ensures",
    A.Preserves: "preserves",
    A.RecoverMark: "recover",
    A.InitMark: "init",
    A.PureMark: "pure",
    A.Invariant: "invariant",
    A.Decreases: "decreases",
    A.LockInv: "lock_inv",
    A.Linearize: "linearize",
    A.Helping: "helping",
    A.Complete: "complete",
    A.CrashStep: "crash_step",
    A.Internal: "internal",
    A.Assert: "assert",
}
WHERE: dict[str, str] = {
    "package": "at package level",
    "struct": "on a type declaration",
    "const": "on a constant",
    "func": "on a function",
    "stmt": "on a statement",
    "field": "on a struct field",
}


def _belongs(c: Item) -> str:
    if isinstance(c, PACKAGE_ITEMS):
        return "at package level (not on a statement or a field)"
    if isinstance(c, FUNC_CLAUSES):
        return "directly above a function (no blank line in between)"
    if isinstance(c, A.Invariant):
        return "on a loop (the line before `for`, or the first line of its body)"
    if isinstance(c, A.Decreases):
        return "on a loop or a function"
    if isinstance(c, A.LockInv):
        return "on a mutex field (`mu *sync.Mutex //@ lock_inv P`)"
    return "on a statement inside a function body"


def _mutex_params(t: T.Type) -> list[T.Type] | None:
    """Parameters a lock invariant on a field of type t takes, or None if t holds no locks."""

    def is_mutex(x: T.Type) -> bool:
        return x in (T.MUTEX, T.Pointer(T.MUTEX))

    if is_mutex(t):
        return []
    if isinstance(t, T.Slice) and is_mutex(t.elem):
        return [T.UINT64]
    if isinstance(t, T.Map) and is_mutex(t.value):
        return [t.key]
    return None


class Annotator:
    def __init__(self, pkg: ir.Package) -> None:
        self.pkg = pkg
        self.out = A.Annotations()
        self.res = Resolver(pkg, self.out.specs)
        self.diags: list[Diagnostic] = []
        self.infos: dict[str, dict[int, StmtInfo]] = {}
        self.marks: dict[str, set[type]] = {}  # function -> its clause kinds (pre-pass)
        self.recover_fn = ""
        self.ghost_files: dict[str, str] = {}  # ghost function -> the file it is declared in

    # ------------------------------------------------------------ reporting

    def report(self, file: str, err: A.ParseError) -> None:
        self.out.errors.append(err)
        category = "syntax" if err.code == "annot/syntax" else "error"
        self.diags.append(Diagnostic(file, err.span, err.code, category, err.message))

    def flush(self, file: str) -> None:
        """Turn the resolver's new errors into diagnostics in `file`."""
        for err in self.res.errors:
            self.report(file, err)
        self.res.errors.clear()

    def place_error(self, site: Site, c: Item, why: str = "") -> None:
        kw = KEYWORDS.get(type(c), "annotation")
        msg = why or f"'{kw}' is not allowed {WHERE[site.kind]}: it belongs {_belongs(c)}"
        self.report(site.file, A.ParseError(c.span, msg, "annot/placement"))

    # ------------------------------------------------------------ passes

    def run(self) -> tuple[A.Annotations, list[Diagnostic]]:
        parsed: list[tuple[Site, list[Item]]] = []
        for site in sites(self.pkg):
            items, errors = parse_group(site.group)
            for e in errors:
                self.report(site.file, e)
            parsed.append((site, items))
            if site.fn is not None and site.kind == "func":
                kinds = self.marks.setdefault(site.fn.qualified, set())
                kinds.update(type(c) for c in items)
        self.res.pure = {q: self.pkg.funcs[q] for q, kinds in self.marks.items()
                         if A.PureMark in kinds and q in self.pkg.funcs}
        self.ghost_signatures(parsed)  # before the specs: their ops may call ghost functions
        for site, items in parsed:
            for c in items:
                if isinstance(c, A.SpecDecl):
                    if c.name in self.out.specs:
                        msg = f"spec '{c.name}' is declared twice"
                        self.report(site.file, A.ParseError(c.span, msg, "annot/duplicate"))
                    else:
                        self.out.specs[c.name] = c
        for site, items in parsed:
            for c in items:
                if isinstance(c, A.SpecDecl) and self.out.specs.get(c.name) is c:
                    self.res.spec(c)
                    self.flush(site.file)
        for site, items in parsed:
            for c in items:
                self.place(site, c)
                self.flush(site.file)
        self.ghost_recursion()
        self.diags.sort(key=Diagnostic.sort_key)
        return self.out, self.diags

    def place(self, site: Site, c: Item) -> None:
        if isinstance(c, PACKAGE_ITEMS):
            if site.kind in ("stmt", "field"):
                self.place_error(site, c)
            elif isinstance(c, A.GhostFunc):
                self.ghost_body(site, c)
            elif isinstance(c, A.CrashInv):
                c.cond = self.res.cond(c.cond, Scope(), Ctx())
                self.out.crash_invs.append(c)
            elif isinstance(c, A.ExploreDecl):
                self.res.explore(c, Scope())
                self.out.explore.append(c)
            elif isinstance(c, A.MayFail):
                self.may_fail(site, c)
            elif isinstance(c, A.DiskSize):
                self.disk_size(site, c)
            elif isinstance(c, A.CreatorDir):
                self.out.creator_dirs.extend(d for d in c.dirs if d not in self.out.creator_dirs)
            elif isinstance(c, A.CrashModel):
                if self.out.crash_model is not None:
                    self.report(site.file, A.ParseError(c.span, "the package already has a crash_model clause", "annot/duplicate"))
                else:
                    self.out.crash_model = c
        elif isinstance(c, A.LockInv):
            self.lock_inv(site, c)
        elif isinstance(c, A.Invariant) and site.kind == "field":
            self.struct_inv(site, c)
        elif site.kind == "func" and site.fn is not None:
            if isinstance(c, FUNC_CLAUSES) or isinstance(c, A.Decreases):
                self.func_clause(site.fn, c)
                self.out.funcs.setdefault(site.fn.qualified, []).append(c)
            else:
                self.place_error(site, c)
        elif site.kind == "stmt" and site.fn is not None and site.stmt is not None:
            self.stmt_clause(site, site.fn, site.stmt, c)
        else:
            self.place_error(site, c)

    def may_fail(self, site: Site, c: A.MayFail) -> None:
        c.disks = [self.res.expr(d, Scope(), Ctx()) for d in c.disks]
        for d in c.disks:
            ref = getattr(d, "ref", None)
            if ref is None or (ref.owner, ref.name) not in (("twodisk", "Disk1"), ("twodisk", "Disk2")):
                self.report(site.file, A.ParseError(d.span, "may_fail lists disks: twodisk.Disk1, twodisk.Disk2", "annot/type"))
        if self.out.may_fail is not None:
            self.report(site.file, A.ParseError(c.span, "the package already has a may_fail clause", "annot/duplicate"))
            return
        self.out.may_fail = c

    def disk_size(self, site: Site, c: A.DiskSize) -> None:
        c.size = self.res.expr(c.size, Scope(), Ctx())
        if self.out.disk_size is not None:
            self.report(site.file, A.ParseError(c.span, "the package already has a disk_size clause", "annot/duplicate"))
            return
        self.out.disk_size = c

    # ------------------------------------------------------------ scopes

    def func_scope(self, fn: ir.FuncDecl, results: bool) -> Scope:
        s = Scope()
        if fn.recv is not None:
            s.add("param", fn.recv.name, fn.recv.type, fn.qualified)
        for p in fn.params:
            s.add("param", p.name, p.type, fn.qualified)
        if results:
            if len(fn.results) == 1:
                s.add("result", "ret", fn.results[0], fn.qualified)
            else:
                for k, t in enumerate(fn.results):
                    s.add("result", f"ret{k}", t, fn.qualified)
        return s

    def local_scope(self, fn: ir.FuncDecl, env: dict[str, T.Type]) -> Scope:
        base = self.func_scope(fn, False)
        s = base.child()
        for name, t in env.items():
            # the front end renames a local that reuses a name in the same function (`w`,
            # then `w$2`): annotations use the source name, for the latest one in scope
            shown = name.partition("$")[0] if "$" in name and "$go" not in name else name
            sym = base.lookup(shown)
            if sym is None or sym.type != t or shown != name:
                s.names[shown] = Sym(A.Ref("local", name, fn.qualified), t)
        return s

    # ------------------------------------------------------------ functions

    def func_clause(self, fn: ir.FuncDecl, c: A.Clause) -> None:
        if isinstance(c, A.Requires | A.Preserves):
            c.cond = self.res.cond(c.cond, self.func_scope(fn, False), Ctx())
        elif isinstance(c, A.Ensures):
            c.cond = self.res.cond(c.cond, self.func_scope(fn, True), Ctx(allow_old=True))
        elif isinstance(c, A.Decreases):
            c.measure = self.measure(c.measure, self.func_scope(fn, False))
        elif isinstance(c, A.Implements):
            self.implements(fn, c)
        elif isinstance(c, A.Linearizes):
            self.linearizes(fn, c)
        elif isinstance(c, A.PureMark):
            why = impure(fn, self.res.pure, A.Decreases in self.marks.get(fn.qualified, set()))
            if why:
                self.res.error(c.span, "annot/pure", f"{fn.qualified} cannot be pure: {why}")
        elif isinstance(c, A.RecoverMark):
            if self.recover_fn and self.recover_fn != fn.qualified:
                msg = f"{self.recover_fn} is already the recovery function; a package has one"
                self.res.error(c.span, "annot/duplicate", msg)
            else:
                self.recover_fn = fn.qualified

    def measure(self, e: A.LExpr, scope: Scope) -> A.LExpr:
        e = self.res.value(e, scope, Ctx(allow_old=True))
        if e.type is not None and not T.is_integer(e.type):
            self.res.error(
                e.span, "annot/type", f"a decreases measure must be an integer, found {e.type}"
            )
        return e

    def linearizes(self, fn: ir.FuncDecl, c: A.Linearizes) -> None:
        """A helper that takes its caller's op step: not itself an op, recovery or init; one
        op; no result (it would have to come back through the call)."""
        op = self.res.op_ref(c.op, self.func_scope(fn, False), Ctx())
        if c.cond is not None:
            c.cond = self.res.cond(c.cond, self.func_scope(fn, True), Ctx())
        marks = self.marks.get(fn.qualified, set())
        twice = any(isinstance(k, A.Linearizes) for k in self.out.funcs.get(fn.qualified, []))
        other = next((k for k in (A.Implements, A.RecoverMark, A.InitMark) if k in marks), None)
        if twice or other is not None:
            what = "already says `linearizes`" if twice else f"is marked `{KEYWORDS[other]}`"
            self.res.error(c.span, "annot/duplicate", f"{fn.qualified} {what}: `linearizes` "
                           "is for a helper that takes its caller's op step")
        if op is not None and op.result is not None:
            self.res.error(c.span, "annot/type", f"{c.op.spec}.{c.op.op} returns a value: only "
                           "an op without a result can take its step in a helper (the result "
                           "would have to come back through the call)")

    def implements(self, fn: ir.FuncDecl, c: A.Implements) -> None:
        kinds = [k for k in self.out.funcs.get(fn.qualified, []) if isinstance(k, A.Implements)]
        if kinds:
            self.res.error(c.span, "annot/duplicate", f"{fn.qualified} already implements an op")
        found = self.res.find_op(c.spec, c.op, c.span)
        if found is None:
            return
        spec, op = found
        c.spec = spec.name
        name = f"{spec.name}.{op.name}"
        if len(fn.params) != len(op.params):
            sig = ", ".join(f"{n} {t}" for n, t in op.params)
            self.res.error(
                c.span,
                "annot/arity",
                f"{fn.qualified} takes {len(fn.params)} parameter(s) but {name} takes "
                f"{len(op.params)} ({sig})",
            )
        for p, (pname, ptype) in zip(fn.params, op.params, strict=False):
            if p.type != ptype:
                self.res.error(
                    c.span,
                    "annot/type",
                    f"parameter {p.name} of {fn.qualified} has type {p.type}, but {name}'s "
                    f"{pname} is {ptype}",
                )
        want = [] if op.result is None else [op.result]
        if fn.results != want:
            got = ", ".join(str(t) for t in fn.results) or "nothing"
            self.res.error(
                c.span,
                "annot/type",
                f"{fn.qualified} returns {got}, but {name} returns {op.result or 'nothing'}",
            )

    # ------------------------------------------------------------ ghost functions

    def ghost_signatures(self, parsed: list[tuple[Site, list[Item]]]) -> None:
        """Declare every package-level ghost function (its name and types), so that any
        annotation, another ghost function's body or the function's own may call it."""
        taken = {*BUILTINS, *MACHINE_FUNCS, *self.pkg.consts, "old", "helping", "lease"}
        for site, items in parsed:
            for c in items:
                if not isinstance(c, A.GhostFunc) or site.kind != "package":
                    continue
                what = "predicate" if c.predicate else "ghost function"
                if c.name in self.out.ghost_funcs:
                    msg = f"ghost function or predicate '{c.name}' is declared twice"
                    self.res.error(c.name_span, "annot/duplicate", msg)
                elif c.name in self.pkg.funcs or c.name in taken:
                    kind = "a Go function" if c.name in self.pkg.funcs else "a constant or built-in"
                    msg = f"{what} '{c.name}' has the name of {kind}: choose another name"
                    self.res.error(c.name_span, "annot/duplicate", msg)
                else:
                    self.out.ghost_funcs[c.name] = c
                    self.res.ghost[c.name] = c
                names: set[str] = set()
                for k, (n, t) in enumerate(c.params):
                    if n in names:
                        self.res.error(c.name_span, "annot/duplicate", f"{what} {c.name} has two parameters named '{n}'")
                    names.add(n)
                    c.params[k] = (n, self.res.type_(t, c.span) or t)
                c.result = self.res.type_(c.result, c.span) or c.result
                self.flush(site.file)

    def ghost_body(self, site: Site, c: A.GhostFunc) -> None:
        if site.kind != "package":
            self.place_error(site, c, "a ghost function or predicate is declared at package level "
                             "(a group of its own, not attached to a declaration)")
            return
        if self.out.ghost_funcs.get(c.name) is not c:
            return  # a duplicate: reported already
        scope = Scope()
        for n, t in c.params:
            scope.add("param", n, t, f"ghost {c.name}")
        if c.predicate:
            c.body = self.res.cond(c.body, scope, Ctx())
        else:
            c.body = self.res.expr(c.body, scope, Ctx())
            self.res.check_assign(c.body, c.result, "return")
        if c.decreases is not None:
            c.decreases = self.res.value(c.decreases, scope, Ctx())
            t = c.decreases.type
            if t is not None and not T.is_integer(t):
                self.res.error(c.decreases.span, "annot/type", f"a decreases measure must be an integer, found {t}")
        self.ghost_names(c)
        self.ghost_files[c.name] = site.file

    def ghost_names(self, c: A.GhostFunc) -> None:
        """A ghost function is a function of its parameters: its body may not read state."""
        what = "predicate" if c.predicate else "ghost function"
        parts = [c.body] + ([c.decreases] if c.decreases is not None else [])
        for e in (sub for p in parts for sub in walk(p)):
            bad = ""
            ref = getattr(e, "ref", None)
            if isinstance(e, A.LName) and ref is not None and ref.kind not in ("param", "const", "bound"):
                if not (ref.kind == "machine" and ref.name in M.CONSTS.get(ref.owner, {})):
                    bad = f"'{e.name}' is state"
            elif isinstance(e, A.LGen | A.LHelping | A.LLease | A.LOld):
                bad = "it names ghost state or a resource"
            elif isinstance(e, A.LCall) and e.fn in ("durable", "failed", "acc"):
                bad = f"{e.fn}(...) is about state"
            if bad:
                self.res.error(e.span, "annot/ghost",
                               f"the body of {what} {c.name} may name only its parameters, constants "
                               f"and functions: {bad} (pass it as a parameter)")

    def ghost_recursion(self) -> None:
        """A recursive ghost function needs `decreases`; mutual recursion is not supported."""
        calls = {name: {e.ghost.name for e in walk(g.body) if isinstance(e, A.LCall) and e.ghost is not None}
                 for name, g in self.out.ghost_funcs.items()}
        for name, g in self.out.ghost_funcs.items():
            what = "predicate" if g.predicate else "ghost function"
            msg = ""
            todo, seen = [c for c in calls[name] if c != name], set()
            while todo:
                q = todo.pop()
                if q == name:
                    msg = (f"{what} {name} calls itself through other ghost functions: mutual "
                           "recursion is not supported (write one recursive function)")
                    break
                if q not in seen:
                    seen.add(q)
                    todo.extend(calls.get(q, ()))
            if not msg and name in calls[name] and g.decreases is None:
                msg = (f"{what} {name} is recursive: give it `decreases m`, a measure that goes down "
                       "at each recursive call (so that it defines a function and unfolding ends)")
            if msg:
                self.report(self.ghost_files.get(name, ""), A.ParseError(g.name_span, msg, "annot/ghost"))

    # ------------------------------------------------------------ statements

    def stmt_clause(self, site: Site, fn: ir.FuncDecl, stmt: ir.Stmt, c: Item) -> None:
        infos = self.infos.get(fn.qualified)
        if infos is None:
            infos = self.infos[fn.qualified] = stmt_infos(fn)
        info = infos.get(stmt.sid)
        if info is None:  # pragma: no cover - the front end numbers every statement
            info = StmtInfo(stmt, {}, {})
        inside_loop = is_loop(stmt) and site.group.span.start > stmt.span.start
        if isinstance(c, A.Invariant | A.Decreases):
            loop = stmt if is_loop(stmt) else info.opens_loop
            if loop is None or (loop is not stmt and site.group.trailing):
                self.place_error(site, c)
                return
            env = infos[loop.sid].loop_env or info.before
            scope = self.local_scope(fn, env)
            if isinstance(c, A.Invariant):
                c.cond = self.res.cond(c.cond, scope, Ctx(allow_old=True))
            else:
                c.measure = self.measure(c.measure, scope)
            self.out.stmts.setdefault((fn.qualified, loop.sid), []).append(c)
            return
        if not isinstance(c, GHOST_STMTS):
            self.place_error(site, c)
            return
        marks = self.marks.get(fn.qualified, set())
        if isinstance(c, A.Linearize) and not marks & {A.Implements, A.Linearizes}:
            self.place_error(site, c, "'linearize' is only allowed in a function marked "
                             "`implements Spec.Op` or `linearizes Spec.Op(..)`")
            return
        if isinstance(c, A.Helping) and A.Implements not in marks:
            self.place_error(
                site, c, "'helping' is only allowed in a function marked `implements Spec.Op`"
            )
            return
        if isinstance(c, A.CrashStep) and A.RecoverMark not in marks:
            kw = KEYWORDS[type(c)]
            self.place_error(
                site, c, f"'{kw}' is only allowed in the recovery function (marked `recover`)"
            )
            return
        if inside_loop and info.loop_env is not None:
            env = info.loop_env
        else:
            env = info.after if site.group.trailing else info.before
        scope = self.local_scope(fn, env)
        if isinstance(c, A.Assert):
            c.cond = self.res.cond(c.cond, scope, Ctx(allow_old=True))
            c.leading = not site.group.trailing
        elif isinstance(c, A.Helping | A.Complete):
            self.res.op_ref(c.op, scope, Ctx())
        elif isinstance(c, A.Internal):
            self.res.internal_ref(c.op, scope, Ctx())
        elif isinstance(c, A.CrashStep | A.Linearize):  # the names are the step's: the verifier checks
            c.bindings = [(n, sp, self.res.expr(e, scope, Ctx())) for n, sp, e in c.bindings]
        # The front end hands a group at the top of a loop body to the loop; a ghost
        # statement there runs in every iteration, before the body's first statement.
        body = getattr(stmt, "body", None)
        target = body[0] if inside_loop and body else stmt
        self.out.stmts.setdefault((fn.qualified, target.sid), []).append(c)

    # ------------------------------------------------------------ locks

    def lock_inv(self, site: Site, c: A.LockInv) -> None:
        if site.kind != "field" or site.field is None or site.struct is None:
            self.place_error(site, c)
            return
        fd, st = site.field, site.struct
        params = _mutex_params(fd.type)
        if params is None:
            self.place_error(
                site,
                c,
                f"'lock_inv' must be on a mutex field, but {st.name}.{fd.name} has type "
                f"{fd.type} (use *sync.Mutex, []*sync.Mutex or map[K]*sync.Mutex)",
            )
            return
        if len(c.params) != len(params):
            what = "no parameters" if not params else "1 parameter (the lock's index or key)"
            self.res.error(
                c.span,
                "annot/arity",
                f"lock_inv on {st.name}.{fd.name} ({fd.type}) takes {what}, got {len(c.params)}",
            )
        scope = Scope()
        for f in st.fields:
            scope.add("field", f.name, f.type, st.name)
        inner = scope.child()
        for name, t in zip(c.params, params, strict=False):
            inner.add("lock_param", name, t, f"{st.name}.{fd.name}")
        for name in c.params[len(params) :]:
            inner.add("lock_param", name, T.UINT64, f"{st.name}.{fd.name}")
        c.cond = self.res.cond(c.cond, inner, Ctx())
        key = f"{st.name}.{fd.name}"
        if key in self.out.lock_invs:
            self.res.error(c.span, "annot/duplicate", f"{key} already has a lock invariant")
        self.out.lock_invs[key] = c


    def struct_inv(self, site: Site, c: A.Invariant) -> None:
        """`invariant P` on a field: a fact of every built instance (its fields in scope)."""
        if site.field is None or site.struct is None:
            self.place_error(site, c)
            return
        st = site.struct
        scope = Scope()
        for f in st.fields:
            scope.add("field", f.name, f.type, st.name)
        c.cond = self.res.cond(c.cond, scope, Ctx())
        self.out.struct_invs.setdefault(st.name, []).append(c)


def annotate(pkg: ir.Package) -> tuple[A.Annotations, list[Diagnostic]]:
    """Parse, place and resolve every annotation of `pkg`."""
    return Annotator(pkg).run()



PURE_NODES = (ir.Const, ir.Var, ir.Binary, ir.Unary, ir.Convert, ir.Index, ir.SliceExpr,
              ir.FieldPtrGet, ir.Nil)


def _calls(fn: ir.FuncDecl) -> set[str]:
    return {n.qualified for n in ir.walk(fn.body) if isinstance(n, ir.Call)}


# machine functions that only read their arguments (annotations may call them too)
READS = {("prims", "UInt64Get"), ("prims", "UInt64ToString"), ("enc", "Get64"), ("enc", "GetBytes")}


def impure(fn: ir.FuncDecl, pure: dict[str, ir.FuncDecl], decreases: bool = False) -> str:
    """Why fn cannot be a pure function ("" if it can): its body must be one `return e` of
    side-effect-free Go that calls only other pure functions and the machine's reads (`READS`). It may call
    itself only with a `decreases` measure (checked at each recursive call; unfolding needs
    it to end); recursion through other functions is not supported."""
    if len(fn.results) != 1:
        return "it must return exactly one value"
    body = fn.body
    if len(body) != 1 or not isinstance(body[0], ir.Return) or len(body[0].values) != 1:
        return "its body must be a single `return e`"
    for node in ir.walk(body[0].values[0]):
        if isinstance(node, ir.Call):
            if (node.pkg, node.name) in READS and not node.recv_type:
                continue
            if node.qualified not in pure:
                return f"it calls {node.qualified}, which is not pure"
            continue
        if isinstance(node, ir.Builtin) and node.name == "len":
            continue
        if not isinstance(node, PURE_NODES):
            what = node.name if isinstance(node, ir.Builtin) else type(node).__name__
            return f"`{what}` has an effect or is not supported in a pure function"
    seen: set[str] = set()
    todo = [q for q in _calls(fn) if q != fn.qualified]
    while todo:
        q = todo.pop()
        if q == fn.qualified:
            return ("it calls itself through other functions: mutual recursion is not supported "
                    "in pure functions (write one recursive function)")
        if q in pure and q not in seen:
            seen.add(q)
            todo.extend(_calls(pure[q]))
    if fn.qualified in _calls(fn) and not decreases:
        return ("it is recursive without `decreases`: give it `decreases m`, a measure that goes "
                "down at each recursive call (so that it defines a function and unfolding ends)")
    return ""
