"""`goose check PATH...` and `goose translate DIR`."""

from __future__ import annotations

import argparse
import os
import sys

from goose.diagnostics import Diagnostic, display_path
from goose.frontend import Frontend, go_files
from goose.printer import model

SKIP_DIRS = {"testdata", "vendor", "node_modules"}
IGNORE_MARKER = ".goose-ignore"


def package_dirs(root: str) -> list[str]:
    """Directories under `root` holding Go files, minus those marked `.goose-ignore`
    (ordinary Go such as servers and commands) and `testdata`/`vendor`."""
    out: list[str] = []
    for d, subdirs, _files in os.walk(root):
        subdirs[:] = sorted(s for s in subdirs if not s.startswith((".", "_")) and s not in SKIP_DIRS)
        if os.path.exists(os.path.join(d, IGNORE_MARKER)):
            subdirs[:] = []
            continue
        if go_files(d):
            out.append(d)
    return out


_rel = display_path


def check(paths: list[str], out=sys.stdout) -> int:  # type: ignore[no-untyped-def]
    fe = Frontend()
    diags: list[Diagnostic] = []
    packages = 0
    missing = False
    for p in paths:
        if os.path.isdir(p):
            for d in package_dirs(p):
                packages += 1
                diags.extend(fe.load_package(d).diagnostics)
        elif os.path.isfile(p):
            packages += 1
            with open(p, encoding="utf-8", errors="replace") as f:
                diags.extend(fe.check_source(p, f.read()).diagnostics)
        else:
            # Keep going: the other paths' diagnostics are still worth printing.
            print(f"goose: {p}: no such file or directory", file=sys.stderr)
            missing = True
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="goose", description="The Goose front end: check Go code against the Goose subset, print its model.")
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="report every construct outside the Goose subset, and type errors")
    c.add_argument("paths", nargs="+", help="files or directories (walked recursively; a .goose-ignore file skips a directory)")
    t = sub.add_parser("translate", help="print the Goose model of the package in DIR")
    t.add_argument("dir")
    args = ap.parse_args(argv)
    if args.cmd == "check":
        return check(args.paths)
    return translate(args.dir)


if __name__ == "__main__":
    sys.exit(main())
