"""The language server with the real verifier: the seeded `helping` bug of the replicated
disk gets a crash-invariant error, a helping hint, and a quick fix that makes it verify."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

import pytest
from lsprotocol import types as lsp

from armada_ls.engine import tasks
from tests.lsp.conftest import ROOT, open_doc, published, until

BUG = ROOT / "proofs" / "repldisk" / "bugs" / "helping-missing"

pytestmark = pytest.mark.skipif(not tasks.verifier_available() or not BUG.exists(),
                                reason="the verifier or the seeded bug is not available")


def _codes(client, uri, version):
    ps = published(client, uri, version)
    return [str(d.code) for d in ps[-1].diagnostics] if ps else []


async def test_missing_helping_quick_fix_with_the_real_verifier(client, tmp_path: Path):
    pkg = tmp_path / "bug"
    shutil.copytree(BUG, pkg)
    path = next(pkg.glob("*.go"))
    uri = open_doc(client, path)
    await until(lambda: "hint/helping" in _codes(client, uri, 1), timeout=60, what="the helping hint")
    diags = published(client, uri, 1)[-1].diagnostics
    hint = next(d for d in diags if d.code == "hint/helping")
    err = next(d for d in diags if str(d.code).startswith("verify/"))
    assert err.severity == lsp.DiagnosticSeverity.Error
    assert {r.message for r in err.related_information} >= {"the clause checked here", "the crash point"}
    assert "counterexample" in err.message

    actions = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), hint.range, lsp.CodeActionContext([hint])))
    (action,) = actions
    assert "helping Disk.Write(a, v)" in action.title
    (edit,) = action.edit.changes[uri]
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)]))
    titles: list[str] = []
    for _ in range(600):  # until the re-verification of version 2 is in
        lenses = await client.text_document_code_lens_async(lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
        titles = [lens.command.title for lens in lenses if lens.command.command == ""]
        if titles and all(t.startswith(("✓", "✗", "?")) for t in titles):
            break
        await asyncio.sleep(0.1)
    assert titles and all(t.startswith("✓ verified") for t in titles), titles
    await until(lambda: not any(str(d.code).startswith(("verify/", "hint/"))
                                for d in published(client, uri, 2)[-1].diagnostics), what="clean diagnostics")
