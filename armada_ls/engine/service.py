"""The engine: one service behind the language server and the CLI.

It owns the open documents, the latest snapshot of each package, the result cache, the worker
pool and the scheduler. Front-end analysis runs either synchronously (`open`, `change`,
`refresh`: the CLI and tests) or on the engine's analysis thread (`edit` + `request_analysis`:
the language server), which coalesces requests so only the newest text of a package is ever
analysed and the caller's thread never waits for a parse. Verification and exploration run in
worker processes and report through listeners. Nothing here knows about LSP.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from armada_ls.engine import backends, tasks
from armada_ls.engine.analysis import Snapshot, analyse
from armada_ls.engine.cache import ResultCache
from armada_ls.engine.convert import explore_diagnostics, obligation_diagnostics
from armada_ls.engine.documents import Documents, Range
from armada_ls.engine.scheduler import Event, Run, Scheduler
from armada_ls.engine.settings import Settings
from armada_ls.engine.workers import WorkerPool
from goose.diagnostics import Diagnostic


@dataclass
class FunctionStatus:
    """What to say about one function of a snapshot (code lens, hover, CLI)."""

    state: str  # verified | failed | unknown | verifying | not-verified | broken | unavailable
    result: Any = None  # FunctionResult when there is one
    detail: str = ""


@dataclass
class ExploreOutcome:
    directory: str
    sources: dict[str, bytes]
    result: Any = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str = ""


class Engine:
    def __init__(self, settings: Settings | None = None,
                 cache_dir: str | os.PathLike[str] | None = None,
                 verify_impl: str = backends.VERIFY_IMPL, worker_nice: int = 0) -> None:
        """`verify_impl` names the verifier (`module:function`); tests pass a stand-in.
        `worker_nice`: how much lower the solver workers' CPU priority is (the server's
        analysis of the text being typed comes first; the CLI keeps 0)."""
        self.verify_impl = verify_impl
        self.settings = settings or Settings()
        self.documents = Documents()
        self.cache = ResultCache(cache_dir)
        self.pool = WorkerPool(self.settings.jobs, nice=worker_nice)
        self.listeners: list[Callable[[Event], None]] = []
        self.scheduler = Scheduler(self.pool, self.cache, self._emit, verify_impl)
        self._snapshots: dict[str, Snapshot] = {}
        self._last_keys: dict[str, dict[str, str]] = {}
        self._timers: dict[str, threading.Timer] = {}
        self._deadlines: dict[str, tuple[float, float]] = {}  # directory -> (monotonic, delay s)
        self._explored: dict[str, ExploreOutcome] = {}
        self._lock = threading.RLock()  # short: dictionaries only, never held while analysing
        self._analysis_lock = threading.Lock()  # one analysis at a time (SourceFiles are its)
        # Background analysis: directories waiting (-> anchor), the thread, and who hears
        # of each new snapshot (called on the analysis thread).
        self._wanted: dict[str, str | None] = {}
        self._analysing: str | None = None
        self._cv = threading.Condition()
        self._analyser: threading.Thread | None = None
        self._closed = False
        self.analysed: list[Callable[[Snapshot], None]] = []

    def close(self) -> None:
        with self._cv:
            self._closed = True
            self._cv.notify_all()
        for t in list(self._timers.values()):
            t.cancel()
        self.scheduler.cancel()
        self.pool.close()

    def configure(self, raw: Any) -> Settings:
        self.settings = self.settings.updated(raw)
        self.pool.resize(self.settings.jobs)
        return self.settings

    # ------------------------------------------------------------ documents and snapshots

    def open(self, path: str, text: str, version: int) -> Snapshot:
        self.documents.open(path, text, version)
        return self.refresh(os.path.dirname(path), anchor=path)

    def change(self, path: str, version: int, changes: list[tuple[Range | None, str]]) -> Snapshot:
        self.documents.change(path, version, changes)
        return self.refresh(os.path.dirname(path), anchor=path)

    def close_document(self, path: str) -> Snapshot:
        self.documents.close(path)
        return self.refresh(os.path.dirname(path), anchor=path)

    def edit(self, path: str, version: int, changes: list[tuple[Range | None, str]]) -> None:
        """Apply content changes to the text only (no analysis; see `request_analysis`).
        Raises `InvalidEdit` when a change does not fit the text."""
        self.documents.change(path, version, changes)

    def refresh(self, directory: str, anchor: str | None = None) -> Snapshot:
        with self._analysis_lock:
            snap = analyse(self.documents, directory, anchor)
            with self._lock:
                self._snapshots[directory] = snap
            return snap

    def snapshot(self, directory: str) -> Snapshot:
        with self._lock:
            snap = self._snapshots.get(directory)
        return snap if snap is not None else self.refresh(directory)

    def latest_snapshot(self, directory: str) -> Snapshot | None:
        """The latest snapshot, never waiting for an analysis (None before the first)."""
        with self._lock:
            return self._snapshots.get(directory)

    # ------------------------------------------------------------ background analysis

    def request_analysis(self, directory: str, anchor: str | None = None) -> None:
        """Analyse the package's newest text on the analysis thread. Requests that arrive
        while one is queued or running coalesce: one more analysis, of the newest text."""
        with self._cv:
            self._wanted[directory] = anchor or self._wanted.get(directory)
            if self._analyser is None or not self._analyser.is_alive():
                self._analyser = threading.Thread(target=self._analyse_loop, name="armada-analysis", daemon=True)
                self._analyser.start()
            self._cv.notify_all()

    def analysis_pending(self, directory: str | None = None) -> bool:
        with self._cv:
            if directory is None:
                return bool(self._wanted) or self._analysing is not None
            return directory in self._wanted or self._analysing == directory

    def is_fresh(self, snap: Snapshot) -> bool:
        """Whether the snapshot analysed the text the editor has now (every open document
        of its package at the version the snapshot saw)."""
        docs = self.documents.in_directory(snap.directory)
        return (set(docs) == set(snap.versions)
                and all(d.version == snap.versions.get(p) and not d.desynced for p, d in docs.items()))

    def _analyse_loop(self) -> None:
        log = logging.getLogger(__name__)
        while True:
            with self._cv:
                while not self._wanted and not self._closed:
                    self._cv.wait()
                if self._closed:
                    return
                directory, anchor = next(iter(self._wanted.items()))
                del self._wanted[directory]
                self._analysing = directory
            try:
                snap = self.refresh(directory, anchor)
            except Exception:  # analyse never raises; a bug here must not kill the thread
                log.exception("analysis of %s", directory)
                snap = None
            with self._cv:
                self._analysing = None
            if snap is not None:
                for listener in list(self.analysed):
                    try:
                        listener(snap)
                    except Exception:
                        log.exception("analysis listener")

    def is_current(self, snap: Snapshot) -> bool:
        with self._lock:
            return self._snapshots.get(snap.directory) is snap

    # ------------------------------------------------------------ verification

    def verifier_available(self) -> bool:
        return tasks.verifier_available(self.verify_impl)

    def verifiable(self, snap: Snapshot, names: list[str] | None = None) -> list[str]:
        if snap.pkg is None:
            return []
        wanted = names if names is not None else snap.functions()
        return [q for q in wanted if q in snap.pkg.funcs and q not in snap.broken]

    def verify(self, snap: Snapshot, names: list[str] | None = None,
               background: bool = False) -> Run:
        """Verify `names` (default: every function without front-end errors) of a snapshot.
        Functions whose key changed since the last run of the package go first."""
        todo = self.verifiable(snap, names)
        s = self.settings
        keys = {q: snap.key(q, s.timeoutMs).digest for q in todo}
        with self._lock:
            last = self._last_keys.setdefault(snap.directory, {})
            edited = {q for q, d in keys.items() if last.get(q) != d}
            last.update(keys)
        return self.scheduler.start(snap, todo, edited, s.timeoutMs, s.functionTimeoutMs, background)

    def schedule(self, directory: str, delay_ms: int | None = None) -> None:
        """Verify the package's latest snapshot after `delay_ms` without further calls
        (debounce); each call restarts the wait."""
        delay = self.settings.debounceMs if delay_ms is None else delay_ms
        running = self.scheduler.latest(directory)
        if running is not None and not running.future.done():
            snap = self.snapshot(directory)
            wanted = {snap.key(q, self.settings.timeoutMs).digest for q in self.verifiable(snap)}
            self.scheduler.cancel_stale(directory, wanted)
        self._start_timer(directory, delay)

    def postpone(self, directory: str) -> None:
        """An edit arrived: a verification waiting for its debounce waits its full delay
        again. The debounce runs from the last edit, not from the last analysis that caught
        up with the editor (during a burst none does, and the solver would start on text
        the user is still typing). Cheap: it moves a deadline, the timer re-arms itself."""
        with self._lock:
            if directory in self._timers:
                _, delay = self._deadlines[directory]
                self._deadlines[directory] = (time.monotonic() + delay, delay)

    def _start_timer(self, directory: str, delay_ms: float) -> None:
        with self._lock:
            old = self._timers.pop(directory, None)
            if old is not None:
                old.cancel()
            delay = delay_ms / 1000
            self._deadlines[directory] = (time.monotonic() + delay, delay)
            self._arm(directory, delay)

    def _arm(self, directory: str, delay: float) -> None:
        timer = threading.Timer(delay, lambda: self._fire(directory, timer))
        timer.daemon = True
        self._timers[directory] = timer
        timer.start()

    def _fire(self, directory: str, timer: threading.Timer) -> None:
        with self._lock:
            if self._timers.get(directory) is not timer:
                return  # replaced or cancelled while it was firing
            left = self._deadlines[directory][0] - time.monotonic()
            if left > 0:  # postponed meanwhile
                self._arm(directory, left)
                return
            del self._timers[directory]
        try:
            self.verify(self.snapshot(directory), background=True)
        except Exception:
            logging.getLogger(__name__).exception("background verification of %s", directory)

    def cancel(self, directory: str | None = None) -> None:
        with self._lock:
            for d, t in list(self._timers.items()):
                if directory in (None, d):
                    t.cancel()
                    del self._timers[d]
        self.scheduler.cancel(directory)

    def debouncing(self, directory: str | None = None) -> bool:
        """Whether a verification of the package waits for its debounce."""
        with self._lock:
            return bool(self._timers) if directory is None else directory in self._timers

    def status(self, snap: Snapshot, qualified: str) -> FunctionStatus:
        if snap.pkg is None or qualified not in snap.pkg.funcs:
            return FunctionStatus("not-verified")
        if qualified in snap.broken:
            return FunctionStatus("broken", detail="fix the errors first")
        entry = self.scheduler.lookup(snap.key(qualified, self.settings.timeoutMs).digest)
        if entry is not None:
            run_result = self._remapped(snap, qualified, entry)
            state = {"proved": "verified", "failed": "failed", "unknown": "unknown"}[run_result.status.value]
            return FunctionStatus(state, run_result, run_result.error)
        if self.scheduler.pending(snap.key(qualified, self.settings.timeoutMs).digest):
            return FunctionStatus("verifying")
        with self._lock:
            queued = snap.directory in self._timers
        if queued and self.verifier_available():
            return FunctionStatus("verifying", detail="queued")
        if not self.verifier_available():
            return FunctionStatus("unavailable", detail="the verifier is not available")
        return FunctionStatus("not-verified")

    def _remapped(self, snap: Snapshot, qualified: str, entry: Any) -> Any:
        from armada_ls.engine.remap import Remapper, remap_result

        return remap_result(entry.result, Remapper(entry.regions, snap.key(qualified, self.settings.timeoutMs).regions))

    def results(self, snap: Snapshot, path: str | None = None) -> dict[str, Any]:
        """The known results for the snapshot's functions (in `path` only, if given)."""
        out: dict[str, Any] = {}
        for q in self.verifiable(snap):
            if path is not None and snap.file_of(q) != path:
                continue
            st = self.status(snap, q)
            if st.result is not None:
                out[q] = st.result
        return out

    def diagnostics(self, snap: Snapshot, path: str) -> list[Diagnostic]:
        """Everything to show for one file of a snapshot: front end, annotations, the
        verification results valid for this exact text, and explorer findings made on it."""
        out = snap.diagnostics_for(path)
        for result in self.results(snap, path).values():
            out.extend(d for d in obligation_diagnostics(result, snap.sources) if d.file == path)
        explored = self._explored.get(snap.directory)
        if explored is not None and explored.sources == snap.sources:
            out.extend(d for d in explored.diagnostics if d.file == path)
        return out

    # ------------------------------------------------------------ exploration

    def explore(self, snap: Snapshot, bounds: dict[str, Any] | None = None,
                on_progress: Callable[[Any], None] | None = None) -> tuple[Future[ExploreOutcome], Callable[[], None]]:
        """Run the explorer on a snapshot in a worker; returns the outcome's future and a
        function that cancels it (killing the worker)."""
        out: Future[ExploreOutcome] = Future()
        outcome = ExploreOutcome(snap.directory, snap.sources)
        if snap.pkg is None or snap.broken:
            outcome.error = "the package has errors; fix them before exploring"
            out.set_result(outcome)
            return out, lambda: None
        if not tasks.explorer_available():
            outcome.error = "the explorer is not available"
            out.set_result(outcome)
            return out, lambda: None
        b = bounds if bounds is not None else self.settings.explore.changed()
        job = self.pool.submit(tasks.EXPLORE, (snap.pkg, snap.ann, b),
                               self.settings.functionTimeoutMs / 1000, priority=-2000,
                               on_progress=on_progress)

        def done(f: Future[Any]) -> None:
            try:
                outcome.result = f.result()
                anchor = snap.pkg.files[0] if snap.pkg and snap.pkg.files else snap.directory
                outcome.diagnostics = explore_diagnostics(outcome.result, anchor)
                self._explored[snap.directory] = outcome
            except BaseException as e:  # timeout, crash, cancel
                outcome.error = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
            out.set_result(outcome)

        job.future.add_done_callback(done)
        return out, job.cancel

    # ------------------------------------------------------------ events

    def _emit(self, event: Event) -> None:
        for listener in list(self.listeners):
            try:
                listener(event)
            except Exception:
                pass
