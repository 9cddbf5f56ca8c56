"""A counterexample's values come from the solver's own model: a word read from a block
shows the value that breaks the check (the translated model alone showed 0 for anything
read through a block, values that satisfy the assertion)."""

from __future__ import annotations

import os

from armada_ls.verify.result import Status
from tests.verify.expect import run

PROGRAMS = os.path.join(os.path.dirname(__file__), "programs")


def test_words_read_from_a_block_show_values_that_break_the_assertion() -> None:
    results = run(os.path.join(PROGRAMS, "bytes_word_link_overlap_wrong"))
    (o,) = [o for r in results for o in r.obligations if o.status is Status.FAILED]
    assert o.counterexample is not None
    x, y = (int(o.counterexample.variables[n]) for n in ("x", "y"))
    assert x // 2**32 != y // 2**32, (x, y)  # `assert x / 4294967296 == y / 4294967296`


def test_the_same_failure_shows_the_same_values_twice() -> None:
    def shown() -> dict[str, str]:
        results = run(os.path.join(PROGRAMS, "bytes_word_link_overlap_wrong"))
        (o,) = [o for r in results for o in r.obligations if o.status is Status.FAILED]
        assert o.counterexample is not None
        return o.counterexample.variables

    assert shown() == shown()
