"""Exhaustive search of the explored system.

Depth-first, with state hashing and sleep sets (Godefroid's partial-order reduction): after
exploring transition t from a state, t is put to sleep for the siblings explored later and
stays asleep along their subtrees for as long as they only take transitions independent of
t (disjoint footprints: no write of one touches what the other reads or writes). A crash is
dependent with everything. With state caching, a revisited state is explored again only
for the transitions that were asleep on the earlier visit but are awake now.

States are also merged up to swapping the two harness goroutines (`symmetry`), and a state
whose history-checker configurations include those of an explored state with the same
machine state is subsumed by it (checking is monotone in the configurations). A crash
transition is explored once per (durable state, recovery outcome, configurations).

After the depth-first search finds a violation, a breadth-first search (no reduction, state
hashing, a state budget) looks for a shorter trace to report.
"""

from __future__ import annotations

import sys as _sys
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from armada_ls.explore import result as R
from armada_ls.explore.symmetry import Canon, rename_transition
from armada_ls.explore.system import ALL, Found, System, XState


def independent(a: Any, b: Any) -> bool:
    if a is ALL or b is ALL:
        return False
    aw, bw = a.writes, b.writes
    if aw and (not aw.isdisjoint(b.reads) or not aw.isdisjoint(bw)):
        return False
    return not (bw and not bw.isdisjoint(a.reads))


class Stop(Exception):
    pass


class Search:
    def __init__(self, system: System, reductions: bool, max_states: int, max_seconds: float | None,
                 progress: Callable[[R.ExploreStats], None] | None, cancel: Callable[[], bool] | None) -> None:
        self.sys = system
        h = system.h
        # Not with lock contracts: what a client holds (XState.cl) names mutexes by address
        # and is not renamed with the goroutines, so two clients holding different locks
        # would be merged (see symmetry.py).
        self.canon = Canon(reductions and h.plans is None and system.n == 2 and h.devices.fs is None
                           and not h.locks)
        self.reductions = reductions
        self.max_states = max_states
        self.deadline = None if max_seconds is None else time.monotonic() + max_seconds
        self.progress = progress
        self.cancel = cancel
        self.visited: dict[tuple, list] = {}
        self.nstates = 0
        self.crash_seen: set[tuple] = set()
        self.stats = R.ExploreStats()
        self.path: list[tuple[XState, tuple, XState | None]] = []
        self.incomplete = ""
        self._t0 = time.monotonic()
        self._next_report = self._t0 + 0.5

    def run(self, init: XState) -> tuple[R.Violation | None, list]:
        old = _sys.getrecursionlimit()
        _sys.setrecursionlimit(max(old, 20000))
        try:
            self.dfs(init, {})
        except Found as f:
            return f.violation, list(self.path) + f.subpath
        except Stop:
            pass
        except RecursionError:  # never a pass: say why the search stopped
            self.incomplete = (f"a run of more than {len(self.path)} steps that never repeats a "
                               "state (a goroutine that allocates, or counts, in an endless loop "
                               "makes every state new): the search stopped there; make the "
                               "loop's state repeat (e.g. act only when something changed)")
            self.path = []
        finally:
            _sys.setrecursionlimit(old)
            self.stats.seconds = time.monotonic() - self._t0
            self.stats.states = self.nstates + self.sys.rec_states
        return None, []

    def _tick(self) -> None:
        st = self.stats
        if st.transitions & 255:
            return
        now = time.monotonic()
        if self.nstates >= self.max_states:
            self.incomplete = f"stopped at the state limit ({self.max_states} states)"
            raise Stop
        if self.deadline is not None and now > self.deadline:
            self.incomplete = "stopped at the time limit"
            raise Stop
        if self.cancel is not None and self.cancel():
            self.incomplete = "cancelled"
            raise Stop
        if self.progress is not None and now >= self._next_report:
            self._next_report = now + 0.5
            st.states = self.nstates
            st.seconds = now - self._t0
            self.progress(st)

    def dfs(self, xs: XState, sleep: dict[tuple, Any]) -> None:
        # States are (everything but the history checker's configurations, configurations).
        # A state is subsumed by an explored one with the same rest and fewer configurations
        # (and no more transitions asleep): checking is monotone in the configurations, so
        # every violation reachable from the bigger set is reachable from the smaller one.
        k, perm = self.canon.key(xs)
        rest, lin = k[:3] + k[4:], k[3]
        skeys = sleep.keys() if perm is None else {rename_transition(t, perm) for t in sleep}
        entries = self.visited.get(rest)
        only: frozenset | None = None
        mine: list | None = None
        if entries is None:
            entries = self.visited[rest] = []
        for e in entries:
            if (e[0] <= lin if self.reductions else e[0] == lin) and e[1] <= skeys:
                self.stats.revisits += 1
                return
            if e[0] == lin:
                mine = e
        if mine is not None:
            only = mine[1] - skeys
            if perm is not None:
                only = frozenset(rename_transition(t, perm) for t in only)
            mine[1] = mine[1] & skeys
        else:
            entries.append([lin, frozenset(skeys)])
            self.nstates += 1
            v = self.sys.check_state(xs)
            if v is not None:
                raise Found(v)
        depth = len(self.path)
        if depth > self.stats.max_depth:
            self.stats.max_depth = depth
        cur = dict(sleep)
        for tr in self.sys.transitions(xs):
            if tr in cur:
                self.stats.sleep_pruned += 1
                continue
            if only is not None and tr not in only:
                continue
            if tr[0] == "crash":
                # After a crash only the durable state and the spec configurations matter,
                # and the crash wakes every sleeping transition: one visit per crash key.
                ck = self.sys.crash_key(xs, tr[1])
                if ck in self.crash_seen:
                    self.stats.revisits += 1
                    continue
                self.crash_seen.add(ck)
            self.stats.transitions += 1
            self._tick()
            self.path.append((xs, tr, None))
            xs2, fp = self.sys.execute(xs, tr)
            self.path[-1] = (xs, tr, xs2)
            if self.reductions:
                child = {u: f for u, f in cur.items() if independent(f, fp)}
            else:
                child = {}
            self.dfs(xs2, child)
            self.path.pop()
            if self.reductions:
                cur[tr] = fp


