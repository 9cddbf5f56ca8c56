"""The explorer as an oracle for the verifier.

For one program (a package directory) the verifier runs in-process on the whole package;
when it proves everything, the explorer runs within bounds, and a violation it finds is a
*disagreement*: the verifier said "verified" about code that breaks its spec, a soundness
bug. A program the verifier rejects needs no oracle (for a mutant it is *killed*).

What the explorer checks a mutant against is the original package's contract: its spec,
its `//@ explore` harness, its fault model and the `requires` of the functions that
implement spec ops. A mutant that weakens a proof annotation or adds `requires false` has
not changed what the code must do, so the explorer still calls every op the original
allows (otherwise `requires false` would hide broken code from both tools).
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from typing import Any

from armada_ls.explore import Bounds, ExploreResult, explore, format_trace, not_explorable
from armada_ls.explore.harness import HarnessError, build
from armada_ls.explore.spec import SpecError
from armada_ls.logic import ast as A
from armada_ls.verify.api import verify_package
from armada_ls.verify.load import Loaded, load
from armada_ls.verify.result import FunctionResult, Status

# Verifier verdicts.
PROVED = "proved"
REJECTED = "rejected"  # an obligation failed
UNKNOWN = "unknown"  # nothing failed, but something is unknown or not verified
INVALID = "invalid"  # front-end or annotation errors: not a program the tools agree to check

# Explorer verdicts (ExploreResult.status) plus:
NOT_EXPLORABLE = "not-explorable"  # no spec, no op implementation, imports of the module: no harness
SKIPPED = "skipped"  # not run (the verifier did not prove the program)


@dataclass(frozen=True)
class Profile:
    """Explorer bounds for the oracle. `edge` adds a second, smaller run whose address
    domain includes the last address below `DiskSize` (a bound off by one at the end of the
    disk is invisible to addresses 0 and 1)."""

    name: str
    goroutines: int | None
    ops: int | None
    crashes: int | None
    recovery_crashes: int | None
    disk_failures: int | None
    edge: bool
    max_seconds: float
    max_states: int

    def bounds(self, **kw: Any) -> Bounds:
        # The explorer checks the claim the verifier proves: under the package's crash
        # model (`crash_model host`: one power loss; otherwise process crashes only, even
        # where the explore block asks for more: those runs are tests of their own).
        kw.setdefault("host_crashes", 0)
        return Bounds(goroutines=self.goroutines, ops=self.ops, crashes=self.crashes,
                      recovery_crashes=self.recovery_crashes, disk_failures=self.disk_failures,
                      max_seconds=self.max_seconds, max_states=self.max_states, **kw)

    def describe(self) -> str:
        def v(x: int | None) -> str:
            return "block" if x is None else str(x)
        s = (f"goroutines {v(self.goroutines)}, ops {v(self.ops)}, crashes {v(self.crashes)}, "
             f"recovery_crashes {v(self.recovery_crashes)}, disk_failures {v(self.disk_failures)}")
        return s + (" + edge run (2x1 ops, addresses {0, DiskSize-1})" if self.edge else "")


# CI: small bounds (about a second per program). Full: the package's own `//@ explore`
# bounds (None: taken from the block, else the explorer's defaults) plus the edge run.
CI = Profile("ci", 2, 1, 1, 0, 1, edge=False, max_seconds=60, max_states=200_000)
FULL = Profile("full", None, None, None, None, None, edge=True, max_seconds=300, max_states=2_000_000)


@dataclass
class Outcome:
    """The oracle's answer for one program: both verdicts and, on a violation, the trace."""

    name: str
    path: str
    verify: str  # PROVED | REJECTED | UNKNOWN | INVALID
    verify_detail: str = ""
    explore: str = SKIPPED  # pass | fail | incomplete | error | NOT_EXPLORABLE | SKIPPED
    explore_detail: str = ""  # the trace of a violation, or why it did not run
    explore_bounds: str = ""
    states: int = 0
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)
    # the explorer's violation is an endless loop at a loop the verifier warned may not end
    # (`progress`): both say the same, the verifier only proves what happens if it ends
    warned: str = ""

    @property
    def disagreement(self) -> bool:
        return self.verify == PROVED and self.explore == "fail" and not self.warned

    def report(self) -> str:
        return (f"{self.name}\n  verifier: {self.verify}{': ' + self.verify_detail if self.verify_detail else ''}\n"
                f"  explorer: {self.explore} ({self.explore_bounds})\n"
                + (f"  agreed: {self.warned}\n" if self.warned else "")
                + "".join(f"    {line}\n" for line in self.explore_detail.splitlines()))


