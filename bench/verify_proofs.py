"""Benchmark: a cold verification of every package under proofs/ (seeded bugs excluded),
each in a fresh `python -m armada_ls.verify DIR` measured from outside (what a user waits
for), with its obligation count and solver time, and all of them together. Targets: the
replicated disk under 1 s cold; each new example under 2 s; all of proofs/ under 30 s, and
all of proofs/ with Mailboat's library under 30 s (issue 14; measured in one process, one
function after another, and by `armada verify` itself, whose worker processes share the
functions out). Then `armada verify mailboat`
warm: a second run with the result cache filled, which is what an edit-free re-run costs
(target 0.5 s, measured from outside: process start, front end, cache lookups).

    python bench/verify_proofs.py [--runs N]
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LINE = re.compile(r": (\d+) proved, (\d+) failed, (\d+) unknown; (\d+) ms")


def packages() -> list[str]:
    return sorted(os.path.relpath(d, ROOT).rstrip("/")
                  for d in glob.glob(os.path.join(ROOT, "proofs", "*", "")) if glob.glob(os.path.join(d, "*.go")))


def cold(dirs: list[str]) -> tuple[float, str, float]:
    env = dict(os.environ, PYTHONPATH=ROOT)
    cpu0 = os.times()
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "armada_ls.verify", *dirs], env=env, cwd=ROOT,
                         capture_output=True, text=True)
    wall = (time.perf_counter() - t0) * 1000
    cpu1 = os.times()
    cpu = ((cpu1.children_user - cpu0.children_user) + (cpu1.children_system - cpu0.children_system)) * 1000
    return wall, out.stdout, cpu


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    ok = True
    print(f"load average: {os.getloadavg()[0]:.1f}")
    print(f"{'package':24} {'obligations':>11} {'verdict':>10} {'cold wall ms (median)':>22} {'cpu ms':>8}")
    for d in packages():
        runs = [cold([d]) for _ in range(args.runs)]
        m = LINE.search(runs[0][1])
        proved, failed, unknown = (int(m.group(i)) for i in (1, 2, 3)) if m else (0, -1, -1)
        verdict = "verified" if m and failed == 0 and unknown == 0 else "NOT VERIFIED"
        ok &= verdict == "verified"
        walls, cpus = [r[0] for r in runs], [r[2] for r in runs]
        print(f"{d:24} {proved + failed + unknown:>11} {verdict:>10} {statistics.median(walls):>22.0f} "
              f"{statistics.median(cpus):>8.0f}")
    wall, out, cpu = cold(packages())
    print(f"all of proofs/ in one process: {wall:.0f} ms wall, {cpu:.0f} ms cpu")
    runs = [cold(["mailboat"]) for _ in range(args.runs)]
    m = LINE.search(runs[0][1])
    proved, failed, unknown = (int(m.group(i)) for i in (1, 2, 3)) if m else (0, -1, -1)
    verdict = "verified" if m and failed == 0 and unknown == 0 else "NOT VERIFIED"
    ok &= verdict == "verified"
    print(f"{'mailboat':24} {proved + failed + unknown:>11} {verdict:>10} "
          f"{statistics.median([r[0] for r in runs]):>22.0f} {statistics.median([r[2] for r in runs]):>8.0f}")
    wall, out, cpu = cold(packages() + ["mailboat"])
    print(f"all of proofs/ and mailboat in one process: {wall:.0f} ms wall, {cpu:.0f} ms cpu")
    print(f"armada verify proofs/* mailboat, cold (the CLI: its worker processes, an empty cache): "
          f"{cli_cold(packages() + ['mailboat']):.0f} ms wall")
    print(f"armada verify mailboat, warm (cached): {warm('mailboat', args.runs):.0f} ms wall (median)")
    return 0 if ok else 1


def cli_cold(dirs: list[str]) -> float:
    """What a user waits for: `armada verify` over the packages with nothing cached."""
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        cmd = [sys.executable, "-c", "import sys; from armada_ls.cli import main; sys.exit(main())", "verify",
               "--cache-dir", cache, *dirs]
        t0 = time.perf_counter()
        subprocess.run(cmd, env=dict(os.environ, PYTHONPATH=ROOT), cwd=ROOT, capture_output=True, check=False)
        return (time.perf_counter() - t0) * 1000


def warm(d: str, runs: int) -> float:
    """The CLI's second run over an unchanged package: every function from the cache."""
    import tempfile

    with tempfile.TemporaryDirectory() as cache:
        cmd = [sys.executable, "-c", "import sys; from armada_ls.cli import main; sys.exit(main())", "verify",
               "--cache-dir", cache, d]
        env = dict(os.environ, PYTHONPATH=ROOT)
        subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=False)
        walls = []
        for _ in range(max(runs, 3)):
            t0 = time.perf_counter()
            subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, check=False)
            walls.append((time.perf_counter() - t0) * 1000)
    return statistics.median(walls)


if __name__ == "__main__":
    sys.exit(main())
