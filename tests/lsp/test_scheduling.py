"""Background verification: stale runs are cancelled (their workers killed) when a newer
version arrives; settings from initializationOptions and didChangeConfiguration apply."""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

from lsprotocol import types as lsp

from tests.lsp.conftest import edit, line_of, open_doc, published, until

PIDS = Path(os.environ.get("ARMADA_TEST_PIDDIR", "/tmp/armada-test-pids"))
SLOW = "\n// SlowOne makes the stand-in verifier sleep.\nfunc SlowOne(a uint64) uint64 {\n\treturn a + 1\n}\n"


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


def _slow_pids(since: float) -> list[int]:
    out = []
    for p in PIDS.glob("SlowOne.*"):
        text = p.read_text().strip()
        if p.stat().st_mtime >= since and text:  # (a file just created may not hold its pid yet)
            out.append(int(text))
    return out


def _codes(client, uri, version):
    ps = published(client, uri, version)
    return [str(d.code) for d in ps[-1].diagnostics] if ps else []


async def test_edit_mid_run_cancels_the_stale_run(fake, pkg):
    PIDS.mkdir(exist_ok=True)
    t0 = time.time() - 1
    path = pkg / "repl.go"
    text = path.read_text() + SLOW
    path.write_text(text)
    uri = open_doc(fake, path)
    # the stand-in verifier is now sleeping in SlowOne's worker
    (first,) = await until(lambda: _slow_pids(t0), what="the slow worker to start")
    assert _alive(first)
    # Write and Read finish; SlowOne keeps the run going
    await until(lambda: "verify/refinement" in _codes(fake, uri, 1), what="results of version 1")
    begun = [t for t, r in fake.progress_reports.items() if r and isinstance(r[0], lsp.WorkDoneProgressBegin)]
    assert begun

    line = line_of(path, "return a + 1")
    col = text.splitlines()[line].index("1")
    edit(fake, uri, 2, (line, col), (line, col + 1), "2")
    # the stale job's worker is killed, and the new version's SlowOne starts in a fresh one
    await until(lambda: not _alive(first), timeout=10, what="the stale worker to be killed")
    await until(lambda: [p for p in _slow_pids(t0) if p != first], what="the new run's slow job")
    # the stale run's progress ended as cancelled
    ended = [r[-1] for t, r in fake.progress_reports.items() if t in begun and r]
    await until(lambda: any(isinstance(e, lsp.WorkDoneProgressEnd) for e in
                            [fake.progress_reports[t][-1] for t in begun]), what="stale progress end")
    assert any(isinstance(e, lsp.WorkDoneProgressEnd) and e.message == "cancelled"
               for e in [fake.progress_reports[t][-1] for t in begun]), ended
    # version 2 shows Write's failure at once: it did not change, so its result is reused
    await until(lambda: "verify/refinement" in _codes(fake, uri, 2), what="cached result at version 2")
    # the client can cancel the rest through work-done progress
    def live():
        return [t for t, r in fake.progress_reports.items()
                if r and isinstance(r[0], lsp.WorkDoneProgressBegin) and not isinstance(r[-1], lsp.WorkDoneProgressEnd)]

    await until(live, what=f"a live progress: {fake.progress_reports}")
    second = [p for p in _slow_pids(t0) if p != first][0]
    fake.window_work_done_progress_cancel(lsp.WorkDoneProgressCancelParams(token=live()[-1]))
    await until(lambda: not _alive(second), timeout=10, what="cancel from the client")


async def test_settings_initialization_options_and_changes(never, pkg):
    path = pkg / "repl.go"
    uri = open_doc(never, path)
    await until(lambda: published(never, uri, 1))
    await asyncio.sleep(0.5)
    assert not any(s.state == "verifying" for s in never.statuses), "verifyOn=never must not verify"
    lenses = await never.text_document_code_lens_async(lsp.CodeLensParams(lsp.TextDocumentIdentifier(uri)))
    assert {lens.command.title for lens in lenses} >= {"not verified yet"}

    # push form: verify on change
    never.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"armada": {"verifyOn": "change", "debounceMs": 0}}))
    await until(lambda: "verify/refinement" in _codes(never, uri, 1), what="verification after the change")

    # on save only: an edit does not verify, a save does
    never.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(
        settings={"armada": {"verifyOn": "save"}}))
    await until(lambda: never.statuses[-1].state == "idle")
    n = len(never.statuses)
    line = line_of(path, "func (d *Rep) Read(")
    edit(never, uri, 2, (line + 1, 0), (line + 1, 0), "\t// a comment that changes Read's text\n")
    await until(lambda: published(never, uri, 2))
    await asyncio.sleep(0.5)
    assert not any(s.state == "verifying" for s in never.statuses[n:])
    never.text_document_did_save(lsp.DidSaveTextDocumentParams(lsp.TextDocumentIdentifier(uri)))
    await until(lambda: any(s.state == "verifying" for s in never.statuses[n:]), what="verify on save")

    # pull form: an empty notification makes the server ask for section "armada"
    never.set_configuration({"verifyOn": "never"}, section="armada")
    never.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    await until(lambda: never.statuses[-1].state == "idle")
    n = len(never.statuses)
    edit(never, uri, 3, (0, 0), (0, 0), "// top\n")
    await until(lambda: published(never, uri, 3))
    await asyncio.sleep(0.5)
    assert not any(s.state == "verifying" for s in never.statuses[n:])
