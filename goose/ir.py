"""The typed Goose IR: what Armada believes a Go package means.

Every node carries the `Span` of the source it came from and expressions carry their
`types.Type`. Evaluation order is Go's: the children of an expression, the arguments of a
call and the right-hand sides of an assignment are evaluated left to right, in the order the
fields of the node list them. Short-circuit operators (`&&`, `||`) evaluate their right
operand only when needed. The lowering never reorders anything.

Positions: lines and columns are 0-based; columns count bytes (tree-sitter's convention).
Front ends convert for people (1-based) and for LSP (UTF-16).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from goose import types as T


@dataclass(frozen=True, order=True)
class Pos:
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.line + 1}:{self.col + 1}"


@dataclass(frozen=True)
class Span:
    """A range of source. The IR's spans carry lines and byte columns only
    (`start_byte`/`end_byte` are 0): an edit that changes no line count then leaves every
    other function's IR valid as it is, which is what makes re-checking cheap. Resolve
    offsets through the `SourceFile` when needed."""

    start: Pos
    end: Pos
    start_byte: int = 0
    end_byte: int = 0

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


NO_SPAN = Span(Pos(0, 0), Pos(0, 0))


# ---------------------------------------------------------------- expressions


@dataclass
class Expr:
    span: Span
    type: T.Type


@dataclass
class Const(Expr):
    """An integer, bool or string constant (already folded; integers are non-negative)."""

    value: int | bool | str


@dataclass
class Nil(Expr):
    pass


@dataclass
class Var(Expr):
    """A local variable or parameter. `boxed` variables live on the heap (their address is
    taken, or a goroutine captures them) and are accessed through a cell."""

    name: str
    boxed: bool = False


@dataclass
class GlobalRef(Expr):
    """A package-level constant (`pkg` "") or a value of a trusted package (`twodisk.Disk1`)."""

    pkg: str
    name: str


@dataclass
class Unary(Expr):
    op: str  # "!", "^" (bitwise complement), "-" (only on untyped constants, folded)
    x: Expr


@dataclass
class Binary(Expr):
    """Arithmetic wraps modulo 2^bits of the operand type; `/` and `%` by zero panic;
    shifts by >= bits give 0. `&&`/`||` short-circuit."""

    op: str
    x: Expr
    y: Expr


@dataclass
class Deref(Expr):
    """`*p`: read the heap cell p points to (nil: panic)."""

    ptr: Expr


@dataclass
class FieldGet(Expr):
    """`x.f` on a struct value."""

    x: Expr
    field: str


@dataclass
class FieldPtrGet(Expr):
    """`p.f` with p a pointer to a struct: reads field f of the heap struct (nil: panic)."""

    ptr: Expr
    field: str


@dataclass
class Index(Expr):
    """`s[i]` on a slice (out of bounds: panic) or `s[i]` on a string (a byte)."""

    x: Expr
    index: Expr


@dataclass
class MapGet(Expr):
    """`m[k]`; with `comma_ok` the type is (V, bool)."""

    m: Expr
    key: Expr
    comma_ok: bool = False


@dataclass
class SliceExpr(Expr):
    """`s[lo:hi]`; shares the backing array. `lo`/`hi` None mean 0/len."""

    x: Expr
    lo: Expr | None
    hi: Expr | None


@dataclass
class StructLit(Expr):
    """`T{f: e, ...}` in source order of the written fields; missing fields are zero."""

    fields: list[tuple[str, Expr]]


@dataclass
class SliceLit(Expr):
    """`[]T{e, ...}`."""

    elems: list[Expr]


@dataclass
class New(Expr):
    """Allocate a heap cell holding `init` (or the zero value): `new(T)`, `&T{...}`."""

    init: Expr | None


@dataclass
class AddrOf(Expr):
    """`&x` for a boxed local: the pointer to its cell."""

    var: Var


@dataclass
class Convert(Expr):
    """`T(x)`: integer truncation/extension, `[]byte(s)`, `string(b)`."""

    x: Expr


@dataclass
class Call(Expr):
    """A call of a function of this package (`pkg` "") or a trusted package.

    Methods are called with the receiver as `recv` (evaluated first). `recv_type` names the
    receiver's named type for methods of this package (`"RepDisk"`), `sync.Mutex` for
    Lock/Unlock, etc. Multiple results give a `Tuple` type."""

    pkg: str
    name: str
    args: list[Expr]
    recv: Expr | None = None
    recv_type: str = ""

    @property
    def qualified(self) -> str:
        if self.recv_type:
            return f"{self.recv_type}.{self.name}"
        return f"{self.pkg}.{self.name}" if self.pkg else self.name


@dataclass
class Builtin(Expr):
    """`len`, `cap`, `append`, `make`, `delete`, `panic`, `copy`, `min`/`max`."""

    name: str
    args: list[Expr]
    make_type: T.Type | None = None  # for make(T, n)


# ---------------------------------------------------------------- places (assignment targets)


@dataclass
class Place:
    span: Span
    type: T.Type


@dataclass
class VarPlace(Place):
    name: str
    boxed: bool = False


@dataclass
class DerefPlace(Place):
    ptr: Expr


@dataclass
class FieldPlace(Place):
    """`p.f = v` (p a pointer, `base` a pointer-typed expr) or `x.f = v` (x a local struct:
    `base` is a VarPlace and the whole struct variable is updated)."""

    base: Expr | Place
    field: str


@dataclass
class IndexPlace(Place):
    x: Expr
    index: Expr


@dataclass
class MapPlace(Place):
    m: Expr
    key: Expr


@dataclass
class Blank(Place):
    """`_`: evaluate and discard."""


# ---------------------------------------------------------------- statements


@dataclass
class Stmt:
    span: Span
    # Annotation groups attached to this statement (leading or trailing `//@`).
    annotations: list[AnnotationGroup] = field(default_factory=list, kw_only=True)
    # Unique within the enclosing function (assigned by the lowering, in source order):
    # the key annotations, results and hover use for this statement.
    sid: int = field(default=-1, kw_only=True)


@dataclass
class Define(Stmt):
    """`a, b := e1, e2` / `var a T = e` / `a, b := f()`; `names` may contain "_" and
    variables that already exist (then it assigns). `values` has one element when it is a
    tuple-valued call or comma-ok form, else one per name; empty means zero values."""

    names: list[str]
    types: list[T.Type]
    values: list[Expr]
    boxed: list[bool] = field(default_factory=list)
    new: list[bool] = field(default_factory=list)  # False: redeclared (plain assignment)


@dataclass
class Assign(Stmt):
    """`p1, p2 = e1, e2` (Go's two phases: evaluate the places' operands and all values
    left to right, then assign left to right). `op` is set for `x op= e` and `x++`."""

    places: list[Place]
    values: list[Expr]
    op: str = ""


@dataclass
class ExprStmt(Stmt):
    expr: Expr


@dataclass
class If(Stmt):
    cond: Expr
    then: list[Stmt]
    els: list[Stmt]


@dataclass
class For(Stmt):
    """`for init; cond; post { body }` (each optional); a fresh copy of loop variables per
    iteration (Go 1.22) matters only to goroutines capturing them, which the lowering boxes."""

    init: Stmt | None
    cond: Expr | None
    post: Stmt | None
    body: list[Stmt]


@dataclass
class RangeSlice(Stmt):
    key: str | None
    value: str | None
    x: Expr
    body: list[Stmt]
    elem_type: T.Type = T.UINT64


@dataclass
class RangeMap(Stmt):
    key: str | None
    value: str | None
    m: Expr
    body: list[Stmt]


@dataclass
class RangeInt(Stmt):
    """`for i := range n` (Go 1.22)."""

    key: str | None
    n: Expr
    body: list[Stmt]


@dataclass
class Break(Stmt):
    pass


@dataclass
class Continue(Stmt):
    pass


@dataclass
class Return(Stmt):
    values: list[Expr]


@dataclass
class Go(Stmt):
    """`go f(args)`: arguments are evaluated now, the call runs in a new goroutine.
    `go func(){...}()` is lowered to a synthetic function (`FuncDecl.synthetic`) whose
    parameters are the captured variables, all boxed (shared by reference)."""

    call: Call


@dataclass
class Defer(Stmt):
    """`defer m.Unlock()` / `defer filesys.Close(f)`: arguments evaluated now, call at return."""

    call: Call


@dataclass
class Block(Stmt):
    body: list[Stmt]


# ---------------------------------------------------------------- declarations


@dataclass
class Param:
    name: str
    type: T.Type
    span: Span
    boxed: bool = False


@dataclass
class FuncDecl:
    name: str
    params: list[Param]
    results: list[T.Type]
    body: list[Stmt]
    span: Span
    name_span: Span
    recv: Param | None = None
    recv_type: str = ""  # named type of the receiver, without '*'
    synthetic: bool = False  # a `go func(){...}()` body
    file: str = ""
    annotations: list[AnnotationGroup] = field(default_factory=list)

    @property
    def qualified(self) -> str:
        return f"{self.recv_type}.{self.name}" if self.recv_type else self.name

    @property
    def signature(self) -> T.Func:
        return T.Func(tuple(p.type for p in self.params), tuple(self.results))


@dataclass
class FieldDecl:
    name: str
    type: T.Type
    span: Span
    annotations: list[AnnotationGroup] = field(default_factory=list)


@dataclass
class StructDecl:
    name: str
    type: T.Named
    fields: list[FieldDecl]
    span: Span
    annotations: list[AnnotationGroup] = field(default_factory=list)
    file: str = ""


@dataclass
class ConstDecl:
    name: str
    type: T.Type
    value: int | bool | str
    span: Span
    annotations: list[AnnotationGroup] = field(default_factory=list)
    file: str = ""


@dataclass
class AnnotationLine:
    """One line of annotation text: `text` starts at `pos` in the file (after `//@`).
    `byte` is 0, like the IR spans' offsets (see `Span`)."""

    text: str
    pos: Pos
    byte: int


