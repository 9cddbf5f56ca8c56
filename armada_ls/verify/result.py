"""What the verifier reports: obligations, their status, and counterexamples.

The contract between `armada_ls.verify` and its consumers (engine, CLI, language server).
Plain data, picklable, so worker processes can send it back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from goose.ir import Span


class Status(Enum):
    PROVED = "proved"
    FAILED = "failed"
    UNKNOWN = "unknown"  # solver unknown or timeout: never reported as proved


@dataclass
class Counterexample:
    """Values that make the obligation fail, as readable strings."""

    variables: dict[str, str] = field(default_factory=dict)
    durable: dict[str, str] = field(default_factory=dict)  # e.g. "twodisk.D1[0]" -> "b1"
    spec: dict[str, str] = field(default_factory=dict)
    helping: list[str] = field(default_factory=list)  # helped ops at the failure
    on_disk: list[str] = field(default_factory=list)  # for crash points: writes that reached disk
    # (additive, for readable output; see armada_ls.engine.convert.counterexample_lines)
    focus: dict[str, str] = field(default_factory=dict)  # quantified variable -> where it fails
    cells: dict[str, dict[str, str]] = field(default_factory=dict)  # address -> array -> value
    facts: list[str] = field(default_factory=list)  # what the failing clause reads (engine)
    crash: bool = False  # a crash obligation: `on_disk` is what is on disk at the crash


@dataclass
class Obligation:
    """One proof obligation. `kind` is stable and becomes the diagnostic code
    (`verify/<kind>`): safety, race, precondition, postcondition, loop-invariant-init,
    loop-invariant-preserved, decreases, lock-inv, crash-inv, lease, refinement, result,
    recovery-crash-inv, recovery-crash-step, recovery-lock-inv, recovery-helping, helping, overflow,
    deadlock, fd-leak, progress, vacuous, struct-inv."""

    kind: str
    function: str  # qualified name
    file: str
    span: Span  # where it fails (the statement / crash point)
    message: str  # what is checked, in words
    clause_file: str = ""
    clause_span: Span | None = None  # the annotation clause being checked
    status: Status = Status.UNKNOWN
    reason: str = ""  # for UNKNOWN: "timeout", "incomplete quantifiers", ...
    counterexample: Counterexample | None = None
    time_ms: float = 0.0
    crash_point: Span | None = None  # for crash-inv obligations: the durable step
    hint: str = ""  # e.g. the ghost statement a quick fix would insert
    hint_span: Span | None = None
    # "warning": a FAILED check that does not make the function unverified (a suspicious
    # annotation, e.g. a precondition the spec op does not state); "error" otherwise
    severity: str = "error"


@dataclass
class StateSnapshot:
    """The symbolic state before/after a statement, for hover."""

    owned: list[str] = field(default_factory=list)
    leases: list[str] = field(default_factory=list)
    locks: list[str] = field(default_factory=list)
    gen: str = "gen"
    spec: list[str] = field(default_factory=list)
    helping: list[str] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    volatile: list[str] = field(default_factory=list)  # crash_model host: writes not yet durable


@dataclass
class FunctionResult:
    function: str
    file: str
    span: Span
    obligations: list[Obligation] = field(default_factory=list)
    time_ms: float = 0.0
    error: str = ""  # internal error or unsupported construct: the function is not verified
    crash_model: str = "process"  # the package's `crash_model`: what the proof is about
    # sid of a statement -> (before, after)
    states: dict[int, tuple[StateSnapshot, StateSnapshot]] = field(default_factory=dict)

    @property
    def status(self) -> Status:
        if any(o.status is Status.FAILED and o.severity != "warning" for o in self.obligations):
            return Status.FAILED
        if self.error or any(o.status is Status.UNKNOWN and o.severity != "warning"
                             for o in self.obligations):
            return Status.UNKNOWN
        return Status.PROVED
