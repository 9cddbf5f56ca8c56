"""What the explorer returns: plain, picklable data that the engine, the CLI and the
language server render (positions are `goose.ir.Span`s, 0-based, with their file)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from goose.ir import Span

# Violation kinds.
REFINEMENT = "refinement"  # a return value or a crash the spec does not allow
UNDEFINED = "undefined-behavior"
PANIC = "panic"
DEADLOCK = "deadlock"
FD_LEAK = "fd-leak"
NO_PROGRESS = "no-progress"  # a goroutine looped without any visible step
LOCK_CONTRACT = "lock-contract"  # an op returned without the lock its `ensures locked(E)` promises
SPEC_ERROR = "spec-error"  # the spec or harness cannot be run (not a bug in the code)


@dataclass
class TraceStep:
    """One step of a trace.

    kind: "step" (a goroutine ran to its next visible action), "call" / "return" (an op of
    the harness), "crash", "recover" (recovery started), "check" (the check phase called an
    op), "fail" (a disk failed), "violation" (the last step: what went wrong)."""

    index: int
    kind: str
    goroutine: str
    description: str
    file: str = ""
    span: Span | None = None
    function: str = ""
    spec_state: str = ""
    phase: str = ""


@dataclass
class Violation:
    kind: str
    message: str
    file: str = ""
    span: Span | None = None
    code: str = ""  # e.g. the kind of undefined behaviour


@dataclass
class ExploreStats:
    states: int = 0
    transitions: int = 0
    revisits: int = 0  # transitions that reached an already explored state
    sleep_pruned: int = 0  # transitions skipped by sleep sets (partial-order reduction)
    seconds: float = 0.0
    max_depth: int = 0

    @property
    def states_per_second(self) -> float:
        return self.states / self.seconds if self.seconds > 0 else 0.0


@dataclass
class ExploreResult:
    """status: "pass" (exhaustive within the bounds, nothing found), "fail" (a violation,
    with its trace), "incomplete" (a state or time limit was hit, or cancelled: nothing
    found so far), "error" (the harness could not be built; see `messages`)."""

    status: str
    package: str
    bounds: dict[str, Any] = field(default_factory=dict)
    violation: Violation | None = None
    trace: list[TraceStep] = field(default_factory=list)
    stats: ExploreStats = field(default_factory=ExploreStats)
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status == "pass"

    def to_json(self) -> dict[str, Any]:
        def span(s: Span | None) -> dict[str, Any] | None:
            if s is None:
                return None
            return {"start": {"line": s.start.line, "col": s.start.col},
                    "end": {"line": s.end.line, "col": s.end.col}}

        d = asdict(self)
        d["stats"]["states_per_second"] = round(self.stats.states_per_second, 1)
        if self.violation is not None:
            d["violation"]["span"] = span(self.violation.span)
        for i, t in enumerate(self.trace):
            d["trace"][i]["span"] = span(t.span)
        return d
