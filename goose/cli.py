"""`goose check PATH...` and `goose translate DIR`."""

from __future__ import annotations

import argparse
import os
import sys

from goose.diagnostics import Diagnostic, display_path
from goose.frontend import Frontend, find_module, go_files, package_dir_of, source_imports
from goose.printer import model

SKIP_DIRS = {"testdata", "vendor", "node_modules"}
IGNORE_MARKER = ".goose-ignore"


def package_dirs(root: str) -> list[str]:
    """Directories under `root` holding Go files, as Go's `root/...` sees them: below `root`,
    directories named `testdata` or `vendor` or starting with `.` or `_`, and other modules
    (a directory with its own go.mod) are skipped; `root` itself never is (a directory you
    name is read). Also skipped: a directory marked `.goose-ignore` (ordinary Go such as
    servers and commands), with everything below it."""
    out: list[str] = []
    for d, subdirs, _files in os.walk(root):
        subdirs[:] = sorted(s for s in subdirs if not s.startswith((".", "_")) and s not in SKIP_DIRS
                            and not os.path.exists(os.path.join(d, s, "go.mod")))
        if os.path.exists(os.path.join(d, IGNORE_MARKER)):
            subdirs[:] = []
            continue
        if go_files(d):
            out.append(d)
    return out


_rel = display_path


def local_pattern(p: str) -> str:
    """An import-path pattern of the current module (`example.com/store/...`) as a
    directory pattern (`./...`); anything else unchanged."""
    if os.path.exists(p[:-4] if p.endswith("/...") else p):
        return p
    mod = find_module(os.getcwd())
    if mod is None:
        return p
    if p != mod.path and not p.startswith(mod.path + "/"):
        return p
    rest = p[len(mod.path):].lstrip("/")  # "", "...", "dir", "dir/..."
    dots = rest == "..." or rest.endswith("/...")
    below = rest[:-3].rstrip("/") if dots else rest
    d = os.path.relpath(os.path.join(mod.root, *below.split("/")) if below else mod.root)
    return d + "/..." if dots else d


def expand(patterns: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Go-style patterns -> (package directories, single files, patterns matching nothing).

    `DIR/...` is every package under DIR (as `go build` reads it); a directory is walked the
    same way (the behaviour before patterns, kept); a `.go` file is checked on its own."""
    dirs: list[str] = []
    files: list[str] = []
    missing: list[str] = []
    for p in patterns:
        p = local_pattern(p)
        base = p[:-4] if p.endswith("/...") else "." if p == "..." else p
        if os.path.isdir(base or "/"):
            found = package_dirs(base or "/")
            dirs.extend(os.path.abspath(d) for d in found if os.path.abspath(d) not in dirs)
            if not found and p.endswith("..."):
                missing.append(p)
        elif os.path.isfile(p):
            files.append(p)
        else:
            missing.append(p)
    return dirs, files, missing


def dependency_order(dirs: list[str]) -> list[str]:
    """Packages before the packages of the same module that import them (Go's order),
    otherwise in the order given; an import cycle keeps the given order (it is reported
    at the import)."""
    fe = Frontend()
    index = {d: i for i, d in enumerate(dirs)}
    deps: dict[str, list[str]] = {}
    for d in dirs:
        out: list[str] = []
        for path in go_files(d):
            src = fe.source(path)
            for imp in source_imports(src) if src is not None else []:
                target = package_dir_of(imp, d)
                if target is not None and os.path.abspath(target) in index:
                    out.append(os.path.abspath(target))
        deps[d] = out
    order: list[str] = []
    state: dict[str, int] = {}

    def visit(d: str) -> None:
        state[d] = 1
        for x in deps[d]:
            if x not in state:
                visit(x)
        state[d] = 2
        order.append(d)

    for d in dirs:
        if d not in state:
            visit(d)
    return order


def check(paths: list[str], out=sys.stdout) -> int:  # type: ignore[no-untyped-def]
    fe = Frontend()
    diags: list[Diagnostic] = []
    dirs, files, missing_paths = expand(paths)
    packages = len(dirs) + len(files)
    for d in dependency_order(dirs):
        diags.extend(fe.load_package(d).diagnostics)
    for p in files:
        with open(p, encoding="utf-8", errors="replace") as f:
            diags.extend(fe.check_source(p, f.read()).diagnostics)
    # The other paths' diagnostics are still worth printing.
    for p in missing_paths:
        print(f"goose: {p}: no such file, directory or package", file=sys.stderr)
    missing = bool(missing_paths)
    for d in diags:
        d.file = _rel(d.file)
        print(d.format(), file=out)
    errors = sum(1 for d in diags if d.category in ("syntax", "unsupported", "future", "error"))
    print(f"goose: {packages} package(s) checked, {errors} error(s)", file=sys.stderr)
    return 2 if missing else 1 if errors else 0


def translate(directory: str, out=sys.stdout) -> int:  # type: ignore[no-untyped-def]
    if not os.path.isdir(directory):
        print(f"goose: {directory}: not a directory", file=sys.stderr)
        return 2
    res = Frontend().load_package(directory)
    for d in res.diagnostics:
        d.file = _rel(d.file)
        print(d.format(), file=sys.stderr)
    if res.package is None:
        return 1
    out.write(model(res.package))
    return 1 if not res.ok else 0


EXIT_CODES = """exit status:
  0  no errors
  1  errors were reported (syntax, unsupported constructs, type errors)
  2  a path or pattern matched nothing, or the command line is wrong
  141  the output was closed early (e.g. piped into head)"""


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        rc = check(args.paths) if args.cmd == "check" else translate(args.dir)
        sys.stdout.flush()
        return rc
    except BrokenPipeError:
        return closed_stdout()


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="goose",
        description="The Goose front end: check Go code against the Goose subset, print its model.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = ap.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    c = sub.add_parser("check", help="report every construct outside the Goose subset, and type errors",
                       description="Check packages, in dependency order (a package is checked against the exported API of the packages of its module it imports).",
                       epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    c.add_argument("paths", nargs="+", metavar="PATTERN",
                   help="Go-style package patterns (./..., ./proofs/..., or import paths of the current module: example.com/m/...), directories (walked recursively; a .goose-ignore file skips a directory) or single .go files")
    t = sub.add_parser("translate", help="print the Goose model of the package in DIR",
                       epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter)
    t.add_argument("dir", metavar="DIR", help="the package directory whose model to print")
    return ap


def closed_stdout() -> int:
    """The reader of our output went away (`goose check ... | head`): that is not an
    error of ours. Point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141


if __name__ == "__main__":
    sys.exit(main())
