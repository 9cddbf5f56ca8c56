"""Stand-in worker functions for engine tests (a worker that sleeps, one that reports)."""

from __future__ import annotations

import os
import time
from typing import Any


def sleepy(report: Any, seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def echo(report: Any, value: Any) -> Any:
    report({"progress": 1})
    return value


def pid(report: Any) -> int:
    return os.getpid()


def boom(report: Any) -> None:
    raise RuntimeError("boom")


def die(report: Any) -> None:
    os._exit(3)


def sleepy_pidfile(report: Any, path: str, seconds: float) -> str:
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(seconds)
    return "woke"
