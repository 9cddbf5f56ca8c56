"""Verification runs: cache lookups, worker jobs shared by key, supersession, events.

A `Run` asks for results of some functions of one snapshot. Each function's key is looked up
in the cache; misses become worker jobs, one per key: two runs wanting the same key share the
job. A newer background run of a package supersedes the older one: the older run's jobs that
the new one does not want (their function changed) are cancelled, killing their workers.
Results are recorded against the run's snapshot (spans moved to its positions), so a result
can never be shown against text it was not computed for.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field
from typing import Any

from armada_ls.engine import tasks
from armada_ls.engine.analysis import Snapshot
from armada_ls.engine.cache import Entry, ResultCache
from armada_ls.engine.keys import FunctionKey
from armada_ls.engine.remap import Remapper, remap_result
from armada_ls.engine.workers import Job, JobTimeout, Shared, WorkerPool

_ids = itertools.count(1)


@dataclass
class Run:
    snapshot: Snapshot
    names: list[str]
    keys: dict[str, FunctionKey]
    background: bool
    id: int = field(default_factory=lambda: next(_ids))
    results: dict[str, Any] = field(default_factory=dict)
    future: Future[Run] = field(default_factory=Future)
    cancelled: bool = False
    started: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def directory(self) -> str:
        return self.snapshot.directory

    @property
    def total(self) -> int:
        return len(self.names)

    @property
    def done(self) -> int:
        return len(self.results)

    def counts(self) -> dict[str, int]:
        out = {"proved": 0, "failed": 0, "unknown": 0}
        for r in self.results.values():
            out[r.status.value] += 1
        return out


Event = tuple[str, Run, str]  # ("started" | "function" | "finished", run, function name)


def engine_result(snapshot: Snapshot, qualified: str, error: str) -> Any:
    """A result the engine makes itself (no verifier, timeout, crash): status UNKNOWN."""
    from armada_ls.verify.result import FunctionResult

    assert snapshot.pkg is not None
    fn = snapshot.pkg.funcs[qualified]
    return FunctionResult(qualified, snapshot.file_of(qualified), fn.name_span, error=error)


class Scheduler:
    def __init__(self, pool: WorkerPool, cache: ResultCache,
                 listener: Callable[[Event], None], verify_impl: str) -> None:
        self.pool = pool
        self.verify_impl = verify_impl
        self.cache = cache
        self._listener = listener
        self._lock = threading.RLock()
        self._jobs: dict[str, Job] = {}
        self._waiters: dict[str, list[tuple[Run, str]]] = {}
        self._latest: dict[str, Run] = {}
        self._transient: dict[str, Entry] = {}  # timeouts and crashes: remembered, not persisted

    # ------------------------------------------------------------ queries

    def lookup(self, digest: str) -> Entry | None:
        with self._lock:
            entry = self._transient.get(digest)
        return entry or self.cache.get(digest)

    def pending(self, digest: str) -> bool:
        with self._lock:
            return digest in self._jobs

    def latest(self, directory: str) -> Run | None:
        with self._lock:
            return self._latest.get(directory)

    def busy(self) -> bool:
        with self._lock:
            return bool(self._jobs)

    # ------------------------------------------------------------ runs

    def start(self, snapshot: Snapshot, names: list[str], priority: set[str], timeout_ms: int,
              function_timeout_ms: int, background: bool) -> Run:
        keys = {q: snapshot.key(q, timeout_ms) for q in names}
        run = Run(snapshot, names, keys, background)
        # (only when something is to be verified: loading the verifier costs a cached run
        # most of its time)
        verifier = any(self.lookup(k.digest) is None for k in keys.values()) and \
            tasks.verifier_available(self.verify_impl)
        submitted: list[str] = []
        with self._lock:
            if background:
                old = self._latest.get(snapshot.directory)
                self._latest[snapshot.directory] = run
                if old is not None and old is not run:
                    self._supersede(old, {k.digest for k in keys.values()})
            self._emit(("started", run, ""))
            order = sorted(names, key=lambda q: (q not in priority, names.index(q)))
            shared = Shared(("snapshot", snapshot.serial), (snapshot.pkg, snapshot.ann))
            for rank, q in enumerate(order):
                digest = keys[q].digest
                entry = self.lookup(digest)
                if entry is not None:
                    self._record(run, q, entry)
                elif not (verifier or tasks.verifier_available(self.verify_impl)):
                    self._record_now(run, q, engine_result(snapshot, q, "the verifier is not available"))
                else:
                    self._waiters.setdefault(digest, []).append((run, q))
                    if digest not in self._jobs:
                        submitted.append(q)
                        job = self.pool.submit(
                            tasks.VERIFY,
                            (self.verify_impl, q, timeout_ms, snapshot.unsaved),
                            function_timeout_ms / 1000,
                            priority=(0 if background else -1) * 1000 + rank,
                            shared=shared,
                        )
                        self._jobs[digest] = job
            for q in submitted:
                digest = keys[q].digest
                job = self._jobs[digest]
                job.future.add_done_callback(
                    lambda f, d=digest, k=keys[q], s=snapshot, n=q: self._finished(d, k, s, n, f))
            self._maybe_finish(run)
        return run

    def cancel_stale(self, directory: str, wanted: set[str]) -> None:
        """A newer text arrived: stop the package's running background run now, killing
        the jobs of functions whose key is no longer wanted (the others keep running, and
        their results land in the cache for the next run)."""
        with self._lock:
            run = self._latest.get(directory)
            if run is not None and not run.future.done():
                self._supersede(run, wanted)

    def cancel(self, directory: str | None = None) -> None:
        """Cancel the latest background run of a package (all packages: None)."""
        with self._lock:
            runs = [r for d, r in self._latest.items() if directory in (None, d)]
            for run in runs:
                self._supersede(run, set())

    def _supersede(self, run: Run, still_wanted: set[str]) -> None:
        run.cancelled = True
        for key in run.keys.values():
            waiters = self._waiters.get(key.digest)
            if waiters is None:
                continue
            waiters[:] = [(r, n) for r, n in waiters if r is not run]
            if not waiters and key.digest not in still_wanted:
                del self._waiters[key.digest]
                job = self._jobs.pop(key.digest, None)
                if job is not None:
                    job.cancel()
        self._maybe_finish(run, force=True)

    # ------------------------------------------------------------ completion

    def _finished(self, digest: str, key: FunctionKey, snapshot: Snapshot, q: str,
                  fut: Future[Any]) -> None:
        entry: Entry | None
        try:
            result = fut.result()
            entry = Entry(key.regions, result)
            if not getattr(result, "error", ""):
                self.cache.put(digest, entry)
            else:
                with self._lock:
                    self._transient[digest] = entry
        except CancelledError:
            entry = None
        except JobTimeout as e:
            entry = Entry(key.regions, engine_result(snapshot, q, f"timeout: {e}"))
        except Exception as e:
            entry = Entry(key.regions, engine_result(snapshot, q, f"worker failed: {e}"))
        with self._lock:
            if self._jobs.get(digest) is not None and self._jobs[digest].future is fut:
                del self._jobs[digest]
            waiters = self._waiters.pop(digest, []) if entry is not None else []
            if entry is not None and getattr(entry.result, "error", ""):
                self._transient[digest] = entry
            for run, name in waiters:
                self._record(run, name, entry)  # type: ignore[arg-type]
                self._maybe_finish(run)

    def _record(self, run: Run, q: str, entry: Entry) -> None:
        result = remap_result(entry.result, Remapper(entry.regions, run.keys[q].regions))
        self._record_now(run, q, result)

    def _record_now(self, run: Run, q: str, result: Any) -> None:
        from armada_ls.engine.convert import finish_counterexample
        from armada_ls.engine.queries import SOLVER_SYNTAX, readable_condition

        pkg = run.snapshot.pkg
        consts = {n: c.value for n, c in pkg.consts.items()
                  if isinstance(c.value, int) and not isinstance(c.value, bool)} if pkg is not None else {}
        for ob in getattr(result, "obligations", []):
            finish_counterexample(ob, run.snapshot.sources)
            if SOLVER_SYNTAX.search(ob.message):  # a condition the solver printed: as Go reads it
                ob.message = readable_condition(ob.message, consts)
        run.results[q] = result
        self._emit(("function", run, q))

    def _maybe_finish(self, run: Run, force: bool = False) -> None:
        if run.future.done() or not (force or run.done >= run.total):
            return
        run.finished = time.monotonic()
        run.future.set_result(run)
        self._emit(("finished", run, ""))

    def _emit(self, event: Event) -> None:
        try:
            self._listener(event)
        except Exception:
            pass