@dataclass
class AnnotationGroup:
    """Consecutive `//@` lines or one `/*@ ... @*/` block, and what it is attached to.

    `anchor` is "stmt", "func", "field", "struct", "const" or "package"; `trailing` is true
    when the group is on the same line as the end of its anchor's first line."""

    lines: list[AnnotationLine]
    span: Span
    anchor: str = "package"
    trailing: bool = False
    file: str = ""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


@dataclass
class Package:
    name: str
    path: str  # directory
    files: list[str]
    imports: dict[str, str]  # short name -> import path
    consts: dict[str, ConstDecl]
    structs: dict[str, StructDecl]
    funcs: dict[str, FuncDecl]  # keyed by qualified name ("RepDisk.Write", "Recover")
    annotations: list[AnnotationGroup] = field(default_factory=list)  # package-level groups
    file_of: dict[str, str] = field(default_factory=dict)  # qualified decl name -> file
    # Its import path in its Go module ("" outside one). A call of an imported package's
    # function or method is a `Call` whose `pkg` is that package's name, a key of `imports`.
    import_path: str = ""


# ---------------------------------------------------------------- traversal

_SKIP_FIELDS = {"span", "type", "annotations", "name_span", "make_type", "elem_type", "name",
                "names", "types", "boxed", "new", "op", "field", "pkg", "recv_type",
                "comma_ok", "sid", "synthetic", "file", "results", "params"}
