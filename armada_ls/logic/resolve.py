"""Name resolution and type checking of annotations against a Goose package.

`Resolver` resolves one construct at a time in a `Scope` the caller builds (the caller knows
where the annotation sits: see `armada_ls.logic.annotate`). It fills `type` on every
expression it accepts and `ref` on every name, rewrites `Spec.field` and `pkg.Ghost`
selectors into `LName`s carrying their `Ref`, and records errors as `ParseError`s with a
code (`annot/unknown-name`, `annot/unknown-op`, `annot/arity`, `annot/type`,
`annot/placement`, `annot/assign`, `annot/duplicate`). An expression that fails keeps
`type=None`, and checks that depend on it are skipped, so one mistake gives one error.

The logic's types are Go's, with two liberties: `==` compares any two values of one type
(slices and maps by contents), and integer constants stay untyped until an operand fixes
them (`settle`), defaulting to uint64.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import get_close_matches

from goose import ir
from goose import machine_api as M
from goose import types as T

from . import ast as A
from .ghosts import GHOSTS, known_names, machine_name
from .lexer import lex
from .parser import Parser, lines_of

BOOLS = (T.BOOL, T.UNTYPED_BOOL)
EXPLORE_BOUNDS = ("goroutines", "ops", "crashes", "recovery_crashes", "host_crashes", "disk_failures", "disk_size", "steps")
CONVERSIONS = {"uint64": T.UINT64, "uint32": T.UINT32, "byte": T.BYTE, "uint8": T.BYTE}
BUILTINS = ("len", "has", "append", "durable", "failed", "acc", "locked", "block", *CONVERSIONS)
# machine-library functions usable in assertions: name -> (parameter types, result type)
MACHINE_FUNCS = {
    "prims.UInt64Get": ([T.Slice(T.BYTE)], T.UINT64),
    "prims.UInt64ToString": ([T.UINT64], T.STRING),
    "enc.Get64": ([T.Slice(T.BYTE), T.UINT64], T.UINT64),
    "enc.GetBytes": ([T.Slice(T.BYTE), T.UINT64, T.UINT64], T.Slice(T.BYTE)),
}


@dataclass
class Sym:
    ref: A.Ref
    type: T.Type


@dataclass
class Scope:
    names: dict[str, Sym] = field(default_factory=dict)
    parent: Scope | None = None

    def lookup(self, name: str) -> Sym | None:
        s: Scope | None = self
        while s is not None:
            if name in s.names:
                return s.names[name]
            s = s.parent
        return None

    def visible(self) -> list[str]:
        out: list[str] = []
        s: Scope | None = self
        while s is not None:
            out += s.names
            s = s.parent
        return out

    def child(self) -> Scope:
        return Scope(parent=self)

    def add(self, kind: str, name: str, typ: T.Type, owner: str = "") -> None:
        self.names[name] = Sym(A.Ref(kind, name, owner), typ)


@dataclass
class Ctx:
    """Where an expression is: what it may use besides its scope."""

    allow_old: bool = False
    spec: str = ""  # inside this spec's body, `Spec.f` is written back as plain `f`


def did_you_mean(name: str, candidates: list[str]) -> str:
    close = get_close_matches(name, sorted(set(candidates)), 1)
    return f"; did you mean '{close[0]}'?" if close else ""


def unify(a: T.Type, b: T.Type) -> T.Type | None:
    """The common type of two operands, untyped constants adapting to the other side."""
    if a == b:
        return a
    for x, y in ((a, b), (b, a)):
        if x == T.UNTYPED_INT and T.is_integer(y):
            return y
        if x == T.UNTYPED_BOOL and y == T.BOOL:
            return y
        if x == T.UNTYPED_STRING and y == T.STRING:
            return y
        if x == T.UNTYPED_NIL and isinstance(T.underlying(y), T.Pointer | T.Slice | T.Map):
            return y
    return None


def settle(e: A.LExpr, t: T.Type) -> None:
    """Give untyped integer constants in `e` the type `t` (when an operand fixes it)."""
    if e.type != T.UNTYPED_INT or not T.is_integer(t):
        return
    e.type = t
    if isinstance(e, A.LUnary):
        settle(e.x, t)
    elif isinstance(e, A.LBinary) and e.op not in ("<<", ">>"):
        settle(e.x, t)
        settle(e.y, t)
    elif isinstance(e, A.LBinary):
        settle(e.x, t)
    elif isinstance(e, A.LCond):
        settle(e.then, t)
        settle(e.els, t)


def settle_all(e: A.LExpr) -> None:
    """Default every still-untyped constant to uint64 (after a whole clause is checked)."""
    for sub in walk(e):
        if sub.type == T.UNTYPED_INT:
            sub.type = T.UINT64
        elif sub.type == T.UNTYPED_BOOL:
            sub.type = T.BOOL


def walk(e: A.LExpr) -> list[A.LExpr]:
    """`e` and all its sub-expressions (op arguments included)."""
    out = [e]
    kids: list[A.LExpr] = []
    if isinstance(e, A.LSelector | A.LOld):
        kids = [e.x]
    elif isinstance(e, A.LIndex):
        kids = [e.x, e.index]
    elif isinstance(e, A.LSlice):
        kids = [e.x] + [k for k in (e.lo, e.hi) if k is not None]
    elif isinstance(e, A.LUnary):
        kids = [e.x]
    elif isinstance(e, A.LBinary):
        kids = [e.x, e.y]
    elif isinstance(e, A.LCond):
        kids = [e.cond, e.then, e.els]
    elif isinstance(e, A.LQuant):
        kids = [e.body]
    elif isinstance(e, A.LCall):
        kids = list(e.args)
    elif isinstance(e, A.LHelping):
        kids = list(e.op.args)
    elif isinstance(e, A.LStruct):
        kids = [v for _, _, v in e.fields]
    elif isinstance(e, A.LList):
        kids = list(e.elems)
    elif isinstance(e, A.LLease):
        kids = [e.loc] + ([e.lower] if e.lower is not None else [])
    for k in kids:
        out += walk(k)
    return out


def is_location(e: A.LExpr) -> bool:
    return isinstance(e, A.LName | A.LSelector | A.LIndex)


def root_name(e: A.LExpr) -> A.LName | None:
    while isinstance(e, A.LIndex | A.LSelector):
        e = e.x
    return e if isinstance(e, A.LName) else None


class Resolver:
    def __init__(self, pkg: ir.Package, specs: dict[str, A.SpecDecl]) -> None:
        self.pure: dict[str, ir.FuncDecl] = {}  # functions marked `pure`: callable in assertions
        self.ghost: dict[str, A.GhostFunc] = {}  # ghost functions and predicates (annotations)
        self.pkg = pkg
        self.specs = specs
        self.errors: list[A.ParseError] = []

    def error(self, span: ir.Span, code: str, message: str) -> None:
        self.errors.append(A.ParseError(span, message, code))

    # ------------------------------------------------------------ types

    def type_(self, t: T.Type, span: ir.Span) -> T.Type | None:
        """Resolve a type as written (`twodisk.Block`, `RepDisk`, `map[uint64]Msg`)."""
        if isinstance(t, T.Basic):
            return t
        if isinstance(t, T.Slice):
            e = self.type_(t.elem, span)
            return T.Slice(e) if e is not None else None
        if isinstance(t, T.Pointer):
            e = self.type_(t.elem, span)
            return T.Pointer(e) if e is not None else None
        if isinstance(t, T.Map):
            k, v = self.type_(t.key, span), self.type_(t.value, span)
            return T.Map(k, v) if k is not None and v is not None else None
        if isinstance(t, T.Named):
            if t.underlying is not None:
                return t
            if t.pkg == "":
                decl = self.pkg.structs.get(t.name)
                if decl is not None:
                    return decl.type
                self.error(span, "annot/unknown-name", f"unknown type '{t.name}'")
                return None
            got = M.TYPES.get(t.pkg, {}).get(t.name)
            if got is None:
                self.error(span, "annot/unknown-name", f"unknown type '{t}'")
            return got
        return t

    # ------------------------------------------------------------ expressions

    def cond(self, e: A.LExpr, scope: Scope, ctx: Ctx) -> A.LExpr:
        """A whole assertion: must be boolean; constants settle afterwards."""
        e = self.bool_expr(e, scope, ctx)
        settle_all(e)
        return e

    def bool_expr(self, e: A.LExpr, scope: Scope, ctx: Ctx) -> A.LExpr:
        e = self.expr(e, scope, ctx)
        if e.type is not None and e.type not in BOOLS:
            self.error(e.span, "annot/type", f"expected a boolean assertion, found {e.type}")
        return e

    def value(self, e: A.LExpr, scope: Scope, ctx: Ctx) -> A.LExpr:
        e = self.expr(e, scope, ctx)
        settle_all(e)
        return e

    def expr(self, e: A.LExpr, scope: Scope, ctx: Ctx) -> A.LExpr:
        handler = getattr(self, "_" + type(e).__name__, None)
        if handler is None:  # pragma: no cover - every node type has a handler
            raise TypeError(f"resolve: unknown expression {type(e).__name__}")
        out: A.LExpr = handler(e, scope, ctx)
        return out

    def _LInt(self, e: A.LInt, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.type = T.UNTYPED_INT
        return e

    def _LBool(self, e: A.LBool, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.type = T.BOOL
        return e

    def _LString(self, e: A.LString, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.type = T.STRING
        return e

    def _LGen(self, e: A.LGen, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.type = T.UINT64
        return e

    def _LName(self, e: A.LName, scope: Scope, ctx: Ctx) -> A.LExpr:
        if e.ref is not None:  # already resolved (a rewritten selector)
            return e
        sym = scope.lookup(e.name)
        if sym is not None:
            e.ref, e.type = sym.ref, sym.type
            if sym.ref.kind == "local":  # a renamed local (`w$2`): the name code knows
                e.name = sym.ref.name
            return e
        const = self.pkg.consts.get(e.name)
        if const is not None:
            e.ref, e.type = A.Ref("const", e.name, ""), const.type
            return e
        if e.name == "nil":
            e.ref, e.type = A.Ref("const", "nil", ""), T.UNTYPED_NIL
            return e
        if e.name in self.specs:
            fields = ", ".join(f.name for f in self.specs[e.name].state) or "none"
            msg = f"'{e.name}' is a spec: name one of its state fields ({fields}), as in {e.name}.f"
        elif e.name in GHOSTS:
            msg = f"'{e.name}' is a machine package: name one of {', '.join(known_names(e.name))}"
        else:
            msg = (
                f"unknown name '{e.name}': not a parameter, a local in scope here, a bound "
                "variable, or a constant"
            ) + did_you_mean(e.name, [*scope.visible(), *self.pkg.consts, *self.specs, *GHOSTS])
        self.error(e.span, "annot/unknown-name", msg)
        return e

    def _LSelector(self, e: A.LSelector, scope: Scope, ctx: Ctx) -> A.LExpr:
        x = e.x
        if (
            isinstance(x, A.LName)
            and x.ref is None
            and scope.lookup(x.name) is None
            and x.name not in self.pkg.consts
        ):
            qual = f"{x.name}.{e.name}"
            spec = self.specs.get(x.name)
            if spec is not None:
                sf = next((f for f in spec.state if f.name == e.name), None)
                if sf is None:
                    fields = ", ".join(f.name for f in spec.state) or "none"
                    self.error(
                        e.span,
                        "annot/unknown-name",
                        f"spec {spec.name} has no state field '{e.name}' (it has: {fields})"
                        + did_you_mean(e.name, [f.name for f in spec.state]),
                    )
                    return e
                ref = A.Ref("spec_state", e.name, spec.name)
                shown = e.name if ctx.spec == spec.name else qual
                return A.LName(e.span, shown, ref, type=sf.type)
            if x.name in GHOSTS:
                t = machine_name(x.name, e.name)
                if t is None:
                    self.error(
                        e.span,
                        "annot/unknown-name",
                        f"{x.name} has no ghost or constant '{e.name}' (it has: "
                        f"{', '.join(known_names(x.name))})",
                    )
                    return e
                return A.LName(e.span, qual, A.Ref("machine", e.name, x.name), type=t)
        e.x = self.expr(x, scope, ctx)
        if e.x.type is None:
            return e
        t = T.underlying(e.x.type)
        owner = e.x.type
        if isinstance(t, T.Pointer):
            owner = t.elem
            t = T.underlying(t.elem)
        ft = t.field_type(e.name) if isinstance(t, T.Struct) else None
        if ft is None:
            self.error(e.span, "annot/type", f"{e.x.type} has no field '{e.name}'")
            return e
        e.ref = A.Ref("field", e.name, str(owner))
        e.type = ft
        return e

    def _LIndex(self, e: A.LIndex, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.x = self.expr(e.x, scope, ctx)
        e.index = self.expr(e.index, scope, ctx)
        if e.x.type is None:
            return e
        t = T.underlying(e.x.type)
        if isinstance(t, T.Map):
            want, e.type = t.key, t.value
        elif isinstance(t, T.Slice):
            want, e.type = T.UINT64, t.elem
        elif t == T.STRING:
            want, e.type = T.UINT64, T.BYTE
        else:
            self.error(e.x.span, "annot/type", f"cannot index {e.x.type}")
            return e
        it = e.index.type
        if it is None:
            return e
        ok = T.assignable(it, want) if isinstance(t, T.Map) else T.is_integer(it)
        if not ok:
            self.error(e.index.span, "annot/type", f"index has type {it}, expected {want}")
        else:
            settle(e.index, want)
        return e

    def _LSlice(self, e: A.LSlice, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.x = self.expr(e.x, scope, ctx)
        for name in ("lo", "hi"):
            b = getattr(e, name)
            if b is None:
                continue
            b = self.expr(b, scope, ctx)
            setattr(e, name, b)
            if b.type is not None and not T.is_integer(b.type):
                self.error(b.span, "annot/type", f"a slice bound has type {b.type}, expected uint64")
            else:
                settle(b, T.UINT64)
        if e.x.type is not None:
            if not isinstance(T.underlying(e.x.type), T.Slice) and T.underlying(e.x.type) != T.STRING:
                self.error(e.x.span, "annot/type", f"cannot slice {e.x.type}")
                return e
            e.type = e.x.type
        return e

    def _LUnary(self, e: A.LUnary, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.x = self.expr(e.x, scope, ctx)
        t = e.x.type
        if t is None:
            return e
        if e.op == "!":
            if t not in BOOLS:
                self.error(e.span, "annot/type", f"operator ! needs a boolean, found {t}")
                return e
            e.type = T.BOOL
        else:
            if not T.is_integer(t):
                self.error(e.span, "annot/type", f"operator {e.op} needs an integer, found {t}")
                return e
            e.type = t
        return e

    def _LBinary(self, e: A.LBinary, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.x = self.expr(e.x, scope, ctx)
        e.y = self.expr(e.y, scope, ctx)
        a, b = e.x.type, e.y.type
        if a is None or b is None:
            if e.op in ("==>", "&&", "||", "==", "!=", "<", "<=", ">", ">="):
                e.type = T.BOOL  # keep checking the context
            return e
        if e.op in ("==>", "&&", "||"):
            for side in (e.x, e.y):
                if side.type not in BOOLS:
                    self.error(
                        side.span,
                        "annot/type",
                        f"operator {e.op} needs booleans, found {side.type}",
                    )
            e.type = T.BOOL
            return e
        if e.op in ("<<", ">>"):
            if not (T.is_integer(a) and T.is_integer(b)):
                self.error(e.span, "annot/type", f"cannot shift {a} by {b}")
                return e
            e.type = a
            return e
        u = unify(a, b)
        if u is None:
            verb = "compare" if e.op in ("==", "!=", "<", "<=", ">", ">=") else "combine"
            self.error(
                e.span,
                "annot/type",
                f"cannot {verb} {a} with {b} (operator {e.op})",
            )
            if verb == "compare":
                e.type = T.BOOL
            return e
        settle(e.x, u)
        settle(e.y, u)
        if e.op in ("==", "!="):
            e.type = T.BOOL
        elif e.op in ("<", "<=", ">", ">="):
            if not (T.is_integer(u) or u in (T.STRING, T.UNTYPED_STRING)):
                self.error(e.span, "annot/type", f"operator {e.op} is not defined on {u}")
            e.type = T.BOOL
        elif e.op == "+" and u in (T.STRING, T.UNTYPED_STRING):
            e.type = u
        elif not T.is_integer(u):
            self.error(e.span, "annot/type", f"operator {e.op} is not defined on {u}")
        else:
            e.type = u
        return e

    def _LCond(self, e: A.LCond, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.cond = self.bool_expr(e.cond, scope, ctx)
        e.then = self.expr(e.then, scope, ctx)
        e.els = self.expr(e.els, scope, ctx)
        a, b = e.then.type, e.els.type
        if a is None or b is None:
            return e
        u = unify(a, b)
        if u is None:
            self.error(e.span, "annot/type", f"the branches have different types: {a} and {b}")
            return e
        settle(e.then, u)
        settle(e.els, u)
        e.type = u
        return e

    def _LQuant(self, e: A.LQuant, scope: Scope, ctx: Ctx) -> A.LExpr:
        inner = scope.child()
        resolved: list[tuple[str, T.Type]] = []
        for name, t in e.vars:
            rt = self.type_(t, e.span) or t
            resolved.append((name, rt))
            inner.add("bound", name, rt)
        e.vars = resolved
        e.body = self.bool_expr(e.body, inner, ctx)
        e.type = T.BOOL
        return e

    def _LOld(self, e: A.LOld, scope: Scope, ctx: Ctx) -> A.LExpr:
        if not ctx.allow_old:
            self.error(
                e.span,
                "annot/placement",
                "old(e) is only meaningful in ensures, loop invariants and assertions "
                "inside a function",
            )
        e.x = self.expr(e.x, scope, ctx)
        e.type = e.x.type
        return e

    def _LEmptyMap(self, e: A.LEmptyMap, scope: Scope, ctx: Ctx) -> A.LExpr:
        t = self.type_(e.map_type, e.span)
        if t is not None:
            e.map_type = e.type = t
        return e

    def _LList(self, e: A.LList, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.elems = [self.expr(x, scope, ctx) for x in e.elems]
        elem = self.type_(e.elem, e.span)
        if elem is None:
            return e
        if T.underlying(elem) == T.BYTE:
            self.error(e.span, "annot/type", "a []byte literal: byte slices are blocks in "
                       "annotations (block(b), enc.GetBytes)")
            return e
        e.elem = elem
        for x in e.elems:
            self.check_assign(x, elem, "put an element of type")
        e.type = T.Slice(elem)
        return e

    def _LStruct(self, e: A.LStruct, scope: Scope, ctx: Ctx) -> A.LExpr:
        decl = self.pkg.structs.get(e.name)
        for i, (n, sp, v) in enumerate(e.fields):
            e.fields[i] = (n, sp, self.expr(v, scope, ctx))
        if decl is None:
            self.error(e.span, "annot/unknown-name", f"unknown struct type '{e.name}'"
                       + did_you_mean(e.name, list(self.pkg.structs)))
            return e
        st = T.underlying(decl.type)
        assert isinstance(st, T.Struct)
        seen: set[str] = set()
        for n, sp, v in e.fields:
            ft = st.field_type(n)
            if ft is None:
                self.error(sp, "annot/type", f"{e.name} has no field '{n}'"
                           + did_you_mean(n, [f for f, _ in st.fields]))
            elif n in seen:
                self.error(sp, "annot/duplicate", f"field '{n}' given twice")
            else:
                self.check_assign(v, ft, "use")
            seen.add(n)
        e.type = decl.type
        return e

    def _LHelping(self, e: A.LHelping, scope: Scope, ctx: Ctx) -> A.LExpr:
        self.op_ref(e.op, scope, ctx)
        e.type = T.BOOL
        return e

    def _LLease(self, e: A.LLease, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.loc = self.expr(e.loc, scope, ctx)
        e.type = T.BOOL
        if not is_location(e.loc):
            self.error(e.loc.span, "annot/type", "lease needs a location (twodisk.D1[a], ...)")
        if e.lower is not None:
            e.lower = self.expr(e.lower, scope, ctx)
            lt, t = e.lower.type, e.loc.type
            if lt is not None and t is not None and unify(lt, t) is None:
                self.error(
                    e.lower.span,
                    "annot/type",
                    f"the lower bound of a lease has type {lt}, expected {t} (the location's)",
                )
        return e

    def _user_call(self, e: A.LCall, params: list[tuple[str, T.Type]], result: T.Type) -> A.LExpr:
        """A call of a ghost or `pure` function: its arity and argument types."""
        if len(e.args) != len(params):
            self.error(e.span, "annot/arity", f"{e.fn} takes {len(params)} argument(s), got {len(e.args)}")
            return e
        for a, (pname, ptype) in zip(e.args, params, strict=True):
            if a.type is not None and not T.assignable(a.type, ptype):
                self.error(a.span, "annot/type", f"{e.fn}'s {pname} is {ptype}, found {a.type}")
            else:
                settle(a, ptype)
        e.type = result
        return e

    def _LCall(self, e: A.LCall, scope: Scope, ctx: Ctx) -> A.LExpr:
        e.args = [self.expr(a, scope, ctx) for a in e.args]
        if e.fn in self.ghost:
            g = self.ghost[e.fn]
            e.ghost = g
            return self._user_call(e, g.params, g.result)
        if e.fn in self.pure:
            fn = self.pure[e.fn]
            return self._user_call(e, [(p.name, p.type) for p in fn.params], fn.results[0])
        if e.fn in MACHINE_FUNCS:
            params, result = MACHINE_FUNCS[e.fn]
            if len(e.args) != len(params):
                self.error(e.span, "annot/arity", f"{e.fn} takes {len(params)} argument(s), got {len(e.args)}")
                return e
            for a, want in zip(e.args, params, strict=True):
                if a.type is not None and not T.assignable(a.type, want):
                    self.error(a.span, "annot/type", f"{e.fn} needs {want}, found {a.type}")
                else:
                    settle(a, want)
            e.type = result
            return e
        if e.fn not in BUILTINS:
            self.error(
                e.span,
                "annot/unknown-name",
                f"unknown function '{e.fn}': annotations call "
                f"{', '.join([*BUILTINS, *MACHINE_FUNCS])}, `pure` Go functions and ghost functions"
                + did_you_mean(e.fn, [*self.ghost, *self.pure]),
            )
            return e
        if e.fn == "append":
            return self._append(e)
        if e.spread:
            self.error(e.span, "annot/arity", f"only append takes a spread argument (m...), not {e.fn}")
            return e
        want = (1, 2) if e.fn in ("acc", "block") else (2,) if e.fn == "has" else (1,)
        if len(e.args) not in want:
            n = " or ".join(str(w) for w in want)
            self.error(e.span, "annot/arity", f"{e.fn} takes {n} argument(s), got {len(e.args)}")
            return e
        arg = e.args[0]
        at = arg.type
        if e.fn == "locked":  # locked(p.mu): this thread holds the lock (a contract resource)
            if not is_location(arg) or (at is not None and not (isinstance(at, T.Pointer) and at.elem == T.MUTEX)):
                self.error(arg.span, "annot/type", "locked needs a mutex field (p.mu, p.locks[i])")
            e.type = T.BOOL
            return e
        if e.fn in ("durable", "acc"):
            if not is_location(arg) and not (e.fn == "acc" and isinstance(arg, A.LHelping)):
                self.error(arg.span, "annot/type", f"{e.fn} needs a location")
            e.type = T.BOOL
            return e
        if at is None:
            e.type = T.BOOL if e.fn == "failed" else None
            return e
        if e.fn == "has":  # has(m, k): key k is present in map m
            e.type = T.BOOL
            mt = T.underlying(at)
            if not isinstance(mt, T.Map):
                self.error(arg.span, "annot/type", f"has needs a map, found {at}")
            else:
                self.check_assign(e.args[1], mt.key, "use a key of type")
            return e
        if e.fn == "len":
            if not isinstance(T.underlying(at), T.Slice | T.Map) and at != T.STRING:
                self.error(arg.span, "annot/type", f"len needs a slice, map or string, found {at}")
                return e
            e.type = T.UINT64
        elif e.fn == "failed":
            e.type = T.BOOL
            if not T.is_integer(at):
                self.error(
                    arg.span, "annot/type", f"failed needs a disk (twodisk.Disk1), found {at}"
                )
            settle(arg, M.DISK_ID)
        elif not T.is_integer(at):
            self.error(arg.span, "annot/type", f"{e.fn} needs an integer, found {at}")
        elif e.fn == "block":  # block(n): a disk block of bytes n; block(n, size): size of them
            settle(arg, T.BYTE)
            if len(e.args) == 2:
                size = e.args[1]
                if size.type is not None and not T.is_integer(size.type):
                    self.error(size.span, "annot/type", f"block's size must be an integer, found {size.type}")
                settle(size, T.UINT64)
            e.type = M.BLOCK
        else:
            e.type = CONVERSIONS[e.fn]
        return e

    def _append(self, e: A.LCall) -> A.LCall:
        """`append(l, x, ...)`: the list l with x, ... added at its end (a value: l is not
        changed). Lists are slices of anything but bytes; bytes have blocks' operations."""
        if len(e.args) < 2:
            self.error(e.span, "annot/arity", "append takes a list and at least one element")
            return e
        at = e.args[0].type
        lt = T.underlying(at) if at is not None else None
        if at is None:
            return e
        if not isinstance(lt, T.Slice) or T.underlying(lt.elem) == T.BYTE:
            self.error(e.args[0].span, "annot/type", f"append needs a list (a slice of anything but bytes), found {at}")
            return e
        if e.spread:  # append(l, m...): m is a list of the same type
            if len(e.args) != 2:
                self.error(e.span, "annot/arity", "append(l, m...) takes two lists")
                return e
            self.check_assign(e.args[1], at, "append the elements of")
        else:
            for a in e.args[1:]:
                self.check_assign(a, lt.elem, "append an element of type")
        e.type = at
        return e

    # ------------------------------------------------------------ spec ops

    def find_op(
        self, spec_name: str, op_name: str, span: ir.Span
    ) -> tuple[A.SpecDecl, A.OpDecl] | None:
        if not spec_name:
            owners = [s for s in self.specs.values() if s.op(op_name) is not None]
            if len(owners) == 1:
                spec_name = owners[0].name
            elif not owners:
                self.error(span, "annot/unknown-op", f"no spec has an op '{op_name}'")
                return None
            else:
                names = ", ".join(f"{s.name}.{op_name}" for s in owners)
                self.error(span, "annot/unknown-op", f"'{op_name}' is ambiguous: write {names}")
                return None
        spec = self.specs.get(spec_name)
        if spec is None:
            known = ", ".join(sorted(self.specs)) or "none declared"
            self.error(span, "annot/unknown-op", f"unknown spec '{spec_name}' (specs: {known})")
            return None
        op = spec.op(op_name)
        if op is None:
            ops = ", ".join(o.name for o in spec.ops) or "none"
            self.error(
                span,
                "annot/unknown-op",
                f"spec {spec.name} has no op '{op_name}' (ops: {ops})"
                + did_you_mean(op_name, [o.name for o in spec.ops]),
            )
            return None
        return spec, op

    def internal_ref(self, ref: A.OpRef, scope: Scope, ctx: Ctx) -> A.OpDecl | None:
        """`internal Spec.Step(args)`: an internal step of a spec."""
        ref.args = [self.expr(a, scope, ctx) for a in ref.args]
        owners = [s for s in self.specs.values() if s.internal_step(ref.op) is not None
                  and ref.spec in ("", s.name)]
        if len(owners) != 1:
            steps = [f"{s.name}.{o.name}" for s in self.specs.values() for o in s.internal]
            why = (f"'{ref.op}' is ambiguous: write the spec's name" if owners else
                   f"no internal step '{ref.op}'" + (f" in spec {ref.spec}" if ref.spec else "")
                   + f" (internal steps: {', '.join(steps) or 'none'})"
                   + did_you_mean(ref.op, [o.name for s in self.specs.values() for o in s.internal]))
            self.error(ref.span, "annot/unknown-op", why)
            for a in ref.args:
                settle_all(a)
            return None
        spec = owners[0]
        op = spec.internal_step(ref.op)
        assert op is not None
        ref.spec = spec.name
        self.check_args(f"{spec.name}.{op.name}", op, ref.args, ref.span)
        return op

    def op_ref(self, ref: A.OpRef, scope: Scope, ctx: Ctx) -> A.OpDecl | None:
        ref.args = [self.expr(a, scope, ctx) for a in ref.args]
        found = self.find_op(ref.spec, ref.op, ref.span)
        if found is None:
            for a in ref.args:
                settle_all(a)
            return None
        spec, op = found
        ref.spec = spec.name
        self.check_args(f"{spec.name}.{op.name}", op, ref.args, ref.span)
        return op

    def check_args(self, name: str, op: A.OpDecl, args: list[A.LExpr], span: ir.Span) -> None:
        if len(args) != len(op.params):
            sig = ", ".join(f"{n} {t}" for n, t in op.params)
            self.error(
                span,
                "annot/arity",
                f"{name} takes {len(op.params)} argument(s) ({sig}), got {len(args)}",
            )
        for k, (arg, (pname, ptype)) in enumerate(zip(args, op.params, strict=False)):
            if arg.type is not None and not T.assignable(arg.type, ptype):
                self.error(
                    arg.span,
                    "annot/type",
                    f"argument {k + 1} of {name} ({pname} {ptype}) has type {arg.type}",
                )
            else:
                settle(arg, ptype)
        for a in args:
            settle_all(a)

    # ------------------------------------------------------------ spec declarations

    def spec(self, decl: A.SpecDecl) -> None:
        scope = Scope()
        seen: set[str] = set()
        for f in decl.state:
            if f.name in seen:
                self.error(f.span, "annot/duplicate", f"state field '{f.name}' declared twice")
            seen.add(f.name)
            f.type = self.type_(f.type, f.span) or f.type
            scope.add("spec_state", f.name, f.type, decl.name)
        ops: set[str] = set()
        for op in decl.ops + decl.internal:
            if op.name in ops:
                self.error(op.span, "annot/duplicate", f"op '{op.name}' declared twice")
            ops.add(op.name)
            op.params = [(n, self.type_(t, op.span) or t) for n, t in op.params]
            if op.result is not None:
                op.result = self.type_(op.result, op.span) or op.result
        for op in decl.internal:
            if op.result is not None:
                self.error(op.span, "annot/type", f"internal step {op.name} returns nothing "
                           "(no client sees it)")
                op.result = None
        for op in decl.ops + decl.internal:
            inner = scope.child()
            for n, t in op.params:
                inner.add("param", n, t, f"{decl.name}.{op.name}")
            self.spec_body(op.body, inner, decl, op)
        self.spec_body(decl.crash, scope.child(), decl, None)
        self.spec_body(decl.init, scope.child(), decl, None)

    def spec_body(
        self, body: list[A.SpecStmt], scope: Scope, spec: A.SpecDecl, op: A.OpDecl | None
    ) -> None:
        ctx = Ctx(spec=spec.name)
        for s in body:
            if isinstance(s, A.SAssign):
                s.target = self.value(s.target, scope, ctx)
                s.value = self.expr(s.value, scope, ctx)
                self.check_state_target(s.target, spec)
                self.check_assign(s.value, s.target.type, "assign")
            elif isinstance(s, A.SReturn):
                self.spec_return(s, scope, op, spec.name)
            elif isinstance(s, A.SIf):
                s.cond = self.cond(s.cond, scope, ctx)
                self.spec_body(s.then, scope.child(), spec, op)
                self.spec_body(s.els, scope.child(), spec, op)
            elif isinstance(s, A.SRequire):
                s.cond = self.cond(s.cond, scope, ctx)
            elif isinstance(s, A.SDelete):
                s.m = self.value(s.m, scope, ctx)
                s.key = self.expr(s.key, scope, ctx)
                self.check_state_target(s.m, spec)
                mt = T.underlying(s.m.type) if s.m.type is not None else None
                if s.m.type is not None and not isinstance(mt, T.Map):
                    self.error(s.m.span, "annot/type", f"delete needs a map, found {s.m.type}")
                elif isinstance(mt, T.Map):
                    self.check_assign(s.key, mt.key, "use as key")
                settle_all(s.key)
            elif isinstance(s, A.SChoose):
                s.type = self.type_(s.type, s.span) or s.type
                scope.add("bound", s.name, s.type, f"{spec.name}.{op.name}" if op else spec.name)
                if s.cond is not None:
                    s.cond = self.cond(s.cond, scope, ctx)

    def spec_return(self, s: A.SReturn, scope: Scope, op: A.OpDecl | None, spec_name: str) -> None:
        if op is None:
            self.error(s.span, "annot/placement", "return is only allowed in an op")
            if s.value is not None:
                s.value = self.value(s.value, scope, Ctx(spec=spec_name))
            return
        if s.value is None:
            if op.result is not None:
                self.error(s.span, "annot/type", f"op {op.name} must return a {op.result}")
            return
        s.value = self.expr(s.value, scope, Ctx(spec=spec_name))
        if op.result is None:
            self.error(s.value.span, "annot/type", f"op {op.name} returns nothing")
            settle_all(s.value)
            return
        self.check_assign(s.value, op.result, "return")

    def check_assign(self, value: A.LExpr, target: T.Type | None, what: str) -> None:
        if value.type is not None and target is not None:
            if T.assignable(value.type, target):
                settle(value, target)
            else:
                self.error(value.span, "annot/type", f"cannot {what} {value.type} as {target}")
        settle_all(value)

    def check_state_target(self, target: A.LExpr, spec: A.SpecDecl) -> None:
        root = root_name(target)
        ok = (
            root is not None
            and root.ref is not None
            and root.ref.kind == "spec_state"
            and root.ref.owner == spec.name
        )
        if not ok:
            self.error(
                target.span,
                "annot/assign",
                f"a spec statement can only change spec {spec.name}'s state",
            )

    # ------------------------------------------------------------ explore harness

    def explore(self, decl: A.ExploreDecl, scope: Scope) -> None:
        for name in decl.bounds:
            if name not in EXPLORE_BOUNDS:
                self.error(
                    decl.span,
                    "annot/unknown-name",
                    f"unknown explore bound '{name}' (bounds: {', '.join(EXPLORE_BOUNDS)})",
                )
        for key, values in decl.domains.items():
            typ = self.type_(Parser(lex(lines_of(key))).type_(), decl.span)
            for k, v in enumerate(values):
                values[k] = self.expr(v, scope, Ctx())
                self.check_assign(values[k], typ, "use in a domain of")
        for ops in [*decl.threads, decl.after_crash]:
            for ref in ops:
                self.op_ref(ref, scope, Ctx())
        decl.recover_args = [self.expr(v, scope, Ctx()) for v in decl.recover_args]
