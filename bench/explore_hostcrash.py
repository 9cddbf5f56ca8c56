"""Benchmark: the explorer under host crashes, and the default (boundary-value) domains.

Cases (each exhaustive within its bound; wall and CPU time, states):
- group commit (tests/explore/hostcrash/groupcommit): 2 goroutines x 2 ops, 1 host crash,
  no process crash: must pass in under 30 s (issue 12);
- the same with its data barrier removed: must fail (time to the first violation, no
  shortest-trace search);
- the verified group commit (proofs/groupcommit, crash_model host) at 2 goroutines x 2 ops, 1
  host crash (and 1 process crash, 1 during recovery, as its explore block says): must pass
  in under 30 s; and the verified write-ahead log under host crashes (proofs/walhost) at its
  own bounds: must pass;
- the replicated disk with no `domain uint64` line (default domains: 0 and the boundary
  values of `a < DiskSize`), at the package's own bounds: must pass.

    python bench/explore_hostcrash.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from armada_ls.explore import Bounds, explore_path  # noqa: E402

GROUP_COMMIT = ROOT / "tests" / "explore" / "hostcrash" / "groupcommit" / "groupcommit.go"
DATA_BARRIER = "\tdisk.Barrier() // the entries are durable before the count that covers them\n"


def timed(path: Path, bounds: Bounds) -> tuple[object, float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    res = explore_path(str(path), bounds)
    return res, time.perf_counter() - w0, time.process_time() - c0


def report(name: str, res: object, wall: float, cpu: float, want: str, limit: float | None = None) -> bool:
    s = res.stats  # type: ignore[attr-defined]
    status = res.status  # type: ignore[attr-defined]
    ok = status == want and (limit is None or wall < limit)
    lim = f", limit {limit:.0f} s" if limit is not None else ""
    print(f"{name:<44} {status:<5} {s.states:>8} states {wall:7.2f} s wall {cpu:7.2f} s cpu"
          f"  (want {want}{lim}: {'ok' if ok else 'NOT OK'})")
    return ok


def main() -> int:
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        good = Path(tmp) / "gc"
        good.mkdir()
        (good / "gc.go").write_text(GROUP_COMMIT.read_text())
        hc = dict(goroutines=2, ops=2, crashes=0, host_crashes=1)
        res, w, c = timed(good, Bounds(**hc))  # type: ignore[arg-type]
        ok &= report("group commit, 2x2 ops, 1 host crash", res, w, c, "pass", 30)
        bad = Path(tmp) / "gcbug"
        bad.mkdir()
        (bad / "gc.go").write_text(GROUP_COMMIT.read_text().replace(DATA_BARRIER, ""))
        res, w, c = timed(bad, Bounds(shortest=False, **hc))  # type: ignore[arg-type]
        ok &= report("  without its data barrier", res, w, c, "fail")
        res, w, c = timed(ROOT / "proofs" / "groupcommit", Bounds(goroutines=2, ops=2))
        ok &= report("proofs/groupcommit, 2x2 ops, 1 host crash", res, w, c, "pass", 30)
        res, w, c = timed(ROOT / "proofs" / "walhost", Bounds())
        ok &= report("proofs/walhost, its explore block", res, w, c, "pass")
        rd = Path(tmp) / "repldisk"
        rd.mkdir()
        src = (ROOT / "proofs" / "repldisk" / "repldisk.go").read_text()
        (rd / "repldisk.go").write_text("".join(ln for ln in src.splitlines(keepends=True) if "domain uint64" not in ln))
        res, w, c = timed(rd, Bounds())
        ok &= report("repldisk, default domains (boundary values)", res, w, c, "pass")
        print("  " + "; ".join(m for m in res.messages if "boundary" in m))  # type: ignore[attr-defined]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
