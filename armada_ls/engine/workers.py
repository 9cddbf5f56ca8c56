"""Worker processes with hard time limits.

Solver work runs in long-lived worker processes, one per slot (`jobs`). A job is a
`module:function` path and picklable arguments; the function is called in the worker as
`fn(report, *args)` where `report(obj)` sends a progress message back. A job that exceeds its
deadline, or is cancelled while running, gets its worker killed (SIGKILL: a runaway Z3 cannot
ignore it) and the slot starts a fresh worker. Results come back as `concurrent.futures`
futures, so both the CLI (blocking) and the language server (asyncio) can wait on them.
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import os
import pickle
import queue
import threading
import time
import traceback
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import CancelledError, Future
from dataclasses import dataclass, field
from multiprocessing.reduction import ForkingPickler
from typing import Any

from armada_ls.engine import backends


class JobTimeout(Exception):
    """The job ran past its hard limit and its worker was killed."""


class WorkerCrashed(Exception):
    """The worker died (or raised) while running the job."""


def resolve(path: str) -> Callable[..., Any]:
    """The implementation for `path` (or its test stand-in: backends.substitute)."""
    fn = backends.lookup(path)
    if fn is None:
        raise ImportError(f"{backends.substitute(path)} is not available")
    return fn


def _worker_main(conn: Any, nice: int = 0) -> None:
    """The loop of one worker process: run jobs until the pipe closes."""
    if nice:
        try:
            os.nice(nice)
        except OSError:
            pass  # not permitted: run at the parent's priority
    while True:
        try:
            path, args, blob = conn.recv()
        except (EOFError, OSError):
            return

        def report(obj: Any) -> None:
            conn.send(("progress", obj))

        try:
            # a fresh copy of the shared arguments for every job, as if sent with it
            lead = pickle.loads(blob) if blob is not None else ()
            result = resolve(path)(report, *lead, *args)
        except BaseException as e:  # noqa: BLE001 - everything goes back to the parent
            conn.send(("error", f"{type(e).__name__}: {e}\n{traceback.format_exc()}"))
        else:
            try:
                conn.send(("done", result))
            except Exception as e:  # unpicklable result
                conn.send(("error", f"cannot send the result back: {e}"))


_ctx_lock = threading.Lock()
_ctx: Any = None


def _context() -> Any:
    global _ctx
    with _ctx_lock:
        if _ctx is None:
            method = "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"
            _ctx = mp.get_context(method)
            if method == "forkserver":
                _ctx.set_forkserver_preload(["armada_ls.engine.workers", "z3"])
        return _ctx


class _Worker:
    def __init__(self, nice: int = 0) -> None:
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_worker_main, args=(child, nice), daemon=True)
        self.proc.start()
        child.close()
        self._kill_lock = threading.Lock()
        self._killed = False

    def alive(self) -> bool:
        return self.proc.is_alive()

    def kill(self) -> None:
        # Both the pool's close() and the slot thread that owns the worker may kill it
        # (a shutdown while a job runs): only the first does, so the pipe closes once.
        with self._kill_lock:
            if self._killed:
                return
            self._killed = True
        try:
            self.proc.kill()
            self.proc.join(5)
        finally:
            try:
                self.conn.close()
            except OSError:
                pass  # the slot thread's poll may have seen it die first


@dataclass(order=True)
class _Entry:
    priority: int
    seq: int
    job: Job = field(compare=False)


@dataclass(frozen=True, eq=False)
class Shared:
    """Leading arguments that many jobs share (a snapshot's package and annotations, for
    each of its functions): pickled once per `token` rather than once per job, which on a
    1,000-line package took ~15 ms of the server's GIL per function verified."""

    token: Any
    args: tuple[Any, ...]


class Job:
    """A submitted job: `future` resolves to the function's return value, or raises
    JobTimeout / WorkerCrashed / CancelledError. The function is called in the worker as
    `fn(report, *shared.args, *args)`."""

    def __init__(self, path: str, args: tuple[Any, ...], timeout_s: float,
                 on_progress: Callable[[Any], None] | None, shared: Shared | None = None) -> None:
        self.path = path
        self.args = args
        self.shared = shared
        self.timeout_s = timeout_s
        self.on_progress = on_progress
        self.future: Future[Any] = Future()
        self.cancelled = threading.Event()
        self.started_at: float | None = None

    def cancel(self) -> None:
        """Drop the job if pending; kill its worker if running."""
        self.cancelled.set()
        self.future.cancel()  # succeeds only while pending

    @property
    def running(self) -> bool:
        return self.future.running()


