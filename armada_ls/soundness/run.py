"""Running the oracle over everything, and the mutation score.

Targets: every verifier test program (tests/verify/programs), every proof package, every
seeded bug (proofs/*/testdata/bugs/*, mailboat/testdata/bugs/* when present) and the mutants (all, or a
seeded sample). Worker processes run them; every disagreement is appended to the
disagreements file as soon as it is found; the summary is printed and written out.
"""

from __future__ import annotations

import glob
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from armada_ls.soundness import mutate as M
from armada_ls.soundness import oracle as O

PROGRAM, PROOF, BUG, MUTANT = "program", "proof", "seeded bug", "mutant"
SEED = "seed"  # the original of a mutant, when it is not among the other targets


@dataclass(frozen=True)
class Target:
    category: str
    name: str
    path: str
    mutant: M.Mutant | None = None


@dataclass
class Result:
    target: Target
    outcome: O.Outcome
    wall: float = 0.0
    cpu: float = 0.0


def targets(root: str, mutants: list[M.Mutant] | None = None) -> list[Target]:
    """Every verifier test program, proof and seeded bug under root, then the mutants."""
    out: list[Target] = []
    for d in sorted(glob.glob(os.path.join(root, "tests", "verify", "programs", "*", ""))):
        out.append(Target(PROGRAM, "programs/" + os.path.basename(d.rstrip("/")), d))
    for p in M.proof_packages(root):
        out.append(Target(PROOF, p, os.path.join(root, p)))
    for pattern in ("proofs/*/testdata/bugs/*/", "proofs/*/*/testdata/bugs/*/", "mailboat/testdata/bugs/*/"):
        for d in sorted(glob.glob(os.path.join(root, pattern))):
            out.append(Target(BUG, os.path.relpath(d, root).rstrip("/"), d))
    out += [Target(MUTANT, m.id, m.package, m) for m in mutants or []]
    return out


class _Timeout(Exception):
    pass


def _alarm(_sig: int, _frame: object) -> None:
    raise _Timeout


def run_one(t: Target, profile: O.Profile, limit_s: int = 600) -> Result:
    """The oracle on one target, in this process; a target that takes longer than limit_s
    is reported as unknown (never as proved or passed)."""
    w0, c0 = time.monotonic(), time.process_time()
    tmp = None
    old = signal.signal(signal.SIGALRM, _alarm) if hasattr(signal, "SIGALRM") else None
    if old is not None:
        signal.alarm(limit_s)
    try:
        if t.mutant is not None:
            tmp = tempfile.mkdtemp(prefix="armada-mutant-")
            path = t.mutant.write(os.path.join(tmp, os.path.basename(os.path.normpath(t.mutant.package))))
            out = O.check(path, t.name, profile, original=t.mutant.package)
            out.path = t.mutant.package
            # Traces name the temporary copy: show the original package's path instead.
            for form in (os.path.relpath(path), path):  # the longer (relative) form first
                out.explore_detail = out.explore_detail.replace(form, t.mutant.display)
                out.verify_detail = out.verify_detail.replace(form, t.mutant.display)
        else:
            out = O.check(t.path, t.name, profile, judged_only=t.category == BUG)
    except _Timeout:
        out = O.Outcome(t.name, t.path, O.UNKNOWN, f"gave up after {limit_s} s")
    except Exception as e:  # noqa: BLE001 - one broken target must not stop the run
        out = O.Outcome(t.name, t.path, O.UNKNOWN, f"internal error: {type(e).__name__}: {e}")
    finally:
        if old is not None:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return Result(t, out, time.monotonic() - w0, time.process_time() - c0)


def _worker(args: tuple[Target, O.Profile]) -> Result:
    return run_one(*args)


def run_all(ts: list[Target], profile: O.Profile, workers: int,
            on_result: Callable[[Result], None] | None = None) -> list[Result]:
    results: list[Result] = []
    if workers <= 1:
        for t in ts:
            r = run_one(t, profile)
            results.append(r)
            if on_result:
                on_result(r)
        return results
    ctx = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
    with ctx.Pool(workers, maxtasksperchild=50) as pool:
        for r in pool.imap_unordered(_worker, [(t, profile) for t in ts], chunksize=1):
            results.append(r)
            if on_result:
                on_result(r)
    order = {t.name: i for i, t in enumerate(ts)}
    results.sort(key=lambda r: order[r.target.name])
    return results


