"""Every package under proofs/ verifies with nothing unknown, and every seeded bug under
proofs/*/testdata/bugs/ fails as its EXPECT header says (found by listing the tree: a new proof
or bug is checked without touching this file). A proof of several packages (proofs/layered)
has its packages below its directory and its seeded bugs in its own testdata/bugs/ (testdata:
outside `./...`, for Go's tools and for armada alike)."""

from __future__ import annotations

import glob
import os

import pytest

from armada_ls.verify.result import Status
from tests.verify.expect import check, run

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "proofs")

def _packages(pattern: str) -> list[str]:
    return sorted(d for d in glob.glob(os.path.join(ROOT, pattern), recursive=True)
                  if glob.glob(os.path.join(d, "*.go")))


BUGS = _packages("*/testdata/bugs/*/")
PROOFS = [d for d in _packages("**/") if f"{os.sep}testdata{os.sep}" not in d]
EXAMPLES = sorted({os.path.join(ROOT, _p.split(os.sep)[0], "") for _p in
                   (os.path.relpath(d, ROOT) for d in PROOFS)})


def _name(d: str) -> str:
    return os.path.relpath(d, ROOT).rstrip("/")


@pytest.mark.parametrize("directory", PROOFS, ids=_name)
def test_proof_verifies(directory: str) -> None:
    results = run(directory)
    bad = [(r.function, r.error, [(o.kind, o.span.start.line + 1, o.message) for o in r.obligations
                                  if o.status is not Status.PROVED and o.severity != "warning"])
           for r in results if r.status is not Status.PROVED or r.error]
    assert not bad, bad


@pytest.mark.parametrize("directory", BUGS, ids=_name)
def test_seeded_bug_fails_at_its_line(directory: str) -> None:
    check(directory)


def test_every_new_proof_has_three_seeded_bugs() -> None:
    # the replicated disk's variants share repldisk's bugs
    for d in EXAMPLES:
        name = _name(d)
        if name.startswith("repldisk"):
            continue
        assert len(glob.glob(os.path.join(d, "testdata", "bugs", "*", ""))) >= 3, name
