"""An annotation error stops only what depends on it.

Typing a clause one character at a time above one function passes through states that do
not parse or resolve (`//@ requires a <`): that function and its callers wait ("fix the
errors first"); every other function keeps its verified lens at every keystroke.
"""

from __future__ import annotations

import asyncio

from lsprotocol import types as lsp

from tests.lsp.conftest import edit, open_doc, published, until

CALLER = """
// Use reads address 0.
func Use(d *Rep) twodisk.Block {
	return d.Read(0)
}
"""


async def _lenses(client, uri: str) -> dict[int, str]:
    lenses = await client.text_document_code_lens_async(lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
    out: dict[int, str] = {}
    for lens in lenses:
        if lens.command and lens.command.title not in ("Verify", "Explore"):
            out[lens.range.start.line] = lens.command.title
    return out


async def test_typing_a_clause_never_greys_other_functions(fake, pkg):
    path = pkg / "repl.go"
    text = path.read_text() + CALLER
    path.write_text(text)
    lines = text.split("\n")
    write_line = next(i for i, s in enumerate(lines) if s.startswith("func (d *Rep) Write("))
    read_line = next(i for i, s in enumerate(lines) if s.startswith("func (d *Rep) Read("))
    use_line = next(i for i, s in enumerate(lines) if s.startswith("func Use("))
    uri = open_doc(fake, path, text)

    async def settled(version: int) -> dict[int, str]:
        await until(lambda: published(fake, uri, version), timeout=30, what=f"diagnostics of v{version}")
        return await _lenses(fake, uri)

    async def verified_all() -> dict[int, str]:
        for _ in range(1500):
            got = await _lenses(fake, uri)
            if len(got) == 3 and all(t.startswith(("✓", "✗")) for t in got.values()):
                return got
            await asyncio.sleep(0.02)
        raise AssertionError(f"the package never verified: {got}")

    before = await verified_all()
    write_title = before[write_line]  # the stand-in fails Write (no `helping`): a verdict all the same
    # A new line above `func ... Read(`, below its `requires`. It starts as a comment (as
    # the editor's "toggle comment" makes it): a lone `/` at package level is a Go syntax
    # error, which stops the package like any error outside a function body.
    version = 2
    edit(fake, uri, version, (read_line, 0), (read_line, 0), "//\n")
    await settled(version)
    read_line += 1
    use_line += 1
    clause = "@ ensures ret == ret && a < Size"
    broken_seen = 0
    col = 2
    for ch in clause:
        version += 1
        edit(fake, uri, version, (read_line - 1, col), (read_line - 1, col), ch)
        col += 1
        lenses = await settled(version)
        errors = [d for d in published(fake, uri, version)[-1].diagnostics
                  if d.severity == lsp.DiagnosticSeverity.Error and not str(d.code).startswith("verify/")]
        assert lenses.get(write_line) == write_title, f"after {clause[:col - 2]!r}: Write is {lenses.get(write_line)}"
        if errors:
            broken_seen += 1
            assert all(d.range.start.line == read_line - 1 for d in errors), [d.message for d in errors]
            assert lenses[read_line] == "not verified: fix the errors first"
            assert lenses[use_line] == "not verified: fix the errors first"  # it calls Read
    assert broken_seen > 5, "the half-typed clause should fail to parse on the way"
    # the finished clause is fine: everything verifies again
    final = await verified_all()
    assert final[write_line] == write_title and final[read_line].startswith("✓")


async def test_package_level_annotation_error_stops_everything(fake, pkg):
    path = pkg / "repl.go"
    text = path.read_text()
    broken = text.replace("//@ crash_inv forall a uint64 :: a < Size ==>", "//@ crash_inv forall a uint64 :: a < (((", 1)
    uri = open_doc(fake, path, broken)
    await until(lambda: published(fake, uri, 1), timeout=30, what="diagnostics")
    lenses = await _lenses(fake, uri)
    assert lenses and all(t == "not verified: fix the errors first" for t in lenses.values()), lenses


async def test_real_verifier_verifies_around_a_broken_clause(client, pkg):
    """The verifier refuses a package whose annotations have errors; the engine gives it the
    annotations without the broken function's errors, so the others still get a verdict."""
    path = pkg / "repl.go"
    text = path.read_text().replace("//@ implements Disk.Read\n", "//@ implements Disk.Read\n//@ requires (((\n", 1)
    path.write_text(text)
    lines = text.split("\n")
    write_line = next(i for i, s in enumerate(lines) if s.startswith("func (d *Rep) Write("))
    read_line = next(i for i, s in enumerate(lines) if s.startswith("func (d *Rep) Read("))
    uri = open_doc(client, path, text)
    for _ in range(3000):
        got = await _lenses(client, uri)
        if got.get(write_line, "").startswith(("✓", "✗", "?")):
            break
        await asyncio.sleep(0.02)
    # a verdict (the fixture's Write lacks `helping`, so the real verifier finds failures),
    # not "? unknown: not verified: the package's annotations have 1 error(s)"
    assert got[write_line].startswith(("✓", "✗")), got
    assert got[read_line] == "not verified: fix the errors first"


async def test_status_is_pending_until_the_edit_is_verified(fake, pkg):
    """Between a breaking edit and its verdict the status says `pending`, never `idle / ok`."""
    uri = open_doc(fake, pkg / "repl.go")
    await until(lambda: fake.statuses and fake.statuses[-1].state == "idle"
                and any(s.state == "verifying" for s in fake.statuses), timeout=30, what="first run")
    fake.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"armada": {"debounceMs": 3000}}))
    n = len(fake.statuses)
    edit(fake, uri, 2, (0, 0), (0, 0), "}")  # a syntax error at the top
    await until(lambda: published(fake, uri, 2), what="diagnostics of the breaking edit")
    # the status that follows the edit's analysis names its errors (it may trail the
    # diagnostics by a moment on a loaded machine)
    await until(lambda: "error" in fake.statuses[-1].message, timeout=10,
                what="a status naming the errors")
    after = fake.statuses[n:]
    assert after and after[-1].state == "pending", [(s.state, s.message) for s in after]
    assert not any(s.state == "idle" and s.message == "ok" for s in after)
