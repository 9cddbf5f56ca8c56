"""A counterexample's values come from a model of the failing query in the verifier's own
sorts: the query is checked as SMT-LIB text, whose parse declares `Block` anew, and values
read through that model's blocks used to be the completion default (0), whatever the
model said. The values shown must make the failing assertion false."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

HERE = os.path.dirname(__file__)


def _failed(program: str) -> dict[str, str]:
    results = run(os.path.join(HERE, "programs", program))
    failed = [o for r in results for o in r.obligations if o.status is Status.FAILED]
    assert failed and failed[0].counterexample is not None
    return failed[0].counterexample.variables


def test_words_read_from_a_block_show_the_models_values() -> None:
    # assert x / 2^32 == y / 2^32, with x and y words of one disk block
    v = _failed("bytes_word_link_overlap_wrong")
    x, y = int(v["x"]), int(v["y"])
    assert x // 2**32 != y // 2**32, v


def test_a_block_read_twice_shows_two_different_blocks() -> None:
    # recovery read block 0 before and after a helper wrote it: the panic needs a[0] != b[0]
    v = _failed("recover_helper_writes_lent")
    assert v["a"] != v["b"], v
