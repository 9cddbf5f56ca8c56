"""Language-server latency and memory, measured through a real LSP client over stdio.

    python bench/lsp_latency.py [--edits 100] [--example DIR] [--robustness 400]

1. Edit-to-diagnostics latency for front-end (syntax, subset, annotation) diagnostics on a
   generated 1,000-line annotated file: time from sending `didChange` to receiving
   `publishDiagnostics` for that version (p50, p95), default settings.
2. Re-verification latency after editing one function of the largest example (the package
   under proofs/ or mailboat/ with the most non-test lines): time from the edit to the
   diagnostics that carry that function's new result (p50, p95), with debounceMs 0 (add the
   debounce setting, 500 ms by default, for what a user waits).
3. Memory: resident set of the server process (and of its workers) after a robustness run
   of random edits like tests/lsp/test_robustness.py.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "lsp" / "fixtures" / "repl.go"


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("armada-bench", "0")
        self.published: dict[tuple[str, int | None], list[tuple[float, Any]]] = {}
        self.statuses: list[tuple[float, Any]] = []
        self.waiters: list[tuple[Any, asyncio.Future[Any]]] = []

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def _diags(params: lsp.PublishDiagnosticsParams) -> None:
            self.published.setdefault((params.uri, params.version), []).append((time.perf_counter(), params))
            self._wake()

        @self.feature("armada/status")
        def _status(params: Any) -> None:
            self.statuses.append((time.perf_counter(), params))
            self._wake()

        @self.feature(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE)
        def _create(params: Any) -> None:
            return None

        @self.feature(lsp.PROGRESS)
        def _progress(params: Any) -> None:
            return None

    def _wake(self) -> None:
        for pred, fut in list(self.waiters):
            if not fut.done() and pred():
                fut.set_result(None)
                self.waiters.remove((pred, fut))

    async def until(self, pred: Any, timeout: float = 120) -> None:
        if pred():
            return
        fut = asyncio.get_running_loop().create_future()
        self.waiters.append((pred, fut))
        await asyncio.wait_for(fut, timeout)


async def start(options: dict[str, Any]) -> Client:
    client = Client()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    await client.start_io(sys.executable, "-m", "armada_ls.lsp", "--stdio", env=env)
    caps = lsp.ClientCapabilities(window=lsp.WindowClientCapabilities(work_done_progress=True))
    await client.initialize_async(lsp.InitializeParams(capabilities=caps, initialization_options=options))
    client.initialized(lsp.InitializedParams())
    return client


async def stop(client: Client) -> None:
    try:
        await asyncio.wait_for(client.shutdown_async(None), 10)
        client.exit(None)
    finally:
        await client.stop()


def change(client: Client, uri: str, version: int, line: int, col: int, end_col: int, text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(line, col), lsp.Position(line, end_col)), text=text)]))


def pct(xs: list[float]) -> str:
    xs = sorted(xs)
    p50 = statistics.median(xs)
    p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (n={len(xs)})"


# ---------------------------------------------------------------- 1. front-end latency


def big_file(lines: int = 1000) -> str:
    out = [FIXTURE.read_text()]
    i = 0
    while "".join(out).count("\n") < lines:
        out.append(f"""
