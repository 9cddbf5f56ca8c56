"""A session fixture's work done once per test run, not once per xdist worker.

`make test` runs two workers, and a session fixture is set up in each worker that runs one
of its tests: Mailboat's, minutes of verification, ran twice. (xdist's `loadgroup` would
keep a module on one worker, but with pytest 9.2 it no longer does.) So the first worker
computes under a file lock in the run's shared temporary directory and the other reads
its pickle. Without xdist the work is simply done.
"""

from __future__ import annotations

import fcntl
import os
import pickle
from collections.abc import Callable
from typing import TypeVar

import pytest

T = TypeVar("T")


def once_per_run(factory: pytest.TempPathFactory, name: str, compute: Callable[[], T]) -> T:
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return compute()
    shared = factory.getbasetemp().parent  # this run's base directory, the workers' parent
    data = shared / f"{name}.pickle"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if data.exists():
            with data.open("rb") as f:
                return pickle.load(f)
        out = compute()
        tmp = shared / f"{name}.pickle.tmp"
        with tmp.open("wb") as f:
            pickle.dump(out, f)
        tmp.replace(data)
        return out
