"""The step machine: runs compiled Goose code one visible step at a time.

A *step* of a thread executes its next visible instruction (a heap write's start or end, a
lock operation, a machine-library call, ...) and then every invisible instruction after it
(local computation, heap reads, allocation, calls of package functions) up to the next
visible one. Heap reads are checked against writes in progress, so a read that falls
between another goroutine's write start and end is a data race, as in the paper's model;
since reads run right after the preceding visible step, the explorer still sees every
position of a read relative to other threads' writes.

`step` returns the new state and the step's footprint: the resources it read and wrote,
which the explorer uses to decide which steps commute.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from goose.ir import NO_SPAN, Span
from goose.semantics import devices as D
from goose.semantics import errors as E
from goose.semantics.compile import CLEAR, DELETE, Code
from goose.semantics.state import Frame, State, Thread, Tid
from goose.semantics.values import MASKS, NIL_SLICE, Addr, Held, MapRef, Ptr, SliceV, grow_cap

_MISSING = object()


@dataclass
class Action:
    """What a thread would do next: enabled or blocked, how many outcomes, where."""

    tid: Tid
    enabled: bool
    nchoices: int
    op: str
    span: Span
    file: str
    func: str


class Footprint:
    __slots__ = ("reads", "writes")

    def __init__(self) -> None:
        self.reads: set = set()
        self.writes: set = set()


def _prefix(a: tuple, b: tuple) -> bool:
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _set_path(v: Any, path: tuple, new: Any) -> Any:
    if not path:
        return new
    i = path[0]
    lst = list(v)
    lst[i] = _set_path(v[i], path[1:], new)
    return tuple(lst)


def _get_path(v: Any, path: tuple) -> Any:
    for i in path:
        v = v[i]
    return v


def encode(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def decode(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


class Machine:
    """Compiled code plus the rules for stepping a `State`."""

    def __init__(self, codes: dict[str, Code]) -> None:
        self.codes = codes
        self.fp = Footprint()
        self.step_limit = 2_000_000  # instructions in one step before giving up
        self._handlers = {name[2:]: getattr(self, name) for name in dir(self) if name.startswith("i_")}

    # ------------------------------------------------------------ threads

    def start_thread(self, st: State, tid: Tid, func: str, args: list[Any]) -> State:
        """A new state where thread `tid` runs `func(args)` (positioned at its first step).

        A finished thread of the same id is reused (its allocation counter keeps counting);
        `bytes` arguments become fresh byte slices allocated by the thread."""
        st = st.copy()
        old = st.threads.get(tid)
        if old is not None:
            th = old.clone()
        else:  # a fresh thread must not reuse the addresses of live objects it allocated before
            th = Thread(tid)
            th.nalloc = max((a[1] for d in (st.heap, st.arrays, st.maps) for a in d if a[0] == tid), default=0)
        th.done = False
        th.result = None
        self.fp = Footprint()
        conv = [self.new_array(st, th, a, True) if isinstance(a, bytes) else a for a in args]
        th.frames.append(Frame(self.codes[func], conv))
        st.w_threads()[tid] = th
        self._run(st, th, 0, first=False)
        return st

    def collect(self, st: State, roots: list[Any]) -> None:
        """Drop heap objects that no thread and no root reaches (in place)."""
        live: set = set()
        work: list[Any] = list(roots)
        for th in st.threads.values():
            work.append(th.result)
            for f in th.frames:
                work.extend(f.locals)
                work.extend(f.stack)
                work.append(f.ret)
                work.append(f.defers)
        heap, arrays, maps = st.heap, st.arrays, st.maps
        while work:
            v = work.pop()
            if isinstance(v, Ptr):
                if v.addr not in live:
                    live.add(v.addr)
                    work.append(heap.get(v.addr))
            elif isinstance(v, SliceV):
                if v.arr is not None and v.arr not in live:
                    live.add(v.arr)
                    arr = arrays[v.arr]
                    if not isinstance(arr, bytes):
                        work.extend(arr)
            elif isinstance(v, MapRef):
                if v.addr not in live:
                    live.add(v.addr)
                    work.extend(maps[v.addr].items())
            elif isinstance(v, tuple) and not isinstance(v, bytes):
                work.extend(v)
        for a in st.writing:
            live.add(a[1])
        if any(a not in live for d in (heap, arrays, maps) for a in d):
            for name in ("heap", "arrays", "maps"):
                d = st.writable(name)
                for a in [a for a in d if a not in live]:
                    del d[a]

    def to_plain(self, st: State, v: Any) -> Any:
        """A value with its heap contents read out: byte slices as bytes, other slices as
        tuples, maps as sorted tuples of items (for comparing with spec values)."""
        if isinstance(v, SliceV):
            if v.arr is None:
                return b"" if False else ()
            arr = st.arrays[v.arr]
            part = arr[v.off:v.off + v.len]
            return part if isinstance(part, bytes) else tuple(self.to_plain(st, x) for x in part)
        if isinstance(v, MapRef):
            return tuple(sorted((k, self.to_plain(st, x)) for k, x in st.maps[v.addr].items()))
        return v

    def action(self, st: State, tid: Tid) -> Action | None:
        """The next step of thread tid, or None if it has finished."""
        th = st.threads[tid]
        if th.done or not th.frames:
            return None
        f = th.frames[-1]
        ins = f.code.instrs[f.pc]
        op = ins[0]
        enabled, n = True, 1
        if op == "LOCK":
            enabled = st.heap.get(f.stack[-1].addr, None) is None if f.stack[-1] is not None else True
        elif op == "RELOCK":
            cptr = f.stack[-1]
            mptr, waiters = st.heap[cptr.addr]
            enabled = tid not in waiters and st.heap.get(mptr.addr) is None
        elif op == "MCALL":
            n = D.nchoices(st.dev, ins[1], ins[2])
        elif op == "LISTEND":
            n = D.list_choices(st.dev, tid)
        elif op == "ITER_NEXT":
            it = f.locals[ins[1]]
            n = max(1, len(it[1]))
        return Action(tid, enabled, n, op, ins[-1], f.code.file, f.code.name)

    def step(self, st: State, tid: Tid, choice: int = 0) -> tuple[State, Footprint]:
        """Run one step of thread tid; raise ExecError on undefined behaviour or a panic."""
        st = st.copy()
        th = st.threads[tid].clone()
        st.w_threads()[tid] = th
        self.fp = Footprint()
        self._run(st, th, choice, first=True)
        return st, self.fp

    def _run(self, st: State, th: Thread, choice: int, first: bool) -> None:
        handlers = self._handlers
        budget = self.step_limit
        while th.frames:
            budget -= 1
            if budget < 0:
                f = th.frames[-1]
                raise E.ExecError("no-progress", f"goroutine {th.tid} ran {self.step_limit} instructions without "
                                  "a visible step (an endless loop?)", f.code.instrs[f.pc][-1], f.code.file)
            f = th.frames[-1]
            pc = f.pc
            code = f.code
            if not first and (code.visible[pc] or (code.instrs[pc][0] == "RET" and f.defers)):
                return
            ins = code.instrs[pc]
            f.pc = pc + 1
            try:
                handlers[ins[0]](st, th, f, ins, choice if first else 0)
            except E.ExecError as e:
                if e.span == NO_SPAN:
                    e.span = ins[-1]
                    e.file = code.file
                if not e.file:
                    e.file = code.file
                f.pc = pc
                raise
            first = False
        th.done = True

    # ------------------------------------------------------------ heap

    def alloc_id(self, th: Thread) -> tuple:
        th.nalloc += 1
        return Addr(th.tid, th.nalloc)

    def _check_read(self, st: State, tid: Tid, kind: str, addr: tuple, idx: Any, path: tuple = ()) -> None:
        if st.writing:
            for (k, a, i, p), w in st.writing.items():
                if a == addr and k == kind and w != tid and (kind == "m" or i == idx) and _prefix(p, path):
                    raise E.UndefinedBehavior(
                        E.UB_RACE, f"data race: a read overlaps a write in progress by goroutine {w}")

    def _check_read_range(self, st: State, tid: Tid, addr: tuple, lo: int, hi: int) -> None:
        if st.writing:
            for (k, a, i, _p), w in st.writing.items():
                if k == "a" and a == addr and w != tid and lo <= i < hi:
                    raise E.UndefinedBehavior(
                        E.UB_RACE, f"data race: a read overlaps a write in progress by goroutine {w}")

    def read_bytes(self, st: State, tid: Tid, s: SliceV) -> bytes:
        if s.arr is None:
            return b""
        self._check_read_range(st, tid, s.arr, s.off, s.off + s.len)
        self.fp.reads.add(("a", s.arr))
        arr = st.arrays[s.arr]
        if isinstance(arr, bytes):
            return arr[s.off:s.off + s.len]
        return bytes(arr[s.off:s.off + s.len])

    def read_elems(self, st: State, tid: Tid, s: SliceV) -> list[Any]:
        if s.arr is None:
            return []
        self._check_read_range(st, tid, s.arr, s.off, s.off + s.len)
        self.fp.reads.add(("a", s.arr))
        return list(st.arrays[s.arr][s.off:s.off + s.len])

    def new_array(self, st: State, th: Thread, elems: list[Any] | bytes, is_bytes: bool, cap: int | None = None, zero: Any = 0) -> SliceV:
        n = len(elems)
        cap = n if cap is None else cap
        if n == 0 and cap == 0:
            a = self.alloc_id(th)
            st.w_arrays()[a] = b"" if is_bytes else ()
            return SliceV(a, 0, 0, 0)
        a = self.alloc_id(th)
        if is_bytes:
            st.w_arrays()[a] = bytes(elems) + bytes(cap - n)
        else:
            st.w_arrays()[a] = tuple(elems) + (zero,) * (cap - n)
        return SliceV(a, 0, n, cap)

    def new_string_slice(self, st: State, th: Thread, names: list[str]) -> SliceV:
        if not names:
            return NIL_SLICE
        return self.new_array(st, th, list(names), False)

    def _loc_key(self, loc: tuple) -> tuple:
        kind, addr, idx, path = loc
        return (kind, addr, None if kind == "m" else idx, path)

    def _res(self, loc: tuple) -> tuple:
        kind, addr, idx, _ = loc
        if kind == "a":
            return ("a", addr)
        return (kind, addr)

    def read_loc(self, st: State, tid: Tid, loc: tuple) -> Any:
        kind, addr, idx, path = loc
        self._check_read(st, tid, kind, addr, idx, path)
        self.fp.reads.add(self._res(loc))
        if kind == "h":
            return _get_path(st.heap[addr], path)
        if kind == "a":
            return _get_path(st.arrays[addr][idx], path)
        raise E.Unsupported("unsupported", "op-assign to a map entry")

    # ------------------------------------------------------------ simple instructions

    def i_PUSH(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.append(ins[1])

    def i_POP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.pop()

    def i_DUP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.append(f.stack[-1])

    def i_SWAP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        s = f.stack
        s[-1], s[-2] = s[-2], s[-1]

    def i_LOAD(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.append(f.locals[ins[1]])

    def i_STORE(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.locals[ins[1]] = f.stack.pop()

    def i_JMP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.pc = ins[1]

    def i_JMPF(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        if not f.stack.pop():
            f.pc = ins[1]

    def i_JMPT(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        if f.stack.pop():
            f.pc = ins[1]

    def i_FIELD(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.append(f.stack.pop()[ins[1]])

    def i_SETFIELD(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        v = f.stack.pop()
        s = f.stack.pop()
        f.stack.append(_set_path(s, ins[1], v))

    def i_MKTUPLE(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        n = ins[1]
        vals = tuple(f.stack[-n:])
        del f.stack[-n:]
        f.stack.append(vals)

    def i_UNPACK(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.extend(f.stack.pop())

    def i_MKSTRUCT(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        idxs, zero = ins[1], ins[2]
        vals = list(zero)
        n = len(idxs)
        if n:
            given = f.stack[-n:]
            del f.stack[-n:]
            for i, v in zip(idxs, given, strict=True):
                vals[i] = v
        f.stack.append(tuple(vals))

    def i_UNOP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        op, bits = ins[1], ins[2]
        x = f.stack.pop()
        if op == "!":
            f.stack.append(not x)
        elif op == "^":
            f.stack.append(~x & MASKS[bits])
        elif op == "-":
            f.stack.append(-x & MASKS[bits])
        else:
            raise E.Unsupported("unsupported", f"unary {op}")

    def i_BINOP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        op, bits, kind = ins[1], ins[2], ins[3]
        y = f.stack.pop()
        x = f.stack.pop()
        f.stack.append(binop(op, bits, kind, x, y))

    def i_TRUNC(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.append(f.stack.pop() & MASKS[ins[1]])

    def i_MINMAX(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        n = ins[2]
        vals = f.stack[-n:]
        del f.stack[-n:]
        f.stack.append(min(vals) if ins[1] == "min" else max(vals))

    def i_PANIC(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        v = f.stack.pop()
        raise E.GoPanic("panic", str(v).lower() if isinstance(v, bool) else str(v))

    # ------------------------------------------------------------ heap reads (invisible)

    def i_ALLOC(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        a = self.alloc_id(th)
        st.w_heap()[a] = f.stack.pop()
        f.stack.append(Ptr(a))

    def i_LOADH(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        p = f.stack.pop()
        if p is None:
            raise E.UndefinedBehavior(E.UB_NIL, "runtime error: invalid memory address or nil pointer dereference")
        self._check_read(st, th.tid, "h", p.addr, None)
        self.fp.reads.add(("h", p.addr))
        f.stack.append(st.heap[p.addr])

    def i_LOADF(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        p = f.stack.pop()
        if p is None:
            raise E.UndefinedBehavior(E.UB_NIL, "runtime error: invalid memory address or nil pointer dereference")
        self._check_read(st, th.tid, "h", p.addr, None, (ins[1],))
        self.fp.reads.add(("h", p.addr))
        f.stack.append(st.heap[p.addr][ins[1]])

    def i_SLIDX(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        i = f.stack.pop()
        s = f.stack.pop()
        if i >= s.len:
            raise E.UndefinedBehavior(E.UB_OOB, f"runtime error: index out of range [{i}] with length {s.len}")
        self._check_read(st, th.tid, "a", s.arr, s.off + i)
        self.fp.reads.add(("a", s.arr))
        f.stack.append(st.arrays[s.arr][s.off + i])

    def i_STRIDX(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        i = f.stack.pop()
        b = encode(f.stack.pop())
        if i >= len(b):
            raise E.UndefinedBehavior(E.UB_OOB, f"runtime error: index out of range [{i}] with length {len(b)}")
        f.stack.append(b[i])

    def i_MAPGET(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        k = f.stack.pop()
        m = f.stack.pop()
        ok, zero = ins[1], ins[2]
        v: Any = _MISSING
        if m is not None:
            self._check_read(st, th.tid, "m", m.addr, None)
            self.fp.reads.add(("m", m.addr))
            v = st.maps[m.addr].get(k, _MISSING)
        if ok:
            f.stack.append((zero, False) if v is _MISSING else (v, True))
        else:
            f.stack.append(zero if v is _MISSING else v)

    def i_SLICE(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        has_lo, has_hi, is_str = ins[1], ins[2], ins[3]
        hi = f.stack.pop() if has_hi else None
        lo = f.stack.pop() if has_lo else 0
        x = f.stack.pop()
        if is_str:
            b = encode(x)
            h = len(b) if hi is None else hi
            if not lo <= h <= len(b):
                raise E.UndefinedBehavior(E.UB_OOB, f"runtime error: slice bounds out of range [{lo}:{h}] with length {len(b)}")
            f.stack.append(decode(b[lo:h]))
            return
        h = x.len if hi is None else hi
        if h > x.cap:
            raise E.UndefinedBehavior(E.UB_OOB, f"runtime error: slice bounds out of range [:{h}] with capacity {x.cap}")
        if lo > h:
            raise E.UndefinedBehavior(E.UB_OOB, f"runtime error: slice bounds out of range [{lo}:{h}]")
        if x.arr is None:
            f.stack.append(NIL_SLICE)
            return
        f.stack.append(SliceV(x.arr, x.off + lo, h - lo, x.cap - lo))

    def i_MKSLICE(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        n = ins[1]
        vals = f.stack[-n:] if n else []
        if n:
            del f.stack[-n:]
        f.stack.append(self.new_array(st, th, vals, ins[2]))

    def i_MAKESLICE(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        has_cap, zero, is_bytes = ins[1], ins[2], ins[3]
        cap = f.stack.pop() if has_cap else None
        n = f.stack.pop()
        if cap is None:
            cap = n
        if n > cap:
            raise E.GoPanic("panic", "runtime error: makeslice: cap out of range")
        if n > 1 << 24:
            raise E.GoPanic("panic", "runtime error: makeslice: len out of range")
        elems: Any = bytes(n) if is_bytes else [zero] * n
        f.stack.append(self.new_array(st, th, elems, is_bytes, cap, zero))

    def i_MAKEMAP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        a = self.alloc_id(th)
        st.w_maps()[a] = {}
        f.stack.append(MapRef(a))

    def i_LEN(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        x = f.stack.pop()
        kind = ins[1]
        if kind == "slice":
            f.stack.append(x.len)
        elif kind == "str":
            f.stack.append(len(encode(x)))
        else:
            if x is None:
                f.stack.append(0)
                return
            self._check_read(st, th.tid, "m", x.addr, None)
            self.fp.reads.add(("m", x.addr))
            f.stack.append(len(st.maps[x.addr]))

    def i_CAP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.append(f.stack.pop().cap)

    def i_STR2BYTES(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        b = encode(f.stack.pop())
        f.stack.append(self.new_array(st, th, b, True) if b else self.new_array(st, th, b, True))

    def i_BYTES2STR(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.append(decode(self.read_bytes(st, th.tid, f.stack.pop())))

    def i_NEWCOND(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        m = f.stack.pop()
        a = self.alloc_id(th)
        st.w_heap()[a] = (m, ())
        f.stack.append(Ptr(a))

    # ------------------------------------------------------------ places

    def i_LOC_PTR(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        p = f.stack.pop()
        if p is None:
            raise E.UndefinedBehavior(E.UB_NIL, "runtime error: invalid memory address or nil pointer dereference")
        f.stack.append(("h", p.addr, None, ()))

    def i_LOC_FIELD(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        k, a, i, p = f.stack.pop()
        f.stack.append((k, a, i, p + (ins[1],)))

    def i_LOC_IDX(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        i = f.stack.pop()
        s = f.stack.pop()
        if i >= s.len:
            raise E.UndefinedBehavior(E.UB_OOB, f"runtime error: index out of range [{i}] with length {s.len}")
        f.stack.append(("a", s.arr, s.off + i, ()))

    def i_LOC_MAP(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        k = f.stack.pop()
        m = f.stack.pop()
        f.stack.append(("m", None if m is None else m.addr, k, ()))

    def i_LOADLOC(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.append(self.read_loc(st, th.tid, f.stack.pop()))

    # ------------------------------------------------------------ writes (visible)

    def _check_write(self, st: State, tid: Tid, loc: tuple) -> None:
        kind, addr, idx, path = loc
        if kind == "m":
            its = st.iters.get(addr)
            if its:
                raise E.UndefinedBehavior(E.UB_MAP_ITER, "map written while a range over it is in progress"
                                          + ("" if tid in its else f" (by goroutine {its[0]})"))
        for (k, a, i, p), w in st.writing.items():
            if a == addr and k == kind and (kind == "m" or i == idx) and _prefix(p, path):
                raise E.UndefinedBehavior(E.UB_RACE, f"data race: a write overlaps a write in progress by goroutine {w}")
        if kind == "m":
            return
        # A write also races with nothing else here: reads check `writing` themselves.

    def i_WSTART(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        loc = f.stack[-2]
        v = f.stack[-1]
        if loc[0] == "m" and loc[1] is None:
            if v is DELETE or v is CLEAR:
                return  # delete or clear on a nil map does nothing
            raise E.GoPanic("panic", "assignment to entry in nil map")
        self._check_write(st, th.tid, loc)
        st.w_writing()[self._loc_key(loc)] = th.tid
        self.fp.writes.add(self._res(loc))

    def i_WEND(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        v = f.stack.pop()
        loc = f.stack.pop()
        kind, addr, idx, path = loc
        if kind == "m" and addr is None:
            return
        st.w_writing().pop(self._loc_key(loc), None)
        self.fp.writes.add(self._res(loc))
        if kind == "h":
            st.w_heap()[addr] = _set_path(st.heap[addr], path, v)
        elif kind == "a":
            arr = st.arrays[addr]
            if isinstance(arr, bytes):
                st.w_arrays()[addr] = arr[:idx] + bytes((v,)) + arr[idx + 1:]
            else:
                st.w_arrays()[addr] = arr[:idx] + (_set_path(arr[idx], path, v),) + arr[idx + 1:]
        else:
            m = dict(st.maps[addr])
            if v is CLEAR:
                m = {}
            elif v is DELETE:
                m.pop(idx, None)
            else:
                m[idx] = v
            st.w_maps()[addr] = m

    def i_BULK_START(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        kind, info = ins[1], ins[2]
        tid = th.tid
        if kind == "append":
            nvals, spread, esize, is_bytes, zero = info
            if spread == "str":
                vals: list[Any] | bytes = encode(f.stack.pop())
            elif spread:
                src = f.stack.pop()
                vals = self.read_bytes(st, tid, src) if is_bytes else self.read_elems(st, tid, src)
            else:
                vals = f.stack[-nvals:] if nvals else []
                if nvals:
                    del f.stack[-nvals:]
            s = f.stack.pop()
            k = len(vals)
            new_len = s.len + k
            if k == 0:
                f.stack.append(s)
                f.pc += 1  # nothing to write: skip BULK_END
                return
            if s.arr is not None and new_len <= s.cap:
                writes = [(("a", s.arr, s.off + s.len + j, ()), v) for j, v in enumerate(vals)]
                result = SliceV(s.arr, s.off, new_len, s.cap)
            else:
                old = self.read_bytes(st, tid, s) if is_bytes else self.read_elems(st, tid, s)
                cap = grow_cap(s.len, s.cap, new_len, esize)
                elems: Any = (old + bytes(vals)) if is_bytes else list(old) + list(vals)
                res = self.new_array(st, th, elems, is_bytes, cap, zero)
                f.stack.append(res)
                f.pc += 1
                return
        else:  # copy(dst, src)
            src = f.stack.pop()
            dst = f.stack.pop()
            if isinstance(src, str):
                svals: list[Any] | bytes = encode(src)
            else:
                arr = st.arrays.get(src.arr) if src.arr is not None else None
                svals = self.read_bytes(st, tid, src) if isinstance(arr, bytes) else self.read_elems(st, tid, src)
            n = min(len(svals), dst.len)
            writes = [(("a", dst.arr, dst.off + j, ()), svals[j]) for j in range(n)]
            result = n
            if n == 0:
                f.stack.append(0)
                f.pc += 1
                return
        for loc, _ in writes:
            self._check_write(st, tid, loc)
        for loc, _ in writes:
            st.w_writing()[self._loc_key(loc)] = tid
        self.fp.writes.add(("a", writes[0][0][1]))
        f.stack.append((tuple(writes), result))

    def i_BULK_END(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        writes, result = f.stack.pop()
        addr = writes[0][0][1]
        arr = st.arrays[addr]
        if isinstance(arr, bytes):
            b = bytearray(arr)
            for (_, _, i, _), v in writes:
                b[i] = v
            st.w_arrays()[addr] = bytes(b)
        else:
            lst = list(arr)
            for (_, _, i, _), v in writes:
                lst[i] = v
            st.w_arrays()[addr] = tuple(lst)
        for loc, _ in writes:
            st.w_writing().pop(self._loc_key(loc), None)
        self.fp.writes.add(("a", addr))
        f.stack.append(result)

    # ------------------------------------------------------------ maps: range

    def i_ITER_START(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        m = f.stack.pop()
        if m is None:
            f.locals[ins[1]] = (None, ())
            return
        self._check_read(st, th.tid, "m", m.addr, None)
        keys = tuple(sorted(st.maps[m.addr], key=_sort_key))
        st.w_iters()[m.addr] = st.iters.get(m.addr, ()) + (th.tid,)
        self.fp.writes.add(("it", m.addr))
        self.fp.reads.add(("m", m.addr))
        f.locals[ins[1]] = (m.addr, keys)

    def i_ITER_NEXT(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        addr, keys = f.locals[ins[1]]
        if not keys:
            self._iter_end(st, th, f, ins[1])
            f.pc = ins[2]
            return
        k = keys[c]
        f.locals[ins[1]] = (addr, keys[:c] + keys[c + 1:])
        self._check_read(st, th.tid, "m", addr, None)
        self.fp.reads.add(("m", addr))
        f.stack.append(k)
        f.stack.append(st.maps[addr][k])

    def _iter_end(self, st: State, th: Thread, f: Frame, slot: int) -> None:
        it = f.locals[slot]
        if it is None or it[0] is None:
            return
        addr = it[0]
        tids = list(st.iters.get(addr, ()))
        if th.tid in tids:
            tids.remove(th.tid)
        if tids:
            st.w_iters()[addr] = tuple(tids)
        else:
            st.w_iters().pop(addr, None)
        self.fp.writes.add(("it", addr))
        f.locals[slot] = None

    def i_ITER_END(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        self._iter_end(st, th, f, ins[1])

    # ------------------------------------------------------------ sync

    def i_LOCK(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        p = f.stack.pop()
        if p is None:
            raise E.UndefinedBehavior(E.UB_NIL, "runtime error: invalid memory address or nil pointer dereference")
        assert st.heap[p.addr] is None
        st.w_heap()[p.addr] = Held(th.tid)
        self.fp.writes.add(("h", p.addr))

    def i_UNLOCK(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        p = f.stack.pop()
        self._unlock(st, p)

    def _unlock(self, st: State, p: Ptr | None) -> None:
        if p is None:
            raise E.UndefinedBehavior(E.UB_NIL, "runtime error: invalid memory address or nil pointer dereference")
        if st.heap[p.addr] is None:
            raise E.UndefinedBehavior(E.UB_UNLOCK, "fatal error: sync: unlock of unlocked mutex")
        st.w_heap()[p.addr] = None
        self.fp.writes.add(("h", p.addr))

    def i_WAIT(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        cp = f.stack[-1]
        if cp is None:
            raise E.UndefinedBehavior(E.UB_NIL, "runtime error: invalid memory address or nil pointer dereference")
        m, waiters = st.heap[cp.addr]
        self._unlock(st, m)
        st.w_heap()[cp.addr] = (m, waiters + (th.tid,))
        self.fp.writes.add(("h", cp.addr))

    def i_RELOCK(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        cp = f.stack.pop()
        m, _ = st.heap[cp.addr]
        st.w_heap()[m.addr] = Held(th.tid)
        self.fp.reads.add(("h", cp.addr))
        self.fp.writes.add(("h", m.addr))

    def i_SIGNAL(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        cp = f.stack.pop()
        m, waiters = st.heap[cp.addr]
        st.w_heap()[cp.addr] = (m, waiters[1:])
        self.fp.writes.add(("h", cp.addr))

    def i_BROADCAST(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        cp = f.stack.pop()
        m, _ = st.heap[cp.addr]
        st.w_heap()[cp.addr] = (m, ())
        self.fp.writes.add(("h", cp.addr))

    # ------------------------------------------------------------ calls

    def i_CALL(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        n = ins[2]
        args = f.stack[-n:] if n else []
        if n:
            del f.stack[-n:]
        code = self.codes.get(ins[1])
        if code is None:
            raise E.Unsupported("unsupported", f"call of unknown function {ins[1]}")
        th.frames.append(Frame(code, args))

    def i_SETRET(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.ret = f.stack.pop()

    def i_RET(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        if f.defers:
            pkg, name, args, span = f.defers[-1]
            f.defers = f.defers[:-1]
            f.pc -= 1  # come back to RET for the remaining defers
            if pkg == "sync" and name == "Unlock":
                self._unlock(st, args[0])
            else:
                self._mcall(st, th, f, pkg, name, list(args), 0, push=False)
            return
        th.frames.pop()
        if th.frames:
            if f.code.results:
                th.frames[-1].stack.append(f.ret)
        else:
            th.result = f.ret

    def i_DEFER(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        n = ins[3]
        args = tuple(f.stack[-n:]) if n else ()
        if n:
            del f.stack[-n:]
        f.defers = f.defers + ((ins[1], ins[2], args, ins[-1]),)

    def i_SPAWN(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        n = ins[2]
        args = f.stack[-n:] if n else []
        if n:
            del f.stack[-n:]
        th.nspawn += 1
        tid = f"{th.tid}.{th.nspawn}"
        child = Thread(tid)
        child.frames.append(Frame(self.codes[ins[1]], list(args)))
        st.w_threads()[tid] = child
        self._run(st, child, 0, first=False)

    def i_MCALL(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        n = ins[3]
        args = f.stack[-n:] if n else []
        if n:
            del f.stack[-n:]
        self._mcall(st, th, f, ins[1], ins[2], list(args), c, push=True)

    def i_LISTEND(self, st: State, th: Thread, f: Frame, ins: tuple, c: int) -> None:
        f.stack.pop()  # the listing token
        st.dev, names = D.list_end(st.dev, th.tid, c)
        self.fp.writes.add(("fs",))
        f.stack.append(self.new_string_slice(st, th, names))

    def _mcall(self, st: State, th: Thread, f: Frame, pkg: str, name: str, args: list[Any], c: int, push: bool) -> None:
        tid = th.tid
        if pkg == "prims" and name in _PRIMS_BYTES:
            n = _PRIMS_BYTES[name]
            s = args[0]
            if s.len < n:
                raise E.UndefinedBehavior(E.UB_OOB, f"prims.{name} of a slice of length {s.len}: needs {n} bytes")
            if name.endswith("Get"):
                f.stack.append(int.from_bytes(self.read_bytes(st, tid, SliceV(s.arr, s.off, n, n)), "little"))
                return
            b = args[1].to_bytes(n, "little")
            writes = [("a", s.arr, s.off + j, ()) for j in range(n)]
            for loc in writes:
                self._check_write(st, tid, loc)
            self._check_read_range(st, tid, s.arr, s.off, s.off + n)
            arr = st.arrays[s.arr]
            st.w_arrays()[s.arr] = arr[:s.off] + b + arr[s.off + n:]
            self.fp.writes.add(("a", s.arr))
            return
        if pkg == "prims" and name in ("Linearize", "Sleep"):
            return  # a step of its own that changes nothing (Sleep: any interleaving is one)
        if pkg == "enc":
            self._enc(st, th, f, name, args, push)
            return
        conv = [self.read_bytes(st, tid, a) if isinstance(a, SliceV) else a for a in args]
        r, w = D.footprint(pkg, name, conv)
        self.fp.reads |= r
        self.fp.writes |= w
        st.dev, res = D.call(st.dev, st.gen, tid, pkg, name, conv, c)
        if not push:
            return
        ft = _RESULT_KIND.get((pkg, name))
        if ft is None:
            return
        if ft == "bytes":
            res = self.new_array(st, th, res, True)
        elif ft == "bytes,bool":
            res = (self.new_array(st, th, res[0], True), res[1])
        f.stack.append(res)

    def _enc(self, st: State, th: Thread, f: Frame, name: str, args: list[Any], push: bool) -> None:
        """The `enc` package with real bytes, one atomic step a call (like prims): the Go
        function's panic on an out-of-range offset is undefined behaviour here, as the
        verifier's safety obligation says."""
        tid = th.tid
        s = args[0]
        if name == "Append64":
            data = args[1].to_bytes(8, "little")
            new_len = s.len + 8
            if s.arr is not None and new_len <= s.cap:  # append's rule: in place when it fits
                self._write_bytes(st, tid, s.arr, s.off + s.len, data)
                res = SliceV(s.arr, s.off, new_len, s.cap)
            else:
                old = self.read_bytes(st, tid, s)
                res = self.new_array(st, th, old + data, True, grow_cap(s.len, s.cap, new_len, 1))
            if push:
                f.stack.append(res)
            return
        off = args[1]
        v = b""
        n = 8 if name in ("Get64", "Put64") else args[2] if name == "GetBytes" else None
        if n is None:  # PutBytes
            v = args[2].encode() if isinstance(args[2], str) else self.read_bytes(st, tid, args[2])
            n = len(v)
        if off + n > s.len:
            raise E.UndefinedBehavior(E.UB_OOB, f"enc.{name}: {n} bytes at offset {off} of a slice of "
                                                f"length {s.len}: past its end")
        if name in ("Get64", "GetBytes"):
            got = self.read_bytes(st, tid, SliceV(s.arr, s.off + off, n, n))
            res: Any = int.from_bytes(got, "little") if name == "Get64" else self.new_array(st, th, got, True)
            if push:
                f.stack.append(res)
            return
        if name == "Put64":
            v = args[2].to_bytes(8, "little")
        if n:
            self._write_bytes(st, tid, s.arr, s.off + off, v)

    def _write_bytes(self, st: State, tid: Tid, arr_id: Any, at: int, data: bytes) -> None:
        """One atomic write of data into a byte array at `at` (races checked as prims does)."""
        for j in range(len(data)):
            self._check_write(st, tid, ("a", arr_id, at + j, ()))
        self._check_read_range(st, tid, arr_id, at, at + len(data))
        arr = st.arrays[arr_id]
        st.w_arrays()[arr_id] = arr[:at] + data + arr[at + len(data):]
        self.fp.writes.add(("a", arr_id))


