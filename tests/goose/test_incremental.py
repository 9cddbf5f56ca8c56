"""Incremental front end: edits must give exactly what a fresh start gives.

- `SourceFile.apply_change` (LSP ranges in UTF-16 code units, non-ASCII text included)
  leaves the same text and the same tree as parsing the new text from scratch.
- A `Frontend` that re-lowers only what an edit touched gives the same model and the same
  diagnostics as a fresh `Frontend` on the new text: edits on one line, edits that add or
  remove lines (later functions move), edits inside annotations, and edits that break and
  repair the code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goose.frontend import Frontend
from goose.printer import model
from goose.source import SourceFile

BASE = """package inc

import "sync"

// Héllo — a comment with non-ASCII text: 日本語 😀.
type Store struct {
	mu   *sync.Mutex
	data map[uint64]string //@ lock_inv true
}

//@ requires k < 100
func (s *Store) Put(k uint64, v string) {
	s.mu.Lock()
	s.data[k] = v // naïve
	s.mu.Unlock()
}

func (s *Store) Get(k uint64) (string, bool) {
	s.mu.Lock()
	v, ok := s.data[k]
	s.mu.Unlock()
	return v, ok
}

func Spawn(s *Store) {
	for i := uint64(0); i < 3; i++ {
		go func() {
			s.Put(i, "😀")
		}()
	}
}

