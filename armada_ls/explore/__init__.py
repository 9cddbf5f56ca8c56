"""The bounded crash and interleaving explorer.

`explore(pkg, ann, bounds)` runs the executable semantics of a package (goose.semantics)
under every interleaving of a harness of goroutines calling the spec's ops, a crash at every
step (and during recovery), and disk failures, and checks every history against the spec.
It returns an `ExploreResult` (plain, picklable data) with the shortest trace it found.

Modules: `harness` (what runs, bounds), `spec` (executing the spec; the set of spec
configurations a history allows), `system` (the explored transition system, recovery
memoized per durable state), `search` (depth-first with state hashing, sleep sets and
subsumption of configurations; breadth-first for a short trace), `symmetry` (interchangeable
harness goroutines), `render` (traces a person can follow), `result` (the result types),
`clientlocks` (ops that hand a held lock to their client: the contract's lock paths, which
`system` keeps for every client), `__main__` (the command line).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from armada_ls.explore.clientlocks import ContractError
from armada_ls.explore.harness import Bounds, HarnessError, build
from armada_ls.explore.render import build_trace, format_trace
from armada_ls.explore.result import ExploreResult, ExploreStats, TraceStep, Violation
from armada_ls.explore.search import Search, shortest
from armada_ls.explore.spec import SpecError
from armada_ls.explore.system import Found, System
from armada_ls.logic import ast as A
from goose import ir
from goose.semantics.errors import Unsupported

__all__ = ["NOT_EXPLORABLE", "Bounds", "ExploreResult", "ExploreStats", "TraceStep", "Violation", "explore", "explore_path",
           "format_trace", "not_explorable"]


NOT_EXPLORABLE = "not explorable"


def not_explorable(pkg: ir.Package) -> str:
    """Why the explorer cannot run `pkg` ("" when it can). It runs one package: a call into
    another package of the module (its body, its recovery called from this one) is not
    interpreted, so such a package is refused with its reason rather than explored in part."""
    from goose import machine_api as M
    from goose.frontend import LIBRARY_PACKAGES

    others = sorted(path for path in pkg.imports.values()
                    if path != "sync" and M.canonical(path) is None and path not in LIBRARY_PACKAGES)
    if others:
        return (f"{NOT_EXPLORABLE}: it imports other packages of its module ({', '.join(others)}); "
                "the explorer runs programs of one package only (their calls are checked by "
                "`armada verify` against the callee's contracts)")
    return ""


def explore(pkg: ir.Package, ann: A.Annotations, bounds: Bounds | None = None,
            progress_callback: Callable[[ExploreStats], None] | None = None,
            cancel: Callable[[], bool] | None = None) -> ExploreResult:  # noqa: D417
    """Explore pkg against its spec within bounds.

    `progress_callback(stats)` is called about twice a second; `cancel()` is polled and
    stops the search (status "incomplete") when it returns true (a `threading.Event`'s
    `is_set` works)."""
    bounds = bounds or Bounds()
    if cancel is not None and hasattr(cancel, "is_set"):  # a threading.Event works too
        cancel = cancel.is_set
    why = not_explorable(pkg)
    if why:
        return ExploreResult("error", pkg.path, messages=[why])
    t0 = time.monotonic()
    try:
        h = build(pkg, ann, bounds)
    except (HarnessError, SpecError, Unsupported) as e:
        return ExploreResult("error", pkg.path, messages=[str(e)])
    system = System(h)
    res = ExploreResult("pass", pkg.path, bounds=dict(h.bounds), messages=list(h.messages))
    if h.recover is None:
        res.messages.append("no `//@ recover` function: crashes are not explored")
    try:
        init = system.initial()
    except Found as f:
        res.status = "fail"
        res.violation = f.violation
        res.trace = build_trace(system, [], f.violation)
        return res
    except (SpecError, Unsupported, ContractError) as e:
        return ExploreResult("error", pkg.path, bounds=dict(h.bounds), messages=[str(e)])
    # `steps N` in the `//@ explore` block caps the states explored (the run is then
    # "incomplete", never "pass", if the cap is reached); a tighter command-line cap wins.
    max_states = min(bounds.max_states, h.bounds.get("steps", bounds.max_states))
    search = Search(system, bounds.reductions, max_states, bounds.max_seconds, progress_callback, cancel)
    try:
        violation, path = search.run(init)
    except (SpecError, Unsupported, ContractError) as e:
        return ExploreResult("error", pkg.path, bounds=dict(h.bounds), messages=[str(e)])
    res.stats = search.stats
    if violation is None:
        if search.incomplete:
            res.status = "incomplete"
            res.messages.append(search.incomplete)
        res.stats.seconds = time.monotonic() - t0
        return res
    if bounds.shortest and len(path) > 1:
        try:
            v2, p2 = shortest(system, init, len(path) - 1, bounds.shortest_budget, cancel)
        except ContractError:  # a shorter path the harness cannot take: keep the one found
            v2, p2 = None, []
        if v2 is not None and len(p2) < len(path):
            violation, path = v2, p2
    res.status = "fail"
    res.violation = violation
    res.trace = build_trace(system, path, violation)
    res.stats.seconds = time.monotonic() - t0
    return res


def explore_path(path: str, bounds: Bounds | None = None,
                 progress_callback: Callable[[ExploreStats], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> ExploreResult:
    """Load the package in directory `path`, parse its annotations and explore it. Front-end
    or annotation errors give status "error" with the diagnostics as messages."""
    from armada_ls.logic import annotate
    from goose.frontend import load_package

    loaded = load_package(path)
    errors = [d for d in loaded.diagnostics if d.severity.name == "ERROR"]
    if errors:
        return ExploreResult("error", path, messages=[d.format() for d in errors])
    ann, diags = annotate(loaded.package)
    errors = [d for d in diags if d.severity.name == "ERROR"]
    if errors:
        return ExploreResult("error", path, messages=[d.format() for d in errors])
    return explore(loaded.package, ann, bounds, progress_callback, cancel)

