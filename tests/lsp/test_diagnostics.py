"""Open a file and get diagnostics; edit and get updated diagnostics with the right version."""

from __future__ import annotations

from lsprotocol import types as lsp

from tests.lsp.conftest import edit, line_of, open_doc, published, until


async def test_open_clean_file_publishes_empty_diagnostics(client, pkg):
    uri = open_doc(client, pkg / "repl.go")
    await until(lambda: published(client, uri, 1), what="diagnostics for version 1")
    assert published(client, uri, 1)[-1].diagnostics == ()


async def test_edit_gives_diagnostics_for_the_new_version(client, pkg):
    path = pkg / "repl.go"
    uri = open_doc(client, path)
    await until(lambda: published(client, uri, 1))
    # an unsupported construct: a signed integer parameter
    line = line_of(path, "func (d *Rep) Read(a uint64)")
    col = path.read_text().splitlines()[line].index("uint64")
    edit(client, uri, 2, (line, col), (line, col + len("uint64")), "int")
    p2 = await until(lambda: published(client, uri, 2), what="diagnostics for version 2")
    diags = p2[-1].diagnostics
    assert diags, "the signed int must be rejected"
    d = diags[0]
    assert d.source == "armada"
    assert str(d.code).startswith("goose/") or d.code == "syntax"
    assert d.severity == lsp.DiagnosticSeverity.Error
    assert d.range.start.line == line
    # fix it again: version 3 is clean
    edit(client, uri, 3, (line, col), (line, col + len("int")), "uint64")
    p3 = await until(lambda: published(client, uri, 3), what="diagnostics for version 3")
    assert p3[-1].diagnostics == ()
    # versions are never published out of order
    versions = [p.version for p in published(client, uri)]
    assert versions == sorted(versions)


async def test_syntax_error_and_utf16_columns(client, pkg):
    path = pkg / "repl.go"
    text = path.read_text() + '\nfunc Broken() string {\n\treturn "😀😀" +\n}\n'
    uri = open_doc(client, path, text)
    p = await until(lambda: published(client, uri, 1))
    diags = p[-1].diagnostics
    assert any(d.code == "syntax" or str(d.code).startswith("syntax") for d in diags), diags
    for d in diags:  # every range is within the document, in UTF-16 units
        lines = text.split("\n")
        assert d.range.start.line < len(lines)
        assert d.range.start.character <= len(lines[d.range.start.line].encode("utf-16-le")) // 2


async def test_annotation_errors_are_reported(client, pkg):
    path = pkg / "repl.go"
    text = path.read_text().replace("//@ requires a < Size\nfunc (d *Rep) Read", "//@ requires a < Nope +\nfunc (d *Rep) Read")
    uri = open_doc(client, path, text)
    p = await until(lambda: published(client, uri, 1))
    codes = [str(d.code) for d in p[-1].diagnostics]
    assert any(c.startswith("annot/") for c in codes), codes


async def test_close_clears_diagnostics(client, pkg):
    path = pkg / "repl.go"
    uri = open_doc(client, path, path.read_text() + "\nfunc F(x int) {}\n")
    await until(lambda: published(client, uri, 1))
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    await until(lambda: published(client, uri)[-1].diagnostics == (), what="cleared diagnostics")
