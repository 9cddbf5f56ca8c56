"""Expectation comments of verifier test programs.

`// EXPECT verified`: every obligation of every function is proved and no function is left
unverified. `// EXPECT fail <kind> at line <n>` (one or more): an obligation of that kind
fails at that line (1-based), and nothing is reported as unknown. `// EXPECT warning <kind>
at line <n>`: every function is verified, and a warning of that kind is reported at that line.
`// EXPECT error <code> at line <n>` (one or more): the annotations are rejected with that
diagnostic there (so nothing is verified).
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from armada_ls.engine.keys import Texts, function_key, package_dependencies
from armada_ls.verify.api import verify_function, verify_package
from armada_ls.verify.load import load
from armada_ls.verify.result import FunctionResult, Status

_EXPECT = re.compile(r"//\s*EXPECT\s+(verified|(fail|warning)\s+([\w-]+)\s+at\s+line\s+(\d+))")
_ERROR = re.compile(r"//\s*EXPECT\s+error\s+([\w/-]+)\s+at\s+line\s+(\d+)")


@dataclass
class Expectation:
    verified: bool
    failures: list[tuple[str, int]]
    warnings: list[tuple[str, int]]


def expectation(directory: str) -> Expectation:
    fails: list[tuple[str, int]] = []
    warns: list[tuple[str, int]] = []
    verified = False
    for path in sorted(glob.glob(os.path.join(directory, "*.go"))):
        with open(path) as f:
            for m in _EXPECT.finditer(f.read()):
                if m.group(1) == "verified":
                    verified = True
                else:
                    (fails if m.group(2) == "fail" else warns).append((m.group(3), int(m.group(4))))
    assert verified + bool(fails) + bool(warns) == 1, \
        f"{directory}: say either verified, what fails or what it warns of"
    return Expectation(verified or bool(warns), fails, warns)


def run(directory: str, timeout_ms: int = 10000,
        functions: Collection[str] | None = None) -> list[FunctionResult]:
    """Verify the package in `directory`: every function, or those in `functions`."""
    loaded = load(directory)
    assert loaded.package is not None and loaded.annotations is not None, loaded.diagnostics
    errors = [d for d in loaded.diagnostics if str(getattr(d, "severity", "error")).lower().endswith("error")]
    assert not errors, errors
    if functions is None:
        return verify_package(loaded.package, loaded.annotations, timeout_ms)
    return [verify_function(loaded.package, loaded.annotations, q, timeout_ms)
            for q in loaded.package.funcs if q in functions]


def _portable_keys(directory: str) -> dict[str, str]:
    loaded = load(directory)
    pkg = loaded.package
    assert pkg is not None, loaded.diagnostics
    texts = Texts({f: Path(f).read_bytes() for f in pkg.files})
    part = package_dependencies(pkg, texts)
    return {q: function_key(pkg, q, texts, 0, part, portable=True).digest for q in pkg.funcs}


def changed_functions(directory: str, reference: str) -> set[str]:
    """The functions of the package in `directory` whose verification may differ from that
    of their namesakes in `reference` (a copy with a change): those whose cache key (of
    their text and of everything their verification reads, armada_ls/engine/keys.py),
    taken without the directory, differs."""
    ref = _portable_keys(reference)
    return {q for q, k in _portable_keys(directory).items() if ref.get(q) != k}


def describe(results: list[FunctionResult]) -> str:
    lines = []
    for r in results:
        lines.append(f"{r.function}: {r.status.value} {r.error}")
        for o in r.obligations:
            if o.status is not Status.PROVED:
                lines.append(f"  {o.status.value} {o.kind} line {o.span.start.line + 1}: {o.message}"
                             f" {o.reason} ({o.time_ms:.0f} ms)")
    return "\n".join(lines)


def expected_errors(directory: str) -> list[tuple[str, int]]:
    out: list[tuple[str, int]] = []
    for path in sorted(glob.glob(os.path.join(directory, "*.go"))):
        with open(path) as f:
            out += [(m.group(1), int(m.group(2))) for m in _ERROR.finditer(f.read())]
    return out


def check(directory: str, timeout_ms: int = 10000,
          functions: Collection[str] | None = None) -> None:
    """Verify `directory` (only `functions`, when given) and hold it to its expectations."""
    errors = expected_errors(directory)
    if errors:
        loaded = load(directory)
        got = {(d.code, d.span.start.line + 1) for d in loaded.diagnostics}
        for code, line in errors:
            assert (code, line) in got, f"expected {code} at line {line}: {loaded.diagnostics}"
        return
    exp = expectation(directory)
    results = run(directory, timeout_ms, functions)
    text = describe(results)
    if exp.verified:
        assert all(r.status is Status.PROVED and not r.error for r in results), text
        assert any(r.obligations for r in results), "nothing was checked"
        warned = {(o.kind, o.span.start.line + 1) for r in results for o in r.obligations
                  if o.status is not Status.PROVED and o.severity == "warning"}
        for kind, line in exp.warnings:
            assert (kind, line) in warned, f"expected a {kind} warning at line {line}:\n{text}"
        return
    failed = {(o.kind, o.span.start.line + 1) for r in results for o in r.obligations
              if o.status is Status.FAILED}
    for kind, line in exp.failures:
        assert (kind, line) in failed, f"expected {kind} to fail at line {line}:\n{text}"
    unknown = [o for r in results for o in r.obligations if o.status is Status.UNKNOWN]
    assert not unknown and not any(r.error for r in results), text
