"""The symbolic state of one path through a function.

Memory (`env`, `heap`, `owned`) belongs to the current generation; durable state (`durable`,
`flags`) survives crashes; ghost state (`spec`, `helping`, `gen`) is the proof's. Resources
are explicit lists: `owned` (points-to permissions), `leases` (recovery leases on durable
locations) and `held` (locks this thread holds, with what their invariants granted).
A state is copied when a path forks; everything in it is an immutable Z3 term or a list.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

import z3

from goose import ir

from .smt import NIL


@dataclass
class SliceV:
    """A slice value: the heap address of its backing array, its length, and where it
    starts in the array (sub-slices share the array)."""

    base: z3.ArithRef
    len: z3.ArithRef
    off: Any = 0  # a Z3 integer, or 0


@dataclass
class StructV:
    """A struct value held in a local."""

    fields: dict[str, Any]


Val = Any  # a Z3 term, SliceV, StructV or a tuple of them


@dataclass
class Perm:
    """Ownership of heap location `ptr`.`field` ("*": the whole cell or struct, "[]": the
    elements of a slice's backing array)."""

    ptr: z3.ArithRef
    field: str
    # "map": `ptr` is a map and this is its entries ("*"), nothing else stored at `ptr`
    # (forgetting them at Lock must not touch a struct's fields at the same term)
    contents: str = ""

    def __str__(self) -> str:
        return f"acc({self.ptr}.{self.field})" if self.field not in ("*", "[]") else f"acc({self.ptr})"


@dataclass
class Lease:
    """Recovery leases on `array`, for generation `gen`: on `array[index]` when `cond`
    holds, or, when `var` is set, on every `array[var]` whose `cond` (over `var`) holds
    (a quantified lease: `forall a :: G(a) ==> lease(D[a])` is one set). `leases.py` does
    the set algebra."""

    array: str
    index: z3.ExprRef
    cond: z3.BoolRef
    gen: z3.ArithRef
    var: z3.ExprRef | None = None

    def __str__(self) -> str:
        c = "" if z3.is_true(z3.simplify(self.cond)) else f" if {self.cond}"
        if self.array.startswith("spec:"):  # spec state owned (ownspec.py)
            name = self.array[len("spec:"):]
            if self.var is not None:
                return f"acc({name}[{self.var}]) for every {self.var}{c}"
            return f"acc({name}){c}" if z3.is_int_value(self.index) else f"acc({name}[{self.index}]){c}"
        array = self.array
        if array.startswith("fs:"):  # an entry of a directory (fsleases.py)
            array = f'filesys.Dirs["{array[3:]}"]'
        elif array == "fs-del":  # a lower-bound lease: the right to delete from a directory
            at = self.var if self.var is not None else self.index
            return f"lease(filesys.Dirs[{at}], >= ..)" + (f" for every {self.var}" if self.var is not None else "") + c
        if self.var is not None:
            return f"lease({array}[{self.var}]) for every {self.var}{c}"
        return f"lease({array}[{self.index}]){c}"


@dataclass
class Held:
    """A lock this thread holds: which lock family (`key`), its instance and parameters,
    and the resources its invariant granted (given back at Unlock)."""

    key: str
    inst: z3.ExprRef | None
    params: list[z3.ExprRef]
    leases: list[Lease]
    perms: list[Perm]
    span: ir.Span

    def __str__(self) -> str:
        ps = ", ".join(str(p) for p in self.params)
        return f"{self.key}[{ps}]" if ps else self.key


@dataclass
class State:
    env: dict[str, Val] = field(default_factory=dict)
    types: dict[str, Any] = field(default_factory=dict)  # local name -> goose type
    boxed: set[str] = field(default_factory=set)  # locals that live in a heap cell
    heap: dict[str, z3.ArrayRef] = field(default_factory=dict)
    owned: list[Perm] = field(default_factory=list)
    durable: dict[str, z3.ArrayRef] = field(default_factory=dict)
    flags: dict[str, z3.BoolRef] = field(default_factory=dict)
    spec: dict[str, z3.ExprRef] = field(default_factory=dict)
    helping: dict[str, z3.ArrayRef] = field(default_factory=dict)
    gen: z3.ArithRef | None = None
    # recovery or init started a goroutine on this path: other threads run from now on
    others: bool = False
    leases: list[Lease] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    path: list[z3.BoolRef] = field(default_factory=list)
    path_text: list[str] = field(default_factory=list)
    # refinement bookkeeping of an `implements` function on this path
    lin: int = 0
    # calls of `linearizes` helpers on this path: each took the op's step under its condition
    lin_if: tuple[z3.BoolRef, ...] = ()
    spec_ret: z3.ExprRef | None = None
    own_tokens: list[tuple[str, list[z3.ExprRef]]] = field(default_factory=list)
    # per op handed over at run time (tokens.py): its slot was seen empty since the hand-over
    helped_done: dict[str, z3.BoolRef] = field(default_factory=dict)
    defers: list[tuple[ir.Call, dict[str, Any]]] = field(default_factory=list)
    trail: list[tuple[str, Any, Any]] = field(default_factory=list)  # durable writes so far
    entry: State | None = None  # the state at function entry, for old() and spec args
    all_ptrs: list[z3.ArithRef] = field(default_factory=list)  # every pointer seen
    # heap arrays not yet in `heap` are named by this epoch: paths forked in one epoch share
    # them (so old() sees the entry heap); an event that may change any heap location
    # starts a new epoch
    epoch: str = "0"
    # struct fields ("S.f") that no statement writes (set only where the struct is built):
    # their heap arrays are one in every epoch, so a value read before a Lock or a call is
    # the value read after it (a lock named in a contract at entry is the one at return)
    stable: frozenset[str] = frozenset()
    frozen_bases: list[z3.ArithRef] = field(default_factory=list)  # frozen arrays read (frozen.py)
    # constant directories whose names are leased one by one (fsleases.py): a lower-bound
    # lease never keeps their names
    entry_dirs: tuple[str, ...] = ()
    # arrays known to be two (one owner each: locks.inhale), simplified; a fact on the path
    # too, but the solver may not answer in time next to quantified facts
    apart: list[tuple[z3.ArithRef, z3.ArithRef]] = field(default_factory=list)
    iterating: list[z3.ArithRef] = field(default_factory=list)  # maps being ranged over
    # struct name -> the instances built with their locks' resources (construction checked
    # the lock families and handed over their leases); only those may be locked
    minted: dict[str, z3.ArrayRef] = field(default_factory=dict)
    # local variable -> the lock it aliases: (family key, instance, parameters), or None
    # for a mutex known to carry no invariant (`mu := new(sync.Mutex)`, a plain field)
    mutex_alias: dict[str, Any] = field(default_factory=dict)
    # ids of facts put on this path once (blocks' reads, pure unfoldings), and of the number
    # names numstr.py described (their facts are on it)
    byte_facts: frozenset[int] = frozenset()
    # uint64s read from unknown blocks whose link to their bytes is not on the path yet
    # by term id (blocks.word_read; never changed in place: forks share it), or None once the path reads single bytes and every link is on it
    words: dict[int, Any] | None = field(default_factory=dict)
    # crash_model host (durability.py): this thread's disk writes since its last barrier,
    # as (block, value, the value it overwrote, "line N: text"), and whether a crashed
    # generation's writes may still be pending (recovery before its first barrier)
    pending: list[tuple[Any, Any, Any, str]] = field(default_factory=list)
    pending_unknown: bool = False
    crash_done: bool = False  # recovery took the spec's crash step (`crash_step`)
    fs: Any = None  # the file system's per-path bookkeeping (filesys.FsPath: descriptors, ...)

    def fork(self) -> State:
        s = copy.copy(self)
        for name in ("env", "types", "heap", "durable", "flags", "spec", "helping", "minted",
                     "mutex_alias", "helped_done"):
            setattr(s, name, dict(getattr(self, name)))
        s.boxed = set(self.boxed)
        for name in ("owned", "leases", "held", "path", "path_text", "own_tokens", "defers",
                     "trail", "all_ptrs", "iterating", "pending", "frozen_bases", "apart"):
            setattr(s, name, list(getattr(self, name)))
        return s

    def assume(self, cond: z3.BoolRef, text: str = "") -> None:
        self.path.append(cond)
        if text:
            self.path_text.append(text)

    def keep_apart(self, a: z3.ArithRef, b: z3.ArithRef, text: str,
                   cond: z3.BoolRef | None = None) -> None:
        """Memory has one owner: the objects at a and b (when `cond`) are two, unless one is
        nil (an array of no elements is nobody's). Unconditional pairs are remembered in
        `apart` too, for `exprs.may_equal`'s fast answer."""
        both = z3.And(a != NIL, b != NIL) if cond is None else z3.And(cond, a != NIL, b != NIL)
        self.assume(z3.Implies(both, a != b), text)
        if cond is None:
            self.apart.append((z3.simplify(a), z3.simplify(b)))
