"""Benchmark: a cold verification of proofs/repldisk.

Prints the number of obligations, the solver time (the sum of the obligations' solver
queries), the time spent in the verifier, and two totals: in this process from start-up
(imports of the front end, Z3 and the verifier included), and a fresh
`python -m armada_ls.verify proofs/repldisk` measured from outside (what a user waits for).
Target (DESIGN.md): under 2 s cold; solver time within a small factor of 31 ms.

    python bench/verify_repldisk.py [--runs N]
"""

from __future__ import annotations

import time

START = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from armada_ls.verify.api import verify_package  # noqa: E402
from armada_ls.verify.load import load  # noqa: E402
from armada_ls.verify.result import Status  # noqa: E402

TARGET = os.path.join(ROOT, "proofs", "repldisk")


def in_process() -> dict[str, float]:
    t0 = time.perf_counter()
    loaded = load(TARGET)
    t1 = time.perf_counter()
    assert loaded.package is not None and loaded.annotations is not None
    results = verify_package(loaded.package, loaded.annotations)
    t2 = time.perf_counter()
    obs = [o for r in results for o in r.obligations]
    return {
        "obligations": len(obs),
        "proved": sum(o.status is Status.PROVED for o in obs),
        "solver_ms": sum(o.time_ms for o in obs),
        "load_ms": (t1 - t0) * 1000,
        "verify_ms": (t2 - t1) * 1000,
        "since_start_ms": (t2 - START) * 1000,
    }


def cold_cli() -> float:
    env = dict(os.environ, PYTHONPATH=ROOT)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "armada_ls.verify", TARGET], env=env, cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - t0) * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    first = in_process()
    print(f"obligations: {first['obligations']} ({first['proved']} proved)")
    print(f"cold, in process: load {first['load_ms']:.0f} ms, verify {first['verify_ms']:.0f} ms "
          f"(solver {first['solver_ms']:.0f} ms), total since start-up {first['since_start_ms']:.0f} ms")
    colds = [cold_cli() for _ in range(args.runs)]
    print(f"cold `python -m armada_ls.verify proofs/repldisk`: median {statistics.median(colds):.0f} ms "
          f"(min {min(colds):.0f}, max {max(colds):.0f}, {args.runs} runs)")
    return 0 if first["proved"] == first["obligations"] else 1


if __name__ == "__main__":
    sys.exit(main())
