"""`python -m armada_ls.soundness`: the oracle over every program, proof, seeded bug and
mutant, and the mutation score. Exit status 1 if the verifier proves anything the explorer
breaks (a disagreement), 0 otherwise."""

from __future__ import annotations

import argparse
import os
import sys
import time

from armada_ls.soundness import mutate as M
from armada_ls.soundness import oracle as O
from armada_ls.soundness import run as R


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m armada_ls.soundness", description=__doc__)
    ap.add_argument("--root", default=R._root(), help="repository root (default: this checkout)")
    ap.add_argument("--sample", type=int, default=None, help="run a seeded sample of N mutants (default: all)")
    ap.add_argument("--seed", type=int, default=1, help="seed of the sample (default 1)")
    ap.add_argument("--profile", choices=("ci", "full"), default="full", help="explorer bounds (default full)")
    ap.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--only", default="", help="run only targets whose name contains this text")
    ap.add_argument("--no-programs", action="store_true", help="mutants only: skip programs, proofs and seeded bugs")
    ap.add_argument("--out", default="bench/out/soundness", help="directory for summary.txt and disagreements.md")
    ap.add_argument("--disagreements", default="", help="also append every disagreement to this file as it is found")
    ap.add_argument("--list", action="store_true", help="list the mutants (id and description) and exit")
    a = ap.parse_args(argv)

    root = os.path.abspath(a.root)
    mutants = M.all_mutants(root)
    total = len(mutants)
    if a.list:
        for m in mutants:
            print(f"{m.id}\t{m.description}")
        print(f"{total} mutants", file=sys.stderr)
        return 0
    chosen = M.sample(mutants, a.sample, a.seed) if a.sample is not None else mutants
    base = [] if a.no_programs else R.targets(root)
    if a.only:
        base = [t for t in base if a.only in t.name]
        chosen = [m for m in chosen if a.only in m.id]
    have = {R._key(t.path) for t in base}
    n_targets = len(base) + len(chosen) + len({R._key(m.package) for m in chosen} - have)
    profile = O.FULL if a.profile == "full" else O.CI
    os.makedirs(a.out, exist_ok=True)
    dis_path = os.path.join(a.out, "disagreements.md")
    with open(dis_path, "w") as f:
        f.write("# Disagreements: the verifier proves, the explorer breaks\n\n")
    done = [0]
    n_dis = [0]

    def on_result(r: R.Result) -> None:
        done[0] += 1
        o = r.outcome
        mark = "DISAGREEMENT" if o.disagreement else "(an endless loop the verifier warned of)" \
            if o.warned else ""
        print(f"[{done[0]}/{n_targets}] {r.target.name}: verify {o.verify}, explore {o.explore} "
              f"({r.wall:.1f} s) {mark}", flush=True)
        if o.disagreement:
            n_dis[0] += 1
            entry = R.disagreement_entry(r)
            for p in filter(None, (dis_path, a.disagreements)):
                # A shared file may hold this one from an earlier run: once is enough.
                if p == a.disagreements and os.path.exists(p):
                    with open(p) as f:
                        if entry.splitlines()[0] + "\n" in f.read():
                            continue
                with open(p, "a") as f:
                    f.write(entry)

    w0 = time.monotonic()
    run = R.run_oracle(base, chosen, profile, a.workers, on_result)
    wall = time.monotonic() - w0
    cpu = sum(r.cpu for r in run.results)
    text = R.summary(run, profile, len(chosen), total, a.seed if a.sample is not None else None, wall, cpu, a.workers)
    with open(os.path.join(a.out, "summary.txt"), "w") as f:
        f.write(text)
    print()
    print(text, end="")
    print(f"(written to {os.path.join(a.out, 'summary.txt')}; disagreements in {dis_path})")
    return 1 if n_dis[0] else 0


if __name__ == "__main__":
    sys.exit(main())
