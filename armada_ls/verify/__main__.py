"""`python -m armada_ls.verify DIR...`: verify packages and print one line per function,
then every obligation that is not proved (with its counterexample). Exit 0 only when
everything is proved, 1 on a failure or an unknown, 2 on a usage or load error."""

from __future__ import annotations

import argparse
import os
import sys
import time

from armada_ls.logic import ast as A
from goose.diagnostics import Diagnostic

from .api import DEFAULT_TIMEOUT_MS, summary, verify_package
from .load import load
from .result import FunctionResult, Obligation, Status


def _pos(file: str, o: Obligation) -> str:
    return f"{os.path.relpath(file) if file else '?'}:{o.span.start}"


def show(results: list[FunctionResult], explain: bool, out=sys.stdout) -> None:  # noqa: ANN001
    for r in results:
        n = len(r.obligations)
        ok = sum(o.status is Status.PROVED for o in r.obligations)
        line = f"{r.status.value:8} {r.function:28} {ok}/{n} obligations  {r.time_ms:7.1f} ms"
        if r.error:
            line += f"  ({r.error})"
        print(line, file=out)
    for r in results:
        for o in r.obligations:
            if o.status is Status.PROVED and not explain:
                continue
            sev = {"proved": "note", "failed": o.severity, "unknown": "warning"}[o.status.value]
            print(f"{_pos(o.file, o)}: {sev}: [{o.kind}] {o.message}"
                  + (f" ({o.reason})" if o.reason else ""), file=out)
            if o.clause_span is not None and o.status is not Status.PROVED:
                print(f"  clause: {os.path.relpath(o.clause_file) if o.clause_file else '?'}:"
                      f"{o.clause_span.start}", file=out)
            if o.hint:
                print(f"  hint: insert `//@ {o.hint}` at line {o.hint_span.start.line + 1}", file=out)
            cx = o.counterexample
            if cx is not None:
                for title, d in (("variables", cx.variables), ("durable", cx.durable), ("spec", cx.spec)):
                    if d:
                        print(f"  {title}: " + ", ".join(f"{k} = {v}" for k, v in d.items()), file=out)
                if cx.helping:
                    print("  helping: " + ", ".join(cx.helping), file=out)
                if cx.on_disk:
                    print("  on disk: " + "; ".join(cx.on_disk), file=out)


def _diag(d: Diagnostic) -> str:
    return str(getattr(d, "message", d))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m armada_ls.verify")
    ap.add_argument("dirs", nargs="+")
    ap.add_argument("--timeout-ms", type=int, default=DEFAULT_TIMEOUT_MS)
    ap.add_argument("--explain", action="store_true", help="list every obligation")
    args = ap.parse_args(argv)
    worst = 0
    for d in args.dirs:
        t0 = time.perf_counter()
        loaded = load(d)
        errors = [x for x in loaded.diagnostics if "ERROR" in str(getattr(x, "severity", "ERROR")).upper()]
        for x in errors:
            print(f"{d}: {_diag(x)}", file=sys.stderr)
        if loaded.package is None or loaded.annotations is None:
            return 2
        if errors:
            worst = 1  # the verifier leaves the package unverified; say so in the exit code
        results = verify_package(loaded.package, loaded.annotations, args.timeout_ms)
        show(results, args.explain)
        p, f, u = summary(results)
        total = (time.perf_counter() - t0) * 1000
        print(f"{d}: {p} proved, {f} failed, {u} unknown; {total:.0f} ms; "
              f"crash model: {A.crash_model_name(loaded.annotations)}")
        if f or u or any(r.error for r in results):
            worst = 1
    return worst


if __name__ == "__main__":
    sys.exit(main())
