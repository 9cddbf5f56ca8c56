"""Text synchronisation: open/change/save/close feed the engine; diagnostics follow at once
(front end and annotations) and background verification is scheduled per `verifyOn`."""

from __future__ import annotations

import logging
import time

from lsprotocol import types as lsp

from armada_ls.lsp.convert import to_path
from armada_ls.lsp.server import ArmadaServer

log = logging.getLogger(__name__)


def _range(change: object) -> tuple[tuple[int, int], tuple[int, int]] | None:
    rng = getattr(change, "range", None)
    if rng is None:
        return None
    return (rng.start.line, rng.start.character), (rng.end.line, rng.end.character)


def _after_edit(ls: ArmadaServer, directory: str, saved: bool = False) -> None:
    ls.publish(directory)
    on = ls.engine.settings.verifyOn
    if on == "change" or (on == "save" and saved):
        ls.engine.schedule(directory)
    ls.send_status()


def did_open(ls: ArmadaServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.attach_loop()
    doc = params.text_document
    path = to_path(doc.uri)
    snap = ls.engine.open(path, doc.text, doc.version)
    _after_edit(ls, snap.directory, saved=True)


def did_change(ls: ArmadaServer, params: lsp.DidChangeTextDocumentParams) -> None:
    path = to_path(params.text_document.uri)
    if ls.engine.documents.get(path) is None:
        return  # a change for a document never opened: nothing to apply it to
    t0 = time.perf_counter()
    changes = [(_range(c), c.text) for c in params.content_changes]
    snap = ls.engine.change(path, params.text_document.version, changes)
    _after_edit(ls, snap.directory)
    log.debug("%s v%d: analysed in %.1f ms, answered in %.1f ms", path, params.text_document.version,
              snap.elapsed_ms, (time.perf_counter() - t0) * 1000)


def did_save(ls: ArmadaServer, params: lsp.DidSaveTextDocumentParams) -> None:
    path = to_path(params.text_document.uri)
    directory = ls.directory_of(path)
    if ls.engine.settings.verifyOn == "save":
        ls.engine.schedule(directory, 0)


def did_close(ls: ArmadaServer, params: lsp.DidCloseTextDocumentParams) -> None:
    path = to_path(params.text_document.uri)
    ls.engine.close_document(path)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))
    ls.send_status()
