"""Mailboat's own `explore {}` block (issue 14): two users; one delivers to user 0 and reads
both mailboxes, the other delivers to user 1 and, holding the user's lock, deletes that
message twice; a process crash anywhere, recovery, and a read after it, explored
exhaustively. The library passes; the seeded bugs that change what the spec's ops return,
or make one panic or race, are found with a trace, each at the line the bug shows at. The
seeded copies do not carry the block (the soundness oracle would verify each of them again
for nothing: their own test verifies them), so each gets the library's here."""

from __future__ import annotations

import re
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from armada_ls.explore import Bounds, explore_path
from tests.once import once_per_run

ROOT = Path(__file__).resolve().parent.parent.parent / "mailboat"
BLOCK = re.compile(r"^//@ explore \{\n(?://@ .*\n)*?//@ \}\n", re.M)

# bug -> (kind, file:line, what the trace's last observation says)
FOUND = {
    "deliver-drops-tail": ("refinement", "pickup.go:80", "returned []"),
    "deliver-modifies-message": ("refinement", "pickup.go:80", "returned [1 bytes of 10]"),
    "delete-unrecorded": ("undefined-behavior", "pickup.go:107", "Delete of missing file"),
    "delete-without-lock": ("undefined-behavior", "pickup.go:86", "data race"),
    "read-after-unlock": ("undefined-behavior", "pickup.go:91", "Open of missing file"),
    "read-wrong-offset": ("refinement", "pickup.go:80", "returned []"),
    "lost-index-update": ("refinement", "pickup.go:80", "returned []"),
    "init-one-directory": ("refinement", "pickup.go:80", "after recovery returned [1 bytes of 13]"),
    "spool-deleted-first": ("undefined-behavior", "deliver.go:91", "Link of missing file"),
}


def _block() -> str:
    m = BLOCK.search((ROOT / "mailboat.go").read_text())
    assert m, "mailboat.go has an explore block"
    return m.group(0)


def _explore(path: str) -> tuple[str, str, str, int, list[str]]:
    r = explore_path(path, Bounds(max_seconds=300))
    v = r.violation
    where = f"{Path(v.file).name}:{v.span.start.line + 1}" if v and v.span else ""
    return r.status, v.kind if v else "", where + " " + (v.message if v else ""), len(r.trace), r.messages


@pytest.fixture(scope="session")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str, str, int, list[str]]]:
    return once_per_run(tmp_path_factory, "explore-mailboat", lambda: _runs(tmp_path_factory))


def _runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, str, str, int, list[str]]]:
    block = _block()
    dirs = {"library": str(ROOT)}
    for bug in FOUND:
        d = tmp_path_factory.mktemp(bug)
        shutil.copytree(ROOT / "testdata" / "bugs" / bug, d, dirs_exist_ok=True)
        go = d / "mailboat.go"
        text = go.read_text()
        assert "//@ explore" not in text
        go.write_text(text + "\n" + block)
        dirs[bug] = str(d)
    with ProcessPoolExecutor(max_workers=2) as pool:
        return dict(zip(dirs, pool.map(_explore, dirs.values()), strict=True))


def test_the_library_passes_its_explore_block(runs: dict) -> None:
    status, kind, what, _, messages = runs["library"]
    assert status == "pass", (status, kind, what, messages)


@pytest.mark.parametrize("bug", sorted(FOUND))
def test_a_seeded_bug_that_changes_behaviour_is_found_with_a_trace(runs: dict, bug: str) -> None:
    status, kind, what, steps, messages = runs[bug]
    want_kind, want_where, want_text = FOUND[bug]
    assert status == "fail", (status, messages)
    assert kind == want_kind and what.startswith(want_where + " ") and want_text in what, what
    assert steps > 0


def test_the_harness_is_two_users_with_a_crash() -> None:
    block = _block()
    assert "crashes 1" in block and block.count("thread {") == 2 and "after_crash" in block
    assert "Deliver(0" in block and "Deliver(1" in block and "Delete(1" in block


def _with_block(tmp: Path, block: str) -> str:
    shutil.copytree(ROOT, tmp, dirs_exist_ok=True, ignore=shutil.ignore_patterns("testdata", "*_test.go"))
    go = tmp / "mailboat.go"
    go.write_text(BLOCK.sub(block, go.read_text()))
    return str(tmp)


TWO_DELIVERIES = """//@ explore {
//@   crashes 0
//@   recover_args(2, false)
//@   domain uint64 = {0, 1}
//@   domain []byte = {block(7, 1)}
//@   domain string = {IDS}
//@   thread { Deliver(0, block(7, 1)) }
//@   thread { Deliver(0, block(7, 1)) }
//@ }
"""


def test_a_choose_the_domain_cannot_satisfy_is_no_violation(tmp_path: Path) -> None:
    """Two deliveries to one mailbox need two fresh IDs: with one in the domain the spec's
    `choose id string` finds none for the second, which a value outside the domain would
    satisfy, so the explorer says it cannot judge (an error), not that Deliver is wrong;
    with two the same history passes. The internal step Arrive is tried with integers of the
    domain and the map keys held only, so the spec's closure is finite here."""
    one = _with_block(tmp_path / "one", TWO_DELIVERIES.replace("IDS", '"msg00000000000000000000.1"'))
    r = explore_path(one, Bounds(max_seconds=300))
    assert r.status == "error" and "no value of the domain satisfies" in " ".join(r.messages), r
    two = _with_block(tmp_path / "two", TWO_DELIVERIES.replace(
        "IDS", '"msg00000000000000000000.1", "msg00000000000000000001.1"'))
    r = explore_path(two, Bounds(max_seconds=300))
    assert r.status == "pass", (r.status, r.messages)
