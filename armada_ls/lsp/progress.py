"""Work-done progress for one engine run, cancellable by the client.

Reports may arrive before the client has answered `window/workDoneProgress/create`; they are
held back until then, and an `end` that comes first is still sent after the `begin`.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp

_tokens = itertools.count(1)


class RunProgress:
    def __init__(self, server: Any, title: str, on_cancel: Callable[[], None]) -> None:
        self.server = server
        self.title = title
        self.token = f"armada-{next(_tokens)}"
        self.on_cancel = on_cancel
        self._begun = False
        self._ended = False
        self._pending_end: str | None = None
        self._last: tuple[str, int | None] | None = None

    def supported(self) -> bool:
        caps = self.server.client_capabilities
        return bool(caps and caps.window and caps.window.work_done_progress)

    async def start(self, message: str = "") -> None:
        if not self.supported():
            return
        try:
            await asyncio.wait_for(self.server.work_done_progress.create_async(self.token), 10)
        except Exception:
            return
        self.server.work_done_progress.begin(
            self.token, lsp.WorkDoneProgressBegin(title=self.title, message=message,
                                                  cancellable=True, percentage=0))
        self._begun = True
        fut = self.server.work_done_progress.tokens.get(self.token)
        if fut is not None:
            fut.add_done_callback(lambda f: self.on_cancel() if f.cancelled() else None)
        if self._last is not None:
            self.report(*self._last)
        if self._pending_end is not None:
            self.end(self._pending_end)

    def report(self, message: str, percentage: int | None = None) -> None:
        self._last = (message, percentage)
        if self._begun and not self._ended:
            self.server.work_done_progress.report(
                self.token, lsp.WorkDoneProgressReport(message=message, percentage=percentage,
                                                       cancellable=True))

    def end(self, message: str = "") -> None:
        if not self._begun:
            self._pending_end = message
            return
        if self._ended:
            return
        self._ended = True
        self.server.work_done_progress.end(self.token, lsp.WorkDoneProgressEnd(message=message))
        self.server.work_done_progress.tokens.pop(self.token, None)
