"""Language-server responsiveness, measured through a real LSP client over stdio.

    python bench/lsp_responsiveness.py [--seeds 2] [--edits 1000] [--burst 100] [--depth 30000]

1. Deep nesting: a function body gets N unclosed `{` (N = depth/8 ... depth); time from the
   change to its diagnostics and the server's CPU time, per N (linear: the time per 1,000
   levels stays flat), and hover latency while that analysis runs.
2. Burst: `--burst` edits sent 5 ms apart to the 1,000-line file of lsp_latency.py; per edit,
   the time until diagnostics of a text that includes it are published (a burst is analysed
   as one text, so later edits answer earlier ones: the server's `armada/published` says
   which text each publication analysed), and hover latency during the burst. Twice: with
   the default settings (verifyOn "change", debounceMs 500: the package's first verification
   waits for the burst to end), and with debounceMs 0, so that the solver workers verify the
   package while the edits arrive.
3. Random-edit client: `--seeds` x `--edits` random edits (every line-break-like character,
   CRLF, surrogate pairs split or not, lone surrogates); after the last edit the server's
   text equals the client's, and the time from the last edit to its diagnostics, which must
   equal a fresh analysis of the same text.

Prints wall time and the server's CPU time (utime+stime from /proc); the machine is shared,
so say the load (printed from /proc/loadavg) with the numbers.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import lsp_latency as base  # noqa: E402

from tests.lsp.test_text_sync import Model, random_change  # noqa: E402


def cpu_s(pid: int) -> float:
    import os

    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(stat[11]) + int(stat[12])) / os.sysconf("SC_CLK_TCK")


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


async def hover_while(client: base.Client, uri: str, done: Any, line: int = 2) -> list[float]:
    """Hover every 20 ms until `done()`; each hover's round-trip time in ms."""
    out: list[float] = []
    while not done():
        t0 = time.perf_counter()
        await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(line, 5)))
        out.append((time.perf_counter() - t0) * 1000)
        await asyncio.sleep(0.02)
    return out


def full(client: base.Client, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))


async def nesting(depth: int, tmp: Path) -> None:
    d = tmp / "deep"
    d.mkdir()
    path = d / "deep.go"
    head = "package deep\n\n// F is deep.\nfunc F() {\n"
    path.write_text(head + "}\n")
    uri = path.as_uri()
    client = await base.start({"verifyOn": "never"})
    try:
        pid = client._server.pid  # type: ignore[union-attr]
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "go", 1, head + "}\n")))
        await client.until(lambda: (uri, 1) in client.published)
        version = 1
        rows = []
        for n in (depth // 8, depth // 4, depth // 2, depth):
            version += 1
            v = version
            c0, t0 = cpu_s(pid), time.perf_counter()
            full(client, uri, v, head + "{" * n + "\n}\n")
            hovers = asyncio.ensure_future(hover_while(client, uri, lambda v=v: (uri, v) in client.published))
            await client.until(lambda v=v: (uri, v) in client.published)
            wall = (client.published[(uri, v)][0][0] - t0) * 1000
            cpu = (cpu_s(pid) - c0) * 1000
            hs = await hovers
            # one keystroke inside the nest
            version += 1
            v = version
            t1 = time.perf_counter()
            base.change(client, uri, v, 4, n // 2, n // 2, "x")
            await client.until(lambda v=v: (uri, v) in client.published)
            key = (client.published[(uri, v)][0][0] - t1) * 1000
            rows.append((n, wall, cpu, key, max(hs) if hs else 0.0, len(hs)))
        print("deep nesting (unclosed `{`), verifyOn never:")
        for n, wall, cpu, key, hmax, hn in rows:
            print(f"  {n:6d} levels: change -> diagnostics {wall:7.1f} ms (server CPU {cpu:7.1f} ms, "
                  f"{wall / n * 1000:6.2f} ms per 1,000 levels); one keystroke {key:6.1f} ms; "
                  f"hover during the analysis: max {hmax:.1f} ms over {hn}")
    finally:
        await base.stop(client)


async def burst(edits: int, tmp: Path, options: dict[str, Any], label: str) -> None:
    d = tmp / f"burst-{label}"
    d.mkdir()
    path = d / "big.go"
    text = base.big_file()
    path.write_text(text)
    uri = path.as_uri()
    client = await base.start({"reportAnalysed": True, **options})
    try:
        pid = client._server.pid  # type: ignore[union-attr]
        analysed: list[tuple[float, int]] = []  # (time, version of the text analysed)

        @client.feature("armada/published")
        def _published(params: Any) -> None:
            a = params["analysed"] if isinstance(params, dict) else params.analysed
            analysed.append((time.perf_counter(), a or 0))

        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "go", 1, text)))
        await client.until(lambda: (uri, 1) in client.published)
        lines = text.split("\n")
        body = [i for i, line in enumerate(lines) if line.startswith("\ts := a")]
        rng = random.Random(3)
        sent: dict[int, float] = {}
        c0 = cpu_s(pid)
        last = 1 + edits
        hovers = asyncio.ensure_future(hover_while(
            client, uri, lambda: (uri, last) in client.published, line=body[0]))
        for k in range(edits):
            v = 2 + k
            line = rng.choice(body)
            sent[v] = time.perf_counter()
            base.change(client, uri, v, line, 1, 1, "x") if k % 2 == 0 else base.change(client, uri, v, line, 1, 2, "")
            await asyncio.sleep(0.005)
        await client.until(lambda: (uri, last) in client.published, timeout=120)
        hs = await hovers
        cpu = (cpu_s(pid) - c0) * 1000
        await asyncio.sleep(0.1)  # the last `armada/published` follows its publication
        lat = []
        for v, t0 in sent.items():
            t = next(t for t, a in analysed if a >= v and t >= t0)
            lat.append((t - t0) * 1000)
        pubs = {a for _, a in analysed if a > 1}
        span = (max(sent.values()) - min(sent.values())) * 1000
        print(f"burst of {edits} edits 5 ms apart ({label}; sent over {span:.0f} ms), 1,000-line file: edit -> diagnostics including it: "
              f"{base.pct(lat)}; {len(pubs)} analyses published; server CPU {cpu:.0f} ms; "
              f"hover during the burst: {base.pct(hs) if hs else 'none'}")
    finally:
        await base.stop(client)


