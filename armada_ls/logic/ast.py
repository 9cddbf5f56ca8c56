"""The annotation language's syntax trees (see docs/annotations.md for the surface syntax).

Every node has a `span` in file coordinates (`goose.ir.Span`). Name resolution fills in
`type` on expressions and `ref` on names; the verifier and the explorer read only resolved
trees. Names follow the paper: Spec, Op, CrashInv, LockInv, Lease, Helping, Recovery, Gen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from goose import types as T
from goose.ir import Span

# ---------------------------------------------------------------- assertion expressions


@dataclass
class LExpr:
    span: Span
    type: T.Type | None = field(default=None, kw_only=True)


@dataclass
class LInt(LExpr):
    value: int


@dataclass
class LBool(LExpr):
    value: bool


@dataclass
class LString(LExpr):
    value: str


@dataclass
class Ref:
    """What a name resolved to. kind: local | param | result | bound (quantified) |
    const | spec_state (Spec.field) | machine (twodisk.D1, twodisk.Disk1, filesys dirs) |
    gen | field (a struct field reached through `recv.f`) | lock_param."""

    kind: str
    name: str
    owner: str = ""  # spec name for spec_state, package for machine/const


@dataclass
class LName(LExpr):
    name: str
    ref: Ref | None = None


@dataclass
class LSelector(LExpr):
    """`x.f`: a struct field, a spec's state (`Disk.blocks`), or a machine value
    (`twodisk.D1`). Resolution may replace it by an LName with a `Ref`."""

    x: LExpr
    name: str
    ref: Ref | None = None


@dataclass
class LIndex(LExpr):
    x: LExpr
    index: LExpr


@dataclass
class LSlice(LExpr):
    """`x[lo:hi]` (either bound may be missing) on a byte slice or block."""

    x: LExpr
    lo: LExpr | None
    hi: LExpr | None


@dataclass
class LUnary(LExpr):
    op: str  # "!", "-"
    x: LExpr


@dataclass
class LBinary(LExpr):
    """op: "==>", "&&", "||", "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"."""

    op: str
    x: LExpr
    y: LExpr


@dataclass
class LCond(LExpr):
    """`c ? a : b`."""

    cond: LExpr
    then: LExpr
    els: LExpr


@dataclass
class LQuant(LExpr):
    """`forall a uint64, b uint64 :: body` / `exists ...`."""

    kind: str  # "forall" | "exists"
    vars: list[tuple[str, T.Type]]
    body: LExpr


@dataclass
class LOld(LExpr):
    """`old(e)`: e in the state at the function's entry."""

    x: LExpr


@dataclass
class OpRef:
    """`Spec.Op(args)` (the spec name may be omitted when there is one spec)."""

    span: Span
    spec: str
    op: str
    args: list[LExpr]


@dataclass
class LCall(LExpr):
    """Built-in predicates and functions: `len(s)`, `durable(loc)`, `failed(d)`,
    `acc(loc)`, and user `pure` functions. For `helping(...)` see LHelping."""

    fn: str
    args: list[LExpr]
    # `append(l, m...)`: the last argument is spread (a list whose elements are appended)
    spread: bool = field(default=False, kw_only=True)
    # the ghost function called (set by resolution; the explorer and the verifier read its body)
    ghost: GhostFunc | None = field(default=None, kw_only=True, compare=False, repr=False)


@dataclass
class LHelping(LExpr):
    """`helping(Spec.Op(args))` as a predicate: the op is pending, owned by recovery."""

    op: OpRef


@dataclass
class LLease(LExpr):
    """`lease(loc)` or `lease(dir, >= N)` (lower-bound lease on a directory)."""

    loc: LExpr
    lower: LExpr | None = None


@dataclass
class LStruct(LExpr):
    """`Rec{a: e, b: f}`: a value of a struct type of the package (keyed fields; the others
    are zero)."""

    name: str
    fields: list[tuple[str, Span, LExpr]]


@dataclass
class LList(LExpr):
    """`[]T{a, b}`: a list value (a slice of anything but bytes, in the logic)."""

    elem: T.Type
    elems: list[LExpr]


@dataclass
class LEmptyMap(LExpr):
    """`map[K]V{}`: the empty map (every key absent, every value the zero value)."""

    map_type: T.Type


@dataclass
class LGen(LExpr):
    """`gen`: the current memory generation."""


# ---------------------------------------------------------------- spec


@dataclass
class SpecStmt:
    span: Span


@dataclass
class SAssign(SpecStmt):
    target: LExpr  # a state field, or an index into one
    value: LExpr


@dataclass
class SReturn(SpecStmt):
    value: LExpr | None


@dataclass
class SIf(SpecStmt):
    cond: LExpr
    then: list[SpecStmt]
    els: list[SpecStmt]


@dataclass
class SRequire(SpecStmt):
    """`require e`: the op is enabled only when e holds (it blocks otherwise)."""

    cond: LExpr


@dataclass
class SDelete(SpecStmt):
    """`delete(m, k)` on a map-typed state field."""

    m: LExpr
    key: LExpr


