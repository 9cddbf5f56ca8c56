"""Compile Goose IR functions to flat code for the step machine.

Each function becomes a list of instructions over an operand stack and numbered local
slots. Instructions are tuples `(op, arg..., span)`; the span is always last. Operands are
evaluated exactly in the IR's field order (Go's left-to-right order), and an assignment
evaluates the operands of all its places and then all its values before storing anything
(Go's two phases), spilling them into temporary slots.

Instructions in `VISIBLE` are the steps other goroutines can observe (synchronisation,
heap writes as a start and an end, machine calls, map iteration); the machine runs every
other instruction as part of the preceding visible step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from goose import ir
from goose import types as T
from goose.semantics.errors import Unsupported
from goose.semantics.values import bits_of, is_bytes_type, zero_value

VISIBLE = frozenset({
    "WSTART", "WEND", "BULK_START", "BULK_END", "LOCK", "UNLOCK", "WAIT", "RELOCK",
    "SIGNAL", "BROADCAST", "MCALL", "LISTEND", "SPAWN", "ITER_START", "ITER_NEXT", "ITER_END",
})


@dataclass
class Code:
    """A compiled function."""

    name: str
    nparams: int  # receiver first, then parameters
    nslots: int
    instrs: list[tuple]
    file: str
    span: ir.Span
    results: int
    visible: list[bool] = field(default_factory=list)


class Label:
    __slots__ = ("pc",)

    def __init__(self) -> None:
        self.pc = -1


@dataclass
class _Loop:
    brk: Label
    cont: Label
    iter_slot: int | None  # a map range's iterator slot (ended on break)


def _struct_index(t: T.Type, name: str) -> int:
    u = T.underlying(t)
    if isinstance(u, T.Pointer):
        u = T.underlying(u.elem)
    if not isinstance(u, T.Struct):
        raise Unsupported("unsupported", f"field {name} of non-struct type {t}")
    for i, (n, _) in enumerate(u.fields):
        if n == name:
            return i
    raise Unsupported("unsupported", f"no field {name} in {t}")


class FuncCompiler:
    def __init__(self, pkg: ir.Package, fd: ir.FuncDecl) -> None:
        self.pkg = pkg
        self.fd = fd
        self.code: list[tuple] = []
        self.scopes: list[dict[str, int]] = [{}]
        self.nslots = 0
        self.loops: list[_Loop] = []
        self.iters: list[int] = []  # active map-range iterator slots (for return)
        self._boxed: set[str] = boxed_names(fd)

    # ------------------------------------------------------------ helpers

    def emit(self, *ins: object) -> None:
        self.code.append(tuple(ins))

    def label(self, lab: Label) -> None:
        lab.pc = len(self.code)

    def new_slot(self) -> int:
        self.nslots += 1
        return self.nslots - 1

    def declare(self, name: str) -> int:
        s = self.new_slot()
        self.scopes[-1][name] = s
        return s

    def slot(self, name: str) -> int:
        for sc in reversed(self.scopes):
            if name in sc:
                return sc[name]
        raise Unsupported("unsupported", f"unknown variable {name}")

    def push_scope(self) -> None:
        self.scopes.append({})

    def pop_scope(self) -> None:
        self.scopes.pop()

    # ------------------------------------------------------------ functions

    def compile(self) -> Code:
        fd = self.fd
        params = ([fd.recv] if fd.recv is not None else []) + list(fd.params)
        for p in params:
            self.declare(p.name)
        for i, p in enumerate(params):
            if p.boxed:  # the parameter's cell is allocated on entry
                self.emit("LOAD", i, fd.span)
                self.emit("ALLOC", fd.span)
                self.emit("STORE", i, fd.span)
        self.block(fd.body)
        self.emit("RET", False, fd.span)
        instrs = []
        for ins in self.code:  # resolve labels
            instrs.append(tuple(a.pc if isinstance(a, Label) else a for a in ins))
        code = Code(fd.qualified, len(params), self.nslots, instrs, fd.file, fd.span, len(fd.results))
        code.visible = [ins[0] in VISIBLE for ins in instrs]
        return code

    # ------------------------------------------------------------ statements

    def block(self, stmts: list[ir.Stmt]) -> None:
        self.push_scope()
        for s in stmts:
            self.stmt(s)
        self.pop_scope()

    def stmt(self, s: ir.Stmt) -> None:
        m = getattr(self, "s_" + type(s).__name__, None)
        if m is None:
            raise Unsupported("unsupported", f"statement {type(s).__name__}", s.span)
        m(s)

    def s_Block(self, s: ir.Block) -> None:
        self.block(s.body)

    def s_ExprStmt(self, s: ir.ExprStmt) -> None:
        self.expr(s.expr)
        if not (isinstance(s.expr.type, T.Tuple) and not s.expr.type.elems):
            self.emit("POP", s.span)

    def _bind_new(self, name: str, boxed: bool, span: ir.Span) -> None:
        """Pop a value into a new variable."""
        if name == "_":
            self.emit("POP", span)
            return
        slot = self.declare(name)
        if boxed:
            self.emit("ALLOC", span)
        self.emit("STORE", slot, span)

    def _store_var(self, name: str, span: ir.Span) -> None:
        """Pop a value into an existing variable (through its cell when boxed)."""
        slot = self.slot(name)
        if name in self._boxed:
            self.emit("LOAD", slot, span)
            self.emit("LOC_PTR", span)
            self.emit("SWAP", span)
            self.emit("WSTART", span)
            self.emit("WEND", span)
        else:
            self.emit("STORE", slot, span)

    def s_Define(self, s: ir.Define) -> None:
        n = len(s.names)
        boxed = s.boxed or [False] * n
        new = s.new or [True] * n
        if not s.values:
            vals = [zero_value(t) for t in s.types]
            for v in vals:
                self.emit("PUSH", v, s.span)
        elif len(s.values) == 1 and n > 1:
            self.expr(s.values[0])
            self.emit("UNPACK", n, s.span)
        else:
            for v in s.values:
                self.expr(v)
        # Bind right to left (the stack holds values left to right) via temporaries so
        # that the names are bound in order.
        temps = [self.new_slot() for _ in range(n)]
        for t in reversed(temps):
            self.emit("STORE", t, s.span)
        for i, name in enumerate(s.names):
            self.emit("LOAD", temps[i], s.span)
            if name == "_":
                self.emit("POP", s.span)
            elif new[i]:
                self._bind_new(name, boxed[i], s.span)
            else:
                self._store_var(name, s.span)

    def s_Assign(self, s: ir.Assign) -> None:
        if s.op:
            self._op_assign(s)
            return
        # Phase 1: the places' operands, then the values, left to right.
        targets = []
        for p in s.places:
            targets.append(self.place(p))
        temps_v = []
        for v in s.values:
            self.expr(v)
            t = self.new_slot()
            self.emit("STORE", t, s.span)
            temps_v.append(t)
        if len(s.values) == 1 and len(s.places) > 1:
            self.emit("LOAD", temps_v[0], s.span)
            self.emit("UNPACK", len(s.places), s.span)
            temps_v = [self.new_slot() for _ in s.places]
            for t in reversed(temps_v):
                self.emit("STORE", t, s.span)
        # Phase 2: store left to right.
        for tgt, tv in zip(targets, temps_v, strict=True):
            self.store(tgt, tv, s.span)

    def place(self, p: ir.Place) -> tuple:
        """Evaluate a place's operands; return how to store into it.

        ("local", slot, path) | ("heap", temp_slot_of_loc) | ("blank",)"""
        if isinstance(p, ir.Blank):
            return ("blank",)
        if isinstance(p, ir.VarPlace):
            if p.boxed or p.name in self._boxed:
                self.emit("LOAD", self.slot(p.name), p.span)
                self.emit("LOC_PTR", p.span)
                return self._spill_loc(p.span)
            return ("local", self.slot(p.name), ())
        if isinstance(p, ir.DerefPlace):
            self.expr(p.ptr)
            self.emit("LOC_PTR", p.span)
            return self._spill_loc(p.span)
        if isinstance(p, ir.FieldPlace):
            if isinstance(p.base, ir.Place):
                inner = self.place(p.base)
                idx = _struct_index(p.base.type, p.field)
                if inner[0] == "local":
                    return ("local", inner[1], inner[2] + (idx,))
                if inner[0] == "heap":
                    self.emit("LOAD", inner[1], p.span)
                    self.emit("LOC_FIELD", idx, p.span)
                    self.emit("STORE", inner[1], p.span)
                    return inner
                return inner
            self.expr(p.base)
            self.emit("LOC_PTR", p.span)
            self.emit("LOC_FIELD", _struct_index(p.base.type, p.field), p.span)
            return self._spill_loc(p.span)
        if isinstance(p, ir.IndexPlace):
            self.expr(p.x)
            self.expr(p.index)
            self.emit("LOC_IDX", p.span)
            return self._spill_loc(p.span)
        if isinstance(p, ir.MapPlace):
            self.expr(p.m)
            self.expr(p.key)
            self.emit("LOC_MAP", p.span)
            return self._spill_loc(p.span)
        raise Unsupported("unsupported", f"place {type(p).__name__}", p.span)

    def _spill_loc(self, span: ir.Span) -> tuple:
        t = self.new_slot()
        self.emit("STORE", t, span)
        return ("heap", t)

    def store(self, tgt: tuple, value_slot: int, span: ir.Span) -> None:
        if tgt[0] == "blank":
            return
        if tgt[0] == "local":
            _, slot, path = tgt
            if path:
                self.emit("LOAD", slot, span)
                self.emit("LOAD", value_slot, span)
                self.emit("SETFIELD", path, span)
            else:
                self.emit("LOAD", value_slot, span)
            self.emit("STORE", slot, span)
            return
        self.emit("LOAD", tgt[1], span)
        self.emit("LOAD", value_slot, span)
        self.emit("WSTART", span)
        self.emit("WEND", span)

    def _op_assign(self, s: ir.Assign) -> None:
        (p,) = s.places
        tgt = self.place(p)
        # Read the current value.
        if tgt[0] == "local":
            self.emit("LOAD", tgt[1], s.span)
            for idx in tgt[2]:
                self.emit("FIELD", idx, s.span)
        elif tgt[0] == "heap":
            self.emit("LOAD", tgt[1], s.span)
            self.emit("LOADLOC", s.span)
        else:
            raise Unsupported("unsupported", "op-assign to _", s.span)
        if s.values:
            self.expr(s.values[0])
        else:
            self.emit("PUSH", 1, s.span)
        op = s.op.rstrip("=") if s.op not in ("++", "--") else s.op[0]
        self.emit("BINOP", op, bits_of(p.type), _kind(p.type), s.span)
        t = self.new_slot()
        self.emit("STORE", t, s.span)
        self.store(tgt, t, s.span)

    def s_If(self, s: ir.If) -> None:
        els, end = Label(), Label()
        self.push_scope()
        self.expr(s.cond)
        self.emit("JMPF", els, s.span)
        self.block(s.then)
        self.emit("JMP", end, s.span)
        self.label(els)
        self.block(s.els)
        self.label(end)
        self.pop_scope()

    def _loop(self, body: list[ir.Stmt], brk: Label, cont: Label, iter_slot: int | None = None) -> None:
        self.loops.append(_Loop(brk, cont, iter_slot))
        self.block(body)
        self.loops.pop()

    def s_For(self, s: ir.For) -> None:
        self.push_scope()
        if s.init is not None:
            self.stmt(s.init)
        top, cont, brk = Label(), Label(), Label()
        self.label(top)
        if s.cond is not None:
            self.expr(s.cond)
            self.emit("JMPF", brk, s.span)
        self._loop(s.body, brk, cont)
        self.label(cont)
        # Go 1.22: each iteration has its own copy of a boxed loop variable.
        if isinstance(s.init, ir.Define):
            for name, b in zip(s.init.names, s.init.boxed or [], strict=False):
                if b:
                    slot = self.slot(name)
                    self.emit("LOAD", slot, s.span)
                    self.emit("LOADH", s.span)
                    self.emit("ALLOC", s.span)
                    self.emit("STORE", slot, s.span)
        if s.post is not None:
            self.stmt(s.post)
        self.emit("JMP", top, s.span)
        self.label(brk)
        self.pop_scope()

    def s_RangeSlice(self, s: ir.RangeSlice) -> None:
        self.push_scope()
        xs, n, i = self.new_slot(), self.new_slot(), self.new_slot()
        self.expr(s.x)
        if T.underlying(s.x.type) == T.STRING:
            raise Unsupported("unsupported", "range over a string", s.span)
        self.emit("DUP", s.span)
        self.emit("STORE", xs, s.span)
        self.emit("LEN", "slice", s.span)
        self.emit("STORE", n, s.span)

        def bind() -> None:
            if s.key is not None:
                self.emit("LOAD", i, s.span)
                self._bind_new(s.key, s.key in self._boxed, s.span)
            if s.value is not None:
                self.emit("LOAD", xs, s.span)
                self.emit("LOAD", i, s.span)
                self.emit("SLIDX", s.span)
                self._bind_new(s.value, s.value in self._boxed, s.span)

        self._counted(s, n, i, 64, bind)

    def s_RangeInt(self, s: ir.RangeInt) -> None:
        self.push_scope()
        n, i = self.new_slot(), self.new_slot()
        self.expr(s.n)
        self.emit("STORE", n, s.span)

        def bind() -> None:
            if s.key is not None:
                self.emit("LOAD", i, s.span)
                self._bind_new(s.key, s.key in self._boxed, s.span)

        self._counted(s, n, i, bits_of(s.n.type), bind)

    def _counted(self, s: ir.RangeSlice | ir.RangeInt, n: int, i: int, bits: int,
                 bind: Callable[[], None]) -> None:
        """`for i := 0; i < n; i++ { bind(); body }` for range loops over slices and ints;
        closes the scope the caller opened."""
        self.emit("PUSH", 0, s.span)
        self.emit("STORE", i, s.span)
        top, cont, brk = Label(), Label(), Label()
        self.label(top)
        self.emit("LOAD", i, s.span)
        self.emit("LOAD", n, s.span)
        self.emit("BINOP", "<", 64, "int", s.span)
        self.emit("JMPF", brk, s.span)
        self.push_scope()
        bind()
        self._loop(s.body, brk, cont)
        self.pop_scope()
        self.label(cont)
        self.emit("LOAD", i, s.span)
        self.emit("PUSH", 1, s.span)
        self.emit("BINOP", "+", bits, "int", s.span)
        self.emit("STORE", i, s.span)
        self.emit("JMP", top, s.span)
        self.label(brk)
        self.pop_scope()

    def s_RangeMap(self, s: ir.RangeMap) -> None:
        self.push_scope()
        it = self.new_slot()
        self.expr(s.m)
        self.emit("ITER_START", it, s.span)
        top, brk, end = Label(), Label(), Label()
        self.label(top)
        self.emit("ITER_NEXT", it, end, s.span)  # pushes key, value
        self.push_scope()
        tv = self.new_slot()
        self.emit("STORE", tv, s.span)
        if s.key is not None:
            self._bind_new(s.key, s.key in self._boxed, s.span)
        else:
            self.emit("POP", s.span)
        if s.value is not None:
            self.emit("LOAD", tv, s.span)
            self._bind_new(s.value, s.value in self._boxed, s.span)
        self.iters.append(it)
        self._loop(s.body, brk, top, it)
        self.iters.pop()
        self.pop_scope()
        self.emit("JMP", top, s.span)
        self.label(brk)
        self.emit("ITER_END", it, s.span)
        self.label(end)
        self.pop_scope()

    def s_Break(self, s: ir.Break) -> None:
        loop = self.loops[-1]
        self.emit("JMP", loop.brk, s.span)

    def s_Continue(self, s: ir.Continue) -> None:
        self.emit("JMP", self.loops[-1].cont, s.span)

    def s_Return(self, s: ir.Return) -> None:
        if len(s.values) == 1 and len(self.fd.results) > 1:
            self.expr(s.values[0])  # return f() with several results: already a tuple
        else:
            for v in s.values:
                self.expr(v)
            if len(s.values) > 1:
                self.emit("MKTUPLE", len(s.values), s.span)
        for it in reversed(self.iters):
            self.emit("ITER_END", it, s.span)
        if s.values:
            self.emit("SETRET", s.span)
        self.emit("RET", False, s.span)

    def s_Go(self, s: ir.Go) -> None:
        c = s.call
        nargs = self._call_args(c)
        self.emit("SPAWN", c.qualified if not c.pkg else c.name, nargs, s.span)

    def s_Defer(self, s: ir.Defer) -> None:
        c = s.call
        nargs = self._call_args(c)
        self.emit("DEFER", c.pkg, c.name, nargs, s.span)

    # ------------------------------------------------------------ expressions

    def _call_args(self, c: ir.Call) -> int:
        n = 0
        if c.recv is not None:
            self.expr(c.recv)
            n += 1
        for a in c.args:
            self.expr(a)
            n += 1
        return n

    def expr(self, e: ir.Expr) -> None:
        m = getattr(self, "e_" + type(e).__name__, None)
        if m is None:
            raise Unsupported("unsupported", f"expression {type(e).__name__}", e.span)
        m(e)

    def e_Const(self, e: ir.Const) -> None:
        v = e.value
        if isinstance(v, int) and not isinstance(v, bool):
            v &= (1 << bits_of(e.type)) - 1
        self.emit("PUSH", v, e.span)

    def e_Nil(self, e: ir.Nil) -> None:
        self.emit("PUSH", zero_value(e.type), e.span)

    def e_Var(self, e: ir.Var) -> None:
        self.emit("LOAD", self.slot(e.name), e.span)
        if e.boxed or e.name in self._boxed:
            self.emit("LOADH", e.span)

    def e_GlobalRef(self, e: ir.GlobalRef) -> None:
        if e.pkg == "":
            c = self.pkg.consts.get(e.name)
            if c is None:
                raise Unsupported("unsupported", f"unknown constant {e.name}", e.span)
            self.emit("PUSH", c.value, e.span)
            return
        from goose import machine_api as M

        c2 = M.CONSTS.get(e.pkg, {}).get(e.name)
        if c2 is None:
            raise Unsupported("unsupported", f"unknown {e.pkg}.{e.name}", e.span)
        self.emit("PUSH", c2[1], e.span)

    def e_Unary(self, e: ir.Unary) -> None:
        self.expr(e.x)
        self.emit("UNOP", e.op, bits_of(e.type), e.span)

    def e_Binary(self, e: ir.Binary) -> None:
        if e.op in ("&&", "||"):
            end = Label()
            self.expr(e.x)
            self.emit("DUP", e.span)
            self.emit("JMPF" if e.op == "&&" else "JMPT", end, e.span)
            self.emit("POP", e.span)
            self.expr(e.y)
            self.label(end)
            return
        self.expr(e.x)
        self.expr(e.y)
        self.emit("BINOP", e.op, bits_of(e.x.type), _kind(e.x.type), e.span)

    def e_Deref(self, e: ir.Deref) -> None:
        self.expr(e.ptr)
        self.emit("LOADH", e.span)

    def e_FieldGet(self, e: ir.FieldGet) -> None:
        self.expr(e.x)
        self.emit("FIELD", _struct_index(e.x.type, e.field), e.span)

    def e_FieldPtrGet(self, e: ir.FieldPtrGet) -> None:
        self.expr(e.ptr)
        self.emit("LOADF", _struct_index(e.ptr.type, e.field), e.span)

    def e_Index(self, e: ir.Index) -> None:
        self.expr(e.x)
        self.expr(e.index)
        if T.underlying(e.x.type) in (T.STRING, T.UNTYPED_STRING):
            self.emit("STRIDX", e.span)
        else:
            self.emit("SLIDX", e.span)

    def e_MapGet(self, e: ir.MapGet) -> None:
        self.expr(e.m)
        self.expr(e.key)
        vt = e.type.elems[0] if isinstance(e.type, T.Tuple) else e.type
        self.emit("MAPGET", e.comma_ok, zero_value(vt), e.span)

    def e_SliceExpr(self, e: ir.SliceExpr) -> None:
        self.expr(e.x)
        if e.lo is not None:
            self.expr(e.lo)
        if e.hi is not None:
            self.expr(e.hi)
        is_str = T.underlying(e.x.type) in (T.STRING, T.UNTYPED_STRING)
        self.emit("SLICE", e.lo is not None, e.hi is not None, is_str, e.span)

    def e_StructLit(self, e: ir.StructLit) -> None:
        u = T.underlying(e.type)
        if not isinstance(u, T.Struct):
            raise Unsupported("unsupported", f"struct literal of {e.type}", e.span)
        idxs = []
        for name, fe in e.fields:
            self.expr(fe)
            idxs.append(_struct_index(e.type, name))
        self.emit("MKSTRUCT", tuple(idxs), zero_value(e.type), e.span)

    def e_SliceLit(self, e: ir.SliceLit) -> None:
        for x in e.elems:
            self.expr(x)
        self.emit("MKSLICE", len(e.elems), _elem_is_byte(e.type), e.span)

    def e_New(self, e: ir.New) -> None:
        if e.init is not None:
            self.expr(e.init)
        else:
            elem = T.underlying(e.type)
            assert isinstance(elem, T.Pointer)
            self.emit("PUSH", zero_value(elem.elem), e.span)
        self.emit("ALLOC", e.span)

    def e_AddrOf(self, e: ir.AddrOf) -> None:
        self.emit("LOAD", self.slot(e.var.name), e.span)

    def e_Convert(self, e: ir.Convert) -> None:
        self.expr(e.x)
        src, dst = T.underlying(e.x.type), T.underlying(e.type)
        if T.is_integer(dst) and T.is_integer(src):
            self.emit("TRUNC", bits_of(dst), e.span)
        elif is_bytes_type(dst) and src in (T.STRING, T.UNTYPED_STRING):
            self.emit("STR2BYTES", e.span)
        elif dst == T.STRING and is_bytes_type(src):
            self.emit("BYTES2STR", e.span)
        # Otherwise a conversion between identical underlying types: nothing to do.

    def e_Call(self, e: ir.Call) -> None:
        nargs = self._call_args(e)
        if e.pkg == "":
            self.emit("CALL", e.qualified, nargs, e.span)
        elif e.pkg == "sync":
            if e.name == "NewCond":
                self.emit("NEWCOND", e.span)
            elif e.name == "Wait":
                self.emit("WAIT", e.span)
                self.emit("RELOCK", e.span)
            else:
                self.emit(e.name.upper(), e.span)
        else:
            self.emit("MCALL", e.pkg, e.name, nargs, e.span)
            if e.pkg == "filesys" and e.name == "List":
                self.emit("LISTEND", e.span)

    def e_Builtin(self, e: ir.Builtin) -> None:
        name = e.name
        if name == "make":
            for a in e.args:
                self.expr(a)
            mt = T.underlying(e.make_type or e.type)
            if isinstance(mt, T.Map):
                if e.args:
                    self.emit("POP", e.span)
                self.emit("MAKEMAP", e.span)
            else:
                assert isinstance(mt, T.Slice)
                self.emit("MAKESLICE", len(e.args) == 2, zero_value(mt.elem), _elem_is_byte(mt), e.span)
            return
        for a in e.args:
            self.expr(a)
        if name in ("len", "cap"):
            t = T.underlying(e.args[0].type)
            kind = "map" if isinstance(t, T.Map) else "str" if t in (T.STRING, T.UNTYPED_STRING) else "slice"
            self.emit("LEN" if name == "len" else "CAP", kind, e.span)
        elif name in ("append", "append..."):
            from goose.semantics.values import elem_size

            st = T.underlying(e.args[0].type)
            assert isinstance(st, T.Slice)
            spread = "str" if name == "append..." and T.underlying(e.args[1].type) == T.STRING else name == "append..."
            info = (len(e.args) - 1, spread, elem_size(st.elem), _elem_is_byte(st), zero_value(st.elem))
            self.emit("BULK_START", "append", info, e.span)
            self.emit("BULK_END", e.span)
        elif name == "copy":
            self.emit("BULK_START", "copy", None, e.span)
            self.emit("BULK_END", e.span)
        elif name == "delete":
            self.emit("LOC_MAP", e.span)
            self.emit("PUSH", _DELETE, e.span)
            self.emit("WSTART", e.span)
            self.emit("WEND", e.span)
        elif name == "clear":  # a write of the whole map, racing like any write of it
            self.emit("PUSH", None, e.span)
            self.emit("LOC_MAP", e.span)
            self.emit("PUSH", _CLEAR, e.span)
            self.emit("WSTART", e.span)
            self.emit("WEND", e.span)
        elif name == "panic":
            self.emit("PANIC", e.span)
        elif name in ("min", "max"):
            self.emit("MINMAX", name, len(e.args), e.span)
        else:
            raise Unsupported("unsupported", f"built-in {name}", e.span)


class _Delete:
    """The value a map 'write' of `delete` stores: remove the key."""

    def __repr__(self) -> str:
        return "<delete>"

    def __hash__(self) -> int:
        return 7

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Delete)


_DELETE = _Delete()
DELETE = _DELETE


class _Clear:
    """The value a map 'write' of `clear` (Goose's MapClear) stores: remove every key."""

    def __repr__(self) -> str:
        return "<clear>"

    def __hash__(self) -> int:
        return 8

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Clear)


