"""Wiring: every LSP feature is one small function in its own module; this only registers
them on an `ArmadaServer`."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from armada_ls.lsp import actions, commands, config, hover, lenses, sync
from armada_ls.lsp.server import ArmadaServer

COMMANDS = {
    "armada.verifyFile": commands.verify_file,
    "armada.verifyFunction": commands.verify_function,
    "armada.explore": commands.explore,
    "armada.showModel": commands.show_model,
}


def build(cache_dir: str | None = None) -> ArmadaServer:
    server = ArmadaServer(cache_dir=cache_dir)
    server.feature(lsp.INITIALIZE)(config.initialize)
    server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)(config.did_change_configuration)
    server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)(sync.did_open)
    server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)(sync.did_change)
    server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)(sync.did_save)
    server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)(sync.did_close)
    server.feature(sync.SERVER_TEXT)(sync.server_text)
    server.feature(lsp.TEXT_DOCUMENT_HOVER)(hover.hover)
    server.feature(lsp.TEXT_DOCUMENT_CODE_LENS)(lenses.code_lens)
    server.feature(lsp.TEXT_DOCUMENT_CODE_ACTION,
                   lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]))(actions.code_action)
    for name, fn in COMMANDS.items():
        server.command(name)(fn)
    server.feature(lsp.SHUTDOWN)(_shutdown)
    return server


def _shutdown(ls: ArmadaServer, params: Any = None) -> None:
    ls.engine.close()
