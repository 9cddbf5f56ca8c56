"""The Python API table (goose/machine_api.py) must match the Go machine library.

For each trusted package this runs `go doc -short` on `armada/goose/machine/<pkg>`, parses
the one-line declarations it prints, and checks that every function, constant and type the
front end allows Goose code to use exists in Go with the same parameter and result types
(aliases such as `Block = []byte` resolved). A mismatch fails with both sides shown, so the
two can never drift apart silently.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest

from goose import machine_api as api
from goose import types as T

ROOT = Path(__file__).resolve().parent.parent
MACHINE_PKGS = sorted(api.FUNCS)


@dataclass
class GoPackage:
    """The exported declarations of one Go package, as `go doc -short` prints them."""

    name: str
    funcs: dict[str, tuple[list[str], list[str]]] = field(default_factory=dict)
    consts: dict[str, tuple[str, str]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # type X = Y
    named: set[str] = field(default_factory=set)  # type X struct{...}, interface, ...


FUNC_RE = re.compile(r"^func (\w+)\(([^()]*)\)\s*(.*)$")
CONST_RE = re.compile(r"^const (\w+) (\S+) = (.+)$")
ALIAS_RE = re.compile(r"^type (\w+) = (.+)$")
NAMED_RE = re.compile(r"^type (\w+) (.+)$")


def split_fields(text: str) -> list[str]:
    """Types of a Go parameter or result list, without names: `a, b string, c uint64`."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        text = text[1:-1].strip()
    if not text:
        return []
    pieces = [p.strip() for p in text.split(",")]
    if not any(" " in p for p in pieces):
        return pieces  # unnamed: every piece is a type
    types: list[str] = []
    pending = 0
    for p in pieces:
        if " " in p:
            _, typ = p.split(None, 1)
            types.extend([typ] * (pending + 1))
            pending = 0
        else:
            pending += 1
    if pending:
        raise ValueError(f"cannot parse Go field list {text!r}: names without a type")
    return types


def parse_doc(name: str, text: str) -> GoPackage:
    """Parses `go doc -short` output (methods and vars are ignored)."""
    pkg = GoPackage(name)
    for raw in text.splitlines():
        line = raw.strip()
        if m := FUNC_RE.match(line):
            pkg.funcs[m[1]] = (split_fields(m[2]), split_fields(m[3]))
        elif m := CONST_RE.match(line):
            pkg.consts[m[1]] = (m[2], m[3])
        elif m := ALIAS_RE.match(line):
            pkg.aliases[m[1]] = m[2]
        elif m := NAMED_RE.match(line):
            pkg.named.add(m[1])
    return pkg


@cache
def go_package(name: str) -> GoPackage:
    if shutil.which("go") is None:
        pytest.skip("the go command is not installed")
    env = os.environ | {"GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod"}
    out = subprocess.run(
        ["go", "doc", "-short", api.MACHINE_PREFIX + name],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, f"go doc failed for {name}:\n{out.stderr}"
    return parse_doc(name, out.stdout)


def to_type(pkg: str, go: str) -> T.Type:
    """The Goose type a Go type expression of package `pkg` denotes."""
    go = go.strip()
    if go.startswith("[]"):
        return T.Slice(to_type(pkg, go[2:]))
    if go.startswith("*"):
        return T.Pointer(to_type(pkg, go[1:]))
    if go in T.INTEGER_TYPES:
        return T.INTEGER_TYPES[go][1]
    if go in ("bool", "string"):
        return T.Basic(go)
    owner, _, name = go.rpartition(".")
    owner = owner or pkg
    if owner in api.FUNCS:
        decl = go_package(owner)
        if name in decl.aliases:
            return to_type(owner, decl.aliases[name])
        if name in decl.named:
            return T.Named(owner, name)
    raise AssertionError(f"Go type {go!r} of package {pkg} has no Goose counterpart")


@pytest.mark.parametrize(
    "go, want",
    [
        ("a uint64", ["uint64"]),
        ("d DiskId, a uint64, v Block", ["DiskId", "uint64", "Block"]),
        ("oldDir, oldName, newDir, newName string", ["string"] * 4),
        ("(Block, bool)", ["Block", "bool"]),
        ("(n uint64, ok bool)", ["uint64", "bool"]),
        ("[]byte", ["[]byte"]),
        ("", []),
    ],
)
def test_split_fields(go: str, want: list[str]) -> None:
    assert split_fields(go) == want


def test_parse_doc() -> None:
    pkg = parse_doc(
        "x",
        "const BlockSize uint64 = 4096\ntype Block = []byte\n"
        "    func Read(d DiskId, a uint64) (Block, bool)\ntype File struct{ ... }\n"
        "func (fs *MemFS) List(dir string) []string\n",
    )
    assert pkg.consts == {"BlockSize": ("uint64", "4096")}
    assert pkg.aliases == {"Block": "[]byte"}
    assert pkg.named == {"File"}
    assert pkg.funcs == {"Read": (["DiskId", "uint64"], ["Block", "bool"])}


@pytest.mark.parametrize(
    "pkg, name", [(p, n) for p in MACHINE_PKGS for n in sorted(api.FUNCS[p])]
)
def test_function_matches(pkg: str, name: str) -> None:
    decl = go_package(pkg)
    assert name in decl.funcs, f"{pkg}.{name} is in machine_api.py but not in Go"
    params, results = decl.funcs[name]
    got = T.Func(
        tuple(to_type(pkg, p) for p in params), tuple(to_type(pkg, r) for r in results)
    )
    want = api.FUNCS[pkg][name]
    assert got == want, f"{pkg}.{name}: Go has {got}, machine_api.py says {want}"


@pytest.mark.parametrize(
    "pkg, name", [(p, n) for p in MACHINE_PKGS for n in sorted(api.CONSTS[p])]
)
def test_constant_matches(pkg: str, name: str) -> None:
    decl = go_package(pkg)
    assert name in decl.consts, f"{pkg}.{name} is in machine_api.py but not a Go constant"
    typ, value = decl.consts[name]
    want_type, want_value = api.CONSTS[pkg][name]
    assert to_type(pkg, typ) == want_type, f"{pkg}.{name} has Go type {typ}, want {want_type}"
    assert int(value, 0) == want_value, f"{pkg}.{name} = {value} in Go, {want_value} in Python"


@pytest.mark.parametrize(
    "pkg, name", [(p, n) for p in MACHINE_PKGS for n in sorted(api.TYPES.get(p, {}))]
)
def test_type_matches(pkg: str, name: str) -> None:
    got = to_type(pkg, name)
    want = api.TYPES[pkg][name]
    assert got == want, f"{pkg}.{name} is {got} in Go, {want} in machine_api.py"


def test_every_table_package_exists() -> None:
    assert set(api.CONSTS) == set(api.FUNCS), "CONSTS and FUNCS list different packages"
    for pkg in MACHINE_PKGS:
        assert (ROOT / "goose" / "machine" / pkg).is_dir(), f"no Go package goose/machine/{pkg}"