@dataclass
class SChoose(SpecStmt):
    """`choose x T such that e`: non-determinism in the spec (e.g. a fresh message id)."""

    name: str
    type: T.Type
    cond: LExpr | None


@dataclass
class StateField:
    name: str
    type: T.Type
    span: Span


@dataclass
class OpDecl:
    name: str
    params: list[tuple[str, T.Type]]
    result: T.Type | None
    body: list[SpecStmt]
    span: Span


@dataclass
class SpecDecl:
    name: str
    state: list[StateField]
    ops: list[OpDecl]
    crash: list[SpecStmt]
    init: list[SpecStmt]
    span: Span
    # `internal Name(params) { .. }`: steps of the spec no client calls, taken by the code
    # with the ghost statement `internal Spec.Name(args)` (a flusher making a write durable)
    internal: list[OpDecl] = field(default_factory=list)

    def op(self, name: str) -> OpDecl | None:
        return next((o for o in self.ops if o.name == name), None)

    def internal_step(self, name: str) -> OpDecl | None:
        return next((o for o in self.internal if o.name == name), None)


# ---------------------------------------------------------------- clauses and ghost statements


@dataclass
class Clause:
    """One annotation clause; `keyword_span` covers the keyword for diagnostics."""

    span: Span


@dataclass
class Implements(Clause):
    spec: str
    op: str


@dataclass
class Linearizes(Clause):
    """`linearizes Spec.Op(args) [if cond]` on a helper: it takes the spec step of its caller's
    op (Op with args, evaluated at entry) exactly when cond holds at its return (always
    without one). The caller implements that op, or is such a helper itself."""

    op: OpRef
    cond: LExpr | None = None


@dataclass
class Requires(Clause):
    cond: LExpr


@dataclass
class Ensures(Clause):
    cond: LExpr


@dataclass
class Preserves(Clause):
    cond: LExpr


@dataclass
class RecoverMark(Clause):
    """`recover` on a function: it is the recovery procedure."""


@dataclass
class Invariant(Clause):
    cond: LExpr


@dataclass
class Decreases(Clause):
    measure: LExpr


@dataclass
class CrashInv(Clause):
    cond: LExpr


@dataclass
class LockInv(Clause):
    """`lock_inv(a) P` on a mutex field (a slice of mutexes is indexed by the parameters)."""

    params: list[str]
    cond: LExpr


@dataclass
class Linearize(Clause):
    """Ghost: the enclosing op's spec step happens here. `linearize k = e, ...` binds the
    op's `choose k` to e (the code picks the value; checked against the choose's condition)."""

    bindings: list[tuple[str, Span, LExpr]] = field(default_factory=list)


@dataclass
class Helping(Clause):
    """Ghost: hand the pending op to the crash invariant."""

    op: OpRef


@dataclass
class Complete(Clause):
    """Ghost (recovery): perform a helped op's spec step on its owner's behalf.
    `conditional` (`complete? Op(..)`): fire only when the token is there."""

    op: OpRef
    conditional: bool = False


@dataclass
class Internal(Clause):
    """Ghost: the spec takes its internal step `op` here, in the same atomic step as the
    statement (on no op's behalf: a flusher's write becoming durable)."""

    op: OpRef


@dataclass
class CrashStep(Clause):
    """Ghost (recovery): the spec's crash step happens here, not when recovery returns;
    `crash_step k = e, ...` binds the crash step's `choose k` to e (checked against its
    condition). After it, recovery may not `complete` ops."""

    bindings: list[tuple[str, Span, LExpr]] = field(default_factory=list)


@dataclass
class Assert(Clause):
    cond: LExpr
    # on its own line above its statement (not trailing it): holds before that statement
    leading: bool = False


@dataclass
class MayFail(Clause):
    """`may_fail twodisk.Disk1` (package level): the fault model. Only the disks listed may
    fail (never both); without the clause either disk may. Verification is relative to it,
    like the paper's "we assume the two disks cannot both fail"."""

    disks: list[LExpr]


@dataclass
class DiskSize(Clause):
    """`disk_size N` (package level): the package runs on disks of exactly N blocks (the
    machine's set-up, e.g. `twodisk.UseMem(N)`), so `Size()` is N. Without it the size is
    unknown and every address must be checked against `Size()` in the code."""

    size: LExpr


@dataclass
class CrashModel(Clause):
    """`crash_model host` or `crash_model process` (package level): which crashes the proofs
    are about. `process` (the default, the paper's model): a crash keeps everything written.
    `host` (power loss): a crash keeps each disk block's value at the last `disk.Barrier` or
    any one value written to it since (docs/machine.md, "The host-crash rule")."""

    model: str  # "host" | "process"
    model_span: Span


@dataclass
class CreatorDir(Clause):
    """`creator_dir "spool"` (package level): in that directory each name belongs to the
    thread that created it (`Create` or `Link` there takes the lease on the entry; `Delete`
    needs it and gives it up), the shape of a spool or of write-then-link temporary files."""

    dirs: list[str]


@dataclass
class PureMark(Clause):
    """`pure` on a function whose body is one `return e` of side-effect-free Go: it may be
    called in annotations, where it means e (unfolded, never recursive)."""


