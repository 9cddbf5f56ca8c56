"""The server's copy of a document never drifts from the editor's.

A reference model of the editor's buffer (UTF-16 code units, LSP's three line terminators)
is written here independently of `armada_ls.engine.text`; random edits full of characters
Python treats as line breaks (`\\f`, `\\v`, `\\x1c`-`\\x1e`, `\\x85`, U+2028, U+2029), CRLF, lone
CR, surrogate pairs (split by edits too) and lone surrogates must leave the server's text
equal to the model after every change, through the engine and through a real LSP client.
"""

from __future__ import annotations

import asyncio
import random

from hypothesis import given, settings
from hypothesis import strategies as st
from lsprotocol import types as lsp

from armada_ls.engine.text import ByteLines, InvalidEdit, LspText, to_bytes
from tests.lsp.conftest import ROOT, edit, line_of, open_doc, published, replace_all, until

TRICKY = ["\f", "\v", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r\n", "\r", "\n",
          "😀", "\ud83d", "\ude00", "\ud800", "é", "a", "{", "}", " ", "\t", "//", "x := 1"]


class Model:
    """The editor's buffer: a list of UTF-16 code units."""

    def __init__(self, text: str) -> None:
        self.units = _units(text)

    def lines(self) -> list[tuple[int, int]]:
        """(start, end of content) per LSP line."""
        out, start, i, u = [], 0, 0, self.units
        while i < len(u):
            if u[i] == 0x0D and i + 1 < len(u) and u[i + 1] == 0x0A:
                out.append((start, i))
                i += 2
                start = i
            elif u[i] in (0x0A, 0x0D):
                out.append((start, i))
                i += 1
                start = i
            else:
                i += 1
        out.append((start, len(u)))
        return out

    def offset(self, line: int, char: int) -> int:
        start, end = self.lines()[line]
        return min(start + char, end)

    def apply(self, rng: tuple[tuple[int, int], tuple[int, int]], new: str) -> None:
        s, e = self.offset(*rng[0]), self.offset(*rng[1])
        self.units[s:e] = _units(new)

    @property
    def text(self) -> str:
        return b"".join(u.to_bytes(2, "little") for u in self.units).decode("utf-16-le", "surrogatepass")


def _units(s: str) -> list[int]:
    b = s.encode("utf-16-le", "surrogatepass")
    return [int.from_bytes(b[i:i + 2], "little") for i in range(0, len(b), 2)]


def random_change(rng: random.Random, m: Model) -> tuple[tuple[tuple[int, int], tuple[int, int]], str]:
    lines = m.lines()
    sl = rng.randrange(len(lines))
    el = min(len(lines) - 1, sl + rng.choice([0, 0, 0, 1, 2]))
    # characters up to a little past the line's end (LSP: clamped to the line)
    sc = rng.randrange(lines[sl][1] - lines[sl][0] + 3)
    ec = rng.randrange(lines[el][1] - lines[el][0] + 3)
    if (el, ec) < (sl, sc):
        (sl, sc), (el, ec) = (el, ec), (sl, sc)
    new = "".join(rng.choice(TRICKY) for _ in range(rng.choice([0, 1, 1, 2, 4])))
    return ((sl, sc), (el, ec)), new


# ------------------------------------------------------------ the text model alone

@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.integers(0, 12), st.integers(0, 2), st.integers(0, 12),
                          st.lists(st.sampled_from(TRICKY), max_size=4)), max_size=25),
       st.lists(st.sampled_from(TRICKY), max_size=12))
def test_lsp_text_matches_the_editor(edits, start):
    m = Model("".join(start))
    t = LspText("".join(start))
    for sl, sc, dl, ec, new in edits:
        n = len(m.lines())
        sl = min(sl, n - 1)
        el = min(n - 1, sl + dl)
        rng = ((sl, sc), (el, ec)) if (el, ec) >= (sl, sc) else ((el, ec), (sl, sc))
        m.apply(rng, "".join(new))
        t.apply(rng, "".join(new))
        assert t.utf16() == m.text.encode("utf-16-le", "surrogatepass")
        assert t.line_count == len(m.lines())


def test_a_form_feed_is_not_a_line_break():
    t = LspText("a\fb\nc")
    t.apply(((1, 0), (1, 1)), "X")  # LSP line 1 is "c"; Python's splitlines says "b"
    assert t.text == "a\fb\nX"


def test_invalid_changes_are_refused():
    t = LspText("one\ntwo")
    for rng in [((5, 0), (5, 0)), ((1, 2), (0, 1))]:
        try:
            t.apply(rng, "x")
        except InvalidEdit:
            continue
        raise AssertionError(f"{rng} was applied")
    assert t.text == "one\ntwo"


def test_byte_positions_follow_lsp_lines():
    data = to_bytes("ab\r\ncd\ref\u2028g😀h\n\ud800i")
    b = ByteLines(data)
    # front-end rows end at \n only: row 1 is "cd\ref\u2028g😀h"
    assert b.position(0, 3) == (0, 2)  # the \r of a CRLF line is not inside the line
    assert b.position(1, 3) == (2, 0)  # past the lone \r: LSP line 2
    assert b.position(1, len("cd\ref\u2028g😀".encode())) == (2, 6)  # U+2028 is one unit, 😀 two
    assert b.point(2, 6) == (1, len("cd\ref\u2028g😀".encode()))
    assert b.position(2, 3) == (3, 1)  # after a lone surrogate (3 bytes, one unit)


