"""`//go:build` lines: which files of a directory Goose reads.

Goose loads packages with the build tag `goose`, so a file marked `//go:build !goose` is
plain Go kept away from it (a test driver, code using channels), and one marked
`//go:build goose` is read only by it. The constraint is evaluated as `go build -tags goose`
would on this host; a line we cannot parse keeps the file (it is then checked, never
silently dropped)."""

from __future__ import annotations

import platform
import re
import sys

_OS = {"linux": "linux", "darwin": "darwin", "win32": "windows"}.get(sys.platform, sys.platform)
_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(
    platform.machine().lower(), platform.machine().lower())
TAGS = frozenset({"goose", "gc", _OS, _ARCH} | ({"unix"} if _OS in ("linux", "darwin") else set()))
_TOKEN = re.compile(r"\s*(\(|\)|!|&&|\|\||[\w.]+)")


def tag_set(name: str) -> bool:
    return name in TAGS or re.fullmatch(r"go1\.\d+", name) is not None


def constraint(text: str) -> str | None:
    """The file's `//go:build` expression: only before the package clause, among comments
    and blank lines (Go ignores one anywhere else)."""
    in_block = False
    for line in text.splitlines():
        s = line.strip()
        if in_block:
            in_block = "*/" not in s
            continue
        if s.startswith("//go:build"):
            rest = s[len("//go:build"):]
            if rest[:1] in (" ", "\t"):
                return rest.strip()
            continue
        if not s or s.startswith("//"):
            continue
        if s.startswith("/*"):
            in_block = "*/" not in s
            continue
        return None  # the package clause (or anything else) ends the header
    return None


def evaluate(expr: str) -> bool | None:
    """The boolean value of a build expression, None if it does not parse."""
    toks: list[str] = []
    pos = 0
    while pos < len(expr):
        if expr[pos:].strip() == "":
            break
        m = _TOKEN.match(expr, pos)
        if m is None:
            return None
        toks.append(m.group(1))
        pos = m.end()
    i = 0

    def orexpr() -> bool:
        nonlocal i
        v = andexpr()
        while i < len(toks) and toks[i] == "||":
            i += 1
            v = andexpr() or v
        return v

    def andexpr() -> bool:
        nonlocal i
        v = unary()
        while i < len(toks) and toks[i] == "&&":
            i += 1
            v = unary() and v
        return v

    def unary() -> bool:
        nonlocal i
        if i >= len(toks):
            raise ValueError
        t = toks[i]
        i += 1
        if t == "!":
            return not unary()
        if t == "(":
            v = orexpr()
            if i >= len(toks) or toks[i] != ")":
                raise ValueError
            i += 1
            return v
        if t in (")", "&&", "||"):
            raise ValueError
        return tag_set(t)

    try:
        v = orexpr()
    except ValueError:
        return None
    return v if i == len(toks) else None


def goose_reads(text: str) -> bool:
    """Does a build with the `goose` tag include a file with this text?"""
    c = constraint(text)
    return c is None or evaluate(c) is not False