class WorkerPool:
    """`jobs` slots, each a thread that owns one worker process. `nice`: the workers'
    niceness above the parent's (the language server lowers them so that the solver
    never takes the CPU from the analysis of the text being typed)."""

    def __init__(self, jobs: int = 2, nice: int = 0) -> None:
        self.nice = nice
        self._blobs: OrderedDict[Any, bytes] = OrderedDict()  # Shared.token -> pickled args
        self._blob_lock = threading.Lock()
        self._queue: queue.PriorityQueue[_Entry] = queue.PriorityQueue()
        self._seq = itertools.count()
        self._closed = False
        self._slots: list[threading.Thread] = []
        self._workers: list[_Worker | None] = []
        self.resize(jobs)

    def resize(self, jobs: int) -> None:
        """Grow to `jobs` slots (shrinking takes effect at the next restart)."""
        while len(self._slots) < max(1, jobs):
            index = len(self._slots)
            self._workers.append(None)
            t = threading.Thread(target=self._slot, args=(index,), daemon=True,
                                 name=f"armada-worker-{index}")
            self._slots.append(t)
            t.start()

    @property
    def size(self) -> int:
        return len(self._slots)

    def submit(self, path: str, args: tuple[Any, ...], timeout_s: float, priority: int = 0,
               on_progress: Callable[[Any], None] | None = None, shared: Shared | None = None) -> Job:
        job = Job(path, args, timeout_s, on_progress, shared)
        self._queue.put(_Entry(priority, next(self._seq), job))
        return job

    def _blob(self, shared: Shared) -> bytes:
        """The pickled shared arguments (the last few tokens' are kept)."""
        with self._blob_lock:  # two slots wanting the same token pickle it once
            blob = self._blobs.get(shared.token)
            if blob is None:
                blob = bytes(ForkingPickler.dumps(shared.args))
                self._blobs[shared.token] = blob
                while len(self._blobs) > 4:
                    self._blobs.popitem(last=False)
            else:
                self._blobs.move_to_end(shared.token)
            return blob

    def close(self) -> None:
        self._closed = True
        for _ in self._slots:
            self._queue.put(_Entry(1 << 30, next(self._seq), None))  # type: ignore[arg-type]
        for i, w in enumerate(self._workers):
            if w is not None:
                w.kill()
                self._workers[i] = None

    # ------------------------------------------------------------ slot loop

    def _slot(self, index: int) -> None:
        while not self._closed:
            entry = self._queue.get()
            job = entry.job
            if job is None or self._closed:
                return
            if job.cancelled.is_set() or not job.future.set_running_or_notify_cancel():
                continue
            try:
                self._run(index, job)
            except Exception as e:  # never lose a slot thread
                if not job.future.done():
                    job.future.set_exception(WorkerCrashed(str(e)))

    def _worker(self, index: int) -> _Worker:
        w = self._workers[index]
        if w is None or not w.alive():
            if w is not None:
                w.kill()
            w = _Worker(self.nice)
            self._workers[index] = w
        return w

    def _discard(self, index: int) -> None:
        w = self._workers[index]
        self._workers[index] = None
        if w is not None:
            w.kill()

    def _run(self, index: int, job: Job) -> None:
        w = self._worker(index)
        job.started_at = time.monotonic()
        deadline = job.started_at + job.timeout_s
        try:
            blob = self._blob(job.shared) if job.shared is not None else None
            w.conn.send((job.path, job.args, blob))
        except Exception as e:
            self._discard(index)
            job.future.set_exception(WorkerCrashed(f"cannot send the job: {e}"))
            return
        while True:
            if self._closed:  # closed while this worker started (close() saw no worker)
                self._discard(index)
                job.future.set_exception(WorkerCrashed("the worker pool was closed"))
                return
            if job.cancelled.is_set():
                self._discard(index)
                job.future.set_exception(CancelledError())
                return
            if time.monotonic() >= deadline:
                self._discard(index)
                job.future.set_exception(JobTimeout(f"killed after {job.timeout_s:g} s"))
                return
            try:
                ready = w.conn.poll(0.02)
                msg = w.conn.recv() if ready else None
            except (EOFError, OSError):
                self._discard(index)
                job.future.set_exception(WorkerCrashed("the worker process died"))
                return
            if msg is None:
                continue
            kind, payload = msg
            if kind == "progress":
                if job.on_progress is not None:
                    try:
                        job.on_progress(payload)
                    except Exception:
                        pass
            elif kind == "done":
                job.future.set_result(payload)
                return
            else:
                job.future.set_exception(WorkerCrashed(payload))
                return
