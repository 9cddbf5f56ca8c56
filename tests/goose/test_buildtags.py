"""`//go:build` lines: the front end reads a directory as `go build -tags goose` does, so a
file kept away from Goose (`//go:build !goose`) is not checked, and one only for Goose is."""

from __future__ import annotations

from pathlib import Path

import pytest

from goose.buildtags import constraint, evaluate, goose_reads
from goose.frontend import Frontend, go_files
from goose.source import SourceFile


@pytest.mark.parametrize(("expr", "value"), [
    ("goose", True), ("!goose", False), ("linux || !goose", None), ("go1.21 && goose", True),
    ("(goose && !nope) || nope", True), ("!(goose || nope)", False), ("nope", False),
    ("goose &&", None), ("(goose", None), ("goose nope", None), ("a-b", None),
])
def test_evaluate(expr: str, value: bool | None) -> None:
    got = evaluate(expr)
    if expr == "linux || !goose":  # host-dependent: true on Linux only
        assert got is not None
        return
    assert got is value


def test_constraint_only_in_the_header() -> None:
    assert constraint("// Copyright\n\n//go:build !goose\n\npackage p\n") == "!goose"
    assert constraint("/* a\n//go:build !goose\n*/\npackage p\n") is None  # inside a block comment
    assert constraint("package p\n\n//go:build !goose\n") is None  # after the package clause
    assert constraint("//go:buildx !goose\npackage p\n") is None
    assert goose_reads("//go:build (\npackage p\n")  # unparsable: kept, so it is checked


ORDINARY = "package p\n\nfunc Add(a uint64, b uint64) uint64 {\n\treturn a + b\n}\n"
NOT_GOOSE = "//go:build !goose\n\npackage p\n\nfunc send(c chan uint64) {\n\tc <- 1\n}\n"
ONLY_GOOSE = "//go:build goose\n\npackage p\n\nfunc Twice(a uint64) uint64 {\n\treturn Add(a, a)\n}\n"


def test_package_reads_what_goose_builds(tmp_path: Path) -> None:
    (tmp_path / "a.go").write_text(ORDINARY)
    (tmp_path / "driver.go").write_text(NOT_GOOSE)
    (tmp_path / "twice.go").write_text(ONLY_GOOSE)
    assert [Path(p).name for p in go_files(str(tmp_path))] == ["a.go", "twice.go"]
    res = Frontend().load_package(str(tmp_path))
    assert [d.format() for d in res.diagnostics] == []
    assert res.package is not None and "Twice" in res.package.funcs


def test_editor_text_decides(tmp_path: Path) -> None:
    """An open document's constraint is read from the editor's text, not the disk's."""
    (tmp_path / "a.go").write_text(ORDINARY)
    (tmp_path / "driver.go").write_text(NOT_GOOSE)
    fe = Frontend()
    drv = str(tmp_path / "driver.go")
    # The constraint removed in the editor: the channel is reported.
    res = fe.load_package(str(tmp_path), {drv: SourceFile(drv, NOT_GOOSE.replace("//go:build !goose\n", ""))})
    assert any(d.code == "goose/channel" for d in res.diagnostics)
    # Added to a file that has none on disk: that file is no longer read.
    a = str(tmp_path / "a.go")
    res = fe.load_package(str(tmp_path), {a: SourceFile(a, "//go:build !goose\n\n" + ORDINARY)})
    assert res.package is not None and "Add" not in res.package.funcs