def verdict(loaded: Loaded, results: list[FunctionResult]) -> tuple[str, str]:
    """The package-level verdict of the verifier: PROVED only if every obligation of every
    function is proved and no function is left unverified."""
    # a warning (a loop that may not end: a flusher's) fails no function, so the package is
    # proved and its mutants are checked against the explorer like any other's
    failed = [(r.function, o) for r in results for o in r.obligations
              if o.status is Status.FAILED and o.severity != "warning"]
    if failed:
        f, o = failed[0]
        return REJECTED, f"{len(failed)} failed; first: {f}: {o.kind} line {o.span.start.line + 1}: {o.message}"
    unknown = [(r.function, o) for r in results for o in r.obligations if o.status is Status.UNKNOWN]
    errors = [r for r in results if r.error]
    if unknown or errors:
        what = (f"{unknown[0][0]}: {unknown[0][1].kind} {unknown[0][1].reason}" if unknown
                else f"{errors[0].function}: {errors[0].error}")
        return UNKNOWN, f"{len(unknown)} unknown, {len(errors)} not verified; first: {what}"
    warnings = [d for d in loaded.diagnostics if _severity(d) == "warning"]
    n = sum(len(r.obligations) for r in results)
    detail = f"{n} obligations proved"
    if warnings:
        detail += f"; {len(warnings)} warning(s), first: {warnings[0].message}"
    return PROVED, detail


def _warned_loop(results: list[FunctionResult], v: Any) -> str:
    """The verifier's `progress` warning at the loop where the explorer found a goroutine
    running on without a visible step, if it gave one."""
    if v is None or v.kind != "no-progress" or v.span is None:
        return ""
    line = v.span.start.line
    for r in results:
        for o in r.obligations:
            if o.kind == "progress" and o.severity == "warning" and o.status is not Status.PROVED \
                    and o.span.start.line == line and os.path.basename(o.file) == os.path.basename(v.file):
                return f"the verifier warned of this loop (progress, line {line + 1}), the explorer found it endless"
    return ""


def _severity(d: Any) -> str:
    s = getattr(d, "severity", "error")
    return str(getattr(s, "name", s)).lower()


def _front_errors(loaded: Loaded) -> list[str]:
    return [d.format() if hasattr(d, "format") else str(d) for d in loaded.diagnostics if _severity(d) == "error"]


def with_contract(ann: A.Annotations, original: A.Annotations) -> A.Annotations:
    """The mutant's annotations with the original's spec, harness, fault model and the
    `requires` of every op implementation: what the explorer checks the code against."""
    out = copy.copy(ann)
    out.specs = original.specs
    out.explore = original.explore
    out.may_fail = original.may_fail
    out.funcs = dict(ann.funcs)
    for fname, clauses in original.funcs.items():
        if any(isinstance(c, A.Implements) for c in clauses) and fname in out.funcs:
            keep = [c for c in out.funcs[fname] if not isinstance(c, A.Requires)]
            out.funcs[fname] = keep + [c for c in clauses if isinstance(c, A.Requires)]
    return out


def _edge_domain(loaded: Loaded) -> dict[str, list[str]] | None:
    pkg = loaded.package
    c = pkg.consts.get("DiskSize") if pkg is not None else None
    if c is None or not isinstance(c.value, int) or c.value < 2:
        return None
    return {"uint64": ["0", str(c.value - 1)]}


