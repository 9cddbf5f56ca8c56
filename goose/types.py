"""Types of the Goose subset.

Types are immutable values compared structurally, except named struct types, which are
compared by their qualified name (Go's named types are nominal).
"""

from __future__ import annotations

from dataclasses import dataclass, field


class Type:
    """Base of every Goose type."""

    def __str__(self) -> str:  # pragma: no cover - overridden
        return type(self).__name__


@dataclass(frozen=True)
class Basic(Type):
    """`uint64`, `uint32`, `byte`, `bool`, `string`, and the untyped constant kinds."""

    name: str

    def __str__(self) -> str:
        return self.name


UINT64 = Basic("uint64")
UINT32 = Basic("uint32")
BYTE = Basic("byte")
BOOL = Basic("bool")
STRING = Basic("string")
UNTYPED_INT = Basic("untyped int")
UNTYPED_BOOL = Basic("untyped bool")
UNTYPED_STRING = Basic("untyped string")
UNTYPED_NIL = Basic("untyped nil")

INTEGER_TYPES: dict[str, tuple[int, Basic]] = {
    "uint64": (64, UINT64),
    "uint32": (32, UINT32),
    "byte": (8, BYTE),
    "uint8": (8, BYTE),
}


def is_integer(t: Type) -> bool:
    return underlying(t) in (UINT64, UINT32, BYTE, UNTYPED_INT)


def int_bits(t: Type) -> int:
    """Width in bits of an integer type (untyped constants default to uint64)."""
    return {UINT64: 64, UINT32: 32, BYTE: 8, UNTYPED_INT: 64}[underlying(t)]  # type: ignore[index]


@dataclass(frozen=True)
class Pointer(Type):
    elem: Type

    def __str__(self) -> str:
        return f"*{self.elem}"


@dataclass(frozen=True)
class Slice(Type):
    elem: Type

    def __str__(self) -> str:
        return f"[]{self.elem}"


@dataclass(frozen=True)
class Map(Type):
    key: Type
    value: Type

    def __str__(self) -> str:
        return f"map[{self.key}]{self.value}"


@dataclass(frozen=True)
class Named(Type):
    """A named type: a struct declared in the package, or an opaque type of a trusted package.

    `pkg` is "" for the package being checked, else the import's short name (`sync`,
    `filesys`, ...). `underlying` is the struct, or None for opaque library types.
    """

    pkg: str
    name: str
    underlying: Type | None = field(default=None, compare=False, hash=False, repr=False)

    def __str__(self) -> str:
        return f"{self.pkg}.{self.name}" if self.pkg else self.name

    @property
    def qualified(self) -> str:
        return str(self)


@dataclass(frozen=True)
class Struct(Type):
    fields: tuple[tuple[str, Type], ...]

    def field_type(self, name: str) -> Type | None:
        for n, t in self.fields:
            if n == name:
                return t
        return None

    def __str__(self) -> str:
        return "struct{" + "; ".join(f"{n} {t}" for n, t in self.fields) + "}"


@dataclass(frozen=True)
class Tuple(Type):
    """The result of a call with several results (never a value on its own)."""

    elems: tuple[Type, ...]

    def __str__(self) -> str:
        return "(" + ", ".join(str(e) for e in self.elems) + ")"


VOID = Tuple(())


@dataclass(frozen=True)
class Func(Type):
    params: tuple[Type, ...]
    results: tuple[Type, ...]
    variadic: bool = False

    def __str__(self) -> str:
        ps = ", ".join(str(p) for p in self.params)
        rs = ", ".join(str(r) for r in self.results)
        if len(self.results) > 1:
            rs = f"({rs})"
        return f"func({ps}) {rs}".rstrip()

    @property
    def result(self) -> Type:
        if len(self.results) == 1:
            return self.results[0]
        return Tuple(self.results)


MUTEX = Named("sync", "Mutex")
COND = Named("sync", "Cond")


def default_type(t: Type) -> Type:
    """The type an untyped constant gets when it must have one."""
    return {UNTYPED_INT: UINT64, UNTYPED_BOOL: BOOL, UNTYPED_STRING: STRING}.get(t, t)


def underlying(t: Type) -> Type:
    if isinstance(t, Named) and t.underlying is not None:
        return t.underlying
    return t


def assignable(value: Type, target: Type) -> bool:
    """Go's assignability, restricted to the subset."""
    if value == target:
        return True
    if value == UNTYPED_INT:
        return is_integer(target)
    if value == UNTYPED_BOOL:
        return target == BOOL
    if value == UNTYPED_STRING:
        return underlying(target) == STRING
    if value == UNTYPED_NIL:
        return isinstance(underlying(target), Pointer | Slice | Map)
    return False


def is_defined_basic(t: Type) -> bool:
    """A named type of the program over a non-struct type (`type Inum uint64`)."""
    return isinstance(t, Named) and t.underlying is not None and not isinstance(t.underlying, Struct)


def erase(t: Type) -> Type:
    """The type with every named non-struct type replaced by its underlying type. The type
    checker keeps `type Inum uint64` distinct from uint64 (as Go does); the IR, which the
    semantics and the verifier read, has the same values under the underlying type."""
    if isinstance(t, Basic):
        return t
    if is_defined_basic(t):
        return erase(t.underlying)  # type: ignore[arg-type]
    if isinstance(t, Pointer):
        e = erase(t.elem)
        return t if e is t.elem else Pointer(e)
    if isinstance(t, Slice):
        e = erase(t.elem)
        return t if e is t.elem else Slice(e)
    if isinstance(t, Map):
        k, v = erase(t.key), erase(t.value)
        return t if k is t.key and v is t.value else Map(k, v)
    if isinstance(t, Tuple):
        es = tuple(erase(e) for e in t.elems)
        return t if all(a is b for a, b in zip(es, t.elems, strict=True)) else Tuple(es)
    if isinstance(t, Func):
        return Func(tuple(erase(e) for e in t.params), tuple(erase(e) for e in t.results))
    return t


def comparable(t: Type) -> bool:
    t = underlying(t)
    if isinstance(t, Slice | Map | Func | Tuple):
        return False
    if isinstance(t, Struct):
        return all(comparable(ft) for _, ft in t.fields)
    return True


def zero_value_repr(t: Type) -> str:
    """How the model printer writes the zero value of a type."""
    t2 = underlying(t)
    if is_integer(t2):
        return "0"
    if t2 == BOOL:
        return "false"
    if t2 == STRING:
        return '""'
    if isinstance(t2, Struct):
        return f"{t}{{}}"
    return "nil"