async def random_client(seed: int, edits: int, tmp: Path) -> None:
    import shutil

    from armada_ls.engine import Engine
    from armada_ls.lsp.convert import LineCache, diagnostic

    d = tmp / f"random{seed}"
    d.mkdir()
    path = d / "repl.go"
    text = base.FIXTURE.read_text()
    path.write_text(text)
    uri = path.as_uri()
    client = await base.start({"verifyOn": "never"})
    try:
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "go", 1, text)))
        m = Model(text)
        rng = random.Random(seed)
        version = 1
        for _ in range(edits):
            (s, e), new = random_change(rng, m)
            m.apply((s, e), new)
            version += 1
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
                [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(*s), lsp.Position(*e)), text=new)]))
        t0 = time.perf_counter()
        await client.until(lambda: (uri, version) in client.published, timeout=60)
        lag = (client.published[(uri, version)][0][0] - t0) * 1000
        got = await client.protocol.send_request_async("armada/serverText", {"uri": uri})
        server_text = got["text"] if isinstance(got, dict) else got.text
        same = server_text.encode("utf-16-le", "surrogatepass") == m.text.encode("utf-16-le", "surrogatepass")
        # the published diagnostics equal a fresh analysis of the client's text
        fresh = tmp / f"fresh{seed}" / "repl"
        fresh.mkdir(parents=True)
        shutil.copy(path, fresh / "repl.go")
        data = m.text.encode("utf-8", "surrogatepass")
        (fresh / "repl.go").write_bytes(data)
        engine = Engine()
        try:
            snap = engine.refresh(str(fresh))
            lines = LineCache(lambda p: data)
            want = sorted((str(x.code), r.range.start.line, r.range.start.character, r.range.end.line, r.range.end.character)
                          for x in snap.diagnostics for r in [diagnostic(x, lines)])
        finally:
            engine.close()
        pub = client.published[(uri, version)][-1][1].diagnostics
        have = sorted((str(x.code), x.range.start.line, x.range.start.character, x.range.end.line, x.range.end.character)
                      for x in pub)
        print(f"random-edit client, seed {seed}, {edits} edits: server text == client text: {same}; "
              f"last edit -> its diagnostics {lag:.0f} ms; diagnostics == fresh analysis: {have == want} "
              f"({len(have)} diagnostics)")
    finally:
        await base.stop(client)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--edits", type=int, default=1000)
    ap.add_argument("--burst", type=int, default=100)
    ap.add_argument("--depth", type=int, default=30000)
    args = ap.parse_args()
    print(f"load average at start: {load()}")
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        await nesting(args.depth, tmp)
        await burst(args.burst, tmp, {}, "default settings")
        await burst(args.burst, tmp, {"debounceMs": 0}, "debounceMs 0: verifying meanwhile")
        for seed in range(1, args.seeds + 1):
            await random_client(seed, args.edits, tmp)
    print(f"load average at end: {load()}")


if __name__ == "__main__":
    asyncio.run(main())
