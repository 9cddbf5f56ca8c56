"""Reading LSP messages from stdin in chunks, so a burst of edits costs one loop wake-up.

pygls's stdio reader asks a thread pool for every header line and every body (three
round trips between threads per message). While the analysis thread runs, each round trip
waits for the GIL (up to the switch interval), so the loop took in about one message per
analysis: a burst of 100 edits queued up in the pipe and hovers waited behind it. Here one
thread reads whatever the pipe holds (`os.read` releases the GIL while it blocks) and hands
each chunk to an `asyncio.StreamReader` on the loop; pygls's own message loop (`run_async`)
then parses every complete message in the buffer without waiting again.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
from typing import BinaryIO

log = logging.getLogger(__name__)

CHUNK = 1 << 16


def chunked_reader(stdin: BinaryIO, loop: asyncio.AbstractEventLoop) -> asyncio.StreamReader:
    """A StreamReader fed from `stdin` by a daemon thread; EOF (or a read error) ends it."""
    reader = asyncio.StreamReader(limit=1 << 24, loop=loop)
    fd = stdin.fileno()

    def feed(chunk: bytes) -> None:
        if chunk:
            reader.feed_data(chunk)
        else:
            reader.feed_eof()

    def pump() -> None:
        while True:
            try:
                chunk = os.read(fd, CHUNK)
            except InterruptedError:
                continue
            except OSError as e:
                log.error("reading stdin: %s", e)
                chunk = b""
            try:
                loop.call_soon_threadsafe(feed, chunk)
            except RuntimeError:  # the loop is closed: the server is exiting
                return
            if not chunk:
                return

    threading.Thread(target=pump, name="armada-stdin", daemon=True).start()
    return reader
