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
    __slots__ = ("tid", "frames", "nalloc", "nspawn", "done", "result")

    def __init__(self, tid: Tid) -> None:
        self.tid = tid
        self.frames: list[Frame] = []
        self.nalloc = 0
        self.nspawn = 0
        self.done = False
        self.result: Any = None

    def clone(self) -> Thread:
        t = Thread.__new__(Thread)
        t.tid = self.tid
        t.frames = [f.clone() for f in self.frames]
        t.nalloc = self.nalloc
        t.nspawn = self.nspawn
        t.done = self.done
        t.result = self.result
        return t

    def key(self) -> tuple:
        return (self.tid, self.done, self.result, self.nalloc, self.nspawn,
                tuple(f.key() for f in self.frames))


class State:
    __slots__ = ("heap", "arrays", "maps", "writing", "iters", "threads", "gen", "dev")

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

    def copy(self) -> State:
        s = State.__new__(State)
        s.heap = dict(self.heap)
        s.arrays = dict(self.arrays)
        s.maps = dict(self.maps)
        s.writing = dict(self.writing)
        s.iters = dict(self.iters)
        s.threads = dict(self.threads)
        s.gen = self.gen
        s.dev = self.dev
        return s

    def key(self) -> tuple:
        return (
            frozenset(self.heap.items()),
            frozenset(self.arrays.items()),
            frozenset((a, frozenset(m.items())) for a, m in self.maps.items()),
            frozenset(self.writing.items()),
            frozenset(self.iters.items()),
            tuple(sorted((t.key() for t in self.threads.values()), key=lambda k: str(k[0]))),
            self.dev.key() if self.dev is not None else None,
        )

    def live_threads(self) -> list[Thread]:
        return [t for t in self.threads.values() if not t.done]
