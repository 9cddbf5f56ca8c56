"""Executing a spec, and the set of spec configurations a history allows.

A spec value is plain Python data: integers, bools, strings, `bytes` for byte slices and
blocks, tuples for structs (fields in declaration order, as the Go semantics keeps them),
and `FMap` (a frozen, hashable map) for map-typed state (its keys are the present ones:
`len` counts them, `has` asks). Maps
give the zero value of their value type for a missing key; the zero value of a byte-slice
type is the all-zero block when the harness's domains are blocks (a fresh disk reads as
zeros), and the empty byte string otherwise.

A *configuration* is a spec state plus the pending ops of the history so far; the checker
(`LinSet`) keeps every configuration the history allows: a pending op may linearize at any
moment between its call and its return (taking one spec step, possibly blocked by `require`
or branching on `choose`), must have linearized by its return with the result the code
returned, and may or may not have linearized when a crash cuts it off.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from armada_ls.logic import ast as A
from goose import types as T


class FMap(tuple):
    """A frozen map: a sorted tuple of (key, value) pairs."""

    @staticmethod
    def of(d: dict) -> FMap:
        return FMap(sorted(d.items(), key=lambda kv: repr(kv[0])))

    def get(self, k: Any, default: Any) -> Any:
        for kk, v in self:
            if kk == k:
                return v
        return default

    def set(self, k: Any, v: Any) -> FMap:
        d = dict(self)
        d[k] = v
        return FMap.of(d)

    def delete(self, k: Any) -> FMap:
        d = dict(self)
        d.pop(k, None)
        return FMap.of(d)


class SpecError(Exception):
    """The spec cannot be executed (an unsupported construct or a failed lookup)."""


@dataclass(frozen=True)
class Pending:
    tid: Any
    op: str
    args: tuple
    done: bool = False
    result: Any = None


Config = tuple  # (state: tuple of field values, pending: tuple[Pending, ...])


class SpecRunner:
    """Runs the ops and the crash step of one spec."""

    def __init__(self, spec: A.SpecDecl, consts: dict[str, Any], domains: dict[T.Type, list[Any]],
                 block_size: int | None) -> None:
        self.spec = spec
        self.consts = consts
        self.domains = domains
        self.block_size = block_size
        self.fields = [f.name for f in spec.state]
        self.field_types = {f.name: f.type for f in spec.state}
        self.ops = {o.name: o for o in spec.ops}
        self.internal = {o.name: o for o in spec.internal}
        # (state, op, args) -> the choose of a string or byte slice that found no domain
        # value satisfying its condition there (the op may still have other outcomes)
        self.starved: dict[tuple, str] = {}
        self.internal_starved: dict[tuple, str] = {}  # state -> the internal step it starved
        self._starved = ""

    # ------------------------------------------------------------ values

    def zero(self, t: T.Type | None) -> Any:
        u = T.underlying(t) if t is not None else None
        if u is None:
            return None
        if isinstance(u, T.Map):
            return FMap()
        if isinstance(u, T.Slice):
            if T.underlying(u.elem) == T.BYTE:
                return bytes(self.block_size) if self.block_size else b""
            return ()
        if isinstance(u, T.Struct):
            return tuple(self.zero(ft) for _, ft in u.fields)
        if u in (T.BOOL, T.UNTYPED_BOOL):
            return False
        if u in (T.STRING, T.UNTYPED_STRING):
            return ""
        if T.is_integer(u):
            return 0
        return None

    def initial(self) -> tuple:
        env = dict(zip(self.fields, (self.zero(self.field_types[f]) for f in self.fields), strict=True))
        for st in self.spec.init:
            outs = list(self._exec([st], env, {}))
            if not outs:
                raise SpecError("the spec's init is blocked")
            env, _ = outs[0]
        return tuple(env[f] for f in self.fields)

    # ------------------------------------------------------------ steps

    def step(self, state: tuple, op: str, args: tuple) -> list[tuple[tuple, Any]]:
        """Every (new state, result) the op can produce from state (empty: blocked)."""
        decl = self.ops[op]
        env = dict(zip(self.fields, state, strict=True))
        local = {name: a for (name, _), a in zip(decl.params, args, strict=True)}
        out = []
        self._starved = ""
        for env2, ret in self._exec(decl.body, env, local):
            out.append((tuple(env2[f] for f in self.fields), ret))
        if self._starved:
            self.starved[(state, op, args)] = self._starved
        return out

    def internal_steps(self, state: tuple) -> list[tuple]:
        """Every state one internal step of the spec (`internal Name(..) {..}`) leads to from
        state: any step, with any arguments (the domains, and for an integer the integers
        the state holds, map keys included), where its `require`s allow it. No client calls these; the spec
        may take them at any moment, so a history is allowed when some placement of them
        explains it (a crash keeps what a flush made durable)."""
        out: list[tuple] = []
        if not self.internal:
            return out
        env = dict(zip(self.fields, state, strict=True))
        held: set[int] = set()
        for v in state:
            _ints_in(v, held)
        for decl in self.internal.values():
            cands = []
            for _, t in decl.params:
                if T.is_integer(T.underlying(t)):
                    # the domain and the integers the state holds, not their neighbours as a
                    # choose takes: a step adding key k+1 would make k+2 one, for ever
                    vals = list(self.domains.get(t, []))
                    vals = vals + sorted(held - set(vals))
                else:
                    vals = self._choices(t, env, {})
                cands.append(vals)
            for args in itertools.product(*cands):
                local = {n: a for (n, _), a in zip(decl.params, args, strict=True)}
                self._starved = ""
                for env2, _ in self._exec(decl.body, env, local):
                    s2 = tuple(env2[f] for f in self.fields)
                    if s2 != state and s2 not in out:
                        out.append(s2)
                if self._starved:  # a step the domain kept the spec from taking here
                    self.internal_starved.setdefault(state, f"{decl.name}: {self._starved}")
        return out

    def crash(self, state: tuple) -> list[tuple]:
        env = dict(zip(self.fields, state, strict=True))
        return [tuple(e[f] for f in self.fields) for e, _ in self._exec(self.spec.crash, env, {})]

    def is_observer(self, op: str) -> bool:
        """The op changes no state (a read): the check phase calls these."""
        def writes(stmts: list[A.SpecStmt]) -> bool:
            for s in stmts:
                if isinstance(s, A.SAssign | A.SDelete):
                    return True
                if isinstance(s, A.SIf) and (writes(s.then) or writes(s.els)):
                    return True
            return False
        return not writes(self.ops[op].body)

    _RET = object()

    def _exec(self, stmts: list[A.SpecStmt], env: dict, local: dict) -> list[tuple[dict, Any]]:
        """Run statements; return the list of (env, returned value) outcomes."""
        results: list[tuple[dict, Any]] = []
        self._run(stmts, 0, dict(env), dict(local), results)
        return results

    def _run(self, stmts: list[A.SpecStmt], i: int, env: dict, local: dict, out: list) -> None:
        while i < len(stmts):
            s = stmts[i]
            i += 1
            if isinstance(s, A.SReturn):
                out.append((env, None if s.value is None else self.eval(s.value, env, local)))
                return
            if isinstance(s, A.SAssign):
                v = self.eval(s.value, env, local)
                self._assign(s.target, v, env, local)
            elif isinstance(s, A.SDelete):
                name = self._root(s.m)
                k = self.eval(s.key, env, local)
                env[name] = env[name].delete(k)
            elif isinstance(s, A.SRequire):
                if not self.eval(s.cond, env, local):
                    return
            elif isinstance(s, A.SIf):
                branch = s.then if self.eval(s.cond, env, local) else s.els
                rest = list(branch) + list(stmts[i:])
                self._run(rest, 0, env, local, out)
                return
            elif isinstance(s, A.SChoose):
                choices = self._choices(s.type, env, local, s.cond)
                if not choices:  # blocking here would be a false violation, not the spec's
                    raise SpecError(f"choose {s.name} {s.type}: the explorer has no values of "
                                    f"{s.type} to try; give it a domain in the explore block "
                                    f"(domain {s.type} = {{...}})")
                fits = []
                for v in choices:
                    l2 = dict(local)
                    l2[s.name] = v
                    if s.cond is None or self.eval(s.cond, env, l2):
                        fits.append(l2)
                if not fits and _unbounded(s.type):
                    # a string or byte slice outside the domain may fit: this blocking is
                    # the domain's, not the spec's (LinSet.ret says so if it decides)
                    self._starved = f"choose {s.name} {s.type}"
                for l2 in fits:
                    self._run(stmts, i, dict(env), l2, out)
                return
            else:
                raise SpecError(f"unsupported spec statement {type(s).__name__}")
        out.append((env, None))

    def _choices(self, t: Any, env: dict, local: dict, cond: A.LExpr | None = None) -> list[Any]:
        """The values a `choose` tries: its type's domain and, for an integer, the integers
        the spec state and the op's values hold and the constants its condition names (and
        their neighbours), so `d <= k && k <= n` can pick d, n and what lies between them,
        and `r <= N` picks N, without a domain line. Each is still filtered by the
        condition: more candidates only mean fewer false alarms."""
        dom = list(self.domains.get(t, []))
        u = T.underlying(t)
        if isinstance(u, T.Slice) and T.underlying(u.elem) != T.BYTE and not dom:
            return self._list_choices(u, env, local)
        if not T.is_integer(u):
            return dom
        seen: set[int] = set()
        for v in list(env.values()) + list(local.values()):
            _ints_in(v, seen)
        if cond is not None:
            from armada_ls.logic.resolve import walk

            seen |= {c for x in walk(cond) if isinstance(x, A.LName) and x.name not in local
                     and x.name not in env and isinstance(c := self.consts.get(x.name), int)
                     and not isinstance(c, bool)}
        extra = {x for v in seen for x in (v - 1, v, v + 1) if 0 <= x < 2**64}
        return dom + sorted(extra - set(dom))

    def _list_choices(self, t: T.Slice, env: dict, local: dict) -> list[Any]:
        """A list choose with no domain tries the empty list, the lists the state and the
        op's values hold (inside maps and lists too), each without its last element, and
        each with one more element (of the element type's candidates)."""
        held: set[tuple] = {()}
        for v in list(env.values()) + list(local.values()):
            _lists_in(v, held)
        elems = self._choices(t.elem, env, local)
        out = set(held)
        for lst in held:
            if lst:
                out.add(lst[:-1])
            out.update(lst + (x,) for x in elems)
        fit = [x for x in out if _fits(x, t)]
        return sorted(fit, key=lambda x: (len(x), repr(x)))[:_LIST_CHOICES]

    def _root(self, e: A.LExpr) -> str:
        if isinstance(e, A.LName):
            return e.name
        raise SpecError("assignment target must be a state field or an index into one")

    def _assign(self, target: A.LExpr, v: Any, env: dict, local: dict) -> None:
        """`target = v`: `m[k] = v` sets a key of m, `r.f = v` a field of r (a tuple), and
        both nest (`m[k].f = v`)."""
        if isinstance(target, A.LName):
            env[self._root(target)] = v
            return
        if isinstance(target, A.LIndex):
            m = self.eval(target.x, env, local)
            k = self.eval(target.index, env, local)
            self._assign(target.x, m.set(k, v), env, local)
            return
        if isinstance(target, A.LSelector):
            r = self.eval(target.x, env, local)
            i = _field_index(target.x.type, target.name)
            self._assign(target.x, r[:i] + (v,) + r[i + 1:], env, local)
            return
        raise SpecError("unsupported assignment target")

    # ------------------------------------------------------------ expressions

    def eval(self, e: A.LExpr, env: dict, local: dict) -> Any:
        if isinstance(e, A.LInt | A.LBool | A.LString):
            return e.value
        if isinstance(e, A.LName):
            if e.name in local:
                return local[e.name]
            if e.name in env:
                return env[e.name]
            if e.name in self.consts:
                return self.consts[e.name]
            if e.name == "nil":
                return None
            if "." in e.name:  # a machine-library constant, resolved (twodisk.BlockSize)
                from goose import machine_api as M

                pkg, _, n = e.name.partition(".")
                c = M.CONSTS.get(pkg, {}).get(n)
                if c is not None:
                    return c[1]
            raise SpecError(f"unknown name {e.name} in the spec")
        if isinstance(e, A.LSelector):
            if e.name in env and isinstance(e.x, A.LName) and e.x.name == self.spec.name:
                return env[e.name]
            if isinstance(e.x, A.LName):
                from goose import machine_api as M

                c = M.CONSTS.get(e.x.name, {}).get(e.name)
                if c is not None:
                    return c[1]
            x = self.eval(e.x, env, local)
            if isinstance(x, tuple) and not isinstance(x, FMap):
                return x[_field_index(e.x.type, e.name)]
            raise SpecError(f"field {e.name} of {x!r} in the spec")
        if isinstance(e, A.LList):
            return tuple(self.eval(x, env, local) for x in e.elems)
        if isinstance(e, A.LEmptyMap):
            return self.zero(e.type)
        if isinstance(e, A.LStruct):
            fields = _struct_fields(e.type)
            given = {n: self.eval(v, env, local) for n, _, v in e.fields}
            return tuple(given[n] if n in given else self.zero(ft) for n, ft in fields)
        if isinstance(e, A.LIndex):
            x = self.eval(e.x, env, local)
            k = self.eval(e.index, env, local)
            if isinstance(x, FMap):
                return x.get(k, self._zero_elem(e))
            if isinstance(x, bytes) and not 0 <= k < len(x):
                return 0  # past the end an annotation reads 0, as in the verifier (blocks.byte_in)
            if isinstance(x, tuple) and not 0 <= k < len(x):
                return self.zero(e.type)  # a list: some value there for the verifier
            return x[k]
        if isinstance(e, A.LSlice):
            x = self.eval(e.x, env, local)
            lo = self.eval(e.lo, env, local) if e.lo is not None else 0
            hi = self.eval(e.hi, env, local) if e.hi is not None else len(x)
            if isinstance(x, tuple):  # a list: clamped, as the verifier's (specvals.list_slice)
                return x[max(lo, 0):max(hi, 0)]
            if not 0 <= lo <= hi <= len(x):
                raise SpecError(f"slice [{lo}:{hi}] of {len(x)} bytes in the spec")
            return x[lo:hi]
        if isinstance(e, A.LUnary):
            x = self.eval(e.x, env, local)
            if e.op == "!":
                return not x
            if e.op == "^":
                return ~x & ((1 << 64) - 1)
            return -x
        if isinstance(e, A.LBinary):
            return self._binary(e, env, local)
        if isinstance(e, A.LCond):
            return self.eval(e.then if self.eval(e.cond, env, local) else e.els, env, local)
        if isinstance(e, A.LCall):
            args = [self.eval(a, env, local) for a in e.args]
            if e.ghost is not None:
                return self._ghost(e.ghost, args, env)
            if e.fn == "len":
                return len(args[0])
            if e.fn == "append" and isinstance(args[0], tuple):  # a list's value: a new tuple
                return args[0] + (tuple(args[1]) if e.spread else tuple(args[1:]))
            if e.fn == "has" and isinstance(args[0], FMap):
                return any(k == args[1] for k, _ in args[0])
            if e.fn == "block":
                size = args[1] if len(args) > 1 else (self.block_size or 4096)
                return bytes([args[0] & 0xFF]) * size
            if e.fn == "prims.UInt64Get" and isinstance(args[0], bytes | bytearray) and len(args[0]) >= 8:
                return int.from_bytes(bytes(args[0][:8]), "little")
            if e.fn in ("prims.UInt64Get", "enc.Get64"):  # bytes past the end are 0
                off = args[1] if len(args) > 1 else 0
                return int.from_bytes(bytes(args[0][off:off + 8]).ljust(8, b"\0"), "little")
            if e.fn == "enc.GetBytes":
                return bytes(args[0][args[1]:args[1] + args[2]]).ljust(args[2], b"\0")
            if e.fn in ("uint64", "uint32", "byte"):
                bits = {"uint64": 64, "uint32": 32, "byte": 8}[e.fn]
                return args[0] & ((1 << bits) - 1)
            raise SpecError(f"call of {e.fn} in the spec")
        if isinstance(e, A.LQuant):
            doms = [self.domains.get(t, []) for _, t in e.vars]
            names = [n for n, _ in e.vars]
            vals = (self.eval(e.body, env, {**local, **dict(zip(names, combo, strict=True))})
                    for combo in itertools.product(*doms))
            return all(vals) if e.kind == "forall" else any(vals)
        raise SpecError(f"unsupported expression {type(e).__name__} in the spec")

    def _ghost(self, g: A.GhostFunc, args: list[Any], env: dict) -> Any:
        """A ghost function's value: its body with the parameters bound (it reads no state).
        Its `decreases` is the verifier's to prove; here a recursion that does not end is
        reported, not run forever."""
        try:
            return self.eval(g.body, env, dict(zip([n for n, _ in g.params], args, strict=True)))
        except RecursionError:
            raise SpecError(f"ghost function {g.name} did not return (its recursion does not end "
                            "for these arguments)") from None

    def _zero_elem(self, e: A.LIndex) -> Any:
        return self.zero(e.type)

    def _binary(self, e: A.LBinary, env: dict, local: dict) -> Any:
        op = e.op
        if op == "&&":
            return bool(self.eval(e.x, env, local)) and bool(self.eval(e.y, env, local))
        if op == "||":
            return bool(self.eval(e.x, env, local)) or bool(self.eval(e.y, env, local))
        if op == "==>":
            return (not self.eval(e.x, env, local)) or bool(self.eval(e.y, env, local))
        x = self.eval(e.x, env, local)
        y = self.eval(e.y, env, local)
        m = (1 << 64) - 1
        ops = {
            "==": lambda: x == y, "!=": lambda: x != y, "<": lambda: x < y, "<=": lambda: x <= y,
            ">": lambda: x > y, ">=": lambda: x >= y, "+": lambda: x + y,
            # integers in annotations do not wrap (docs: `uint64(n + 1)` for Go's n + 1), as
            # in the verifier; the bit operators work on the uint64 bits, as there
            "-": lambda: x - y, "*": lambda: x * y, "/": lambda: x // y, "%": lambda: x % y,
            "&": lambda: x & y, "|": lambda: x | y, "^": lambda: x ^ y, "<<": lambda: (x << y) & m,
            ">>": lambda: x >> y, "&^": lambda: x & ~y,
        }
        if op not in ops:
            raise SpecError(f"operator {op} in the spec")
        return ops[op]()


_LIST_CHOICES = 256  # at most this many lists tried by one choose


def _fits(v: Any, t: T.Type | None) -> bool:
    """Whether spec value v has the shape of type t (a struct and a list are both tuples)."""
    u = T.underlying(t) if t is not None else None
    if isinstance(u, T.Map):
        return isinstance(v, FMap)
    if isinstance(u, T.Slice):
        if T.underlying(u.elem) == T.BYTE:
            return isinstance(v, bytes | bytearray)
        return isinstance(v, tuple) and not isinstance(v, FMap) and all(_fits(x, u.elem) for x in v)
    if isinstance(u, T.Struct):
        return isinstance(v, tuple) and not isinstance(v, FMap) and len(v) == len(u.fields) and all(
            _fits(x, ft) for x, (_, ft) in zip(v, u.fields, strict=True))
    if u in (T.BOOL, T.UNTYPED_BOOL):
        return isinstance(v, bool)
    if u in (T.STRING, T.UNTYPED_STRING):
        return isinstance(v, str)
    if u is not None and T.is_integer(u):
        return isinstance(v, int) and not isinstance(v, bool)
    return True


def _nested(v: Any, keys: bool) -> Iterator[Any]:
    """v and every value inside it: list and struct elements, map values (and, with keys,
    map keys)."""
    yield v
    if isinstance(v, FMap):
        for k, x in v:
            if keys:
                yield from _nested(k, keys)
            yield from _nested(x, keys)
    elif isinstance(v, tuple):
        for x in v:
            yield from _nested(x, keys)


def _lists_in(v: Any, out: set[tuple]) -> None:
    """The tuples (lists, and structs: `_fits` tells them apart) a spec value holds, itself
    included."""
    out.update(x for x in _nested(v, keys=False) if isinstance(x, tuple) and not isinstance(x, FMap))


def _unbounded(t: Any) -> bool:
    """A string or byte-slice type: infinitely many values, so a domain names only some."""
    u = T.underlying(t)
    return u in (T.STRING, T.UNTYPED_STRING) or (isinstance(u, T.Slice) and T.underlying(u.elem) == T.BYTE)


def _ints_in(v: Any, out: set[int]) -> None:
    """The integers a spec value holds, inside lists, structs and maps too (a fresh ID
    above every message's in a mailbox is the neighbour of one of them)."""
    out.update(x for x in _nested(v, keys=True) if isinstance(x, int) and not isinstance(x, bool))


def _struct_fields(t: T.Type | None) -> tuple[tuple[str, T.Type], ...]:
    u = T.underlying(t) if t is not None else None
    if not isinstance(u, T.Struct):
        raise SpecError(f"a field of a value of type {t} in the spec")
    return u.fields


def _field_index(t: T.Type | None, name: str) -> int:
    """Where field `name` is in a struct value (a tuple in field order, as Go's are at run
    time, so results compare directly)."""
    for i, (n, _) in enumerate(_struct_fields(t)):
        if n == name:
            return i
    raise SpecError(f"{t} has no field {name}")


class LinSet:
    """Operations on sets of configurations (frozensets of (state, pending) pairs)."""

    def __init__(self, runner: SpecRunner) -> None:
        self.r = runner
        self._step_cache: dict[tuple, list] = {}
        self._crash_cache: dict[frozenset, frozenset] = {}
        self._internal_cache: dict[tuple, list] = {}

    def _internal(self, state: tuple) -> list:
        out = self._internal_cache.get(state)
        if out is None:
            out = self._internal_cache[state] = self.r.internal_steps(state)
        return out

    def _step(self, state: tuple, op: str, args: tuple) -> list:
        k = (state, op, args)
        out = self._step_cache.get(k)
        if out is None:
            out = self.r.step(state, op, args)
            self._step_cache[k] = out
        return out

    def initial(self) -> frozenset:
        return self.closure(frozenset({(self.r.initial(), ())}))

    def closure(self, configs: frozenset) -> frozenset:
        """Every configuration reachable by pending ops linearizing and internal steps."""
        seen = set(configs)
        work = list(configs)
        while work:
            state, pending = work.pop()
            for s2 in self._internal(state):
                c = (s2, pending)
                if c not in seen:
                    seen.add(c)
                    work.append(c)
            for i, p in enumerate(pending):
                if p.done:
                    continue
                for s2, ret in self._step(state, p.op, p.args):
                    np = pending[:i] + (Pending(p.tid, p.op, p.args, True, ret),) + pending[i + 1:]
                    c = (s2, np)
                    if c not in seen:
                        seen.add(c)
                        work.append(c)
        return frozenset(seen)

    def call(self, configs: frozenset, tid: Any, op: str, args: tuple) -> frozenset:
        new = frozenset((s, tuple(sorted(pend + (Pending(tid, op, args),), key=lambda p: str(p.tid))))
                        for s, pend in configs)
        return self.closure(new)

    def ret(self, configs: frozenset, tid: Any, result: Any) -> frozenset:
        out = set()
        starved = ""
        for s, pend in configs:
            for i, p in enumerate(pend):
                if p.tid == tid:
                    if p.done and p.result == result:
                        out.add((s, pend[:i] + pend[i + 1:]))
                    elif not p.done:
                        starved = starved or self.r.starved.get((s, p.op, p.args), "")
                    break
            starved = starved or self.r.internal_starved.get(s, "")
        if not out and starved:  # a value outside the domain might have explained it
            raise SpecError(f"{starved}: no value of the domain satisfies its condition where "
                            "the spec must take a step, so the explorer cannot judge this history; "
                            "give the domain more values")
        return frozenset(out)

    def crash(self, configs: frozenset) -> frozenset:
        hit = self._crash_cache.get(configs)
        if hit is not None:
            return hit
        out = set()
        for s, _pend in configs:
            for s2 in self.r.crash(s):
                out.add((s2, ()))
        res = self.closure(frozenset(out))
        self._crash_cache[configs] = res
        return res

    def expected(self, configs: frozenset, tid: Any) -> list[Any]:
        """The results the spec allows for tid's pending op (for messages)."""
        res = []
        for _s, pend in configs:
            for p in pend:
                if p.tid == tid and p.done and p.result not in res:
                    res.append(p.result)
        return res
