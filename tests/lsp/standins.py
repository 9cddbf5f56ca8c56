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


def niceness(report: Any) -> int:
    return os.nice(0)


def take(report: Any, shared: dict[str, Any], label: str, key: str) -> tuple[str, list[str]]:
    """Mutates the shared dict: the next job must not see it (each gets its own copy)."""
    shared[key] = label
    return label, sorted(shared)


def boom(report: Any) -> None:
    raise RuntimeError("boom")


def die(report: Any) -> None:
    os._exit(3)


def sleepy_pidfile(report: Any, path: str, seconds: float) -> str:
    with open(path, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(seconds)
    return "woke"


# ---------------------------------------------------------------- a stand-in verifier
#
# Used by the language-server tests through ARMADA_TEST_IMPLS while (and after) the real
# verifier lands, to exercise the plumbing deterministically: it fails `Rep.Write` when the
# first disk write lacks `helping` (with the hint a quick fix inserts), sleeps in functions
# named Slow* (cancellation), and proves everything else with one obligation. It is never
# used outside tests.


def fake_verify(pkg: Any, ann: Any, qualified: str, timeout_ms: int) -> Any:
    from armada_ls.verify.result import FunctionResult, Obligation, StateSnapshot, Status
    from goose import ir

    fn = pkg.funcs.get(qualified) or pkg.funcs[qualified.replace("Quick", "Slow")]
    file = fn.file or pkg.file_of.get(qualified, "")
    if "Slow" in qualified:
        piddir = os.environ.get("ARMADA_TEST_PIDDIR")
        if piddir:
            with open(os.path.join(piddir, f"{qualified}.{os.getpid()}"), "w") as f:
                f.write(str(os.getpid()))
        time.sleep(120)
    res = FunctionResult(qualified, file, fn.name_span, time_ms=1.0)
    for s in fn.body:
        res.states[s.sid] = (StateSnapshot(locks=[], path=["true"]),
                             StateSnapshot(locks=["d.locks[a]"], path=["true"]))
    if qualified.endswith("Write"):
        disk1 = next(s for s in fn.body if isinstance(s, ir.ExprStmt)
                     and isinstance(s.expr, ir.Call) and s.expr.name == "Write")
        helped = any("helping" in g.text for g in disk1.annotations)
        ob = Obligation("refinement", qualified, file, disk1.span,
                        "the write to disk 1 can crash with the op neither done nor handed to recovery",
                        status=Status.PROVED if helped else Status.FAILED, time_ms=1.0)
        if not helped:
            ob.hint = "helping Disk.Write(a, v)"
            ob.hint_span = disk1.span
            ob.crash_point = disk1.span
        res.obligations.append(ob)
    else:
        res.obligations.append(Obligation("postcondition", qualified, file, fn.name_span,
                                          "stand-in obligation", status=Status.PROVED, time_ms=1.0))
    return res


def sleepy_verify(pkg: Any, ann: Any, qualified: str, timeout_ms: int) -> Any:
    """Every function takes `timeout_ms / 1000` seconds and is then proved."""
    time.sleep(timeout_ms / 1000)
    return fake_verify(pkg, ann, qualified.replace("Slow", "Quick"), timeout_ms)


def slow_annotate(pkg: Any) -> Any:
    """The real annotation pass, 0.15 s slower: an analysis then always ends while a fast
    typist's newer edits are already in (the server must move its positions to them)."""
    from armada_ls.logic import annotate

    time.sleep(0.15)
    return annotate(pkg)
