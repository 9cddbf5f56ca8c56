"""The language server with the real verifier: the seeded `helping` bug of the replicated
disk gets a crash-invariant error, a helping hint, and a quick fix that makes it verify."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path

from lsprotocol import types as lsp

from armada_ls.engine import tasks
from tests.lsp.conftest import ROOT, open_doc, published, until

BUG = ROOT / "proofs" / "repldisk" / "testdata" / "bugs" / "helping-missing"



def test_the_real_verifier_and_explorer_are_available() -> None:
    # These tests exercise the real layers; they must fail, not skip, if either breaks.
    assert tasks.verifier_available() and tasks.explorer_available()
    assert BUG.exists()


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


async def test_hover_statement_state_from_the_real_verifier(client, tmp_path: Path):
    pkg = tmp_path / "rd"
    shutil.copytree(ROOT / "proofs" / "repldisk", pkg, ignore=shutil.ignore_patterns("testdata", "*_test.go"))
    path = pkg / "repldisk.go"
    uri = open_doc(client, path)
    line = next(i for i, t in enumerate(path.read_text().splitlines()) if "twodisk.Write(twodisk.Disk1, a, v)" in t)
    text = ""
    for _ in range(300):
        h = await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, 3)))
        text = h.contents.value if h else ""
        if "**before**" in text:
            break
        await asyncio.sleep(0.1)
    assert "**before**" in text and "**after**" in text, text
    after = text.split("**after**")[1]
    assert "helped ops: `Disk.Write(a, v)`" in after and "locks held: `RepDisk.locks[a]`" in after


BUG2 = ROOT / "proofs" / "repldisk" / "testdata" / "bugs" / "write-skips-disk2"


async def test_explore_command_reports_a_trace(client, tmp_path: Path):
    pkg = tmp_path / "bug2"
    shutil.copytree(BUG2, pkg)
    path = next(pkg.glob("*.go"))
    uri = open_doc(client, path)
    await until(lambda: published(client, uri, 1))
    out = await client.workspace_execute_command_async(lsp.ExecuteCommandParams("armada.explore", [uri]))
    assert out["ok"] is False and out["findings"] == 1, out
    await until(lambda: any(str(d.code).startswith("explore/") for d in published(client, uri)[-1].diagnostics))
    d = next(d for d in published(client, uri)[-1].diagnostics if str(d.code).startswith("explore/"))
    assert d.severity == lsp.DiagnosticSeverity.Error
    assert len(d.related_information) >= 3 and d.related_information[0].message.startswith("step 1: ")
    reports = [r for r in client.progress_reports.values() if r and getattr(r[0], "title", "") == "Armada: exploring"]
    assert reports and isinstance(reports[0][-1], lsp.WorkDoneProgressEnd)