// Helper{i} adds its arguments.
//@ requires a < 1000 && b < 1000
func Helper{i}(a uint64, b uint64) uint64 {{
\ts := a
\tfor j := uint64(0); j < b; j++ {{
\t\t//@ invariant s == a + j && j <= b
\t\ts = s + 1
\t}}
\treturn s
}}
""")
        i += 1
    return "".join(out)


async def frontend_latency(edits: int, tmp: Path) -> list[float]:
    d = tmp / "big"
    d.mkdir()
    path = d / "big.go"
    text = big_file()
    path.write_text(text)
    uri = path.as_uri()
    client = await start({})
    try:
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "go", 1, text)))
        await client.until(lambda: (uri, 1) in client.published)
        lines = text.split("\n")
        body = [i for i, line in enumerate(lines) if line.startswith("\ts := a")]
        rng = random.Random(1)
        out = []
        version = 1
        for k in range(edits):
            line = rng.choice(body)
            version += 1
            v = version
            t0 = time.perf_counter()
            if k % 2 == 0:
                change(client, uri, v, line, 1, 1, "x")  # `xs := a`: an unknown name -> error
            else:
                change(client, uri, v, line, 1, 2, "")
            await client.until(lambda v=v: (uri, v) in client.published)
            out.append((client.published[(uri, v)][0][0] - t0) * 1000)
        return out
    finally:
        await stop(client)


# ---------------------------------------------------------------- 2. re-verification latency


def largest_example() -> Path:
    cands = [p for p in (ROOT / "proofs").iterdir() if p.is_dir()] + [ROOT / "mailboat"]

    def size(p: Path) -> int:
        return sum(len(f.read_text().splitlines()) for f in p.glob("*.go") if not f.name.endswith("_test.go"))

    return max((p for p in cands if p.exists()), key=size)


async def reverify_latency(example: Path, edits: int, tmp: Path) -> tuple[list[float], str]:
    pkg = tmp / example.name
    shutil.copytree(example, pkg, ignore=shutil.ignore_patterns("*_test.go", "testdata"))
    files = sorted(f for f in pkg.glob("*.go"))
    client = await start({"debounceMs": 0, "verifyOn": "change"})
    try:
        uris = []
        for f in files:
            uri = f.as_uri()
            uris.append(uri)
            client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "go", 1, f.read_text())))
        await client.until(lambda: client.statuses and client.statuses[-1][1].state == "idle"
                           and any(s.state == "verifying" for _, s in client.statuses), timeout=300)
        await asyncio.sleep(0.5)
        await client.until(lambda: client.statuses[-1][1].state == "idle", timeout=300)
        # the function to edit: the first `func` with a body in the first file
        text = files[0].read_text().split("\n")
        line = next(i for i, t in enumerate(text) if t.startswith("func ") and t.rstrip().endswith("{"))
        name = text[line]
        uri = uris[0]
        out = []
        version = 1
        for k in range(edits):
            version += 1
            v = version
            n = len(client.statuses)
            t0 = time.perf_counter()
            if k % 2 == 0:
                change(client, uri, v, line + 1, 0, 0, "\t// edited\n")
            else:
                client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                    lsp.VersionedTextDocumentIdentifier(uri=uri, version=v),
                    [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(line + 1, 0), lsp.Position(line + 2, 0)), text="")]))
            # done: a run started after the edit and the server is idle again
            await client.until(lambda n=n: any(s.state == "verifying" for _, s in client.statuses[n:])
                               and client.statuses[-1][1].state == "idle", timeout=300)
            out.append((client.statuses[-1][0] - t0) * 1000)
            await asyncio.sleep(0.05)
        return out, f"{example.relative_to(ROOT)} (edited `{name.strip()}`)"
    finally:
        await stop(client)


# ---------------------------------------------------------------- 3. memory after robustness


SNIPPETS = ["}", "{", "//@ requires a <", "//@ crash_inv forall", "😀", "func F(", "var x int", "\n"]


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    """Every descendant (workers are children of the forkserver, itself a child)."""
    parent: dict[int, int] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                stat = (p / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parent[int(p.name)] = int(stat[1])
    out: list[int] = []
    frontier = [pid]
    while frontier:
        cur = frontier.pop()
        kids = [c for c, pp in parent.items() if pp == cur]
        out += kids
        frontier += kids
    return out


async def robustness_memory(n: int, tmp: Path) -> tuple[int, int, float]:
    d = tmp / "robust"
    d.mkdir()
    path = d / "repl.go"
    text = FIXTURE.read_text()
    path.write_text(text)
    uri = path.as_uri()
    client = await start({"debounceMs": 20})
    try:
        client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "go", 1, text)))
        rng = random.Random(7)
        t0 = time.perf_counter()
        for v in range(2, n + 2):
            s = rng.randrange(len(text) + 1)
            e = min(len(text), s + rng.randrange(0, 8))
            new = rng.choice(SNIPPETS) if rng.random() < 0.6 else ""
            before = text[:s]
            sl = before.count("\n")
            sc = len(before[before.rfind("\n") + 1:].encode("utf-16-le")) // 2
            mid = text[:e]
            el = mid.count("\n")
            ec = len(mid[mid.rfind("\n") + 1:].encode("utf-16-le")) // 2
            text = text[:s] + new + text[e:]
            client.text_document_did_change(lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(uri=uri, version=v),
                [lsp.TextDocumentContentChangePartial(range=lsp.Range(lsp.Position(sl, sc), lsp.Position(el, ec)), text=new)]))
            if v % 20 == 0:
                await client.text_document_hover_async(lsp.HoverParams(lsp.TextDocumentIdentifier(uri), lsp.Position(sl, 0)))
        await client.until(lambda: (uri, n + 1) in client.published, timeout=120)
        elapsed = time.perf_counter() - t0
        await asyncio.sleep(1.0)
        pid = client._server.pid  # type: ignore[union-attr]
        workers = sum(rss_kb(c) for c in children(pid))
        return rss_kb(pid), workers, elapsed
    finally:
        await stop(client)


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--reverify-edits", type=int, default=10)
    ap.add_argument("--robustness", type=int, default=400)
    ap.add_argument("--example", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        fe = await frontend_latency(args.edits, tmp)
        print(f"front-end diagnostics, 1,000-line file: {pct(fe)}")
        example = args.example.resolve() if args.example else largest_example()
        rv, what = await reverify_latency(example, args.reverify_edits, tmp)
        print(f"re-verification after editing one function of {what}: {pct(rv)} (debounce 0)")
        server, workers, elapsed = await robustness_memory(args.robustness, tmp)
        print(f"after {args.robustness} random edits ({elapsed:.1f} s): server RSS {server / 1024:.1f} MiB, "
              f"workers {workers / 1024:.1f} MiB")


if __name__ == "__main__":
    asyncio.run(main())
