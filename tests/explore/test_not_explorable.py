"""The explorer runs programs of one package: a package importing another package of its
module is refused with a clear reason (exit 2), never explored in part; the soundness
oracle counts it as not explorable (docs/soundness.md, Limits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from armada_ls.explore import explore_path
from armada_ls.soundness import oracle as O
from tests.cli.test_cli import armada

ROOT = Path(__file__).resolve().parents[2]
LAYERED = ROOT / "proofs" / "layered"


@pytest.mark.parametrize("rel", ["store", "top", "testdata/bugs/store-uses-next"])
def test_a_package_importing_its_module_is_not_explorable(rel: str) -> None:
    res = explore_path(str(LAYERED / rel))
    assert res.status == "error"
    assert any(m.startswith("not explorable: it imports other packages of its module") for m in res.messages), \
        res.messages


def test_cli_says_not_explorable_and_exits_2() -> None:
    r = armada("explore", "proofs/layered/store", standin=False)
    assert r.returncode == 2, r.stdout + r.stderr
    assert "not explorable" in r.stdout + r.stderr
    assert "armada/proofs/layered/alloc" in r.stdout + r.stderr


def test_the_oracle_counts_it_as_not_explorable() -> None:
    out = O.check(str(LAYERED / "store"))
    assert out.verify == O.PROVED and out.explore == O.NOT_EXPLORABLE, (out.verify, out.explore)
    assert not out.disagreement


def test_a_single_package_still_explores() -> None:
    res = explore_path(str(ROOT / "proofs" / "counter"))
    assert res.status != "error", res.messages