def _key(path: str) -> str:
    return os.path.normpath(os.path.abspath(path))


@dataclass
class Run:
    """Results of the base targets and of the mutants whose original is proved; mutants of
    an original the verifier does not prove are not run (killing them would mean nothing):
    `unproved_seeds` says which, with the verdict."""

    results: list[Result]
    unproved_seeds: dict[str, str] = field(default_factory=dict)
    skipped_mutants: int = 0


def run_oracle(base: list[Target], mutants: list[M.Mutant], profile: O.Profile, workers: int,
               on_result: Callable[[Result], None] | None = None) -> Run:
    """Phase 1: the base targets, plus the original of every mutant not among them. Phase 2:
    the mutants of the originals the verifier proves."""
    have = {_key(t.path) for t in base}
    seeds = sorted({m.package for m in mutants if _key(m.package) not in have})
    extra = [Target(SEED, "seed " + os.path.basename(os.path.normpath(p)), p) for p in seeds]
    first = run_all(base + extra, profile, workers, on_result)
    verdicts = {_key(r.target.path): r.outcome for r in first}
    unproved = {m.package: verdicts[_key(m.package)].verify + ": " + verdicts[_key(m.package)].verify_detail
                for m in mutants if verdicts[_key(m.package)].verify != O.PROVED}
    run = [m for m in mutants if m.package not in unproved]
    second = run_all([Target(MUTANT, m.id, m.package, m) for m in run], profile, workers, on_result)
    return Run([r for r in first if r.target.category != SEED] + second,
               {os.path.relpath(k): v for k, v in unproved.items()}, len(mutants) - len(run))


def disagreement_entry(r: Result) -> str:
    o, m = r.outcome, r.target.mutant
    lines = [f"## {r.target.category} {r.target.name}", ""]
    if m is not None:
        lines += [f"- operator: {m.operator} ({m.kind})", f"- description: {m.description}", "", "```diff", m.diff().rstrip(), "```", ""]
    else:
        lines += [f"- path: {o.path}", ""]
    lines += [f"- verifier: {o.verify}: {o.verify_detail}", f"- explorer: {o.explore} ({o.explore_bounds})", "", "```",
              o.explore_detail.rstrip(), "```", ""]
    return "\n".join(lines) + "\n"


@dataclass
class Score:
    generated: int = 0
    invalid: int = 0
    killed_failed: int = 0
    killed_unknown: int = 0
    survivors: list[Result] = field(default_factory=list)
    by_op: dict[str, Counter[str]] = field(default_factory=dict)

    @property
    def checked(self) -> int:
        return self.killed_failed + self.killed_unknown + len(self.survivors)


def score(results: list[Result], generated: int) -> Score:
    s = Score(generated=generated)
    for r in results:
        if r.target.mutant is None:
            continue
        c = s.by_op.setdefault(r.target.mutant.operator, Counter())
        v = r.outcome.verify
        if v == O.INVALID:
            s.invalid += 1
            c["invalid"] += 1
        elif v == O.REJECTED:
            s.killed_failed += 1
            c["killed"] += 1
        elif v == O.UNKNOWN:
            s.killed_unknown += 1
            c["killed"] += 1
        else:
            s.survivors.append(r)
            c["survived"] += 1
            if r.outcome.disagreement:
                c["disagreement"] += 1
    return s


