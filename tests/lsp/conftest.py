"""pytest-lsp fixtures: the real `armada-ls` over stdio, with a client that records the
version of every diagnostics publication and every `armada/status` notification."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
STANDIN = "armada_ls.verify:verify_function=tests.lsp.standins:fake_verify"


def _record_diagnostics(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
    client.diagnostics[params.uri] = params.diagnostics
    client.published.append(params)  # type: ignore[attr-defined]


def _record_status(client: LanguageClient, params: Any) -> None:
    client.statuses.append(params)  # type: ignore[attr-defined]


def _lens_refresh(client: LanguageClient, params: Any) -> None:
    client.lens_refreshes += 1  # type: ignore[attr-defined]


def _document_text(client: LanguageClient, params: Any) -> Any:
    """`armada/documentText`: the client's whole text of a document, as the editor would
    answer it (tests put their model of the text in `client.texts[uri] = (version, text)`)."""
    uri = params["uri"] if isinstance(params, dict) else params.uri
    client.text_requests.append(uri)  # type: ignore[attr-defined]
    found = client.texts.get(uri)  # type: ignore[attr-defined]
    return None if found is None else {"uri": uri, "version": found[0], "text": found[1]}


def _record_published(client: LanguageClient, params: Any) -> None:
    get = params.get if isinstance(params, dict) else lambda k: getattr(params, k, None)
    client.analysed.append((get("uri"), get("version"), get("analysed")))  # type: ignore[attr-defined]


def make_client() -> LanguageClient:
    client = LanguageClient(converter_factory=default_converter)
    client.analysed = []  # type: ignore[attr-defined]
    client.texts = {}  # type: ignore[attr-defined]
    client.text_requests = []  # type: ignore[attr-defined]
    client.published = []  # type: ignore[attr-defined]
    client.statuses = []  # type: ignore[attr-defined]
    client.lens_refreshes = 0  # type: ignore[attr-defined]
    features = dict(DEFAULT_CLIENT_FEATURES)
    features[lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS] = _record_diagnostics
    features["armada/status"] = _record_status
    features[lsp.WORKSPACE_CODE_LENS_REFRESH] = _lens_refresh
    features["armada/documentText"] = _document_text
    features["armada/published"] = _record_published
    register_lsp_features(client, features)
    return client


def env(**extra: str) -> dict[str, str]:
    e = dict(os.environ)
    e["PYTHONPATH"] = os.pathsep.join([str(ROOT), e.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    e.update(extra)
    return e


SERVER = [sys.executable, "-m", "armada_ls.lsp", "--stdio"]


async def start(client: LanguageClient, options: dict[str, Any]) -> None:
    await client.initialize_session(lsp.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options=options,
        root_uri=ROOT.as_uri(),
    ))


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER, client_factory=make_client,
                                              server_env=env()))
async def client(lsp_client: LanguageClient):
    """The server as shipped (no stand-ins)."""
    await start(lsp_client, {"debounceMs": 20, "reportAnalysed": True})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=SERVER, client_factory=make_client,
    server_env=env(ARMADA_TEST_IMPLS=STANDIN, ARMADA_TEST_PIDDIR=os.environ.get("ARMADA_TEST_PIDDIR", "/tmp/armada-test-pids"))))
async def fake(lsp_client: LanguageClient):
    """The server with the stand-in verifier (tests/lsp/standins.py)."""
    os.makedirs("/tmp/armada-test-pids", exist_ok=True)
    await start(lsp_client, {"debounceMs": 20, "reportAnalysed": True})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=SERVER, client_factory=make_client,
    server_env=env(ARMADA_TEST_IMPLS=STANDIN)))
async def never(lsp_client: LanguageClient):
    """Stand-in verifier, started with verifyOn "never" in initializationOptions."""
    await start(lsp_client, {"verifyOn": "never", "debounceMs": 0, "reportAnalysed": True})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=SERVER, client_factory=make_client,
    server_env=env(ARMADA_TEST_IMPLS=STANDIN + ",armada_ls.logic:annotate=tests.lsp.standins:slow_annotate")))
async def slow(lsp_client: LanguageClient):
    """Like `never`, with every analysis 0.15 s slower (tests/lsp/standins.py:slow_annotate),
    so that edits always arrive while an analysis runs."""
    await start(lsp_client, {"verifyOn": "never", "debounceMs": 0, "reportAnalysed": True})
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=SERVER, client_factory=make_client,
    server_env=env(ARMADA_TEST_IMPLS="armada_ls.verify:verify_function=no_such_module:verify_function")))
async def missing(lsp_client: LanguageClient):
    """The server with its verifier missing (as before the verifier landed)."""
    await start(lsp_client, {"debounceMs": 20, "reportAnalysed": True})
    yield
    await lsp_client.shutdown_session()


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    """A fresh copy of the fixture package."""
    d = tmp_path / "repl"
    d.mkdir()
    shutil.copy(FIXTURES / "repl.go", d / "repl.go")
    return d


async def until(pred: Any, timeout: float = 20.0, what: str = "condition") -> Any:
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        value = pred()
        if value:
            return value
        if loop.time() > end:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.01)


def published(client: LanguageClient, uri: str, version: int | None = None) -> list[lsp.PublishDiagnosticsParams]:
    return [p for p in client.published if p.uri == uri and (version is None or p.version == version)]  # type: ignore[attr-defined]


def open_doc(client: LanguageClient, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
        uri=uri, language_id="go", version=version, text=path.read_text() if text is None else text)))
    return uri


def edit(client: LanguageClient, uri: str, version: int, start: tuple[int, int],
         end: tuple[int, int], text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangePartial(
            range=lsp.Range(lsp.Position(*start), lsp.Position(*end)), text=text)]))


def replace_all(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(uri=uri, version=version),
        [lsp.TextDocumentContentChangeWholeDocument(text=text)]))


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines()) if needle in line)
