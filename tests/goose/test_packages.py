"""Packages of several files: declarations are shared across files (in any order), imports
are per file, and clashes between files are reported where they happen."""

from __future__ import annotations

from pathlib import Path

from goose.frontend import Frontend
from goose.printer import model


def write(d: Path, files: dict[str, str]) -> Path:
    d.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def diags(d: Path) -> list[str]:
    res = Frontend().load_package(str(d))
    return [f"{Path(x.file).name}:{x.span.start.line + 1}: {x.code}: {x.message}" for x in res.diagnostics]


def test_declarations_across_files_in_any_order(tmp_path: Path) -> None:
    d = write(tmp_path / "a", {
        "x.go": 'package a\n\nimport "sync"\n\ntype T struct {\n\tmu *sync.Mutex\n\tu  U\n}\n\nfunc (t *T) Lock() {\n\tt.mu.Lock()\n}\n',
        "y.go": "package a\n\ntype U struct {\n\tn uint64\n}\n\nfunc (t *T) Get() uint64 {\n\tt.Lock()\n\tv := t.u.n + K\n\tt.mu.Unlock()\n\treturn v\n}\n\nconst K = Base + 1\n",
        "z.go": "package a\n\nconst Base uint64 = 4\n",
    })
    assert diags(d) == []
    res = Frontend().load_package(str(d))
    assert res.package is not None
    assert res.package.consts["K"].value == 5
    text = model(res.package)
    assert "@y.go:7:1" in text and "@x.go:10:1" in text


def test_imports_are_per_file(tmp_path: Path) -> None:
    d = write(tmp_path / "b", {
        "x.go": 'package b\n\nimport "sync"\n\nfunc f() *sync.Mutex {\n\treturn new(sync.Mutex)\n}\n',
        "y.go": "package b\n\nfunc g() *sync.Mutex {\n\treturn f()\n}\n",
    })
    # One error where sync is used without an import, and no follow-on error at the return.
    assert diags(d) == ["y.go:3: goose/type: undefined package `sync` (import it)"]


def test_clashes_between_files(tmp_path: Path) -> None:
    d = write(tmp_path / "c", {
        "x.go": "package c\n\ntype S struct {\n\ta uint64\n}\n\nfunc (s *S) M() {\n}\n\nfunc f() uint64 {\n\treturn 1\n}\n",
        "y.go": "package d\n\ntype S struct {\n\tb uint64\n}\n\nfunc (s *S) M() {\n}\n\nfunc f() uint64 {\n\treturn 2\n}\n",
    })
    got = diags(d)
    assert got == [
        "y.go:1: goose/type: package d differs from package c of the other files",
        "y.go:3: goose/type: `S` redeclared in this package",
        "y.go:7: goose/type: `S.M` redeclared in this package",
        "y.go:10: goose/type: `f` redeclared in this package",
    ]


def test_test_files_and_hidden_files_are_skipped(tmp_path: Path) -> None:
    d = write(tmp_path / "e", {
        "x.go": "package e\n\nfunc F() uint64 {\n\treturn 1\n}\n",
        "x_test.go": 'package e\n\nimport "testing"\n\nfunc TestF(t *testing.T) {\n}\n',
        "_skip.go": "package e\n\nvar bad int\n",
        ".hidden.go": "package e\n\nvar bad int\n",
    })
    assert diags(d) == []


def test_constant_cycle_is_reported_not_looping(tmp_path: Path) -> None:
    d = write(tmp_path / "f", {"x.go": "package f\n\nconst A uint64 = B + 1\n\nconst B uint64 = A + 1\n"})
    got = diags(d)
    assert got and all("goose/type" in g for g in got)