func Sum(xs []uint64) uint64 {
	var t uint64
	for _, x := range xs {
		//@ invariant t >= 0
		t += x
	}
	return t
}
"""


# ---------------------------------------------------------------- helpers


def utf16_index(text: str, line: int, char: int) -> int:
    """(line, UTF-16 column) -> index into `text` (str)."""
    lines = text.split("\n")
    idx = sum(len(ln) + 1 for ln in lines[:line])
    units = 0
    for c in lines[line]:
        if units >= char:
            break
        units += 2 if ord(c) > 0xFFFF else 1
        idx += 1
    return idx


def lsp_pos(text: str, index: int) -> tuple[int, int]:
    """index into `text` -> (line, UTF-16 column)."""
    before = text[:index]
    line = before.count("\n")
    col_text = before[before.rfind("\n") + 1 :]
    return line, sum(2 if ord(c) > 0xFFFF else 1 for c in col_text)


def nodes(tree) -> list[tuple[str, int, int, tuple[int, int], tuple[int, int], bool]]:  # type: ignore[no-untyped-def]
    out = []
    cur = tree.walk()
    visited = False
    while True:
        if not visited:
            n = cur.node
            out.append((n.type, n.start_byte, n.end_byte, tuple(n.start_point), tuple(n.end_point), n.is_missing))
            if cur.goto_first_child():
                continue
        if cur.goto_next_sibling():
            visited = False
            continue
        if not cur.goto_parent():
            break
        visited = True
    return out


def edit(src: SourceFile, text: str, start: int, end: int, new: str) -> str:
    """Apply text[start:end] = new through LSP positions; return the new text."""
    src.apply_change((lsp_pos(text, start), lsp_pos(text, end)), new)
    return text[:start] + new + text[end:]


def assert_same_as_fresh(src: SourceFile, text: str) -> None:
    """Same text always; the same tree whenever the text parses without errors.
    tree-sitter's error recovery depends on the edit history (a fresh parse of badly broken
    text can recover differently from an incremental one), so broken texts are compared on
    text only."""
    assert src.text == text
    assert src.data == text.encode("utf-8")
    fresh = SourceFile(src.path, text)
    if fresh.tree.root_node.has_error:
        return
    assert nodes(src.tree) == nodes(fresh.tree)
    assert str(src.tree.root_node) == str(fresh.tree.root_node)


# ---------------------------------------------------------------- SourceFile


def test_lsp_positions_roundtrip() -> None:
    src = SourceFile("x.go", BASE)
    for i in range(0, len(BASE), 7):
        line, char = lsp_pos(BASE, i)
        off = src.lsp_to_offset(line, char)
        assert off == len(BASE[:i].encode("utf-8"))
        assert src.offset_to_lsp(off) == (line, char)


@pytest.mark.parametrize(
    "needle,new",
    [
        ("naïve", "naive"),  # replace non-ASCII with ASCII
        ("s.data[k] = v", "s.data[k] = v + \"é\""),  # insert non-ASCII
        ("😀.", "🙂🙂."),  # surrogate pairs on both sides
        ("日本語", ""),  # delete multi-byte text
        ("func Sum", "// 新しい\nfunc Sum"),  # add a line
        ("\tvar t uint64\n", ""),  # remove a line
        ("{\n\ts.mu.Lock()", "{"),  # break the code
        ("", "😀"),  # insert at the very start
    ],
)
def test_apply_change_matches_fresh_parse(needle: str, new: str) -> None:
    src = SourceFile("x.go", BASE)
    start = BASE.index(needle)
    text = edit(src, BASE, start, start + len(needle), new)
    assert_same_as_fresh(src, text)


def test_apply_change_sequence_and_full_replace() -> None:
    src = SourceFile("x.go", BASE)
    text = BASE
    for needle, new in [("Put", "Pút"), ("Pút(k", "Pút(kk"), ("kk uint64", "k uint64"), ("😀\")", "x\")")]:
        i = text.index(needle)
        text = edit(src, text, i, i + len(needle), new)
        assert_same_as_fresh(src, text)
    src.apply_change(None, BASE, version=7)
    assert src.version == 7
    assert_same_as_fresh(src, BASE)


def test_apply_change_at_end_and_past_end() -> None:
    src = SourceFile("x.go", BASE)
    end = lsp_pos(BASE, len(BASE))
    src.apply_change((end, end), "\nfunc Extra() {\n}\n")
    assert_same_as_fresh(src, BASE + "\nfunc Extra() {\n}\n")
    # LSP clients may send a line past the end to mean "the end".
    src2 = SourceFile("x.go", BASE)
    src2.apply_change(((end[0] + 5, 0), (end[0] + 5, 0)), "// tail\n")
    assert_same_as_fresh(src2, BASE + "// tail\n")


@st.composite
def edits(draw: st.DrawFn) -> list[tuple[float, float, str]]:
    pieces = st.sampled_from(["", "x", "é", "😀", "\n", "{", "}", "日本", "func ", "//@ ", "\t", "uint64", "\"", "("])
    n = draw(st.integers(1, 6))
    return [
        (draw(st.floats(0, 1)), draw(st.floats(0, 1)), "".join(draw(st.lists(pieces, max_size=4))))
        for _ in range(n)
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_random_utf16_edits_match_fresh_parse(es: list[tuple[float, float, str]]) -> None:
    src = SourceFile("x.go", BASE)
    text = BASE
    for a, b, new in es:
        i, j = sorted((int(a * len(text)), int(b * len(text))))
        text = edit(src, text, i, j, new)
    assert_same_as_fresh(src, text)


# ---------------------------------------------------------------- Frontend reuse


def snapshot(fe: Frontend, path: Path, src: SourceFile) -> tuple[str, list[str]]:
    res = fe.load_package(str(path.parent), overrides={str(path): src})
    assert res.package is not None
    return model(res.package), [d.format() for d in res.diagnostics]


def fresh(path: Path, text: str) -> tuple[str, list[str]]:
    return snapshot(Frontend(), path, SourceFile(str(path), text))


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    p = tmp_path / "inc" / "inc.go"
    p.parent.mkdir()
    p.write_text(BASE, encoding="utf-8")
    (p.parent / "other.go").write_text("package inc\n\nfunc Other(x uint64) uint64 {\n\treturn x + 1\n}\n")
    return p


EDITS = [
    ("same line", "s.data[k] = v // naïve", "s.data[k] = v + v // naïve"),
    ("add lines", "func (s *Store) Get", "// one\n// two\n\nfunc (s *Store) Get"),
    ("remove lines", "\tvar t uint64\n\tfor", "\tvar t uint64 = 0\n\tfor"),
    ("add line at top", "import \"sync\"", "import (\n\t\"sync\"\n)"),
    ("annotation text", "//@ requires k < 100", "//@ requires k < 200"),
    ("add annotation", "func Spawn", "//@ requires s != nil\nfunc Spawn"),
    ("remove annotation", "\t\t//@ invariant t >= 0\n", ""),
    ("trailing annotation", "//@ lock_inv true", "//@ lock_inv len(data) < 10"),
    ("break annotation placement", "\treturn t\n", "\treturn t //@ ensures\n"),
    ("type error", "return v, ok", "return ok, v"),
    ("syntax error", "t += x", "t += "),
    ("rejected construct", "var t uint64", "var t int"),
    ("struct change", "data map[uint64]string", "data map[uint64]bool"),
    ("goroutine body", "s.Put(i, \"😀\")", "s.Put(i+1, \"😀😀\")"),
    ("rename function", "func Sum(", "func Total("),
    ("non-ASCII before code", "// Héllo", "// Hééééllo 😀😀"),
    # A trailing group after a function's closing brace belongs to the function: editing it
    # must invalidate the cached function (it once did not).
    ("annotation after closing brace", "\treturn t\n}\n", "\treturn t\n} //@ ensures t >= 0\n"),
]


@pytest.mark.parametrize("label,needle,new", EDITS, ids=[e[0] for e in EDITS])
def test_relowering_matches_fresh(pkg: Path, label: str, needle: str, new: str) -> None:
    fe = Frontend()
    src = SourceFile(str(pkg), BASE)
    before = snapshot(fe, pkg, src)
    assert before == fresh(pkg, BASE)
    i = BASE.index(needle)
    text = edit(src, BASE, i, i + len(needle), new)
    after = snapshot(fe, pkg, src)
    assert after == fresh(pkg, text), label
    # ... and back again.
    j = text.index(new) if new else i
    back = edit(src, text, j, j + len(new), needle)
    assert back == BASE
    assert snapshot(fe, pkg, src) == before


def test_relowering_many_small_edits(pkg: Path) -> None:
    """Typing a statement character by character, with a check after every keystroke."""
    fe = Frontend()
    src = SourceFile(str(pkg), BASE)
    text = BASE
    at = text.index("\treturn t\n")
    for ch in "\tt = t * 2 // é😀\n":
        text = edit(src, text, at, at, ch)
        at += len(ch)
        assert snapshot(fe, pkg, src) == fresh(pkg, text)


def test_disk_file_change_is_seen(pkg: Path) -> None:
    """Without overrides the front end rereads a file whose size or mtime changed."""
    import os

    fe = Frontend()
    first = fe.load_package(str(pkg.parent))
    assert not first.diagnostics
    pkg.write_text(BASE.replace("var t uint64", "var t int"), encoding="utf-8")
    st_ = pkg.stat()
    os.utime(pkg, ns=(st_.st_atime_ns, st_.st_mtime_ns + 1_000_000_000))
    second = fe.load_package(str(pkg.parent))
    assert [d.code for d in second.diagnostics] == ["goose/signed-int"]


def test_edit_of_trailing_annotation_after_function(pkg: Path) -> None:
    text = BASE.replace("\treturn t\n}\n", "\treturn t\n} //@ ensures a\n")
    fe = Frontend()
    src = SourceFile(str(pkg), text)
    snapshot(fe, pkg, src)
    i = text.index("ensures a") + len("ensures ")
    new = edit(src, text, i, i + 1, "b")
    got = snapshot(fe, pkg, src)
    assert got == fresh(pkg, new)
    assert "//@ ensures b" in got[0]


def test_unchanged_functions_are_reused(pkg: Path) -> None:
    fe = Frontend()
    src = SourceFile(str(pkg), BASE)
    first = fe.load_package(str(pkg.parent), overrides={str(pkg): src}).package
    i = BASE.index("s.data[k] = v")
    edit(src, BASE, i, i + len("s.data[k] = v"), "s.data[k] = v + v")
    second = fe.load_package(str(pkg.parent), overrides={str(pkg): src}).package
    assert first is not None and second is not None
    assert second.funcs["Store.Get"] is first.funcs["Store.Get"]
    assert second.funcs["Sum"] is first.funcs["Sum"]
    assert second.funcs["Store.Put"] is not first.funcs["Store.Put"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(edits())
def test_random_edits_relower_like_fresh(pkg: Path, es: list[tuple[float, float, str]]) -> None:
    fe = Frontend()
    src = SourceFile(str(pkg), BASE)
    snapshot(fe, pkg, src)
    text = BASE
    for a, b, new in es:
        i, j = sorted((int(a * len(text)), int(b * len(text))))
        text = edit(src, text, i, j, new)
        got = snapshot(fe, pkg, src)
        # The warm front end's caches change nothing: a fresh Frontend on the same tree
        # agrees, broken or not ...
        assert got == snapshot(Frontend(), pkg, src)
        # ... and so does a fresh parse, where tree-sitter's recovery is not in play.
        if not src.tree.root_node.has_error:  # see assert_same_as_fresh
            assert got == fresh(pkg, text)


def test_same_text_reparsed_differently_is_relowered() -> None:
    """A function whose text is unchanged but which tree-sitter's error recovery parsed
    differently (found by test_fuzz: " `" inserted in ok_twodisk.go turns the untouched
    `panic("out of range")` of the next function into a type conversion) must be lowered
    from its new tree, not served from the cache of the clean parse."""
    corpus = Path(__file__).parent / "corpus"
    path = str(corpus / "fuzz" / "ok_twodisk.go")
    data = (corpus / "ok_twodisk.go").read_bytes()
    src = SourceFile(path, data.decode("utf-8"))
    warm = Frontend()
    assert not warm.check_source(path, src.text).diagnostics
    at = 672 % (len(data) + 1)  # the fuzzer's mutation (672, 0, b" `"): inside `twodisk`
    assert data[at - 1 : at + 6] == b"twodisk"
    src.edit_bytes(at, at, b" `")
    # The premise: the reparse leaves writeBoth's text alone but not its shape.
    assert b'panic("out of range")' in src.data and "type_conversion_expression" in str(src.tree.root_node)
    got = warm.lower(str(corpus / "fuzz"), {path: src})
    cold = Frontend().lower(str(corpus / "fuzz"), {path: src})
    assert [d.format() for d in got.diagnostics] == [d.format() for d in cold.diagnostics]
    assert model(got.package) == model(cold.package)
    # Repaired, the clean lowering is back (the other parse's was not cached over it).
    src.edit_bytes(at, at + 2, b"")
    assert src.data == data and not src.tree.root_node.has_error
    assert not warm.lower(str(corpus / "fuzz"), {path: src}).diagnostics
