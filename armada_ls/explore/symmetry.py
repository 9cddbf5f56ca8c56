"""Symmetry reduction: harness goroutines that run the same choices are interchangeable.

Two states that differ only by swapping harness goroutines 0 and 1 have the same futures
up to that swap, so the search stores one canonical key for both. Goroutine ids occur in
known places only: heap addresses (`Addr`), locked mutexes (`Held`), thread records,
in-progress writes, map ranges, the per-goroutine harness progress and pending spec ops;
data values are never renamed (an address is an `Addr`, never a plain tuple).
"""

from __future__ import annotations

from typing import Any

from armada_ls.explore.spec import Pending
from goose.semantics.values import Addr, Held


def rename_tid(t: Any, mp: dict) -> Any:
    r = mp.get(t)
    if r is not None:
        return r
    if isinstance(t, str) and "." in t:
        head, _, rest = t.partition(".")
        for k, v in mp.items():
            if str(k) == head:
                return f"{v}.{rest}"
    return t


def rename_value(v: Any, mp: dict) -> Any:
    t = type(v)
    if t is Addr:
        return Addr(rename_tid(v.tid, mp), v.n)
    if t is Held:
        return Held(rename_tid(v.tid, mp))
    if t is tuple:
        return tuple(rename_value(x, mp) for x in v)
    if t is frozenset:
        return frozenset(rename_value(x, mp) for x in v)
    if t is bytes or t is int or t is str or t is bool or v is None:
        return v
    if isinstance(v, tuple):  # Ptr, SliceV, MapRef, Fd and other named tuples
        return t(*(rename_value(x, mp) for x in v))
    return v


def _rename_threads(part: tuple, mp: dict) -> tuple:
    out = []
    for tk in part:
        tid, rest = tk[0], tk[1:]
        out.append((rename_tid(tid, mp),) + rename_value(rest, mp))
    return tuple(sorted(out, key=lambda k: str(k[0])))


def _rename_lin(lin: frozenset, mp: dict) -> frozenset:
    out = set()
    for state, pend in lin:
        ps = [Pending(rename_tid(p.tid, mp), p.op, p.args, p.done, p.result) for p in pend]
        out.add((state, tuple(sorted(ps, key=lambda p: str(p.tid)))))
    return frozenset(out)


def rename_key(key: tuple, mp: dict, perm: list[int], memo: dict | None = None) -> tuple:
    """A state key (see XState.key) with goroutine ids renamed by mp; `perm[i]` is the
    harness goroutine whose progress becomes goroutine i's. `memo` caches renamed parts
    (states share most of their parts)."""
    memo = {} if memo is None else memo
    mkey, phase, hs, lin, *rest = key
    heap, arrays, maps, writing, iters, threads, dev = mkey

    def cached(kind: str, part: Any, f: Any) -> Any:
        k = (kind, part)
        r = memo.get(k)
        if r is None:
            r = memo[k] = f(part)
        return r

    def items(part: frozenset) -> frozenset:
        return frozenset(cached("i", it, lambda x: rename_value(x, mp)) for it in part)

    m2 = (
        cached("h", heap, items),
        cached("a", arrays, items),
        cached("m", maps, lambda p: rename_value(p, mp)),
        frozenset((rename_value(k, mp), rename_tid(t, mp)) for k, t in writing),
        frozenset((rename_value(a, mp), tuple(rename_tid(t, mp) for t in ts)) for a, ts in iters),
        cached("t", threads, lambda p: _rename_threads(p, mp)),
        dev,
    )
    hs2 = tuple(hs[perm[i]] for i in range(len(hs)))
    return (m2, phase, hs2, cached("l", lin, lambda p: _rename_lin(p, mp)), *rest)


def rename_transition(tr: tuple, mp: dict) -> tuple:
    if tr[0] in ("t", "tf"):
        return (tr[0], rename_tid(tr[1], mp), tr[2])
    return tr


class Canon:
    """Canonical keys for two interchangeable harness goroutines 0 and 1."""

    SWAP = {0: 1, 1: 0}

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.swaps = 0
        self.memo: dict = {}

    def key(self, xs: Any) -> tuple[tuple, dict | None]:
        k = xs.key()
        if not self.enabled or xs.phase != "main":
            return k, None
        s0, s1 = self._sig(xs, 0), self._sig(xs, 1)
        if hash(s0) <= hash(s1):
            return k, None
        self.swaps += 1
        if len(self.memo) > 2_000_000:
            self.memo.clear()
        return rename_key(k, self.SWAP, [1, 0], self.memo), self.SWAP

    @staticmethod
    def _sig(xs: Any, i: int) -> tuple:
        th = xs.m.threads.get(i)
        frames = () if th is None else tuple((f.code.name, f.pc) for f in th.frames)
        return (xs.hs[i], frames)