def _explorable(ann: A.Annotations) -> str:
    if not ann.specs:
        return "no `//@ spec`"
    if not any(isinstance(c, A.Implements) for cs in ann.funcs.values() for c in cs):
        return "no function implements a spec op"
    return ""


def _one_explore(loaded: Loaded, ann: A.Annotations, bounds: Bounds) -> ExploreResult:
    assert loaded.package is not None
    return explore(loaded.package, ann, bounds)


def _no_harness(loaded: Loaded, profile: Profile) -> str:
    """Why the explorer cannot judge the package at all (no spec, no harness), or ""."""
    assert loaded.package is not None and loaded.annotations is not None
    why = _explorable(loaded.annotations) or not_explorable(loaded.package)
    if why:
        return why
    try:
        build(loaded.package, loaded.annotations, profile.bounds())
    except (HarnessError, SpecError) as e:
        return str(e)
    except Exception:  # noqa: BLE001 - anything else: let the oracle run and report it
        return ""
    return ""


def check(path: str, name: str | None = None, profile: Profile = CI, original: str | None = None,
          timeout_ms: int = 5000,
          judged_only: bool = False) -> Outcome:
    """Run the oracle on the package in `path`. `original`: the package a mutant was made
    from (its contract is what the explorer checks). `judged_only`: do
    not verify a package the explorer cannot judge (a seeded bug whose own test verifies
    it: Mailboat's, which took minutes of CI to verify again for nothing to compare)."""
    name = name or os.path.basename(os.path.normpath(path))
    loaded = load(path)
    errs = _front_errors(loaded)
    out = Outcome(name, path, INVALID)
    if loaded.package is None or loaded.annotations is None or errs or (loaded.annotations and loaded.annotations.errors):
        first = errs[0] if errs else (loaded.annotations.errors[0].message if loaded.annotations and loaded.annotations.errors else "no package")
        out.verify_detail = f"{len(errs) or 1} error(s); first: {first}"
        return out
    if judged_only and original is None:
        why = _no_harness(loaded, profile)
        if why:
            out.verify, out.verify_detail = SKIPPED, "not run here: the explorer cannot judge it"
            out.explore, out.explore_detail = "error", why
            return out
    results = verify_package(loaded.package, loaded.annotations, timeout_ms)
    out.verify, out.verify_detail = verdict(loaded, results)
    if out.verify != PROVED:
        return out
    ann = loaded.annotations
    if original is not None:
        orig = load(original)
        if orig.annotations is not None:
            ann = with_contract(ann, orig.annotations)
    why = _explorable(ann) or not_explorable(loaded.package)
    if why:
        out.explore, out.explore_detail = NOT_EXPLORABLE, why
        return out
    host = 1 if A.host_crashes(ann) else 0
    runs = [profile.bounds(host_crashes=host)]
    if profile.edge:
        dom = _edge_domain(loaded)
        if dom is not None:
            runs.append(Bounds(goroutines=2, ops=1, crashes=1, recovery_crashes=0, disk_failures=1, domains=dom,
                               host_crashes=host, max_seconds=profile.max_seconds,
                               max_states=profile.max_states))
    statuses = []
    for b in runs:
        res = _one_explore(loaded, ann, b)
        out.states += res.stats.states
        out.seconds += res.stats.seconds
        bounds = ", ".join(f"{k} {v}" for k, v in res.bounds.items())
        if b.domains:
            bounds += f", domains {b.domains}"
        statuses.append(res.status)
        out.explore_bounds = bounds if not out.explore_bounds else f"{out.explore_bounds}; {bounds}"
        if res.status == "fail":
            if res.violation is not None and res.violation.kind == "spec-error":
                out.explore, out.explore_detail = "error", format_trace(res)
                return out
            out.explore, out.explore_detail = "fail", format_trace(res)
            out.warned = _warned_loop(results, res.violation)
            return out
        if res.status == "error":
            out.explore, out.explore_detail = "error", "; ".join(res.messages)
            return out
    out.explore = "incomplete" if "incomplete" in statuses else "pass"
    return out
