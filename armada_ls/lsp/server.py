"""The Armada language server: state shared by the features, and the engine's events.

The engine reports from worker threads; everything that talks to the client happens on the
event loop (`call_soon_threadsafe`). Front-end analysis runs on the engine's analysis thread,
so the loop keeps answering requests while it runs. Diagnostics are published only from a
snapshot of the text the editor has now (every open document at the version it saw), with
that snapshot's versions and positions computed against the very bytes it analysed: a result
computed for older text is never shown against newer text (a newer analysis is then queued
and publishes instead).
"""

from __future__ import annotations

import asyncio
import logging
import os
import sys
import threading
from typing import Any, BinaryIO

import attrs
from lsprotocol import types as lsp
from pygls.io_ import StdoutWriter, run_async
from pygls.lsp.server import LanguageServer

from armada_ls.engine import Engine, Run, Snapshot
from armada_ls.engine.importers import importers
from armada_ls.engine.text import LspText
from armada_ls.lsp.convert import LineCache, diagnostic, to_uri
from armada_ls.lsp.progress import RunProgress
from armada_ls.lsp.protocol import ArmadaProtocol, answer_unreadable
from armada_ls.lsp.stdio import chunked_reader

log = logging.getLogger(__name__)


def _moved(d: lsp.Diagnostic, move: Any, uri: str) -> lsp.Diagnostic | None:
    def rng(r: lsp.Range) -> lsp.Range | None:
        a = move(r.start.line, r.start.character)
        b = move(r.end.line, r.end.character)
        return None if a is None or b is None else lsp.Range(lsp.Position(*a), lsp.Position(*b))

    r = rng(d.range)
    if r is None:
        return None
    related = []
    for info in d.related_information or []:
        if info.location.uri == uri:
            moved = rng(info.location.range)
            if moved is None:
                continue
            info = lsp.DiagnosticRelatedInformation(lsp.Location(uri, moved), info.message)
        related.append(info)
    return attrs.evolve(d, range=r, related_information=related or None)


NAME = "armada-ls"
VERSION = "0.1.0"
STATUS = "armada/status"
PUBLISHED = "armada/published"  # {uri, version, analysed}: which text a publication analysed
PUBLISH_EVERY = 0.1  # seconds between publications while verification results stream in
# Solver workers run this much nicer than the server: on a machine with as many busy workers
# as cores, the analysis of each keystroke otherwise gets a share of the CPU, not a core.
WORKER_NICE = 10


