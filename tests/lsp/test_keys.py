"""Cache keys: what invalidates a function's result and what does not, and how cached spans
move with the text."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from armada_ls.engine import Engine
from armada_ls.engine.keys import Texts, function_key
from armada_ls.engine.remap import Remapper
from goose import ir

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "repl.go"


@pytest.fixture
def engine():
    e = Engine()
    yield e
    e.close()


def keys(engine: Engine, directory: Path, text: str) -> dict[str, object]:
    (directory / "repl.go").write_text(text)
    snap = engine.refresh(str(directory))
    assert snap.pkg is not None and not snap.diagnostics, [d.format() for d in snap.diagnostics]
    return {q: snap.key(q, 1000) for q in snap.functions()}


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    d = tmp_path / "repl"
    d.mkdir()
    shutil.copy(FIXTURE, d / "repl.go")
    return d


def digests(ks):
    return {q: k.digest for q, k in ks.items()}


def test_edit_elsewhere_keeps_the_key_and_moves_spans(engine, pkg):
    text = FIXTURE.read_text()
    a = keys(engine, pkg, text)
    b = keys(engine, pkg, text.replace("// Rep holds one lock per address.", "// Rep holds\n// one lock\n// per address."))
    assert digests(a) == digests(b)
    r = Remapper(a["Rep.Read"].regions, b["Rep.Read"].regions)
    file = str(pkg / "repl.go")
    fa = next(x for x in a["Rep.Read"].regions if x.id == "func:Rep.Read")
    moved = r.span(file, ir.Span(ir.Pos(fa.start_line + 1, 1), ir.Pos(fa.start_line + 1, 5)))
    assert moved.start.line == fa.start_line + 3


def test_function_edit_changes_only_that_key(engine, pkg):
    text = FIXTURE.read_text()
    a = digests(keys(engine, pkg, text))
    b = digests(keys(engine, pkg, text.replace("\tv2, _ := twodisk.Read", "\t// read disk 2\n\tv2, _ := twodisk.Read")))
    assert a["Rep.Write"] == b["Rep.Write"] and a["Rep.Read"] != b["Rep.Read"]


def test_invariants_and_spec_change_every_key(engine, pkg):
    text = FIXTURE.read_text()
    a = digests(keys(engine, pkg, text))
    b = digests(keys(engine, pkg, text.replace("twodisk.D1[a] != twodisk.D2[a] &&", "twodisk.D1[a] != twodisk.D2[a] && true &&")))
    c = digests(keys(engine, pkg, text.replace("|| failed(twodisk.Disk1))\n}", "|| failed(twodisk.Disk1)) && true\n}")))
    d = digests(keys(engine, pkg, text.replace("op Write(a uint64, v twodisk.Block) { blocks[a] = v }",
                                              "op Write(a uint64, v twodisk.Block) { blocks[a] = v; }")))
    for other in (b, c, d):
        assert all(a[q] != other[q] for q in a)


def test_callee_contract_changes_the_caller_key(engine, pkg):
    text = FIXTURE.read_text() + (
        "\n//@ requires a < Size\nfunc helper(a uint64) uint64 {\n\treturn a\n}\n"
        "\nfunc caller(a uint64) uint64 {\n\treturn helper(a)\n}\n")
    a = digests(keys(engine, pkg, text))
    b = digests(keys(engine, pkg, text.replace("//@ requires a < Size\nfunc helper", "//@ requires a < 2\nfunc helper")))
    assert a["caller"] != b["caller"] and a["helper"] != b["helper"]
    assert a["Rep.Read"] == b["Rep.Read"]
    # the callee's body is not part of the caller's key (calls go through contracts)
    c = digests(keys(engine, pkg, text.replace("\treturn a\n}\n\nfunc caller", "\tb := a\n\treturn b\n}\n\nfunc caller")))
    assert a["caller"] == c["caller"] and a["helper"] != c["helper"]


def test_timeout_is_part_of_the_key(engine, pkg):
    snap = engine.refresh(str(pkg))
    assert snap.key("Rep.Read", 1000).digest != snap.key("Rep.Read", 2000).digest
    assert isinstance(Texts({}).slice("x", ir.NO_SPAN), bytes) and callable(function_key)
    assert os.path.isdir(pkg)


def test_callee_body_parts_callers_read_change_the_caller_key(engine, pkg):
    # whether a callee assigns its parameter (its postcondition then names the new value),
    # and the body of a callee taking a byte slice (whether it keeps or writes the caller's
    # array), are read by its callers' verification
    text = FIXTURE.read_text() + (
        "\n//@ ensures ret == a\nfunc same(a uint64) uint64 {\n\treturn a\n}\n"
        "\nfunc caller(a uint64) uint64 {\n\treturn same(a)\n}\n"
        "\n//@ requires len(b) > 0\nfunc put(b []byte) {\n\tb[0] = 1\n}\n"
        "\nfunc lender() byte {\n\tb := make([]byte, 4)\n\tput(b)\n\treturn b[0]\n}\n")
    a = digests(keys(engine, pkg, text))
    b = digests(keys(engine, pkg, text.replace("\treturn a\n}\n\nfunc caller", "\ta = 5\n\treturn a\n}\n\nfunc caller")))
    assert a["caller"] != b["caller"] and a["lender"] == b["lender"] and a["Rep.Read"] == b["Rep.Read"]
    c = digests(keys(engine, pkg, text.replace("\tb[0] = 1\n", "\tb[0] = 2\n")))
    assert a["lender"] != c["lender"] and a["caller"] == c["caller"]
