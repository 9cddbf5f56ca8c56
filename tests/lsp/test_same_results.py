"""`armada verify` and the language server give the same results for the same files (one
engine behind both)."""

from __future__ import annotations

import json
import subprocess
import sys

from lsprotocol import types as lsp

from tests.lsp.conftest import ROOT, STANDIN, env, open_doc, published, until


async def test_cli_and_server_agree(fake, pkg):
    cli = subprocess.run([sys.executable, "-m", "armada_ls.cli", "verify", "--no-cache", "--format", "json", str(pkg)],
                         capture_output=True, text=True, env=env(ARMADA_TEST_IMPLS=STANDIN), cwd=ROOT, timeout=300)
    data = json.loads(cli.stdout)
    uri = open_doc(fake, pkg / "repl.go")
    await until(lambda: published(fake, uri, 1))
    summary = await fake.workspace_execute_command_async(lsp.ExecuteCommandParams("armada.verifyFile", [uri]))
    assert {k: summary[k] for k in ("proved", "failed", "unknown")} == \
        {k: data["summary"][k] for k in ("proved", "failed", "unknown")}
    await until(lambda: any(str(d.code).startswith("verify/") for d in published(fake, uri)[-1].diagnostics))
    server = sorted((str(d.code), d.range.start.line + 1) for d in published(fake, uri)[-1].diagnostics
                    if str(d.code).startswith("verify/"))
    cli_failed = sorted((f"verify/{o['kind']}", o["line"]) for f in data["functions"] for o in f["obligations"]
                        if o["status"] != "proved")
    assert server == cli_failed
