"""Hundreds of random edits — garbage, half-typed annotations, deleted braces, emoji — and
the server never crashes, answers every request, and ends with the right diagnostics."""

from __future__ import annotations

import random
import shutil

from lsprotocol import types as lsp

from armada_ls.engine import Engine
from tests.lsp.conftest import published, until

SNIPPETS = [
    "}", "{", "{{", ")", "(", "\n", "\t", " ", "//@ ", "//@ requires a <", "//@ ensures ",
    "//@ crash_inv forall a uint64 ::", "//@ helping Disk.Write(", "//@ lock_inv(a) lease(",
    "/*@ invariant ", "@*/", "func ", "func F(", "go func() {", "var x int", "x := ", "😀", "é",
    "\"unterminated", "`raw", "0x", "if ok {", "for {", "return", "twodisk.Write(twodisk.Disk1, a, v)",
    "//@ spec S { state x: uint64 }", "package", "import \"fmt\"", "\x00", "\r\n", "ñ😀ñ",
]


def utf16_pos(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n")
    col_text = before[before.rfind("\n") + 1:]
    return line, len(col_text.encode("utf-16-le")) // 2


def random_edit(rng: random.Random, text: str) -> tuple[int, int, str]:
    n = len(text)
    kind = rng.random()
    start = rng.randrange(n + 1)
    if kind < 0.35:  # insert a snippet
        return start, start, rng.choice(SNIPPETS)
    if kind < 0.6:  # delete a short range (often a brace)
        braces = [i for i, c in enumerate(text) if c in "{}()"]
        if braces and rng.random() < 0.5:
            start = rng.choice(braces)
            return start, start + 1, ""
        return start, min(n, start + rng.randrange(1, 30)), ""
    if kind < 0.8:  # replace with garbage
        junk = "".join(rng.choice("abc{}()[];:=<>!&|/*@ \n\t😀") for _ in range(rng.randrange(1, 12)))
        return start, min(n, start + rng.randrange(0, 10)), junk
    # move a line elsewhere
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    a = sum(len(x) + 1 for x in lines[:i])
    return a, min(n, a + len(lines[i]) + 1), ""


def _front(diags) -> set[tuple[str, int, int]]:
    return {(str(d.code), d.range.start.line, d.range.start.character) for d in diags
            if not str(d.code).startswith(("verify/", "hint/", "explore/"))}


async def test_random_edits(client, pkg, tmp_path):
    rng = random.Random(20261123)
    path = pkg / "repl.go"
    text = path.read_text()
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "go", 1, text)))
    doc = lsp.TextDocumentIdentifier(uri)
    version = 1
    pending = []
    for step in range(400):
        s, e, new = random_edit(rng, text)
        (sl, sc), (el, ec) = utf16_pos(text, s), utf16_pos(text, e)
        text = text[:s] + new + text[e:]
        version += 1
        client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
            [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(sl, sc), lsp.Position(el, ec)), text=new)]))
        if step % 10 == 0:
            lines = text.split("\n")
            line = rng.randrange(len(lines))
            char = rng.randrange(len(lines[line].encode("utf-16-le")) // 2 + 1)
            pos = lsp.Position(line, char)
            pending.append(client.text_document_hover_async(lsp.HoverParams(doc, pos)))
            pending.append(client.text_document_code_lens_async(lsp.CodeLensParams(doc)))
            pending.append(client.text_document_code_action_async(lsp.CodeActionParams(
                doc, lsp.Range(pos, pos), lsp.CodeActionContext([]))))
        if step % 50 == 0:
            for fut in pending:  # every request is answered (no error response)
                await fut
            pending.clear()
    for fut in pending:
        await fut
    assert client._server is not None and client._server.returncode is None, "the server died"

    final = await until(lambda: published(client, uri, version), timeout=30, what="final diagnostics")
    # the same text analysed from scratch gives the same front-end and annotation diagnostics
    fresh = tmp_path / "fresh" / "repl"
    shutil.copytree(pkg, fresh)
    (fresh / "repl.go").write_text(text)
    engine = Engine()
    try:
        snap = engine.refresh(str(fresh))
        from armada_ls.lsp.convert import LineCache, diagnostic

        lines = LineCache(lambda p: (fresh / "repl.go").read_bytes())
        expected = {(str(d.code), r.range.start.line, r.range.start.character)
                    for d in snap.diagnostics for r in [diagnostic(d, lines)]}
    finally:
        engine.close()
    assert expected, "400 random edits should leave some errors behind"
    assert _front(final[-1].diagnostics) == expected

    # and it still works: restore the original text, diagnostics are clean again
    version += 1
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=path.read_text())]))
    clean = await until(lambda: published(client, uri, version), what="clean diagnostics")
    assert _front(clean[-1].diagnostics) == set()
