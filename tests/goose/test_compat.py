"""Goose's machine library, lowered onto ours: the IR names our packages whatever the
import path (so the semantics and the verifier see one machine), a disk.Disk handle's
methods are the disk's functions, sync.RWMutex is a mutex, aliases are their targets."""

from __future__ import annotations

from pathlib import Path

from goose import ir
from goose import types as T
from goose.frontend import Frontend
from goose.printer import model

CORPUS = Path(__file__).parent / "corpus"


def load(name: str) -> ir.Package:
    res = Frontend().check_source(str(CORPUS / name), (CORPUS / name).read_text())
    assert [d.format() for d in res.diagnostics] == []
    assert res.package is not None
    return res.package


def calls(fd: ir.FuncDecl) -> list[tuple[str, str]]:
    return [(n.pkg, n.name) for n in ir.walk(fd.body) if isinstance(n, ir.Call)]


def test_2019_paths_are_our_packages() -> None:
    pkg = load("ok_compat_goose2019.go")
    assert pkg.imports == {"prims": "github.com/tchajed/goose/machine", "disk": "github.com/tchajed/goose/machine/disk",
                           "filesys": "github.com/tchajed/goose/machine/filesys"}
    assert calls(pkg.funcs["EncodeHeader"]) == [("prims", "UInt64Put"), ("prims", "UInt64Put"), ("prims", "RandomUint64")]
    assert calls(pkg.funcs["SaveCount"])[:2] == [("filesys", "Create"), ("prims", "UInt64ToString")]


def test_disk_handles_are_the_one_disk() -> None:
    pkg = load("ok_compat_primitive.go")
    assert set(pkg.imports) == {"prims", "disk"}  # disk and async_disk: one disk
    assert calls(pkg.funcs["BlockLog.Append"]) == [("prims", "UInt64Put"), ("disk", "Write"), ("disk", "Barrier")]
    assert calls(pkg.funcs["Flush"]) == [("disk", "Read"), ("disk", "Write"), ("disk", "Barrier")]
    open_ = pkg.funcs["OpenBlockLog"]
    assert any(isinstance(n, ir.Nil) and str(n.type) == "disk.Disk" for n in ir.walk(open_.body))
    assert "disk.Disk(the machine's disk)" in model(pkg)


def test_constructs_of_goose_programs() -> None:
    pkg = load("ok_compat_constructs.go")
    assert pkg.consts["MaxU64"].value == (1 << 64) - 1 and pkg.consts["MaxU64"].type == T.UINT64
    assert pkg.consts["Offset"].value == 17  # 10-20+30 + (-7)/2 (truncated: -3) - 1 + ^0 + 2
    assert pkg.structs["Store"].type.underlying == T.Struct((("mu", T.Pointer(T.MUTEX)), ("rw", T.Pointer(T.MUTEX)), ("n", T.UINT64)))
    get = [n for n in ir.walk(pkg.funcs["Store.Get"].body) if isinstance(n, ir.Call)]
    assert [(c.pkg, c.name, c.recv_type) for c in get] == [("sync", "Lock", "sync.Mutex"), ("sync", "Unlock", "sync.Mutex")]
    peek = pkg.funcs["Store.Peek"].body
    assert isinstance(peek[1], ir.Defer) and peek[1].call.name == "Unlock"
    assert pkg.funcs["NewSlice"].results == [T.Pointer(T.Slice(T.UINT64))]
    assert pkg.funcs["Conv"].results == [T.Slice(T.BYTE)]


def test_aliases_and_empty_structs() -> None:
    pkg = load("ok_type_alias.go")
    assert pkg.structs["Inode"].type.underlying == T.Struct((("Addrs", T.Map(T.UINT64, T.Struct(()))), ("Data", T.Slice(T.BYTE))))
    assert pkg.funcs["NewInode"].results == [T.Pointer(T.Named("", "Inode"))]
    pkg = load("ok_empty_struct.go")
    lits = [n for n in ir.walk(pkg.funcs["Set.Add"].body) if isinstance(n, ir.StructLit)]
    assert lits and lits[0].type == T.Struct(()) and lits[0].fields == []


def test_named_types_are_distinct_for_the_checker_and_erased_in_the_ir() -> None:
    pkg = load("ok_named_types.go")
    nxt = pkg.funcs["NextInum"]
    assert nxt.params[0].type == T.UINT64 and nxt.results == [T.UINT64]
    assert pkg.consts["RootInum"].type == T.UINT64
    assert pkg.structs["Dinode"].type.underlying == T.Struct((("Num", T.UINT64), ("Tags", T.Slice(T.STRING))))
    lookup = pkg.funcs["LookupTag"]
    assert lookup.params[0].type == T.Map(T.STRING, T.UINT64)
    for fd in pkg.funcs.values():
        for n in ir.walk(fd.body):
            t = getattr(n, "type", None)
            assert t is None or T.erase(t) == t, (fd.name, n)


def test_a_named_type_of_an_imported_package(tmp_path: Path) -> None:
    (tmp_path / "go.mod").write_text("module example.com/n\n\ngo 1.22\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "a.go").write_text("package a\n\ntype Inum uint64\n\nfunc Root() Inum {\n\treturn 1\n}\n")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "b.go").write_text('package b\n\nimport "example.com/n/a"\n\nfunc F(n uint64) a.Inum {\n'
                                         "\tvar x a.Inum = a.Root() + 1\n\treturn x + a.Inum(n)\n}\n\n"
                                         "func G(n uint64) a.Inum {\n\treturn a.Root() + n\n}\n")
    res = Frontend().load_package(str(tmp_path / "b"))
    msgs = [d.message for d in res.diagnostics]
    assert msgs == ["mismatched types a.Inum and uint64 in `a.Root() + n`"], msgs
    assert res.package is not None and res.package.funcs["F"].results == [T.UINT64]
