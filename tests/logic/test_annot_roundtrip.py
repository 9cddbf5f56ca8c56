"""Printing and parsing agree: parse(show(e)) is e (up to spans), for generated trees; and
the parser never crashes, whatever the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from armada_ls.logic import ast as A
from armada_ls.logic.parser import parse_expr, parse_text
from armada_ls.logic.pretty import show
from tests.logic.annot_strategies import canon, exprs


@settings(max_examples=400, deadline=None)
@given(exprs)
def test_show_then_parse_is_identity(e: A.LExpr) -> None:
    text = show(e)
    parsed, errors = parse_expr(text)
    assert errors == [], (text, [x.message for x in errors])
    assert parsed is not None
    assert canon(parsed) == canon(e), text
    assert show(parsed) == text


PIECES = [*'spec{}()[]:;=<>!&|?.,\n "0123abxyz_@', "forall ", "requires ", "op ", "==>", "lock_inv"]
PIECES += ["helping", "complete?", "state ", "explore", "lease(", "old("]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_parser_never_crashes(text: str) -> None:
    items, errors = parse_text(text)
    for err in errors:
        assert err.span.start <= err.span.end
        assert err.message
