"""Programs of several packages in one Go module: a package imports others of its module
(by the module path in go.mod), sees their exported constants, struct types, functions and
methods (never their unexported names), and `goose check` takes Go-style patterns and
checks packages in dependency order."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from goose import ir
from goose import types as T
from goose.cli import dependency_order, expand
from goose.frontend import Frontend, find_module, import_path_of

ROOT = Path(__file__).resolve().parents[2]

ALLOC = """package alloc

import "sync"

const MaxBlocks uint64 = 64

const hidden uint64 = 1

type Alloc struct {
	mu   *sync.Mutex
	Free map[uint64]bool
	next uint64
}

func New() *Alloc {
	return &Alloc{mu: new(sync.Mutex), Free: make(map[uint64]bool)}
}

func (a *Alloc) Get() (uint64, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for b := range a.Free {
		delete(a.Free, b)
		return b, true
	}
	return 0, false
}

func (a *Alloc) put(b uint64) {
	a.Free[b] = true
}

func helper() uint64 {
	return hidden
}
"""

INODE = """package inode

import "example.com/fs/alloc"

type Inode struct {
	A      *alloc.Alloc
	Blocks []uint64
}

func Open(a *alloc.Alloc) *Inode {
	return &Inode{A: a}
}

func (i *Inode) Grow() bool {
	b, ok := i.A.Get()
	if !ok || b >= alloc.MaxBlocks {
		return false
	}
	i.Blocks = append(i.Blocks, b)
	return true
}
"""

DIR = """package dir

import (
	al "example.com/fs/alloc"
	"example.com/fs/inode"
)

func Recover() *inode.Inode {
	a := al.New()
	ino := inode.Open(a)
	ino.Grow()
	// A method of a type from a package this one does not import by itself.
	ino.A.Get()
	return ino
}
"""


def module(tmp: Path, files: dict[str, str]) -> Path:
    (tmp / "go.mod").write_text("module example.com/fs\n\ngo 1.22\n")
    for rel, text in files.items():
        p = tmp / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp


def errors(res) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{Path(d.file).name}:{d.span.start.line + 1}: {d.message}" for d in res.diagnostics if d.severity.name == "ERROR"]


def test_module_path_and_import_paths(tmp_path: Path) -> None:
    m = module(tmp_path, {"alloc/alloc.go": ALLOC})
    mod = find_module(str(m / "alloc"))
    assert mod is not None and mod.path == "example.com/fs" and mod.root == str(m)
    assert import_path_of(str(m / "alloc")) == "example.com/fs/alloc"
    assert import_path_of(str(m)) == "example.com/fs"


def test_three_layers_check_and_lower_to_calls_into_packages(tmp_path: Path) -> None:
    m = module(tmp_path, {"alloc/alloc.go": ALLOC, "inode/inode.go": INODE, "dir/dir.go": DIR})
    fe = Frontend()
    for pkg in ("alloc", "inode", "dir"):
        assert errors(fe.load_package(str(m / pkg))) == [], pkg
    res = fe.load_package(str(m / "dir"))
    assert res.package is not None
    assert res.package.import_path == "example.com/fs/dir"
    # The IR names imported packages by their package name, a key of `imports`.
    assert res.package.imports == {"alloc": "example.com/fs/alloc", "inode": "example.com/fs/inode"}
    assert set(res.deps) == {"example.com/fs/alloc", "example.com/fs/inode"}
    calls = [n for n in ir.walk(res.package.funcs["Recover"].body) if isinstance(n, ir.Call)]
    assert [(c.pkg, c.name, c.recv_type) for c in calls] == [
        ("alloc", "New", ""), ("inode", "Open", ""), ("inode", "Grow", "Inode"), ("alloc", "Get", "Alloc")]
    # Imported types are distinct named types qualified by their package.
    assert res.package.funcs["Recover"].results == [T.Pointer(T.Named("inode", "Inode"))]
    grow = fe.load_package(str(m / "inode")).package.funcs["Inode.Grow"]  # type: ignore[union-attr]
    consts = [n for n in ir.walk(grow.body) if isinstance(n, ir.Const) and n.value == 64]
    assert consts and consts[0].type == T.UINT64  # alloc.MaxBlocks, folded


def test_unexported_names_are_not_visible(tmp_path: Path) -> None:
    bad = """package user

import "example.com/fs/alloc"