_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(cls: type) -> tuple[str, ...]:
    fs = _CHILD_FIELDS.get(cls)
    if fs is None:
        import dataclasses

        fs = tuple(f.name for f in dataclasses.fields(cls) if f.name not in _SKIP_FIELDS)
        _CHILD_FIELDS[cls] = fs
    return fs


def walk(node: object):  # type: ignore[no-untyped-def]
    """Every IR node (expression, place, statement) at or below `node`, in evaluation order
    (a node before its children, children in field order). Lists are walked in order."""
    stack: list[object] = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, list):
            stack.extend(reversed(n))
            continue
        if not isinstance(n, Expr | Place | Stmt):
            continue
        yield n
        kids = [getattr(n, f) for f in _child_fields(type(n))]
        stack.extend(reversed([k for k in kids if k is not None]))


def shift_span(sp: Span, rows: int) -> Span:
    return Span(Pos(sp.start.line + rows, sp.start.col), Pos(sp.end.line + rows, sp.end.col))


def relocate(fd: FuncDecl, rows: int) -> FuncDecl:
    """A copy of `fd` moved down by `rows` lines (the function's text is
    unchanged; only its position in the file moved). Used by the front end's cache, so it is
    written for speed: IR trees share no nodes, and types/strings are immutable."""

    def mv(x: object) -> object:
        cls = x.__class__
        if cls is list:
            return [mv(e) for e in x]  # type: ignore[attr-defined]
        if cls is Span:
            st, en = x.start, x.end  # type: ignore[attr-defined]
            return Span(Pos(st.line + rows, st.col), Pos(en.line + rows, en.col))
        if cls is AnnotationLine:
            return AnnotationLine(x.text, Pos(x.pos.line + rows, x.pos.col), 0)  # type: ignore[attr-defined]
        if cls in _MOVABLE or issubclass(cls, Expr | Place | Stmt):
            _MOVABLE.add(cls)
            y = object.__new__(cls)
            d = dict(x.__dict__)
            for k, v in d.items():
                vc = v.__class__
                if vc is list or vc is Span or vc in _MOVABLE or vc is AnnotationLine:
                    d[k] = mv(v)
                elif isinstance(v, Expr | Place | Stmt):
                    d[k] = mv(v)
            y.__dict__.update(d)
            return y
        return x

    out = mv(fd)
    assert isinstance(out, FuncDecl)
    return out


_MOVABLE: set[type] = {AnnotationGroup, Param, FuncDecl}
