"""Hover, code lenses, the helping quick fix, commands and work-done progress.

These use the stand-in verifier (tests/lsp/standins.py) to drive the server's plumbing
deterministically; test_real_verifier.py covers the real one."""

from __future__ import annotations

from lsprotocol import types as lsp

from tests.lsp.conftest import line_of, open_doc, published, until


def _codes(client, uri, version):
    ps = published(client, uri, version)
    return [str(d.code) for d in ps[-1].diagnostics] if ps else []


async def _verified(client, uri, version=1, code="verify/refinement"):
    await until(lambda: code in _codes(client, uri, version), what=f"{code} at version {version}")
    await until(lambda: client.statuses[-1].state == "idle", what="the run to finish")


async def test_hover_crash_inv_lock_inv_function_statement(fake, pkg):
    path = pkg / "repl.go"
    uri = open_doc(fake, path)
    await _verified(fake, uri)
    doc = lsp.TextDocumentIdentifier(uri)

    h = await fake.text_document_hover_async(lsp.HoverParams(doc, lsp.Position(line_of(path, "//@ crash_inv") + 1, 6)))
    assert h is not None and "crash invariant" in h.contents.value
    assert "forall a uint64 ::" in h.contents.value and "helping(Disk.Write(a, twodisk.D1[a]))" in h.contents.value

    h = await fake.text_document_hover_async(lsp.HoverParams(doc, lsp.Position(line_of(path, "locks []*sync.Mutex"), 3)))
    assert h is not None and "lock invariant of Rep.locks" in h.contents.value
    assert "lease(twodisk.D1[a])" in h.contents.value

    h = await fake.text_document_hover_async(lsp.HoverParams(doc, lsp.Position(line_of(path, "func (d *Rep) Read("), 16)))
    assert h is not None and "Rep.Read" in h.contents.value and "✓ verified" in h.contents.value
    assert "postcondition" in h.contents.value

    h = await fake.text_document_hover_async(lsp.HoverParams(doc, lsp.Position(line_of(path, "v2, _ := twodisk.Read"), 3)))
    assert h is not None and "**before**" in h.contents.value and "**after**" in h.contents.value
    assert "`d.locks[a]`" in h.contents.value


async def test_code_lenses(fake, pkg):
    uri = open_doc(fake, pkg / "repl.go")
    await _verified(fake, uri)
    lenses = await fake.text_document_code_lens_async(lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
    titles = [lens.command.title for lens in lenses]
    assert "✗ 1 failed" in titles
    assert any(t.startswith("✓ verified (1 obligations") for t in titles)
    assert titles.count("Verify") == 2 and titles.count("Explore") == 2
    verify = next(lens for lens in lenses if lens.command.title == "Verify")
    assert verify.command.command == "armada.verifyFunction" and verify.command.arguments[0] == uri
    assert fake.lens_refreshes > 0  # the client was told to re-request lenses as results came


async def test_helping_quick_fix_inserts_the_ghost_statement(fake, pkg):
    path = pkg / "repl.go"
    text = path.read_text()
    uri = open_doc(fake, path)
    await _verified(fake, uri)
    diags = published(fake, uri, 1)[-1].diagnostics
    hint = next(d for d in diags if d.code == "hint/helping")
    err = next(d for d in diags if d.code == "verify/refinement")
    assert hint.severity == lsp.DiagnosticSeverity.Information
    assert err.severity == lsp.DiagnosticSeverity.Error
    assert err.related_information and err.related_information[0].message == "the crash point"
    line = line_of(path, "twodisk.Write(twodisk.Disk1, a, v)")
    assert hint.range.start.line == line

    actions = await fake.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(uri), hint.range, lsp.CodeActionContext([hint])))
    assert len(actions) == 1
    action = actions[0]
    assert action.kind == lsp.CodeActionKind.QuickFix
    assert action.title == "Insert `//@ helping Disk.Write(a, v)`"
    (edit,) = action.edit.changes[uri]
    end_of_line = len(text.splitlines()[line])
    assert (edit.range.start.line, edit.range.start.character) == (line, end_of_line)
    assert edit.new_text == " //@ helping Disk.Write(a, v)"

    # apply it as an editor would: the refinement failure goes away at version 2
    fake.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
        [lsp.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)]))
    await until(lambda: published(fake, uri, 2) and not any(
        c.startswith(("verify/", "hint/")) for c in _codes(fake, uri, 2))
        and published(fake, uri, 2)[-1] is published(fake, uri)[-1], what="clean version 2")
    lenses = await fake.text_document_code_lens_async(lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
    await until(lambda: True)
    assert not any(lens.command.title.startswith("✗") for lens in lenses)


async def test_commands_verify_file_function_and_show_model(fake, pkg):
    uri = open_doc(fake, pkg / "repl.go")
    await until(lambda: published(fake, uri, 1))
    summary = await fake.workspace_execute_command_async(lsp.ExecuteCommandParams("armada.verifyFile", [uri]))
    assert summary["proved"] == 1 and summary["failed"] == 1 and summary["unknown"] == 0
    one = await fake.workspace_execute_command_async(
        lsp.ExecuteCommandParams("armada.verifyFunction", [uri, "Rep.Read"]))
    assert one["status"] == "proved" and one["obligations"] == 1
    model = await fake.workspace_execute_command_async(lsp.ExecuteCommandParams("armada.showModel", [uri]))
    assert isinstance(model, str) and "Write" in model
    # work-done progress was created, begun and ended for a verification
    reports = [r for r in fake.progress_reports.values() if r]
    assert any(isinstance(r[0], lsp.WorkDoneProgressBegin) and r[0].title == "Armada: verifying"
               and isinstance(r[-1], lsp.WorkDoneProgressEnd) for r in reports)
    await until(lambda: fake.statuses[-1].state == "idle", what="idle status")
    last = fake.statuses[-1]
    assert (last.failed, last.unknown) == (1, 0) and isinstance(last.message, str)
    assert any(s.state == "verifying" for s in fake.statuses)


async def test_no_fake_success_without_the_verifier(missing, pkg):
    """The shipped server without a verifier says so; it never reports a proof."""
    uri = open_doc(missing, pkg / "repl.go")
    await until(lambda: published(missing, uri, 1))
    summary = await missing.workspace_execute_command_async(lsp.ExecuteCommandParams("armada.verifyFile", [uri]))
    lenses = await missing.text_document_code_lens_async(lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
    titles = [lens.command.title for lens in lenses]
    assert not any(t.startswith("✓") for t in titles)
    assert "not available" in summary["message"]
    assert summary["proved"] == 0 and summary["unknown"] == 2
    assert all(t in ("Verify", "Explore") or "not available" in t for t in titles), titles
    await until(lambda: missing.statuses and "the verifier is not available" in missing.statuses[-1].message)
