"""Text synchronisation: open/change/save/close feed the engine's own documents.

The text is the engine's (`engine.documents`, LSP line and UTF-16 rules); pygls's workspace
copy is not kept (see `protocol.ArmadaProtocol`). A change is applied at once on the event
loop (cheap, no parsing); the front end then runs on the engine's analysis thread, coalescing
a burst into one analysis of the newest text, and its diagnostics are published when they
belong to the text the editor has now (`ArmadaServer.on_analysed`).

A change that does not fit the text is logged as an error and answered with a full
resynchronisation: the server sends the request `armada/documentText` {uri}; a client that
implements it (the VS Code extension does) answers {uri, version, text} with its whole
buffer, which replaces the server's copy. Until then incremental changes to that document are
ignored and its diagnostics are withdrawn, so nothing stale is shown as current. A client
that does not implement the request gets one error message asking to reopen the file; its
document stays withdrawn until a full-text change or a reopen.
"""

from __future__ import annotations

import logging
from typing import Any

from lsprotocol import types as lsp

from armada_ls.engine import InvalidEdit
from armada_ls.lsp.convert import to_path, to_uri
from armada_ls.lsp.server import ArmadaServer

log = logging.getLogger(__name__)

DOCUMENT_TEXT = "armada/documentText"  # server -> client: the client's whole text
SERVER_TEXT = "armada/serverText"  # client -> server: the server's copy (tests, debugging)


def _range(change: object) -> tuple[tuple[int, int], tuple[int, int]] | None:
    rng = getattr(change, "range", None)
    if rng is None:
        return None
    return (rng.start.line, rng.start.character), (rng.end.line, rng.end.character)


def did_open(ls: ArmadaServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.attach_loop()
    doc = params.text_document
    path = to_path(doc.uri)
    ls.engine.documents.open(path, doc.text, doc.version)
    ls.resync_failed.discard(path)
    ls.analyse(path, verify=True)


def did_change(ls: ArmadaServer, params: lsp.DidChangeTextDocumentParams) -> None:
    path = to_path(params.text_document.uri)
    doc = ls.engine.documents.get(path)
    if doc is None:
        return  # a change for a document never opened: nothing to apply it to
    version = params.text_document.version
    if doc.resynced_at is not None and version <= doc.resynced_at:
        log.info("%s v%d: already part of the full text of v%d", path, version, doc.resynced_at)
        return
    if doc.desynced and ls.resyncing.get(path):
        return  # the whole text is on its way; this change is part of it
    changes = [(_range(c), c.text) for c in params.content_changes]
    try:
        ls.engine.edit(path, version, changes)
    except InvalidEdit as e:
        resynchronise(ls, params.text_document.uri, str(e))
        return
    ls.resync_failed.discard(path)  # a full text arrived: in step again
    ls.engine.postpone(ls.directory_of(path))
    ls.analyse(path)
    ls.reverify_importers(ls.directory_of(path), edited=True)


def resynchronise(ls: ArmadaServer, uri: str, why: str) -> None:
    """Log the bad change, withdraw the document's diagnostics and ask for the whole text."""
    path = to_path(uri)
    doc = ls.engine.documents.get(path)
    message = f"armada-ls: a change to {path} does not fit its text ({why}); asking the editor for the whole text"
    log.error(message)
    ls.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, message))
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
    ls.send_status()
    if doc is None or ls.resyncing.get(path) or path in ls.resync_failed:
        return  # asked already, or the client cannot answer: wait for a full text or a reopen
    ls.resyncing[path] = True
    ls.spawn(_ask_for_text(ls, uri))


async def _ask_for_text(ls: ArmadaServer, uri: str) -> None:
    path = to_path(uri)
    try:
        answer: Any = await ls.protocol.send_request_async(DOCUMENT_TEXT, {"uri": uri})
    except Exception as e:  # the client does not implement it, or failed
        ls.resyncing.pop(path, None)
        ls.resync_failed.add(path)
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, (
            f"armada-ls lost track of the text of {path} ({e}); close and reopen the file")))
        return
    ls.resyncing.pop(path, None)
    text = _field(answer, "text")
    version = _field(answer, "version")
    if not isinstance(text, str) or not isinstance(version, int):
        ls.resync_failed.add(path)
        ls.window_show_message(lsp.ShowMessageParams(lsp.MessageType.Error, (
            f"armada-ls lost track of the text of {path} (the editor sent no text); close and reopen the file")))
        return
    doc = ls.engine.documents.resync(path, version, text)
    if doc is not None:
        log.info("%s: resynchronised at v%d", path, version)
        ls.analyse(path)


def _field(obj: Any, name: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def server_text(ls: ArmadaServer, params: Any) -> dict[str, Any] | None:
    """The server's copy of a document: {uri, version, text, desynced}."""
    uri = _field(params, "uri")
    doc = ls.engine.documents.get(to_path(uri)) if isinstance(uri, str) else None
    if doc is None:
        return None
    return {"uri": to_uri(doc.path), "version": doc.version, "text": doc.text.text, "desynced": doc.desynced}


def did_save(ls: ArmadaServer, params: lsp.DidSaveTextDocumentParams) -> None:
    path = to_path(params.text_document.uri)
    directory = ls.directory_of(path)
    if ls.engine.settings.verifyOn == "save":
        ls.engine.schedule(directory, 0)
        ls.send_status()
    ls.reverify_importers(directory)


def did_close(ls: ArmadaServer, params: lsp.DidCloseTextDocumentParams) -> None:
    path = to_path(params.text_document.uri)
    ls.engine.documents.close(path)
    ls.resyncing.pop(path, None)
    ls.resync_failed.discard(path)
    ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=params.text_document.uri, diagnostics=[]))
    ls.analyse(path)
    ls.reverify_importers(ls.directory_of(path), edited=True)  # an unsaved buffer is gone