class ArmadaServer(LanguageServer):
    def __init__(self, cache_dir: str | None = None) -> None:
        super().__init__(NAME, VERSION, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
                         protocol_cls=ArmadaProtocol)
        self.engine = Engine(cache_dir=cache_dir, worker_nice=WORKER_NICE)
        self.engine.listeners.append(self._from_engine)
        self.loop: asyncio.AbstractEventLoop | None = None
        self.progress: dict[int, RunProgress] = {}
        self.exploring = 0
        self.tasks: set[asyncio.Task[Any]] = set()
        self.resyncing: dict[str, bool] = {}  # path -> the full text has been asked for
        self.resync_failed: set[str] = set()  # paths whose client could not send the text
        self._verify_after: dict[str, bool] = {}  # directory -> verify when analysed (open)
        self.engine.analysed.append(self._from_analysis)
        self._publish_due: set[str] = set()
        self._results_seen = 0  # bumped by every verification event (status counts change)
        self._counts_key: Any = None
        self._counts_value: tuple[int, int, int, tuple[str, ...]] | None = None

    def report_server_error(self, error: Exception, source: Any) -> None:
        answer_unreadable(self.protocol, error)
        super().report_server_error(error, source)

    # ------------------------------------------------------------ loop plumbing

    def start_io(self, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
        """pygls's stdio server, reading stdin in chunks (see `armada_ls.lsp.stdio`)."""
        self._stop_event = stop = threading.Event()
        self.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))

        async def serve() -> None:
            reader = chunked_reader(stdin or sys.stdin.buffer, asyncio.get_running_loop())
            await run_async(stop_event=stop, reader=reader, protocol=self.protocol,
                            logger=log, error_handler=self.report_server_error)

        try:
            asyncio.run(serve())
        except BrokenPipeError:
            log.error("the connection to the client is lost; shutting down")
        except (KeyboardInterrupt, SystemExit):
            pass
        finally:
            self.shutdown()

    def attach_loop(self) -> None:
        if self.loop is None:
            self.loop = asyncio.get_running_loop()

    def spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    # ------------------------------------------------------------ analysis

    def analyse(self, path: str, verify: bool = False) -> None:
        """Queue a front-end analysis of the package of `path` (coalesced with any queued
        one); `verify`: schedule verification afterwards even when verifyOn is "save"."""
        directory = self.directory_of(path)
        if verify:
            self._verify_after[directory] = True
        self.engine.request_analysis(directory, path)
        self.send_status()

    def reverify_importers(self, directory: str, edited: bool = False) -> None:
        """`directory`'s text changed (saved, or `edited` in the editor, or closed unsaved):
        the open packages of other directories that import it are analysed again and
        re-verified, because their calls into it are checked against its contracts as the
        editor shows them (their snapshots and cache keys hold its text). An edit does this
        only when verifyOn is "change"; a save also when it is "save"."""
        on = self.engine.settings.verifyOn
        if on != "change" and (edited or on != "save"):
            return  # verification only on save, or on request
        for d in importers(directory, self.engine.documents.directories()):
            self._verify_after[d] = True
            self.engine.request_analysis(d)
        self.send_status()

    async def fresh_snapshot(self, directory: str, timeout: float = 2.0) -> Snapshot | None:
        """The latest snapshot, once it analysed the editor's current text (waiting for a
        queued analysis at most `timeout` seconds; then the latest there is)."""
        loop = asyncio.get_running_loop()
        end = loop.time() + timeout
        while True:
            snap = self.engine.latest_snapshot(directory)
            if snap is not None and self.engine.is_fresh(snap):
                return snap
            if loop.time() > end or not (self.engine.analysis_pending(directory) or snap is None):
                return snap
            await asyncio.sleep(0.01)

    def _from_analysis(self, snap: Snapshot) -> None:
        loop = self.loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.on_analysed, snap)

    def on_analysed(self, snap: Snapshot) -> None:
        if not self.engine.is_current(snap):
            return
        directory = snap.directory
        self.publish(directory, snap)
        if not self.engine.is_fresh(snap):
            self.send_status()
            return  # the text changed meanwhile: a newer analysis is queued
        on = self.engine.settings.verifyOn
        forced = self._verify_after.pop(directory, False)
        if on == "change" or (on == "save" and forced):
            self.engine.schedule(directory)
        self.refresh_lenses()
        self.send_status()

    def _from_engine(self, event: tuple[str, Run, str]) -> None:
        loop = self.loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self.on_run_event, event)

    def on_run_event(self, event: tuple[str, Run, str]) -> None:
        kind, run, name = event
        self._results_seen += 1
        if kind == "started":
            if run.total:
                p = RunProgress(self, "Armada: verifying", lambda d=run.directory: self.engine.cancel(d))
                self.progress[run.id] = p
                self.spawn(p.start(f"0/{run.total} functions"))
        elif kind == "function":
            p = self.progress.get(run.id)
            if p is not None:
                p.report(f"{run.done}/{run.total}: {name}", int(100 * run.done / max(1, run.total)))
            self._publish_soon(run.directory)
            return
        elif kind == "finished":
            p = self.progress.pop(run.id, None)
            c = run.counts()
            if p is not None:
                p.end("cancelled" if run.cancelled and run.done < run.total else
                      f"{c['proved']} proved, {c['failed']} failed, {c['unknown']} unknown")
            self.publish(run.directory)
            self.refresh_lenses()
        self.send_status()

    def _publish_soon(self, directory: str) -> None:
        """Publish a package's diagnostics, lenses and status at most every PUBLISH_EVERY
        seconds while results stream in (publishing is linear in the package, so once per
        result would be quadratic and starve the requests)."""
        if directory in self._publish_due or self.loop is None:
            return

        def go() -> None:
            self._publish_due.discard(directory)
            self.publish(directory)
            self.refresh_lenses()
            self.send_status()

        self._publish_due.add(directory)
        self.loop.call_later(PUBLISH_EVERY, go)

    def refresh_lenses(self) -> None:
        """Ask the client to re-request code lenses (their status changed), if it can."""
        caps = self.client_capabilities
        ws = caps.workspace if caps else None
        if ws is None or ws.code_lens is None or not ws.code_lens.refresh_support:
            return
        try:
            self.workspace_code_lens_refresh(None)
        except Exception:
            pass

    # ------------------------------------------------------------ publishing

    def publish(self, directory: str, snap: Snapshot | None = None) -> None:
        """Diagnostics of every open document of the package, from its latest snapshot.

        A snapshot of older text (the editor moved on while it was analysed: a burst of
        edits) is published only with its positions moved through the edits made since, and
        without the diagnostics that sat in edited text; the fresh analysis already queued
        then replaces it. So every publication is tagged with the version its positions
        are for."""
        snap = snap or self.engine.latest_snapshot(directory)
        if snap is None:
            return
        movers = self._movers(snap)
        if movers is None:
            return
        lines = LineCache(lambda p, s=snap: s.sources.get(p) or self.engine.documents.data(p))
        for path in snap.versions:
            try:
                diags = [diagnostic(d, lines) for d in self.engine.diagnostics(snap, path)]
            except Exception as e:  # never let a conversion bug hide the front end's results
                self.window_log_message(lsp.LogMessageParams(lsp.MessageType.Error, f"publish: {e!r}"))
                diags = []
            version = snap.versions.get(path)
            mover = movers.get(path)
            if mover is not None:
                version, move = mover
                diags = [m for m in (_moved(d, move, to_uri(path)) for d in diags) if m is not None]
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri=to_uri(path), diagnostics=diags, version=version))
            if self.engine.settings.reportAnalysed:
                try:
                    self.protocol.notify(PUBLISHED, {"uri": to_uri(path), "version": version,
                                                     "analysed": snap.versions.get(path)})
                except Exception:
                    pass

    def _movers(self, snap: Snapshot) -> dict[str, Any] | None:
        """Per document of the snapshot whose text changed since: (current version, a
        function moving positions to it). None when some document cannot be mapped."""
        docs = self.engine.documents.in_directory(snap.directory)
        if set(docs) != set(snap.versions) or any(d.desynced for d in docs.values()):
            return None
        out: dict[str, Any] = {}
        for path, doc in docs.items():
            seen = snap.versions[path]
            if doc.version == seen or seen is None:
                continue
            data = snap.sources.get(path)
            if data is None:
                return None
            move = doc.mapper(seen, LspText(data.decode("utf-8", "surrogatepass")))
            if move is None:
                return None
            out[path] = (doc.version, move)
        return out

    def _counts(self) -> tuple[int, int, int, tuple[str, ...]]:
        """Failed / unknown functions and errors of the latest snapshots, remembered until a
        snapshot or a result changes (a status goes out on every keystroke)."""
        key = (tuple(sorted((d, getattr(self.engine.latest_snapshot(d), "serial", 0))
                            for d in self.engine.documents.directories())), self._results_seen)
        if self._counts_key == key and self._counts_value is not None:
            return self._counts_value
        failed = unknown = 0
        notes: list[str] = []
        errors = 0
        for directory in sorted(self.engine.documents.directories()):
            snap = self.engine.latest_snapshot(directory)
            if snap is None:
                continue
            notes.extend(n for n in snap.notes if n not in notes)
            errors += sum(1 for d in snap.diagnostics if d.severity.name == "ERROR" and d.category != "verify")
            for q in self.engine.verifiable(snap):
                st = self.engine.status(snap, q).state
                failed += st == "failed"
                unknown += st == "unknown"
        self._counts_key, self._counts_value = key, (failed, unknown, errors, tuple(notes))
        return self._counts_value

    def status(self) -> dict[str, Any]:
        failed, unknown, errors, notes = self._counts()
        notes = list(notes)
        if self.resyncing or self.resync_failed:
            notes.append("waiting for the editor's text (reopen the file)" if self.resync_failed
                         else "waiting for the editor's text")
        if self.exploring:
            state = "exploring"
        elif self.progress or self.engine.scheduler.busy():
            state = "verifying"
        elif self.engine.analysis_pending() or self.engine.debouncing() or self.resyncing:
            state = "pending"  # an edit is not analysed or not verified yet: no verdict
        else:
            state = "idle"
        if not self.engine.verifier_available():
            notes.append("the verifier is not available")
        if failed or unknown:
            summary = f"{failed} failed, {unknown} unknown"
        elif errors:
            summary = f"{errors} error(s) to fix before verifying"
        else:
            summary = "ok"
        message = "; ".join(notes) or summary
        return {"state": state, "failed": failed, "unknown": unknown, "errors": errors, "message": message}

    def send_status(self) -> None:
        try:
            self.protocol.notify(STATUS, self.status())
        except Exception:
            pass

    def directory_of(self, path: str) -> str:
        return os.path.dirname(path)