_RESULT_KIND = {
    ("twodisk", "Read"): "bytes,bool",
    ("twodisk", "Size"): "v",
    ("disk", "Read"): "bytes",
    ("disk", "Size"): "v",
    ("filesys", "Create"): "v",
    ("filesys", "Open"): "v",
    ("filesys", "ReadAt"): "bytes",
    ("filesys", "Link"): "v",
    ("filesys", "List"): "v",
    ("prims", "RandomUint64"): "v",
    ("prims", "UInt64ToString"): "v",
}


# Little-endian encoding primitives and how many bytes each works on.
_PRIMS_BYTES = {"UInt64Get": 8, "UInt64Put": 8, "UInt32Get": 4, "UInt32Put": 4}


def _sort_key(k: Any) -> Any:
    return (str(type(k)), k) if isinstance(k, int | str | bool) else (str(type(k)), repr(k))


def binop(op: str, bits: int, kind: str, x: Any, y: Any) -> Any:
    """A binary operator of Go on two evaluated operands."""
    if op == "==":
        return x == y
    if op == "!=":
        return x != y
    if kind == "str":
        if op == "+":
            return x + y
        bx, by = encode(x), encode(y)
        return {"<": bx < by, "<=": bx <= by, ">": bx > by, ">=": bx >= by}[op]
    mask = MASKS[bits]
    if op == "+":
        return (x + y) & mask
    if op == "-":
        return (x - y) & mask
    if op == "*":
        return (x * y) & mask
    if op == "<":
        return x < y
    if op == "<=":
        return x <= y
    if op == ">":
        return x > y
    if op == ">=":
        return x >= y
    if op == "/":
        if y == 0:
            raise E.GoPanic("panic", "runtime error: integer divide by zero")
        return x // y
    if op == "%":
        if y == 0:
            raise E.GoPanic("panic", "runtime error: integer divide by zero")
        return x % y
    if op == "&":
        return x & y
    if op == "|":
        return x | y
    if op == "^":
        return x ^ y
    if op == "&^":
        return x & ~y & mask
    if op == "<<":
        return (x << y) & mask if y < bits else 0
    if op == ">>":
        return x >> y if y < bits else 0
    raise E.Unsupported("unsupported", f"operator {op}")
