"""textDocument/codeLens: per function a status lens and the Verify / Explore actions."""

from __future__ import annotations

from lsprotocol import types as lsp

from armada_ls.engine import queries
from armada_ls.lsp import render
from armada_ls.lsp.convert import Lines, to_path
from armada_ls.lsp.server import ArmadaServer


async def code_lens(ls: ArmadaServer, params: lsp.CodeLensParams) -> list[lsp.CodeLens]:
    path = to_path(params.text_document.uri)
    # A lens states a verdict about the text: wait (briefly) for the analysis of the text
    # the editor has now rather than show the verdict of the text before the last edit.
    snap = await ls.fresh_snapshot(ls.directory_of(path))
    if snap is None:
        return []  # not analysed yet: the lenses are refreshed when it is
    lines = Lines(snap.sources.get(path) or ls.engine.documents.data(path))
    out: list[lsp.CodeLens] = []
    uri = params.text_document.uri
    for fn in queries.functions_in(snap, path):
        rng = lines.range(fn.name_span)
        st = ls.engine.status(snap, fn.qualified)
        out.append(lsp.CodeLens(range=rng, command=lsp.Command(title=render.lens_title(st), command="")))
        out.append(lsp.CodeLens(range=rng, command=lsp.Command(
            title="Verify", command="armada.verifyFunction", arguments=[uri, fn.qualified])))
        out.append(lsp.CodeLens(range=rng, command=lsp.Command(
            title="Explore", command="armada.explore", arguments=[uri, fn.qualified])))
    return out
