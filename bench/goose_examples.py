"""Goose's own example programs against Armada's front end and semantics (issue 16).

Usage: python bench/goose_examples.py PATH_TO_GOOSE_CHECKOUT [--md OUT.md] [--json]

PATH is a checkout of the goose-lang/goose repository (its examples are read there and
never copied into this repository). Two measurements:

1. `goose check` on every package under `internal/examples` (Goose's import paths are
   mapped by the front end as for any Goose program): each non-test `.go` file passes when
   no diagnostic points into it; each other file is listed with the constructs that stop it.
   Files whose `//go:build` line excludes the `goose` tag (as Goose builds) are not Goose
   code and are counted apart, like `_test.go` files.
2. Differential runs: Goose's `semantics` examples are functions `func testX() bool` that
   must return true. The files of that package which pass `goose check` (and do not need a
   failing file) are copied to a temporary module with a generated driver; every such
   function runs under `go run` (through the compat shims' `replace` lines) and under the
   executable semantics, each on a fresh 30-block disk, and their printed results must agree.

Exit status: 0 when every differential run agrees, 1 otherwise, 2 on a bad checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from goose import types as T  # noqa: E402
from goose.diagnostics import Diagnostic  # noqa: E402
from goose.frontend import Frontend, go_files  # noqa: E402
from goose.semantics import devices as D  # noqa: E402
from goose.semantics.format import println  # noqa: E402
from goose.semantics.run import run_function  # noqa: E402

ERRORS = ("syntax", "unsupported", "future", "error")
DISK_BLOCKS = 30  # what Goose's generated tests give each semantics test
COMPAT = ROOT / "goose" / "machine" / "compat"
REPLACES = {
    "github.com/goose-lang/goose": COMPAT / "goose-lang-goose",
    "github.com/goose-lang/primitive": COMPAT / "goose-lang-primitive",
    "github.com/tchajed/goose": COMPAT / "tchajed-goose",
    "github.com/tchajed/marshal": COMPAT / "tchajed-marshal",
    "armada": ROOT,
}
TEST_FUNC = re.compile(r"^func (test\w*)\(\) bool \{", re.M)
PACKAGE = re.compile(r"^package \w+", re.M)


def all_files(examples: Path) -> tuple[list[Path], list[Path]]:
    """(files Goose reads, files it does not: tests and those built only without `goose`)."""
    read: list[Path] = []
    other: list[Path] = []
    for p in sorted(examples.rglob("*.go")):
        if p.name.endswith("_test.go") or str(p) not in go_files(str(p.parent)):
            other.append(p)
        else:
            read.append(p)
    return read, other


def check_examples(examples: Path) -> tuple[dict[Path, list[Diagnostic]], list[Path], list[Path]]:
    """Every package under `examples`, checked in one front end: errors per file."""
    fe = Frontend()
    read, other = all_files(examples)
    dirs = sorted({p.parent for p in read})
    # Dependencies first (the `generic` package is imported by `unittest`).
    dirs.sort(key=lambda d: -len(d.parts))
    errs: dict[Path, list[Diagnostic]] = defaultdict(list)
    for d in dirs:
        for diag in fe.load_package(str(d)).diagnostics:
            if diag.category in ERRORS:
                errs[Path(diag.file).resolve()].append(diag)
    return errs, read, other


def construct(diags: list[Diagnostic]) -> str:
    """One line: the distinct codes that stop a file, with the first message of each."""
    seen: dict[str, str] = {}
    for d in diags:
        code = d.code or d.category
        if code not in seen:
            seen[code] = d.message.split(":")[0].split(";")[0]
    return "; ".join(f"{m} [{c}]" for c, m in seen.items())


# ------------------------------------------------------------------ differential runs

def go_mod(module: str) -> str:
    req = "\n".join(f"\t{m} v0.0.0-00010101000000-000000000000" for m in REPLACES)
    rep = "\n".join(f"\t{m} => {p}" for m, p in REPLACES.items())
    return f"module {module}\n\ngo 1.22\n\nrequire (\n{req}\n)\n\nreplace (\n{rep}\n)\n"


def passing_subset(pkg_dir: Path, files: list[Path], errs: dict[Path, list[Diagnostic]],
                   work: Path) -> tuple[list[str], list[str]]:
    """Copy the package's passing files to `work` as package main; drop any that fail there
    (they needed a failing file) until the rest checks. Returns (kept, dropped) names."""
    kept = [p for p in files if p.parent == pkg_dir and not errs.get(p.resolve())]
    dropped: list[str] = []
    while True:
        for f in work.glob("*.go"):
            f.unlink()
        for p in kept:
            (work / p.name).write_text(PACKAGE.sub("package main", p.read_text(), count=1))
        res = Frontend().load_package(str(work))
        bad = {Path(d.file).name for d in res.diagnostics if d.category in ERRORS}
        if not bad:
            return [p.name for p in kept], dropped
        dropped.extend(sorted(bad))
        kept = [p for p in kept if p.name not in bad]


def differential(pkg_dir: Path, files: list[Path], errs: dict[Path, list[Diagnostic]]) -> dict:
    if shutil.which("go") is None:
        return {"skipped": "go is not installed"}
    with tempfile.TemporaryDirectory(prefix="goose-examples-") as tmp:
        work = Path(tmp)
        kept, dropped = passing_subset(pkg_dir, files, errs, work)
        tests: list[tuple[str, str]] = []  # (file, function)
        for name in kept:
            tests.extend((name, f) for f in TEST_FUNC.findall((work / name).read_text()))
        res = Frontend().load_package(str(work))
        pkg = res.package
        assert pkg is not None
        tests = [(f, n) for f, n in tests if n in pkg.funcs]
        calls = "\n".join(f'\tdisk.Init(disk.NewMemDisk({DISK_BLOCKS}))\n\tfmt.Println("{n}", {n}())'
                          for _, n in tests)
        (work / "zz_driver_main.go").write_text(
            'package main\n\nimport (\n\t"fmt"\n\n\t"github.com/goose-lang/goose/machine/disk"\n)\n\n'
            f"func main() {{\n{calls}\n}}\n")
        (work / "go.mod").write_text(go_mod("gooseexamples"))
        env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod")
        p = subprocess.run(["go", "run", "."], cwd=work, env=env, capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            return {"error": f"go run failed: {p.stderr.strip()[:2000]}", "kept": kept, "dropped": dropped}
        go_out = dict(line.split(" ", 1) for line in p.stdout.splitlines() if " " in line)
        results = []
        for fname, n in tests:
            out = run_function(pkg, n, devices=D.Devices(disk=D.Disk.fresh(DISK_BLOCKS)))
            if out.error is not None:
                ours = f"error: {out.error}"
            elif out.deadlock:
                ours = "deadlock"
            else:
                ours = println(out.state, [out.result], [T.BOOL])
            results.append({"file": fname, "func": n, "go": go_out.get(n), "semantics": ours,
                            "agree": go_out.get(n) == ours})
        return {"kept": kept, "dropped": dropped, "results": results}


# ------------------------------------------------------------------ report

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("checkout", help="a checkout of github.com/goose-lang/goose")
    ap.add_argument("--md", help="also write the report as Markdown to this file")
    ap.add_argument("--json", action="store_true", help="print JSON instead of text")
    args = ap.parse_args(argv)
    checkout = Path(args.checkout).resolve()
    examples = checkout / "internal" / "examples"
    if not examples.is_dir():
        print(f"goose_examples: {examples}: no such directory", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    os.chdir(checkout)  # the front end finds the checkout's go.mod (its module path)
    errs, read, other = check_examples(examples)
    t_check = time.perf_counter() - t0
    passing = [p for p in read if not errs.get(p.resolve())]
    failing = [p for p in read if errs.get(p.resolve())]
    t1 = time.perf_counter()
    diff = differential(examples / "semantics", read, errs)
    t_diff = time.perf_counter() - t1
    results = diff.get("results", [])
    agree = sum(1 for r in results if r["agree"])
    rel = lambda p: str(p.relative_to(examples))  # noqa: E731
    report = {
        "files": len(read), "pass": len(passing), "fail": len(failing),
        "not_goose": [rel(p) for p in other],
        "passing": [rel(p) for p in passing],
        "failing": {rel(p): construct(errs[p.resolve()]) for p in failing},
        "differential": {**diff, "agree": agree, "runs": len(results),
                         "files": sorted({r["file"] for r in results})},
        "seconds": {"check": round(t_check, 2), "differential": round(t_diff, 2)},
    }
    text = render(report)
    if args.md:
        Path(args.md).write_text(text)
    print(json.dumps(report, indent=2) if args.json else text)
    ok = not diff.get("error") and agree == len(results)
    return 0 if ok else 1


def render(r: dict) -> str:
    lines = [
        "# Goose's example programs (internal/examples) under Armada",
        "",
        f"`goose check`: {r['pass']} of {r['files']} files pass "
        f"({len(r['not_goose'])} more are not read: `_test.go` files, or built only without the `goose` tag).",
        "",
        "## Files that do not pass, and what stops each",
        "",
    ]
    lines += [f"- `{f}`: {why}" for f, why in r["failing"].items()]
    lines += ["", "## Files that pass", "", ", ".join(f"`{f}`" for f in r["passing"]), ""]
    d = r["differential"]
    lines += ["## Differential runs (semantics vs `go run`)", ""]
    if "skipped" in d or "error" in d:
        lines.append(f"not run: {d.get('skipped') or d.get('error')}")
    else:
        lines.append(f"{d['agree']} of {d['runs']} test functions agree, from {len(d['files'])} files of "
                     f"`semantics`: {', '.join(d['files'])}.")
        if d["dropped"]:
            lines.append(f"Passing files left out (they need a failing one): {', '.join(d['dropped'])}.")
        lines += [f"- DISAGREE `{x['func']}` ({x['file']}): go {x['go']!r}, semantics {x['semantics']!r}"
                  for x in d["results"] if not x["agree"]]
    lines += ["", f"Time: check {r['seconds']['check']} s, differential {r['seconds']['differential']} s.", ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
