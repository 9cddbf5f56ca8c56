"""The worker pool: results, progress, hard timeouts (a runaway worker is killed),
cancellation of a running job, and recovery after a worker dies."""

from __future__ import annotations

import os
import time
from concurrent.futures import CancelledError

import pytest

from armada_ls.engine.workers import JobTimeout, Shared, WorkerCrashed, WorkerPool

S = "tests.lsp.standins"


@pytest.fixture
def pool():
    p = WorkerPool(2)
    yield p
    p.close()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie counts as dead
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


def test_result_and_progress(pool):
    seen = []
    job = pool.submit(f"{S}:echo", ({"a": 1},), 30, on_progress=seen.append)
    assert job.future.result(30) == {"a": 1}
    assert seen == [{"progress": 1}]


def test_hard_timeout_kills_the_worker(pool, tmp_path):
    pidfile = tmp_path / "pid"
    t0 = time.monotonic()
    job = pool.submit(f"{S}:sleepy_pidfile", (str(pidfile), 60), 1.0)
    with pytest.raises(JobTimeout):
        job.future.result(30)
    assert time.monotonic() - t0 < 10
    assert not _alive(int(pidfile.read_text()))  # SIGKILLed, not left running
    # the slot replaced its worker; the pool still answers on both slots
    assert [pool.submit(f"{S}:echo", (i,), 30).future.result(30) for i in range(3)] == [0, 1, 2]


def test_cancel_running_job_kills_it(pool):
    job = pool.submit(f"{S}:sleepy", (60,), 120)
    deadline = time.monotonic() + 20
    while not job.running and time.monotonic() < deadline:
        time.sleep(0.01)
    t0 = time.monotonic()
    job.cancel()
    with pytest.raises(CancelledError):
        job.future.result(30)
    assert time.monotonic() - t0 < 5


def test_cancel_pending_job(pool):
    blockers = [pool.submit(f"{S}:sleepy", (1,), 30) for _ in range(2)]
    pending = pool.submit(f"{S}:echo", (1,), 30)
    pending.cancel()
    assert pending.future.cancelled()
    for b in blockers:
        assert b.future.result(30) == "woke"


def test_errors_and_dead_workers(pool):
    with pytest.raises(WorkerCrashed, match="boom"):
        pool.submit(f"{S}:boom", (), 30).future.result(30)
    with pytest.raises(WorkerCrashed, match="died"):
        pool.submit(f"{S}:die", (), 30).future.result(30)
    assert pool.submit(f"{S}:echo", ("ok",), 30).future.result(30) == "ok"


def test_close_while_jobs_run_kills_each_worker_once():
    # A shutdown races the slot threads, which also kill their worker when its pipe
    # dies; the pipe must be closed once, never twice (EBADF reached the client once).
    for _ in range(5):
        p = WorkerPool(jobs=2)
        jobs = [p.submit(f"{S}:sleepy", (60,), 120) for _ in range(2)]
        deadline = time.monotonic() + 30
        while not all(j.running for j in jobs) and time.monotonic() < deadline:
            time.sleep(0.01)
        p.close()
        for w in p._workers:
            assert w is None
        for j in jobs:
            with pytest.raises((WorkerCrashed, CancelledError)):
                j.future.result(timeout=30)


class Counted:
    """Counts how often it is pickled (in this process)."""

    pickled = 0

    def __init__(self, items: dict[str, str]) -> None:
        self.items = items

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        Counted.pickled += 1
        return dict, (self.items,)


def test_shared_arguments_are_pickled_once_and_each_job_gets_a_fresh_copy(pool):
    Counted.pickled = 0
    shared = Shared(("snapshot", 1), (Counted({"base": "x"}),))
    jobs = [pool.submit(f"{S}:take", (f"job{i}", f"k{i}"), 30, shared=shared) for i in range(4)]
    assert [j.future.result(30) for j in jobs] == [(f"job{i}", ["base", f"k{i}"]) for i in range(4)]
    assert Counted.pickled == 1
    # another token is pickled again
    other = Shared(("snapshot", 2), (Counted({"other": "y"}),))
    assert pool.submit(f"{S}:take", ("again", "k"), 30, shared=other).future.result(30) == ("again", ["k", "other"])
    assert Counted.pickled == 2


def test_workers_run_nicer_than_the_pool_when_asked():
    base = os.nice(0)
    p = WorkerPool(1, nice=5)
    try:
        assert p.submit(f"{S}:niceness", (), 30).future.result(30) == min(19, base + 5)
    finally:
        p.close()
    q = WorkerPool(1)
    try:
        assert q.submit(f"{S}:niceness", (), 30).future.result(30) == base
    finally:
        q.close()
