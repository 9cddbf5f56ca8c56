"""While an analysis runs: edits queue up and are analysed as one newest text, and a hover
answers at once from the last completed analysis. An analysis is held "running" by taking
the engine's analysis lock, so nothing here depends on timing."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types as lsp

from armada_ls.engine import Engine
from armada_ls.lsp.convert import to_uri
from armada_ls.lsp.hover import hover
from armada_ls.lsp.server import ArmadaServer

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "repl.go"
FAKE = "tests.lsp.standins:fake_verify"


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    d = tmp_path / "repl"
    d.mkdir()
    shutil.copy(FIXTURE, d / "repl.go")
    return d


def _idle(e: Engine, directory: str) -> None:
    deadline = time.monotonic() + 30
    while e.analysis_pending(directory):
        assert time.monotonic() < deadline, "the analysis did not finish"
        time.sleep(0.01)


def _end(text: str) -> tuple[int, int]:
    lines = text.split("\n")
    return len(lines) - 1, len(lines[-1])


def test_a_burst_is_analysed_as_its_newest_text_only(pkg):
    e = Engine(verify_impl=FAKE)
    try:
        path, directory = str(pkg / "repl.go"), str(pkg)
        text = FIXTURE.read_text()
        e.open(path, text, 1)
        seen: list[int | None] = []
        e.analysed.append(lambda snap: seen.append(snap.versions.get(path)))
        with e._analysis_lock:  # an analysis is running: the burst queues up behind it
            for v in range(2, 40):
                end = _end(text)
                e.edit(path, v, [((end, end), f"// {v}\n")])
                text += f"// {v}\n"
                e.request_analysis(directory, path)
        _idle(e, directory)
        assert seen and set(seen) == {39}, seen  # no text between the first and the last
        snap = e.latest_snapshot(directory)
        assert snap is not None and snap.sources[path].decode() == text
    finally:
        e.close()


def test_a_hover_while_an_analysis_runs_answers_from_the_previous_one(pkg):
    server = ArmadaServer()
    e = server.engine
    try:
        path, directory = str(pkg / "repl.go"), str(pkg)
        text = FIXTURE.read_text()
        e.open(path, text, 1)
        line = next(i for i, t in enumerate(text.split("\n")) if t.startswith("func (d *Rep) Read("))
        params = lsp.HoverParams(lsp.TextDocumentIdentifier(to_uri(path)), lsp.Position(line, 16))
        got: list[Any] = []
        with e._analysis_lock:  # the analysis of version 2 is running (and cannot finish)
            end = _end(text)
            e.edit(path, 2, [((end, end), "// more\n")])
            e.request_analysis(directory, path)
            asker = threading.Thread(target=lambda: got.append(hover(server, params)), daemon=True)
            asker.start()
            asker.join(20)  # a hover that waited for the analysis would still be waiting
            assert not asker.is_alive(), "the hover waited for the running analysis"
            assert e.analysis_pending(directory)
        h = got[0]
        assert h is not None and "Rep.Read" in h.contents.value  # from version 1's analysis
        # the hovered line changed since: no answer from the old analysis there
        with e._analysis_lock:
            e.edit(path, 3, [(((line, 0), (line, 0)), "// moved\n")])
            e.request_analysis(directory, path)
            assert hover(server, params) is None
        _idle(e, directory)
        params = lsp.HoverParams(params.text_document, lsp.Position(line + 1, 16))
        h = hover(server, params)
        assert h is not None and "Rep.Read" in h.contents.value  # the new analysis
    finally:
        e.close()
