"""`armada verify PATH...`, `armada explore PATH` and `armada init [DIR]`: the command line
over the engine.

Exit codes: 0 everything proved (no findings); 1 a failure, an unknown, an unverified
function or a front-end error; 2 a usage or internal error (or a missing component); 141
the output was closed early (`armada explore ... | head`), which is not an error of ours.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any, TextIO

from armada_ls import scaffold
from armada_ls.engine import Engine, Settings, backends
from armada_ls.engine import tasks as engine_tasks
from armada_ls.engine.convert import counterexample_lines, obligation_diagnostics, step_text
from armada_ls.engine.report import diagnostic_json, function_json, sarif
from armada_ls.logic.ast import crash_model_words
from goose.cli import closed_stdout, dependency_order, local_pattern, package_dirs
from goose.diagnostics import Diagnostic, Severity, display_path
from goose.frontend import go_files

ICON = {"proved": "ok", "failed": "FAILED", "unknown": "UNKNOWN"}


class UsageError(Exception):
    pass


def _packages(paths: list[str]) -> dict[str, set[str] | None]:
    """Directory -> the files asked for (None: all of the package)."""
    out: dict[str, set[str] | None] = {}
    for p in paths:
        p = local_pattern(p)  # example.com/store/... -> ./...
        ap = os.path.abspath(p)
        if p.endswith("/...") or p == "...":
            # Go's pattern: every Goose package at or below the directory, skipping below it
            # testdata/ (the seeded bugs), _x, .x, vendor/, nested modules, as `go vet` does,
            # and `.goose-ignore` (ordinary Go such as servers); see docs/walkthrough.md.
            root = os.path.abspath(p[: -len("...")] or ".")
            dirs = package_dirs(root) if os.path.isdir(root) else []
            if not dirs:
                raise UsageError(f"{p}: no Go package there")
            for d in dirs:
                out[d] = None
        elif os.path.isdir(ap):
            if not go_files(ap):
                below = " (use DIR/... for the packages below it)" if package_dirs(ap) else ""
                raise UsageError(f"{p}: no Go package here{below}")
            out[ap] = None
        elif os.path.isfile(ap) and ap.endswith(".go"):
            d = os.path.dirname(ap)
            if d not in out or out[d] is not None:
                out.setdefault(d, set())
                cur = out[d]
                if cur is not None:
                    cur.add(ap)
        else:
            raise UsageError(f"{p}: not a directory or a .go file")
    return out


_rel = display_path


def _format_diag(d: Diagnostic) -> str:
    s = d.span.start
    return f"{_rel(d.file)}:{s.line + 1}:{s.col + 1}: {d.category}: {d.message} [{d.code}]"


# ---------------------------------------------------------------- verify


def verify(args: argparse.Namespace, out: TextIO) -> int:
    t0 = time.perf_counter()
    packages = _packages(args.paths)
    # Callees' packages first (Go's order), so a caller's results follow its callees'.
    packages = {d: packages[d] for d in dependency_order(list(packages))}
    settings = Settings().updated({"timeoutMs": args.timeout, "jobs": args.jobs,
                                   "functionTimeoutMs": args.function_timeout})
    cache_dir = None if args.no_cache else (args.cache_dir or ".armada-cache")
    engine = Engine(settings, cache_dir=cache_dir)
    try:
        front: list[Diagnostic] = []
        runs = []
        for directory, files in packages.items():
            snap = engine.refresh(directory)
            if snap.pkg is None and not snap.diagnostics:
                print(f"armada: {_rel(directory)}: " + ("; ".join(snap.notes) or "no Go package here"),
                      file=sys.stderr)
                return 2
            front += [d for d in snap.diagnostics if files is None or d.file in files]
            names = [q for q in snap.functions() if files is None or snap.file_of(q) in files]
            runs.append((snap, names, engine.verify(snap, names)))
        for _, _, run in runs:
            run.future.result()
    finally:
        engine.close()
    elapsed = time.perf_counter() - t0
    results = [(snap, q, run.results.get(q)) for snap, names, run in runs for q in names]
    return _report(args, out, front, results, elapsed)


def _report(args: argparse.Namespace, out: TextIO, front: list[Diagnostic],
            results: list[tuple[Any, str, Any]], elapsed: float) -> int:
    errors = [d for d in front if d.severity is Severity.ERROR]
    counts = {"proved": 0, "failed": 0, "unknown": 0, "notVerified": 0}
    obligations = 0
    diags = list(front)
    for snap, _q, r in results:
        if r is None:
            counts["notVerified"] += 1
            continue
        counts[r.status.value] += 1
        obligations += len(r.obligations)
        diags += obligation_diagnostics(r, snap.sources)
    # Nothing checked is not success: a mistyped path in CI must fail, not pass vacuously.
    ok = bool(results) and not errors and counts["failed"] == counts["unknown"] == counts["notVerified"] == 0
    summary = {**counts, "functions": len(results), "obligations": obligations,
               "frontEndErrors": len(errors), "seconds": round(elapsed, 3)}
    if args.format == "json":
        json.dump({
            "ok": ok, "summary": summary,
            "diagnostics": [diagnostic_json(d) for d in front],
            "functions": [
                function_json(r) if r is not None else
                {"function": q, "file": snap.file_of(q), "status": "not-verified",
                 "error": "front-end or annotation errors", "obligations": []}
                for snap, q, r in results],
        }, out, indent=2)
        out.write("\n")
    elif args.format == "sarif":
        json.dump(sarif(diags, os.getcwd()), out, indent=2)
        out.write("\n")
    else:
        _text(args, out, front, results, summary)
    return 0 if ok else 1


def _text(args: argparse.Namespace, out: TextIO, front: list[Diagnostic],
          results: list[tuple[Any, str, Any]], summary: dict[str, Any]) -> None:
    for d in sorted(front, key=Diagnostic.sort_key):
        print(_format_diag(d), file=out)
    for snap, q, r in results:
        where = _rel(snap.file_of(q))
        if r is None:
            print(f"{where}: {q}: not verified (fix the errors above first)", file=out)
            continue
        n = len(r.obligations)
        proved = sum(o.status.value == "proved" for o in r.obligations)
        why = f" ({r.error})" if r.error else ""
        print(f"{where}: {q}: {ICON[r.status.value]}, {proved}/{n} obligations proved, "
              f"{r.time_ms / 1000:.3f} s{why}", file=out)
        for o in r.obligations:
            if o.status.value == "proved":
                if args.explain:
                    print(f"    proved  {o.kind}: {o.message} (line {o.span.start.line + 1}, {o.time_ms:.0f} ms)", file=out)
                continue
            level = o.severity if o.status.value == "failed" else "warning"
            s = o.span.start
            # The message says what was checked: say that it was not proved.
            lead = ("could not prove" if level == "error" else "suspicious"
                    if o.status.value == "failed" else f"unknown ({o.reason or 'no reason given'})")
            print(f"{_rel(o.file)}:{s.line + 1}:{s.col + 1}: {level}: {lead}: {o.message} [verify/{o.kind}]", file=out)
            if o.clause_span is not None:
                c = o.clause_span.start
                print(f"    clause: {_rel(o.clause_file or o.file)}:{c.line + 1}:{c.col + 1}", file=out)
            if o.crash_point is not None:
                c = o.crash_point.start
                print(f"    crash point: {_rel(o.file)}:{c.line + 1}:{c.col + 1}", file=out)
            for line in counterexample_lines(o.counterexample):
                print(f"    counterexample: {line}", file=out)
            if o.hint:
                print(f"    hint: add `//@ {o.hint.strip()}`", file=out)
    models: dict[str, str] = {}
    for snap, q, r in results:
        if r is not None:
            models.setdefault(_rel(os.path.dirname(snap.file_of(q))) or ".", r.crash_model)
    for where, model in sorted(models.items()):  # nobody should miss which model a proof is about
        print(f"{where}: crash model: {crash_model_words(model)}", file=out)
    s = summary
    print(f"{s['functions']} functions: {s['proved']} proved, {s['failed']} failed, "
          f"{s['unknown']} unknown, {s['notVerified']} not verified; {s['obligations']} obligations; "
          f"{s['frontEndErrors']} front-end errors; {s['seconds']:.2f} s", file=out)
    if not s["functions"]:
        print("note: no functions were found to verify; that is not a proof of anything", file=out)
    # (asked only when something went unverified: loading the verifier to ask would cost a
    # run answered from the cache half its time)
    if s["proved"] + s["failed"] < s["functions"] and not engine_tasks.verifier_available():
        print("note: the verifier is not available in this build; nothing was proved", file=out)


# ---------------------------------------------------------------- explore


BOUNDS = ("goroutines", "ops_each", "crashes", "recovery_crashes", "host_crashes", "disk_failures", "disk_size",
          "addresses", "values")


def explore(args: argparse.Namespace, out: TextIO) -> int:
    packages = _packages([args.path])
    if len(packages) != 1:
        raise UsageError(f"{args.path}: armada explore takes one package (a directory or one of its files)")
    (directory,) = packages
    engine = Engine(Settings().updated({"functionTimeoutMs": args.timeout}))
    bounds = {b: getattr(args, b) for b in BOUNDS if getattr(args, b) is not None}
    t0 = time.perf_counter()

    def progress(p: Any) -> None:
        text = ", ".join(f"{k} {v}" for k, v in p.items()) if isinstance(p, dict) else str(p)
        print(f"\r{text}", end="", file=sys.stderr, flush=True)

    try:
        snap = engine.refresh(directory)
        for d in snap.diagnostics:
            if d.severity is Severity.ERROR:
                print(_format_diag(d), file=sys.stderr)
        fut, _ = engine.explore(snap, bounds,
                                on_progress=None if args.quiet else progress)
        outcome = fut.result()
        if not args.quiet:
            print(file=sys.stderr)
    finally:
        engine.close()
    if outcome.error:
        print(f"armada explore: {outcome.error}", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - t0
    result = outcome.result
    status = getattr(result, "status", "fail" if outcome.diagnostics else "pass")
    if args.format == "json":
        to_json = getattr(result, "to_json", None)
        json.dump({"ok": status == "pass", "status": status, "seconds": round(elapsed, 3),
                   "result": to_json() if callable(to_json) else None,
                   "findings": [diagnostic_json(d) for d in outcome.diagnostics]}, out, indent=2)
        out.write("\n")
    else:
        _explore_text(result, outcome.diagnostics, elapsed, out)
    if status == "pass":
        return 0
    return 2 if status == "error" else 1


def _explore_text(result: Any, findings: list[Diagnostic], elapsed: float, out: TextIO) -> None:
    render = backends.lookup("armada_ls.explore:format_trace")
    if render is not None and result is not None:  # the explorer's own rendering
        print(render(result), file=out)
        print(f"({elapsed:.2f} s)", file=out)
        return
    for i, step in enumerate(getattr(result, "trace", None) or []):
        where = f"{_rel(step.file)}:{step.span.start.line + 1}: " if step.file and step.span else ""
        print(f"  {i + 1:3}. {where}{step_text(step)}", file=out)
    for d in findings:
        print(_format_diag(d), file=out)
    for m in getattr(result, "messages", None) or []:
        print(f"note: {m}", file=out)
    st = getattr(result, "stats", None)
    status = getattr(result, "status", "?")
    if st is not None:
        print(f"{status}: {st.states} states, {st.transitions} transitions, "
              f"{st.states_per_second:.0f} states/s; reductions skipped {st.revisits} revisits "
              f"and {st.sleep_pruned} sleep-set transitions; {elapsed:.2f} s", file=out)
    else:
        print(f"{status}: {len(findings)} findings, {elapsed:.2f} s", file=out)


# ---------------------------------------------------------------- main


EXIT_CODES = """exit status:
  0    everything proved (verify), no violation within the bounds (explore), set up (init)
  1    a failure, an unknown, an unverified function, a violation or a front-end error
  2    a usage error, an internal error or a missing component
  141  the output was closed early (e.g. piped into head)"""


def _sub(sub: Any, name: str, help_: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help_, description=help_[:1].upper() + help_[1:] + ".",
                          epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="armada", description="Push-button verification of crash-safe Go.",
                                epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    v = _sub(sub, "verify", "prove the functions of Go packages")
    v.add_argument("paths", nargs="+", metavar="PATH",
                   help="package directories, DIR/... for every package below DIR (Go's pattern), import paths of the current module (example.com/m/...), or .go files")
    v.add_argument("--explain", action="store_true", help="list every obligation, proved ones too")
    v.add_argument("--format", choices=("text", "json", "sarif"), default="text",
                   help="output format (default text; sarif for code-scanning tools)")
    v.add_argument("--timeout", type=int, default=10000, metavar="MS", help="per-obligation solver timeout")
    v.add_argument("--function-timeout", type=int, default=60000, metavar="MS",
                   help="hard limit for one function's worker process")
    v.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2, metavar="N", help="worker processes")
    g = v.add_mutually_exclusive_group()
    g.add_argument("--cache-dir", metavar="DIR", help="result cache directory (default .armada-cache)")
    g.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    e = _sub(sub, "explore", "search crashes and interleavings for refinement violations")
    e.add_argument("path", metavar="PATH", help="a package directory")
    e.add_argument("--goroutines", type=int, metavar="N", help="concurrent goroutines calling spec ops (default: the package's //@ explore, else 2)")
    e.add_argument("--ops-each", dest="ops_each", type=int, metavar="N", help="spec ops each goroutine calls")
    e.add_argument("--crashes", type=int, metavar="N", help="crashes (each followed by recovery) per execution")
    e.add_argument("--recovery-crashes", dest="recovery_crashes", type=int, help="further crashes during recovery")
    e.add_argument("--host-crashes", dest="host_crashes", type=int,
                   help="host crashes (power loss: only what a Barrier/Fsync made durable survives)")
    e.add_argument("--disk-failures", dest="disk_failures", type=int, metavar="N", help="disk failures per execution (twodisk)")
    e.add_argument("--disk-size", dest="disk_size", type=int, help="blocks per disk (default: the DiskSize constant)")
    e.add_argument("--addresses", type=int, metavar="N", help="distinct block addresses the ops' arguments range over")
    e.add_argument("--values", type=int, metavar="N", help="distinct values the ops' arguments range over")
    e.add_argument("--format", choices=("text", "json"), default="text", help="output format (default text)")
    e.add_argument("--timeout", type=int, default=600000, metavar="MS", help="hard limit for the search")
    e.add_argument("--quiet", "-q", action="store_true", help="no progress line")
    i = _sub(sub, "init", "set up a Go module for Armada: the machine library (vendored, with go.mod replace lines), a starter annotated package, editor settings")
    i.add_argument("dir", nargs="?", default=".", metavar="DIR", help="a directory of the Go module (default: the current one)")
    i.add_argument("--package", default="register", metavar="NAME", help="name of the starter package (default register)")
    i.add_argument("--no-starter", dest="starter", action="store_false", help="do not write the starter package")
    i.add_argument("--update", action="store_true", help="only refresh the vendored machine library and the go.mod block")
    return p


def init_module(args: argparse.Namespace, out: TextIO) -> int:
    try:
        res = scaffold.init(args.dir, package=args.package, starter=args.starter, update=args.update)
    except scaffold.InitError as e:
        raise UsageError(str(e)) from e
    print(f"armada init: module {res.module}", file=out)
    for c in res.created:
        print(f"  wrote {c}", file=out)
    for k in res.kept:
        print(f"  kept  {k} (already there)", file=out)
    print("next: go build ./... && go test ./... && armada verify ./...", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:
        return 2 if e.code not in (0, None) else 0
    try:
        if args.command == "verify":
            rc = verify(args, sys.stdout)
        elif args.command == "init":
            rc = init_module(args, sys.stdout)
        else:
            rc = explore(args, sys.stdout)
        sys.stdout.flush()
        return rc
    except BrokenPipeError:
        return closed_stdout()
    except UsageError as e:
        print(f"armada: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 2
    except Exception as e:  # an internal error is exit 2, never a silent pass
        import traceback

        traceback.print_exc()
        print(f"armada: internal error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