_CLEAR = _Clear()
CLEAR = _CLEAR


def _kind(t: T.Type) -> str:
    u = T.underlying(t)
    if u in (T.STRING, T.UNTYPED_STRING):
        return "str"
    if T.is_integer(u):
        return "int"
    return "other"


def _elem_is_byte(t: T.Type) -> bool:
    return is_bytes_type(t)


def ir_walk(node: object):  # type: ignore[no-untyped-def]
    """Every IR node below node (statements and expressions)."""
    import dataclasses

    if isinstance(node, list):
        for x in node:
            yield from ir_walk(x)
        return
    if not dataclasses.is_dataclass(node) or isinstance(node, type):
        return
    yield node
    for f in dataclasses.fields(node):
        if f.name in ("span", "type", "annotations"):
            continue
        yield from ir_walk(getattr(node, f.name))


def boxed_names(fd: ir.FuncDecl) -> set[str]:
    """The variables of fd that live in heap cells (the lowering gives each a unique name)."""
    out = {p.name for p in ([fd.recv] if fd.recv else []) + list(fd.params) if p.boxed}
    for n in ir_walk(fd.body):
        if isinstance(n, ir.Var | ir.VarPlace) and n.boxed:
            out.add(n.name)
        elif isinstance(n, ir.AddrOf):
            out.add(n.var.name)
        elif isinstance(n, ir.Define):
            out.update(name for name, b in zip(n.names, n.boxed, strict=False) if b)
    return out


def compile_package(pkg: ir.Package) -> dict[str, Code]:
    """Compile every function of a package, keyed by qualified name."""
    out: dict[str, Code] = {}
    for name, fd in pkg.funcs.items():
        out[name] = FuncCompiler(pkg, fd).compile()
    return out