func F(a *alloc.Alloc) uint64 {
	a.put(3)
	x := a.next
	y := alloc.hidden
	z := alloc.helper()
	w := alloc.Alloc{}
	_ = w
	return x + y + z
}
"""
    m = module(tmp_path, {"alloc/alloc.go": ALLOC, "user/user.go": bad})
    got = errors(Frontend().load_package(str(m / "user")))
    assert any("user.go:6:" in e and "no method `put`" in e for e in got), got
    assert any("user.go:7:" in e and "no field or method `next`" in e for e in got), got
    assert any("user.go:8:" in e and "not exported" in e for e in got), got
    assert any("user.go:9:" in e and "not exported" in e for e in got), got
    assert len(got) == 4, got  # alloc.Alloc{} with no fields is fine


def test_cycle_and_missing_package_are_reported_at_the_import(tmp_path: Path) -> None:
    m = module(tmp_path, {
        "a/a.go": 'package a\n\nimport "example.com/fs/b"\n\nfunc A() uint64 {\n\treturn b.B()\n}\n',
        "b/b.go": 'package b\n\nimport "example.com/fs/a"\n\nfunc B() uint64 {\n\treturn a.A()\n}\n',
        "c/c.go": 'package c\n\nimport "example.com/fs/nothere"\n\nfunc C() {\n}\n',
    })
    got = errors(Frontend().load_package(str(m / "a")))
    assert any("b.go" not in e and "import cycle not allowed: example.com/fs/a -> example.com/fs/b -> example.com/fs/a" in e for e in got), got
    got = errors(Frontend().load_package(str(m / "c")))
    assert got == ["c.go:3: package example.com/fs/nothere is not found in the module (no Go files in "
                   + os.path.relpath(m / "nothere") + ")"] or any("not found in the module" in e for e in got), got


def test_editing_a_dependency_reaches_a_warm_front_end(tmp_path: Path) -> None:
    """The importer's cached functions are keyed by the dependency's declarations too."""
    m = module(tmp_path, {"alloc/alloc.go": ALLOC, "inode/inode.go": INODE})
    fe = Frontend()
    assert errors(fe.load_package(str(m / "inode"))) == []
    p = m / "alloc" / "alloc.go"
    p.write_text(ALLOC.replace("func (a *Alloc) Get() (uint64, bool) {", "func (a *Alloc) Get() uint64 {")
                 .replace("return b, true", "return b").replace("return 0, false", "return 0"))
    os.utime(p, (1, 1))  # a different mtime even on a coarse clock
    got = errors(fe.load_package(str(m / "inode")))
    assert any("inode.go:15:" in e for e in got), got


def test_patterns_and_dependency_order(tmp_path: Path) -> None:
    m = module(tmp_path, {"alloc/alloc.go": ALLOC, "inode/inode.go": INODE, "dir/dir.go": DIR, "proofs/x/x.go": "package x\n"})
    cwd = os.getcwd()
    os.chdir(m)
    try:
        dirs, files, missing = expand(["./..."])
        assert {Path(d).name for d in dirs} == {"alloc", "inode", "dir", "x"} and not files and not missing
        order = [Path(d).name for d in dependency_order(sorted(dirs, reverse=True))]
        assert order.index("alloc") < order.index("inode") < order.index("dir")
        dirs, _, _ = expand(["./proofs/..."])
        assert [Path(d).name for d in dirs] == ["x"]
        _, _, missing = expand(["./nothing/...", "nofile.go"])
        assert missing == ["./nothing/...", "nofile.go"]
    finally:
        os.chdir(cwd)


def run_goose(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "goose.cli", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def test_cli_check_all_packages_of_a_module(tmp_path: Path) -> None:
    m = module(tmp_path, {"alloc/alloc.go": ALLOC, "inode/inode.go": INODE, "dir/dir.go": DIR})
    r = run_goose(m, "check", "./...")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "3 package(s) checked, 0 error(s)" in r.stderr
    # A seeded bug in the middle layer: a call the callee's signature does not allow.
    (m / "inode" / "inode.go").write_text(INODE.replace("b, ok := i.A.Get()", "b, ok := i.A.Get(1)"))
    r = run_goose(m, "check", "./...")
    assert r.returncode == 1
    assert "inode/inode.go:15:" in r.stdout and "wrong number of arguments" in r.stdout, r.stdout


@pytest.mark.parametrize("pattern", ["./missing/...", "missing.go"])
def test_cli_pattern_matching_nothing_exits_2(tmp_path: Path, pattern: str) -> None:
    m = module(tmp_path, {"alloc/alloc.go": ALLOC})
    r = run_goose(m, "check", pattern)
    assert r.returncode == 2 and pattern in r.stderr


def test_an_alias_is_resolved_with_the_imports_of_its_own_file(tmp_path: Path) -> None:
    m = module(tmp_path, {
        "p/a.go": 'package p\n\nimport "github.com/goose-lang/primitive/disk"\n\ntype Blk = disk.Block\n',
        "p/b.go": "package p\n\nfunc F(b Blk) uint64 {\n\treturn uint64(len(b))\n}\n",
    })
    res = Frontend().load_package(str(m / "p"))
    assert errors(res) == []
    assert res.package is not None and res.package.funcs["F"].params[0].type == T.Slice(T.BYTE)


def test_exported_methods_of_an_unexported_type(tmp_path: Path) -> None:
    m = module(tmp_path, {
        "a/a.go": "package a\n\ntype counter struct {\n\tN uint64\n\tk uint64\n}\n\n"
                  "func New() *counter {\n\treturn &counter{}\n}\n\n"
                  "func (c *counter) Inc() uint64 {\n\tc.N++\n\treturn c.N\n}\n\n"
                  "func (c *counter) hidden() uint64 {\n\treturn c.k\n}\n",
        "b/b.go": 'package b\n\nimport "example.com/fs/a"\n\nfunc F() uint64 {\n\tc := a.New()\n\tc.Inc()\n'
                  "\treturn c.N + c.hidden() + c.k\n}\n",
    })
    got = errors(Frontend().load_package(str(m / "b")))
    assert len(got) == 2 and "no method `hidden`" in got[0] and "no field or method `k`" in got[1], got


def test_import_path_patterns_of_the_current_module(tmp_path: Path) -> None:
    m = module(tmp_path, {"alloc/alloc.go": ALLOC, "inode/inode.go": INODE, "dir/dir.go": DIR})
    r = run_goose(m / "inode", "check", "example.com/fs/...")
    assert r.returncode == 0 and "3 package(s) checked" in r.stderr, r.stderr
    r = run_goose(m, "check", "example.com/fs/alloc")
    assert r.returncode == 0 and "1 package(s) checked" in r.stderr, r.stderr
    r = run_goose(m, "check", "example.com/other/...")
    assert r.returncode == 2, r.stderr