def summary(run: Run, profile: O.Profile, generated: int, total_mutants: int, seed: int | None,
            wall: float, cpu: float, workers: int) -> str:
    """The report; `seed` is the sample's seed (None: no sample, maybe a filtered run)."""
    results = run.results
    out: list[str] = []
    dis = [r for r in results if r.outcome.disagreement]
    out.append("Armada soundness: the explorer as the verifier's oracle")
    out.append(f"profile {profile.name}: explorer bounds {profile.describe()}")
    out.append(f"{len(results)} targets in {wall:.0f} s wall, {cpu:.0f} s CPU in the workers, {workers} worker(s), "
               f"load average {os.getloadavg()[0]:.1f}")
    out.append("")
    for cat in (PROGRAM, PROOF, BUG):
        rs = [r for r in results if r.target.category == cat]
        if not rs:
            continue
        v = Counter(r.outcome.verify for r in rs)
        e = Counter(r.outcome.explore for r in rs if r.outcome.verify == O.PROVED)
        out.append(f"{cat}s: {len(rs)}; verifier " + ", ".join(f"{k} {n}" for k, n in sorted(v.items()))
                   + ("; explorer on the proved: " + ", ".join(f"{k} {n}" for k, n in sorted(e.items())) if e else ""))
        for r in rs:
            if cat == BUG and r.outcome.verify == O.PROVED:
                out.append(f"  seeded bug proved: {r.target.name} (explorer {r.outcome.explore})")
            if r.outcome.verify == O.INVALID:
                out.append(f"  invalid: {r.target.name}: {r.outcome.verify_detail}")
    s = score(results, generated)
    out.append("")
    out.append(f"mutants: {total_mutants} generated from {len(M.seed_packages(_root()))} seed packages; "
               f"{generated} run{f' (seeded sample, seed {seed})' if seed is not None else ''}")
    for seed_pkg, why in sorted(run.unproved_seeds.items()):
        out.append(f"  not run: the mutants of {seed_pkg}, whose original the verifier does not prove ({why[:160]})")
    if run.skipped_mutants:
        out.append(f"  not run (original not proved): {run.skipped_mutants}")
    out.append(f"  invalid (front-end or annotation errors, dropped): {s.invalid}")
    out.append(f"  checked: {s.checked}")
    out.append(f"  killed (verifier rejects): {s.killed_failed + s.killed_unknown} "
               f"({s.killed_failed} with a failed obligation, {s.killed_unknown} unknown / not verified)")
    surv = s.survivors
    eq = [r for r in surv if r.outcome.explore == "pass"]
    other = [r for r in surv if r.outcome.explore not in ("pass", "fail")]
    out.append(f"  survived (verifier proves): {len(surv)}")
    out.append(f"    disagreement (explorer breaks it: a soundness bug): {sum(r.outcome.disagreement for r in surv)}")
    out.append(f"    equivalent within bounds (explorer finds no violation): {len(eq)}")
    out.append(f"    not judged (explorer not explorable / incomplete / error): {len(other)}")
    if s.checked:
        out.append(f"  mutation score: {s.killed_failed + s.killed_unknown}/{s.checked} killed "
                   f"= {100.0 * (s.killed_failed + s.killed_unknown) / s.checked:.1f}%")
    out.append("")
    out.append(f"  {'operator':32} {'mutants':>7} {'invalid':>7} {'killed':>7} {'survived':>8} {'disagree':>8}")
    for op in sorted(s.by_op):
        c = s.by_op[op]
        n = sum(c[k] for k in ("invalid", "killed", "survived"))
        out.append(f"  {op:32} {n:7} {c['invalid']:7} {c['killed']:7} {c['survived']:8} {c['disagreement']:8}")
    if surv:
        out.append("")
        out.append("survivors:")
        for r in surv:
            m = r.target.mutant
            assert m is not None
            if r.outcome.disagreement:
                verdict = "DISAGREEMENT: the explorer finds a violation"
            elif r.outcome.explore == "pass":
                verdict = f"equivalent within bounds ({r.outcome.explore_bounds}; {r.outcome.states} states)"
            else:
                verdict = f"not judged: explorer {r.outcome.explore}: {r.outcome.explore_detail[:200]}"
            out.append(f"  {r.target.name}: {m.description}")
            out.append(f"      {verdict}")
    out.append("")
    out.append(f"disagreements: {len(dis)}")
    for r in dis:
        out.append("")
        out.append(r.outcome.report().rstrip())
        if r.target.mutant is not None:
            out.append(r.target.mutant.diff().rstrip())
    # Paths relative to the checkout, so the report reads the same on every machine.
    return ("\n".join(out) + "\n").replace(_root() + os.sep, "")


def _root() -> str:
    return os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
