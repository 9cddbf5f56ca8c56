"""The machine state: heap, threads, in-progress writes, map iterations, devices, generation.

A `State` is copied (shallowly) before each step and never mutated once another state
shares its parts: heap cells, arrays, maps and device states are immutable values replaced
on write, and a step clones only the thread it runs. `key()` is a hashable summary of
everything that determines the future, for the explorer's state cache.
"""

from __future__ import annotations

from typing import Any

from goose.semantics.compile import Code

Tid = int | str


class Frame:
    __slots__ = ("code", "pc", "locals", "stack", "defers", "ret")

    def __init__(self, code: Code, args: list[Any]) -> None:
        self.code = code
        self.pc = 0
        self.locals: list[Any] = list(args) + [None] * (code.nslots - len(args))
        self.stack: list[Any] = []
        self.defers: tuple = ()
        self.ret: Any = None

    def clone(self) -> Frame:
        f = Frame.__new__(Frame)
        f.code = self.code
        f.pc = self.pc
        f.locals = list(self.locals)
        f.stack = list(self.stack)
        f.defers = self.defers
        f.ret = self.ret
        return f

    def key(self) -> tuple:
        return (self.code.name, self.pc, tuple(self.locals), tuple(self.stack), self.defers, self.ret)


class Thread:
    __slots__ = ("tid", "frames", "nalloc", "nspawn", "done", "result", "_key")

    def __init__(self, tid: Tid) -> None:
        self.tid = tid
        self.frames: list[Frame] = []
        self.nalloc = 0
        self.nspawn = 0
        self.done = False
        self.result: Any = None
        self._key: tuple | None = None

    def clone(self) -> Thread:
        t = Thread.__new__(Thread)
        t.tid = self.tid
        t.frames = [f.clone() for f in self.frames]
        t.nalloc = self.nalloc
        t.nspawn = self.nspawn
        t.done = self.done
        t.result = self.result
        t._key = None
        return t

    def key(self) -> tuple:
        """Only call on a thread no step will change any more (a shared one)."""
        if self._key is None:
            self._key = (self.tid, self.done, self.result, self.nalloc, self.nspawn,
                         tuple(f.key() for f in self.frames))
        return self._key


_COMPONENTS = ("heap", "arrays", "maps", "writing", "iters", "threads")


class State:
    """Copy-on-write: `copy()` shares every dictionary; a step takes a private one with
    `w_heap()` (etc.) before changing it. Cached keys of unchanged parts stay valid."""

    __slots__ = ("heap", "arrays", "maps", "writing", "iters", "threads", "gen", "dev", "_own", "_keys")

    def __init__(self, dev: Any) -> None:
        self.heap: dict[tuple, Any] = {}
        self.arrays: dict[tuple, tuple | bytes] = {}
        self.maps: dict[tuple, dict] = {}
        # in-progress writes: (kind, addr, idx, path) -> writer tid
        self.writing: dict[tuple, Tid] = {}
        # map addr -> tids ranging over it
        self.iters: dict[tuple, tuple] = {}
        self.threads: dict[Tid, Thread] = {}
        self.gen = 0
        self.dev = dev
        self._own: set[str] = set(_COMPONENTS)
        self._keys: dict[str, Any] = {}

    def copy(self) -> State:
        s = State.__new__(State)
        s.heap = self.heap
        s.arrays = self.arrays
        s.maps = self.maps
        s.writing = self.writing
        s.iters = self.iters
        s.threads = self.threads
        s.gen = self.gen
        s.dev = self.dev
        s._own = set()
        s._keys = dict(self._keys)
        return s

    def writable(self, name: str) -> dict:
        self._keys.pop(name, None)
        if name not in self._own:
            self._own.add(name)
            setattr(self, name, dict(getattr(self, name)))
        return getattr(self, name)

    def w_heap(self) -> dict:
        return self.writable("heap")

    def w_arrays(self) -> dict:
        return self.writable("arrays")

    def w_maps(self) -> dict:
        return self.writable("maps")

    def w_writing(self) -> dict:
        return self.writable("writing")

    def w_iters(self) -> dict:
        return self.writable("iters")

    def w_threads(self) -> dict:
        return self.writable("threads")

    def _part(self, name: str) -> Any:
        k = self._keys.get(name)
        if k is None:
            d = getattr(self, name)
            if name == "maps":
                k = frozenset((a, frozenset(m.items())) for a, m in d.items())
            elif name == "threads":
                k = tuple(sorted((t.key() for t in d.values()), key=lambda k: str(k[0])))
            else:
                k = frozenset(d.items())
            self._keys[name] = k
        return k

    def key(self) -> tuple:
        return (
            self._part("heap"), self._part("arrays"), self._part("maps"), self._part("writing"),
            self._part("iters"), self._part("threads"),
            self.dev.key() if self.dev is not None else None,
        )

    def live_threads(self) -> list[Thread]:
        return [t for t in self.threads.values() if not t.done]