@dataclass
class GhostFunc(Clause):
    """`ghost func f(x T, ..) R { decreases m; return e }` or `predicate p(x T, ..) { P }`
    (package level): a function of its parameters, usable in any annotation, where a call
    means its body with the parameters bound. Its body may name only its parameters,
    constants and other ghost or `pure` functions. A recursive one needs `decreases m`: the
    measure must go down (and stay >= 0) at each recursive call, so it defines a function."""

    name: str
    name_span: Span
    params: list[tuple[str, T.Type]]
    result: T.Type
    body: LExpr
    decreases: LExpr | None = None
    predicate: bool = False


@dataclass
class InitMark(Clause):
    """`init` on a function: it builds the system from empty durable state (set-up)."""


@dataclass
class ExploreDecl(Clause):
    """A harness for the explorer (package level):

        explore {
          goroutines 2; ops 2; crashes 1; disk_failures 1
          domain uint64 = {0, 1}
          domain twodisk.Block = {block(0), block(1)}
          thread { Write(0, block(1)); Read(0) }
          after_crash { Read(0) }
        }

    `bounds` holds the numeric settings, `domains` the argument values per type (keyed by
    the type as written), `threads`/`after_crash` explicit op sequences (optional: without
    them the explorer enumerates op sequences from the bounds and domains)."""

    bounds: dict[str, int] = field(default_factory=dict)
    domains: dict[str, list[LExpr]] = field(default_factory=dict)
    threads: list[list[OpRef]] = field(default_factory=list)
    after_crash: list[OpRef] = field(default_factory=list)
    recover_args: list[LExpr] = field(default_factory=list)  # `recover_args(2, false)`


@dataclass
class ParseError:
    span: Span
    message: str
    code: str = "annot/syntax"


@dataclass
class Annotations:
    """Everything the annotations of one package say, after parsing and resolution."""

    specs: dict[str, SpecDecl] = field(default_factory=dict)
    crash_invs: list[CrashInv] = field(default_factory=list)
    explore: list[ExploreDecl] = field(default_factory=list)
    may_fail: MayFail | None = None
    disk_size: DiskSize | None = None
    crash_model: CrashModel | None = None
    creator_dirs: list[str] = field(default_factory=list)  # creator_dir clauses
    # qualified function name -> its clauses (implements, requires, ensures, recover, ...)
    funcs: dict[str, list[Clause]] = field(default_factory=dict)
    # (qualified function name, ir.Stmt.sid) -> clauses on that statement (ghost
    # statements, loop invariants)
    stmts: dict[tuple[str, int], list[Clause]] = field(default_factory=dict)
    # "Struct.field" -> lock invariant of that mutex field
    lock_invs: dict[str, LockInv] = field(default_factory=dict)
    # struct name -> `invariant P` clauses on its fields (facts of every built instance)
    struct_invs: dict[str, list[Invariant]] = field(default_factory=dict)
    # ghost functions and predicates by name
    ghost_funcs: dict[str, GhostFunc] = field(default_factory=dict)
    errors: list[ParseError] = field(default_factory=list)


def host_crashes(ann: Annotations) -> bool:
    """Whether the package's proofs are about host crashes (`crash_model host`)."""
    return ann.crash_model is not None and ann.crash_model.model == "host"


def crash_model_words(model: str) -> str:
    """A crash model ("host" or "process") in words, as every output that reports a proof
    shows it."""
    if model == "host":
        return "host crashes (power loss: only what disk.Barrier, filesys.Fsync or FsyncDir made durable is sure to survive)"
    return "process crashes (everything written survives)"


def crash_model_of(ann: Annotations) -> str:
    """"host" or "process": the package's crash model."""
    return "host" if host_crashes(ann) else "process"


def crash_model_name(ann: Annotations) -> str:
    return crash_model_words(crash_model_of(ann))


def failing_disks(ann: Annotations) -> tuple[str, ...]:
    """The twodisk disks that may fail under the package's fault model."""
    if ann.may_fail is None:
        return ("twodisk.Disk1", "twodisk.Disk2")
    out = []
    for d in ann.may_fail.disks:
        ref = getattr(d, "ref", None)
        if ref is not None and ref.owner == "twodisk" and ref.name in ("Disk1", "Disk2"):
            out.append(f"twodisk.{ref.name}")
    return tuple(sorted(set(out)))


def any_node(x: object, pred: Callable[[object], bool], skip: tuple[str, ...] = ()) -> bool:
    """Whether pred holds of some node of an annotation tree (dataclasses, lists, dicts),
    not descending into the fields named in skip."""
    seen: set[int] = set()
    todo = [x]
    while todo:
        y = todo.pop()
        if y is None or isinstance(y, str | int | bool | float) or id(y) in seen:
            continue
        seen.add(id(y))
        if pred(y):
            return True
        if isinstance(y, dict):
            todo.extend(y.values())
        elif isinstance(y, list | tuple):
            todo.extend(y)
        else:
            fields = getattr(y, "__dataclass_fields__", None) or {}
            todo.extend(getattr(y, f, None) for f in fields if f not in skip)
    return False
