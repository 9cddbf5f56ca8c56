"""What runs inside a worker process: thin wrappers around the verifier and the explorer.

Each is called as `fn(report, *args)` by `workers._worker_main`; `report` sends progress back.
The package and its annotations come first: they are the arguments jobs share
(`workers.Shared`).
"""

from __future__ import annotations

import os
import sys
from typing import Any

from armada_ls.engine import backends
from armada_ls.engine.workers import resolve

VERIFY = "armada_ls.engine.tasks:verify"
EXPLORE = "armada_ls.engine.tasks:explore"


def verify(report: Any, pkg: Any, ann: Any, impl: str, qualified: str, timeout_ms: int,
           unsaved: dict[str, str] | None = None) -> Any:
    use_unsaved(unsaved or {})
    return resolve(impl)(pkg, ann, qualified, timeout_ms)


_unsaved_now: dict[str, str] = {}  # the buffers this process reads now


def use_unsaved(unsaved: dict[str, str]) -> None:
    """Read the editor's unsaved buffers of imported packages (analysis.Snapshot.unsaved)
    instead of their files, in this worker. The verifier keeps each imported package it
    loaded (with its verdict) until that package's files change on disk, so the packages
    whose buffers changed, and those importing them, are dropped from its cache: they are
    loaded and checked again as on screen."""
    if unsaved == _unsaved_now:
        return
    from goose.frontend import set_unsaved

    changed = {os.path.dirname(os.path.abspath(p)) for p in set(unsaved) | set(_unsaved_now)
               if unsaved.get(p) != _unsaved_now.get(p)}
    set_unsaved(unsaved)
    _unsaved_now.clear()
    _unsaved_now.update(unsaved)
    imports = sys.modules.get("armada_ls.verify.imports")
    if imports is not None:  # (a worker that has not verified yet has nothing to drop)
        imports.forget(changed)


def explore(report: Any, pkg: Any, ann: Any, bounds: dict[str, Any]) -> Any:
    return resolve(backends.EXPLORE_IMPL)(pkg, ann, explorer_bounds(bounds),
                                          progress_callback=lambda stats: report(progress_of(stats)))


def explorer_bounds(bounds: dict[str, Any]) -> Any:
    """Our bounds (settings names) as the explorer's `Bounds`; keys left out fall back to
    the package's `//@ explore` block. `addresses`/`values` become the domains of `uint64`
    and `twodisk.Block` arguments."""
    cls = backends.lookup("armada_ls.explore:Bounds")
    if cls is None:
        return bounds
    domains: dict[str, list[str]] = {}
    if "addresses" in bounds:
        domains["uint64"] = [str(i) for i in range(int(bounds["addresses"]))]
    if "values" in bounds:
        domains["twodisk.Block"] = [f"block({i})" for i in range(int(bounds["values"]))]
    return cls(goroutines=bounds.get("goroutines"), ops=bounds.get("ops_each"),
               crashes=bounds.get("crashes"), disk_failures=bounds.get("disk_failures"),
               recovery_crashes=bounds.get("recovery_crashes"), host_crashes=bounds.get("host_crashes"),
               disk_size=bounds.get("disk_size"), domains=domains)


def progress_of(stats: Any) -> dict[str, Any]:
    """A picklable progress report: states explored and states per second."""
    states = getattr(stats, "states", None)
    if states is None:
        return {"progress": str(stats)}
    return {"states": states, "states/s": round(getattr(stats, "states_per_second", 0.0))}


_available: dict[str, tuple[bool, float]] = {}


def _check(path: str) -> bool:
    """Whether `path` resolves; a yes is remembered, a no is re-checked every 5 s (a
    component that lands while the server runs is picked up without a restart)."""
    import time

    hit = _available.get(path)
    now = time.monotonic()
    if hit is not None and (hit[0] or now - hit[1] < 5):
        return hit[0]
    try:
        resolve(path)
        ok = True
    except ImportError:
        ok = False
    _available[path] = (ok, now)
    return ok


def verifier_available(impl: str = backends.VERIFY_IMPL) -> bool:
    return _check(impl)


def explorer_available() -> bool:
    return _check(backends.EXPLORE_IMPL)