# ------------------------------------------------------------ through a real client

async def _server_text(client, uri: str) -> dict:
    answer = await client.protocol.send_request_async("armada/serverText", {"uri": uri})
    return answer if isinstance(answer, dict) else {k: getattr(answer, k) for k in ("text", "version", "desynced")}


async def test_random_edits_keep_the_server_text_equal(never, pkg):
    uri = open_doc(never, pkg / "repl.go")
    for seed in (1, 2):
        base = (pkg / "repl.go").read_text()
        m = Model(base)
        version = 100 * seed
        replace_all(never, uri, version, base)
        rng = random.Random(seed)
        for step in range(150):
            (s, e), new = random_change(rng, m)
            m.apply((s, e), new)
            version += 1
            edit(never, uri, version, s, e, new)
            if step % 5 == 0 or step == 149:
                got = await _server_text(never, uri)
                assert got["version"] == version and not got["desynced"]
                assert got["text"].encode("utf-16-le", "surrogatepass") == m.text.encode("utf-16-le", "surrogatepass"), \
                    f"seed {seed}, step {step}: the server's text drifted"
        # the final diagnostics come for the final version
        await until(lambda v=version: published(never, uri, v), timeout=30, what="final diagnostics")
    assert never.text_requests == []  # valid edits never need a resync


async def test_an_edit_that_does_not_fit_asks_for_the_whole_text(never, pkg):
    uri = open_doc(never, pkg / "repl.go")
    text = (pkg / "repl.go").read_text()
    await until(lambda: published(never, uri, 1), what="diagnostics")
    edit(never, uri, 2, (10_000, 0), (10_000, 0), "}}}")  # past the end: the client is out of step
    fixed = text.replace("package repl", "package repl // resynced", 1)
    never.texts[uri] = (3, fixed)
    await until(lambda: never.text_requests, what="a request for the whole text")
    await until(lambda: published(never, uri, 3), what="diagnostics after the resync")
    state = await _server_text(never, uri)
    assert state["text"] == fixed and state["version"] == 3 and not state["desynced"]
    assert not published(never, uri, 3)[-1].diagnostics
    # editing continues on top of the full text
    edit(never, uri, 4, (0, 0), (0, 0), "// top\n")
    await until(lambda: published(never, uri, 4), what="diagnostics after a later edit")
    assert (await _server_text(never, uri))["text"] == "// top\n" + fixed


async def test_form_feed_above_an_edit_keeps_diagnostics_right(never, tmp_path):
    """The issue's reproduction: a `// \\f` line near the top of proofs/repldisk/repldisk.go,
    then ` // ok` typed at the end of the `func ... Write(` line: no errors at all."""
    import shutil

    d = tmp_path / "repldisk"
    shutil.copytree(ROOT / "proofs" / "repldisk", d, ignore=shutil.ignore_patterns("testdata", "*_test.go"))
    path = d / "repldisk.go"
    text = path.read_text()
    uri = open_doc(never, path, text)
    m = Model(text)
    edit(never, uri, 2, (1, 0), (1, 0), "// \f\n")
    m.apply(((1, 0), (1, 0)), "// \f\n")
    line = line_of(path, "Write(") + 1
    end = m.lines()[line][1] - m.lines()[line][0]
    version = 2
    for ch in " // ok":
        version += 1
        edit(never, uri, version, (line, end), (line, end), ch)
        m.apply(((line, end), (line, end)), ch)
        end += 1
    final = await until(lambda: published(never, uri, version), timeout=30, what="diagnostics")
    errors = [d for d in final[-1].diagnostics if d.severity == lsp.DiagnosticSeverity.Error]
    assert errors == [], [d.message for d in errors]
    assert (await _server_text(never, uri))["text"] == m.text


async def test_crlf_ranges_end_at_the_line_end(never, pkg):
    text = (pkg / "repl.go").read_text().replace("\n", "\r\n")
    bad = text.replace("func ", "func func ", 1)  # one syntax error, on a CRLF line
    (pkg / "repl.go").write_bytes(bad.encode())
    uri = open_doc(never, pkg / "repl.go", bad)
    final = await until(lambda: published(never, uri, 1), timeout=30, what="diagnostics")
    lines = Model(bad).lines()
    assert final[-1].diagnostics, "the syntax error is reported"
    for d in final[-1].diagnostics:
        for p in (d.range.start, d.range.end):
            s, e = lines[p.line]
            assert p.character <= e - s, f"{d.message}: {p} runs past the end of its line"