def shortest(system: System, init: XState, max_depth: int, budget: int,
             cancel: Callable[[], bool] | None = None) -> tuple[R.Violation | None, list]:
    """Breadth-first search for a violation within max_depth transitions (no reduction),
    giving up (None) past `budget` states."""
    parent: dict[tuple, tuple[tuple | None, tuple | None, XState]] = {init.key(): (None, None, init)}
    q: deque[tuple[XState, int]] = deque([(init, 0)])

    def path_to(key: tuple | None) -> list:
        out = []
        while key is not None:
            pk, tr, xs = parent[key]
            if pk is None:
                break
            out.append((parent[pk][2], tr, xs))
            key = pk
        return out[::-1]

    v = system.check_state(init)
    if v is not None:
        return v, []
    crash_seen: set[tuple] = set()
    while q:
        xs, d = q.popleft()
        if d >= max_depth:
            continue
        if len(parent) > budget or (cancel is not None and cancel()):
            return None, []
        k = xs.key()
        try:
            trs = system.transitions(xs)
        except Found as f:
            return f.violation, path_to(k) + f.subpath
        for tr in trs:
            if tr[0] == "crash":  # the state after a crash depends only on its crash key
                ck = system.crash_key(xs, tr[1])
                if ck in crash_seen:
                    continue
                crash_seen.add(ck)
            try:
                xs2, _ = system.execute(xs, tr)
            except Found as f:
                return f.violation, path_to(k) + [(xs, tr, None)] + f.subpath
            k2 = xs2.key()
            if k2 in parent:
                continue
            parent[k2] = (k, tr, xs2)
            v = system.check_state(xs2)
            if v is not None:
                return v, path_to(k2)
            q.append((xs2, d + 1))
    return None, []
