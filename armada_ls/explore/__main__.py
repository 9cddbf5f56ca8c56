"""`python -m armada_ls.explore DIR [bounds]`: explore one package from the command line.

Exit status: 0 nothing found within the bounds, 1 a violation (its trace is printed), 2 the
explorer could not run (front-end or annotation errors, no spec, a bad option) or the search
stopped early (state or time limit, interrupted) without finding anything.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from armada_ls.explore import Bounds, ExploreStats, explore_path, format_trace


def parse_domain(text: str) -> tuple[str, list[str]]:
    """`uint64=0,1` or `twodisk.Block=block(0),block(1)`."""
    if "=" not in text:
        raise argparse.ArgumentTypeError(f"--domain {text!r}: write TYPE=v1,v2,...")
    t, vals = text.split("=", 1)
    return t.strip(), [v.strip() for v in vals.split(",") if v.strip()]


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m armada_ls.explore",
                                description="Explore every interleaving, crash and disk failure of a package within bounds.")
    p.add_argument("path", metavar="DIR", help="a package directory")
    p.add_argument("--goroutines", type=int, help="harness goroutines (default: explore block, else 2)")
    p.add_argument("--ops", type=int, help="ops each goroutine calls (default: explore block, else 2)")
    p.add_argument("--crashes", type=int, help="process crashes while the ops run (default 1)")
    p.add_argument("--recovery-crashes", type=int, help="further process crashes during recovery (default 1)")
    p.add_argument("--disk-failures", type=int, help="twodisk failures (default 1)")
    p.add_argument("--fail-disk", type=int, action="append", choices=(1, 2),
                   help="which disk may fail (repeatable; default both)")
    p.add_argument("--domain", type=parse_domain, action="append", default=[], metavar="TYPE=V,...",
                   help="argument values for a type, e.g. uint64=0,1 or twodisk.Block=block(0),block(1)")
    p.add_argument("--disk-size", type=int,
                   help="blocks per disk (default: explore block's disk_size, else the DiskSize constant)")
    p.add_argument("--host-crashes", type=int,
                   help="host crashes (power loss: only what Barrier/Fsync/FsyncDir made durable is sure to survive; default 0)")
    p.add_argument("--no-reductions", action="store_true",
                   help="no partial-order or symmetry reduction (for comparison)")
    p.add_argument("--max-states", type=int, default=3_000_000)
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS")
    p.add_argument("--no-shortest", action="store_true", help="report the first trace found")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress line")
    return p


def bounds_of(args: argparse.Namespace) -> Bounds:
    b = Bounds(goroutines=args.goroutines, ops=args.ops, crashes=args.crashes,
               recovery_crashes=args.recovery_crashes, disk_failures=args.disk_failures,
               domains=dict(args.domain), disk_size=args.disk_size, host_crashes=args.host_crashes,
               reductions=not args.no_reductions, max_states=args.max_states,
               max_seconds=args.timeout, shortest=not args.no_shortest)
    if args.fail_disk:
        b.fail_disks = tuple(sorted({d - 1 for d in args.fail_disk}))
    return b


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as e:
        return 0 if e.code in (0, None) else 2
    t0 = time.monotonic()
    show = not args.quiet and sys.stderr.isatty() or (not args.quiet and args.format == "text")

    def progress(st: ExploreStats) -> None:
        if show:
            print(f"\r  explored {st.states} states, {st.transitions} transitions "
                  f"({st.states_per_second:.0f} states/s, {time.monotonic() - t0:.0f} s)",
                  end="", file=sys.stderr, flush=True)

    try:
        res = explore_path(args.path, bounds_of(args), progress)
    except KeyboardInterrupt:
        print("\ninterrupted", file=sys.stderr)
        return 2
    if show:
        print("\r" + " " * 78 + "\r", end="", file=sys.stderr, flush=True)
    if args.format == "json":
        json.dump(res.to_json(), sys.stdout, indent=2, default=str)
        print()
    else:
        print(format_trace(res))
    if res.status == "pass":
        return 0
    if res.status == "fail":
        return 1
    return 2


if __name__ == "__main__":
    sys.exit(main())
