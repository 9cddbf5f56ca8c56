"""The JSON-RPC edge: a request that cannot be read still gets an answer; the text of
documents is the engine's, not pygls's.

pygls reports a message it cannot deserialize only as a `window/showMessage`, so a client
waiting on that request's id would wait forever. Here a request whose parameters do not fit
gets an `InvalidParams` error response with its id, and a body that is not JSON gets a
`ParseError` response with a null id (JSON-RPC 2.0, section 5.1).

pygls keeps its own copy of each document, splitting lines the way Python does (`\f`, `\v`,
`\x1c`-`\x1e`, `\x85`, U+2028, U+2029 count as breaks there, not in LSP): an edit after a
form feed lands in the wrong place, and a lone surrogate raises. Nothing here reads that copy,
so the open/change/close notifications go straight to the server's handlers
(`armada_ls.lsp.sync`, which keep the engine's LSP-exact text) and pygls's workspace never
sees them.
"""

from __future__ import annotations

import json
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcParseError
from pygls.protocol import LanguageServerProtocol, lsp_method


class ArmadaProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "method" in data and isinstance(data.get("id"), int | str):
                self._send_response(data["id"], error=lsp.ResponseError(
                    code=exc.code, message=f"{exc.message}: the parameters of {data['method']!r} do not fit its schema"))
            raise

    def _user(self, method: str, params: Any) -> Any:
        if (handler := self.fm.features.get(method)) is not None:
            yield handler, (params,), None

    @lsp_method(lsp.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(self, params: lsp.DidOpenTextDocumentParams) -> Any:
        yield from self._user(lsp.TEXT_DOCUMENT_DID_OPEN, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(self, params: lsp.DidChangeTextDocumentParams) -> Any:
        yield from self._user(lsp.TEXT_DOCUMENT_DID_CHANGE, params)

    @lsp_method(lsp.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(self, params: lsp.DidCloseTextDocumentParams) -> Any:
        yield from self._user(lsp.TEXT_DOCUMENT_DID_CLOSE, params)


def answer_unreadable(protocol: LanguageServerProtocol, error: Exception) -> None:
    """A body that is not JSON at all: answer with a parse error (id null)."""
    if isinstance(error, json.JSONDecodeError):
        protocol._send_response(None, error=lsp.ResponseError(  # type: ignore[arg-type]
            code=JsonRpcParseError.CODE, message=f"Parse error: {error}"))