async def test_a_lone_surrogate_is_kept_not_dropped(never, pkg):
    uri = open_doc(never, pkg / "repl.go")
    text = (pkg / "repl.go").read_text()
    m = Model(text)
    edit(never, uri, 2, (0, 0), (0, 0), "// \ud800 lone\n")
    m.apply(((0, 0), (0, 0)), "// \ud800 lone\n")
    got = await _server_text(never, uri)
    assert got["version"] == 2 and got["text"].encode("utf-16-le", "surrogatepass") == m.text.encode("utf-16-le", "surrogatepass")
    await until(lambda: published(never, uri, 2), what="diagnostics for the text with a lone surrogate")
    # an edit after it on the same line lands where the editor put it
    edit(never, uri, 3, (0, 5), (0, 5), "X")
    m.apply(((0, 5), (0, 5)), "X")
    got = await _server_text(never, uri)
    assert got["text"].encode("utf-16-le", "surrogatepass") == m.text.encode("utf-16-le", "surrogatepass")


def test_model_self_check():
    m = Model("a\r\nb\rc\nd")
    assert m.lines() == [(0, 1), (3, 4), (5, 6), (7, 8)]


async def test_every_publication_is_right_for_its_version(slow, pkg):
    """During a burst the server publishes analyses of slightly older text with positions
    moved to the version it names; at every publication the range of the error covers the
    offending name in the text of that version. (Each analysis takes at least 0.15 s here,
    so one ends mid-burst; bursts repeat in case the client itself was stalled.)"""
    path = pkg / "repl.go"
    text = path.read_text().replace("\td.locks[a].Lock()\n", "\td.locks[a].Lock()\n\tnoSuchName(a)\n", 1)
    path.write_text(text)
    uri = open_doc(slow, path, text)
    texts = {1: Model(text)}
    m = Model(text)
    version = 1
    await until(lambda: published(slow, uri, 1), what="first diagnostics")
    for _ in range(5):
        for k in range(80):
            await asyncio.sleep(0.003)  # typing fast: analyses end while newer edits are in
            version += 1
            # above the error, on the first line inside a comment, and far below it
            where = [(0, 0), (0, 3), (len(m.lines()) - 1, 0)][k % 3]
            new = ["// c\n", "\u2028é😀", "\n// end\n"][k % 3]
            edit(slow, uri, version, where, where, new)
            m.apply((where, where), new)
            texts[version] = Model(m.text)
        await until(lambda v=version: published(slow, uri, v), timeout=30, what="final diagnostics")
        if any(u == uri and a != v for u, v, a in slow.analysed):
            break
    checked = 0
    for p in published(slow, uri):
        t = texts[p.version]
        for d in p.diagnostics:
            if "noSuchName" not in d.message:
                continue
            s = t.offset(d.range.start.line, d.range.start.character)
            e = t.offset(d.range.end.line, d.range.end.character)
            got = "".join(chr(u) for u in t.units[s:e])
            assert got.startswith("noSuchName"), f"v{p.version}: {d.range} covers {got!r}"
            checked += 1
    assert checked >= 2
    moved = [(v, a) for u, v, a in slow.analysed if u == uri and a != v]
    assert moved, "some burst should publish an analysis of older text, moved"


def test_positions_move_through_later_edits():
    from armada_ls.engine.documents import Documents

    docs = Documents()
    docs.open("/x/a.go", "one\ntwo three\nfour", 1)
    old = LspText("one\ntwo three\nfour")
    docs.change("/x/a.go", 2, [(((0, 0), (0, 0)), "zero\n")])
    docs.change("/x/a.go", 3, [(((2, 0), (2, 3)), "2")])  # "two" -> "2"
    docs.change("/x/a.go", 4, [(((2, 2), (2, 2)), "😀")])
    move = docs.get("/x/a.go").mapper(1, old)
    assert move(0, 1) == (1, 1)  # "one" moved down a line
    assert move(1, 4) == (2, 4)  # "three": "two " became "2😀 " (1 + 2 + 1 units)
    assert move(1, 1) is None  # inside the replaced "two"
    assert move(2, 4) == (3, 4)
    assert docs.get("/x/a.go").mapper(0, old) is None  # before the document was opened


async def test_a_client_that_cannot_resync_is_told_once(never, pkg):
    uri = open_doc(never, pkg / "repl.go")
    text = (pkg / "repl.go").read_text()
    await until(lambda: published(never, uri, 1), what="diagnostics")
    # this client has no text to give (the handler answers null)
    edit(never, uri, 2, (500, 0), (500, 1), "x")
    await until(lambda: never.text_requests, what="the request for the whole text")
    await until(lambda: any("close and reopen" in m.message for m in never.messages), what="the error message")
    for v in range(3, 6):
        edit(never, uri, v, (0, 0), (0, 0), "//")
    state = await _server_text(never, uri)
    assert state["desynced"] and state["text"] == text  # nothing guessed
    assert len(never.text_requests) == 1  # asked once, not on every keystroke
    assert sum("close and reopen" in m.message for m in never.messages) == 1
    replace_all(never, uri, 6, "// whole\n" + text)  # a full text puts it back in step
    await until(lambda: published(never, uri, 6), what="diagnostics after the full text")
    state = await _server_text(never, uri)
    assert not state["desynced"] and state["text"] == "// whole\n" + text
