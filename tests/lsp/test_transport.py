"""`armada-ls --tcp` speaks LSP on a loopback port; a raw JSON-RPC transcript over it."""

from __future__ import annotations

import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from typing import Any

from pygls.io_ import run_async

from armada_ls.lsp.stdio import chunked_reader
from tests.lsp.conftest import env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _send(sock: socket.socket, msg: dict) -> None:
    body = json.dumps(msg).encode()
    sock.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)


def _recv(sock: socket.socket, buf: bytearray) -> dict:
    while True:
        head, sep, rest = bytes(buf).partition(b"\r\n\r\n")
        if sep:
            length = int(next(h.split(b":")[1] for h in head.split(b"\r\n") if h.lower().startswith(b"content-length")))
            if len(rest) >= length:
                del buf[:len(head) + 4 + length]
                return json.loads(rest[:length])
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        buf.extend(chunk)


def test_tcp_initialize_and_diagnostics(tmp_path):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "armada_ls.lsp", "--tcp", "--host", "127.0.0.1",
                             "--port", str(port)], env=env(), stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=30)
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("the server did not listen")
        buf = bytearray()
        _send(sock, {"jsonrpc": "2.0", "id": 1, "method": "initialize",
                     "params": {"processId": None, "rootUri": None, "capabilities": {},
                                "initializationOptions": {"verifyOn": "never"}}})
        reply = _recv(sock, buf)
        caps = reply["result"]["capabilities"]
        assert caps["textDocumentSync"]["change"] == 2  # incremental
        assert caps["hoverProvider"] and caps["codeLensProvider"] is not None
        assert set(caps["executeCommandProvider"]["commands"]) >= {
            "armada.verifyFile", "armada.verifyFunction", "armada.explore", "armada.showModel"}
        _send(sock, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
        f = tmp_path / "p" / "x.go"
        f.parent.mkdir()
        f.write_text("package p\n\nfunc F(x int) int {\n\treturn x\n}\n")
        _send(sock, {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": f.as_uri(), "languageId": "go", "version": 7, "text": f.read_text()}}})
        while True:
            msg = _recv(sock, buf)
            if msg.get("method") == "textDocument/publishDiagnostics":
                break
        assert msg["params"]["version"] == 7
        assert any(d["code"].startswith("goose/") for d in msg["params"]["diagnostics"])
        _send(sock, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        while _recv(sock, buf).get("id") != 2:
            pass
        _send(sock, {"jsonrpc": "2.0", "method": "exit"})
        sock.close()
    finally:
        proc.kill()
        proc.wait(10)


def test_garbage_on_the_wire_gets_error_responses_and_the_server_stays_up():
    proc = subprocess.Popen([sys.executable, "-m", "armada_ls.lsp", "--stdio"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env())

    def send_raw(body: bytes) -> None:
        assert proc.stdin is not None
        proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        proc.stdin.flush()

    send_raw(json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}).encode())
    send_raw(b"this is not JSON")
    send_raw(json.dumps({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"bogus": 1}}).encode())
    send_raw(json.dumps({"jsonrpc": "2.0", "id": 3, "method": "shutdown"}).encode())
    try:
        out, _ = proc.communicate(timeout=60)
    finally:
        proc.kill()
    messages = []
    for part in out.split(b"Content-Length: ")[1:]:
        length, _, rest = part.partition(b"\r\n\r\n")
        messages.append(json.loads(rest[: int(length.split(b"\r\n")[0])]))
    responses = {m.get("id"): m for m in messages if "method" not in m}
    assert responses[1]["result"]["capabilities"]
    assert responses[2]["error"]["code"] == -32602  # the unreadable request is answered
    assert any(m.get("error", {}).get("code") == -32700 for m in messages)  # parse error
    assert "result" in responses[3]  # and the server still answers


def test_stdin_read_in_chunks_split_anywhere_yields_every_message_in_order():
    """The stdio reader hands the loop whatever the pipe holds: messages split inside a
    header, inside a multi-byte character or several to a chunk all arrive whole, in order,
    and the end of input ends the message loop."""
    msgs = [{"jsonrpc": "2.0", "method": "m", "params": {"i": i, "s": "é😀\r\n" * i}} for i in range(60)]
    wire = b"".join(b"Content-Length: %d\r\n\r\n" % len(b) + b
                    for b in (json.dumps(m, ensure_ascii=False).encode() for m in msgs))
    r, w = os.pipe()

    def write() -> None:
        rng = random.Random(5)
        i = 0
        while i < len(wire):
            n = rng.choice([1, 3, 17, 200, 5000])
            os.write(w, wire[i:i + n])
            i += n
        os.close(w)

    handled: list[Any] = []

    class Protocol:
        def structure_message(self, data: Any) -> Any:
            return data

        def handle_message(self, message: Any) -> None:
            handled.append(message)

    async def main() -> None:
        with os.fdopen(r, "rb") as stdin:
            reader = chunked_reader(stdin, asyncio.get_running_loop())
            await asyncio.wait_for(run_async(threading.Event(), reader, Protocol()), 30)  # type: ignore[arg-type]

    writer = threading.Thread(target=write)
    writer.start()
    asyncio.run(main())
    writer.join()
    assert handled == msgs
