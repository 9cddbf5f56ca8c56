"""The JSON-RPC edge: a request that cannot be read still gets an answer.

pygls reports a message it cannot deserialize only as a `window/showMessage`, so a client
waiting on that request's id would wait forever. Here a request whose parameters do not fit
gets an `InvalidParams` error response with its id, and a body that is not JSON gets a
`ParseError` response with a null id (JSON-RPC 2.0, section 5.1).
"""

from __future__ import annotations

import json
from typing import Any

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcParseError
from pygls.protocol import LanguageServerProtocol


class ArmadaProtocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if isinstance(data, dict) and "method" in data and isinstance(data.get("id"), int | str):
                self._send_response(data["id"], error=lsp.ResponseError(
                    code=exc.code, message=f"{exc.message}: the parameters of {data['method']!r} do not fit its schema"))
            raise


def answer_unreadable(protocol: LanguageServerProtocol, error: Exception) -> None:
    """A body that is not JSON at all: answer with a parse error (id null)."""
    if isinstance(error, json.JSONDecodeError):
        protocol._send_response(None, error=lsp.ResponseError(  # type: ignore[arg-type]
            code=JsonRpcParseError.CODE, message=f"Parse error: {error}"))
