"""A caller in one package and its callee in another, both open in the editor: a change of
the callee's contract, saved or only typed, re-verifies the caller without touching it
(docs/annotations.md, "Programs of several packages"). The real verifier and the real LSP
client."""

from __future__ import annotations

import os
from pathlib import Path

from lsprotocol import types as lsp

from tests.cli.test_multipkg import APP, LIB, module
from tests.lsp.conftest import open_doc, published, replace_all, until


def _verify_errors(client, uri: str) -> list[str] | None:  # type: ignore[no-untyped-def]
    ps = published(client, uri)
    if not ps:
        return None
    return [str(d.code) for d in ps[-1].diagnostics if str(d.code).startswith("verify/")]


async def _titles(client, uri: str) -> list[str]:  # type: ignore[no-untyped-def]
    lenses = await client.text_document_code_lens_async(lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
    return [lens.command.title for lens in lenses if lens.command and lens.command.command == ""]


async def _until_lens(client, uri: str, prefix: str) -> None:  # type: ignore[no-untyped-def]
    import asyncio
    titles: list[str] = []
    for _ in range(900):
        titles = await _titles(client, uri)
        if titles and all(t.startswith(prefix) for t in titles):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"lenses {titles}, wanted {prefix}")


async def test_saving_a_callee_contract_reverifies_an_open_caller(client, tmp_path: Path) -> None:
    m = module(tmp_path / "m")
    lib, app = m / "lib" / "lib.go", m / "app" / "app.go"
    app_uri = open_doc(client, app)
    lib_uri = open_doc(client, lib)
    await _until_lens(client, app_uri, "✓")
    await _until_lens(client, lib_uri, "✓")
    assert _verify_errors(client, app_uri) == []

    # The callee promises less: saved, the caller (untouched, still version 1) fails.
    weaker = LIB.replace("ret == 2 * x", "ret >= x")
    replace_all(client, lib_uri, 2, weaker)
    lib.write_text(weaker)
    os.utime(lib, (1, 1))  # a different stat even on a coarse clock
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(lib_uri)))
    await until(lambda: _verify_errors(client, app_uri), timeout=60, what="the caller's failure")
    await _until_lens(client, app_uri, "✗")
    await _until_lens(client, lib_uri, "✓")

    # And back: the caller verifies again.
    replace_all(client, lib_uri, 3, LIB)
    lib.write_text(LIB)
    os.utime(lib, (2, 2))
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(lib_uri)))
    await until(lambda: _verify_errors(client, app_uri) == [], timeout=60, what="the caller verified again")
    await _until_lens(client, app_uri, "✓")


async def test_typing_a_callee_contract_reverifies_an_open_caller(client, tmp_path: Path) -> None:
    """Unsaved: the caller is verified against the contract on screen, and against the saved
    one again once the editor's buffer matches the disk (typed back, or closed)."""
    m = module(tmp_path / "m")
    lib, app = m / "lib" / "lib.go", m / "app" / "app.go"
    app_uri = open_doc(client, app)
    lib_uri = open_doc(client, lib)
    await _until_lens(client, app_uri, "✓")
    await _until_lens(client, lib_uri, "✓")
    assert _verify_errors(client, app_uri) == []

    # Typed, not saved: the callee promises less; the caller (still version 1) fails.
    replace_all(client, lib_uri, 2, LIB.replace("ret == 2 * x", "ret >= x"))
    await until(lambda: _verify_errors(client, app_uri), timeout=60, what="the caller's failure")
    await _until_lens(client, app_uri, "✗")
    await _until_lens(client, lib_uri, "✓")
    assert lib.read_text() == LIB  # nothing was written

    # A stronger promise typed: the caller verifies against it.
    replace_all(client, lib_uri, 3, LIB.replace("//@ ensures ret == 2 * x", "//@ ensures ret == 2 * x && ret >= x"))
    await until(lambda: _verify_errors(client, app_uri) == [], timeout=60, what="the caller verified again")
    await _until_lens(client, app_uri, "✓")

    # Weakened again and the buffer closed unsaved: the saved contract counts again.
    replace_all(client, lib_uri, 4, LIB.replace("ret == 2 * x", "ret >= x"))
    await until(lambda: _verify_errors(client, app_uri), timeout=60, what="the caller's failure")
    client.text_document_did_close(lsp.DidCloseTextDocumentParams(lsp.TextDocumentIdentifier(lib_uri)))
    await until(lambda: _verify_errors(client, app_uri) == [], timeout=60, what="the caller verified against the saved callee")


def test_unsaved_imports_are_the_open_buffers_of_imported_packages_that_differ(tmp_path: Path) -> None:
    from armada_ls.engine.documents import Documents
    from armada_ls.engine.importers import unsaved_imports

    m = module(tmp_path / "m")
    docs = Documents()
    lib, app = str(m / "lib" / "lib.go"), str(m / "app" / "app.go")
    docs.open(app, APP.replace("10", "11"), 1)
    docs.open(lib, LIB, 1)
    assert unsaved_imports(str(m / "app"), docs) == {}  # lib's buffer is what is saved
    docs.close(lib)
    docs.open(lib, LIB + "\n// more\n", 2)
    assert unsaved_imports(str(m / "app"), docs) == {lib: LIB + "\n// more\n"}
    assert unsaved_imports(str(m / "lib"), docs) == {}  # the caller's own buffer is not an import


def test_importers_are_transitive_and_exclude_the_changed_package(tmp_path: Path) -> None:
    from armada_ls.engine.importers import importers

    m = module(tmp_path / "m")
    top = m / "top" / "top.go"
    top.parent.mkdir()
    top.write_text('package top\n\nimport "example.com/m/app"\n\nfunc T() uint64 { return app.Ten() }\n')
    other = m / "other" / "other.go"
    other.parent.mkdir()
    other.write_text("package other\n")
    dirs = [str(m / d) for d in ("lib", "app", "top", "other")]
    assert importers(str(m / "lib"), dirs) == [str(m / "app"), str(m / "top")]
    assert importers(str(m / "app"), dirs) == [str(m / "top")]
    assert importers(str(m / "top"), dirs) == []


def test_a_worker_drops_only_the_packages_an_unsaved_buffer_reaches() -> None:
    from types import SimpleNamespace as NS

    from armada_ls.verify.imports import stale

    loaded = {"/m/lib": NS(imports=[], problem=""), "/m/app": NS(imports=["/m/lib"], problem=""),
              "/m/top": NS(imports=["/m/app"], problem=""), "/m/other": NS(imports=[], problem=""),
              "/m/broken": NS(imports=[], problem="front-end errors")}
    assert stale(loaded, {"/m/lib"}) == {"/m/lib", "/m/app", "/m/top", "/m/broken"}
    assert stale(loaded, {"/m/app"}) == {"/m/app", "/m/top", "/m/broken"}
    assert stale(loaded, set()) == {"/m/broken"}
