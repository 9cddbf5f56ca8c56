"""gofmt rewrites `//@` to `// @` in doc comments; both spellings must mean the same."""

from __future__ import annotations

from goose.frontend import Frontend

SRC = """package p

{marker} requires a < 10
func F(a uint64) uint64 {{
	return a //@ assert a < 10
}}
"""


def _groups(marker: str) -> list[tuple[str, list[str]]]:
    res = Frontend().check_source("/tmp/p/p.go", SRC.format(marker=marker))
    assert res.package is not None
    f = res.package.funcs["F"]
    out = [(g.anchor, [ln.text for ln in g.lines]) for g in f.annotations]
    out += [(g.anchor, [ln.text for ln in g.lines]) for s in f.body for g in s.annotations]
    return out


def test_gofmt_spelling_of_a_doc_comment_annotation_is_the_same_annotation() -> None:
    assert _groups("// @") == _groups("//@") == [
        ("func", [" requires a < 10"]),
        ("stmt", [" assert a < 10"]),
    ]


def test_gofmt_spelling_keeps_the_exact_column_of_the_annotation_text() -> None:
    res = Frontend().check_source("/tmp/p/p.go", SRC.format(marker="// @"))
    assert res.package is not None
    (g,) = res.package.funcs["F"].annotations
    assert g.lines[0].pos.col == 4
