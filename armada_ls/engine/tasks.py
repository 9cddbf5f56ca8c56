"""What runs inside a worker process: thin wrappers around the verifier and the explorer.

Each is called as `fn(report, *args)` by `workers._worker_main`; `report` sends progress back.
"""

from __future__ import annotations

from typing import Any

from armada_ls.engine import backends
from armada_ls.engine.workers import resolve

VERIFY = "armada_ls.engine.tasks:verify"
EXPLORE = "armada_ls.engine.tasks:explore"


def verify(report: Any, pkg: Any, ann: Any, qualified: str, timeout_ms: int) -> Any:
    return resolve(backends.VERIFY_IMPL)(pkg, ann, qualified, timeout_ms)


def explore(report: Any, pkg: Any, ann: Any, bounds: dict[str, Any]) -> Any:
    return resolve(backends.EXPLORE_IMPL)(pkg, ann, bounds, progress_callback=report)


def verifier_available() -> bool:
    try:
        resolve(backends.VERIFY_IMPL)
    except ImportError:
        return False
    return True


def explorer_available() -> bool:
    try:
        resolve(backends.EXPLORE_IMPL)
    except ImportError:
        return False
    return True
