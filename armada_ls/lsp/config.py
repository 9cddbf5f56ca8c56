"""Settings: `initializationOptions` at start, `workspace/didChangeConfiguration` later (push
form `{settings: {armada: {...}}}`, or an empty notification after which the server pulls
section `armada` with `workspace/configuration`)."""

from __future__ import annotations

from typing import Any

from lsprotocol import types as lsp

from armada_ls.lsp.server import ArmadaServer


def initialize(ls: ArmadaServer, params: lsp.InitializeParams) -> None:
    ls.attach_loop()
    ls.engine.configure(params.initialization_options)


def _apply(ls: ArmadaServer, raw: Any) -> None:
    before = ls.engine.settings
    after = ls.engine.configure(raw)
    if after.verifyOn == "never" and before.verifyOn != "never":
        ls.engine.cancel()
    elif after != before and after.verifyOn == "change":
        for directory in ls.engine.documents.directories():
            ls.engine.schedule(directory)
    ls.send_status()


async def did_change_configuration(ls: ArmadaServer, params: lsp.DidChangeConfigurationParams) -> None:
    raw = params.settings
    if not raw:
        try:
            got = await ls.workspace_configuration_async(
                lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section="armada")]))
            raw = got[0] if got else None
        except Exception:
            raw = None
    _apply(ls, raw)
