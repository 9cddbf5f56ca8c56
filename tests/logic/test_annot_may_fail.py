"""`may_fail`: the package's fault model for twodisk."""

from __future__ import annotations

from armada_ls.logic import annotate
from armada_ls.logic.ast import failing_disks
from goose.frontend import Frontend

SRC = """package p

import "armada/goose/machine/twodisk"

{clause}

func F() {{
	twodisk.Write(twodisk.Disk1, 0, make([]byte, 4096))
}}
"""


def _annotate(clause: str):  # type: ignore[no-untyped-def]
    res = Frontend().check_source("/tmp/p/p.go", SRC.format(clause=clause))
    assert res.package is not None and not res.diagnostics
    return annotate(res.package)


def test_without_may_fail_either_disk_may_fail() -> None:
    ann, diags = _annotate("")
    assert diags == [] and failing_disks(ann) == ("twodisk.Disk1", "twodisk.Disk2")


def test_may_fail_names_the_disks_that_fail() -> None:
    ann, diags = _annotate("//@ may_fail twodisk.Disk1")
    assert diags == [] and failing_disks(ann) == ("twodisk.Disk1",)


def test_may_fail_of_something_else_is_a_type_error() -> None:
    _, diags = _annotate("//@ may_fail 3")
    assert [d.code for d in diags] == ["annot/type"]
    assert (diags[0].span.start.line, diags[0].span.start.col) == (4, 13)


def test_a_second_may_fail_is_a_duplicate() -> None:
    _, diags = _annotate("//@ may_fail twodisk.Disk1\n//@ may_fail twodisk.Disk2")
    assert [d.code for d in diags] == ["annot/duplicate"]
