"""Benchmark: explore the replicated disk at the issue's bound and report what reductions save.

Bound: 2 goroutines x 2 ops, addresses {0, 1}, values {block(0), block(1)}, one crash at any
point of the ops, one more during recovery, one disk failure (either disk) at any point.
The run with reductions (sleep sets, symmetry of the harness goroutines, subsumption of
history-checker configurations) must finish in under 10 s; the run without them is bounded
by --off-seconds and reported as a lower bound if it does not finish.

    python bench/explore_repldisk.py [--off-seconds 60]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from armada_ls.explore import Bounds, explore_path  # noqa: E402

BOUND = dict(goroutines=2, ops=2, crashes=1, recovery_crashes=1, disk_failures=1,
             domains={"uint64": ["0", "1"], "twodisk.Block": ["block(0)", "block(1)"]})


def run(reductions: bool, seconds: float | None) -> tuple[object, float]:
    t0 = time.perf_counter()
    res = explore_path(str(ROOT / "proofs" / "repldisk"),
                       Bounds(reductions=reductions, max_seconds=seconds, **BOUND))  # type: ignore[arg-type]
    return res, time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--off-seconds", type=float, default=60.0)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    on, t_on = run(True, None)
    s = on.stats  # type: ignore[attr-defined]
    print(f"with reductions:    {on.status}, {s.states} states, {s.transitions} transitions, "  # type: ignore[attr-defined]
          f"{s.states / t_on:.0f} states/s, {t_on:.2f} s (limit 10 s: {'ok' if t_on < 10 else 'OVER'})")
    print(f"  sleep sets skipped {s.sleep_pruned} transitions; {s.revisits} transitions reached known states")
    off, t_off = run(False, args.off_seconds)
    o = off.stats  # type: ignore[attr-defined]
    done = off.status != "incomplete"  # type: ignore[attr-defined]
    print(f"without reductions: {off.status}, {'' if done else 'at least '}{o.states} states, "  # type: ignore[attr-defined]
          f"{o.transitions} transitions, {o.states / max(t_off, 1e-9):.0f} states/s, {t_off:.2f} s")
    ratio = o.states / max(s.states, 1)
    print(f"reductions saved {'' if done else 'at least '}{o.states - s.states} states "
          f"({'' if done else '>= '}{ratio:.1f}x fewer) and {'' if done else '>= '}{t_off / t_on:.1f}x time")
    return 0 if on.status == "pass" and t_on < 10 else 1  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
