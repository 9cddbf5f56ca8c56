"""textDocument/hover: ask the engine what is at the position, render it."""

from __future__ import annotations

from lsprotocol import types as lsp

from armada_ls.engine import queries
from armada_ls.lsp import render
from armada_ls.lsp.convert import Lines, to_path
from armada_ls.lsp.server import ArmadaServer


def hover(ls: ArmadaServer, params: lsp.HoverParams) -> lsp.Hover | None:
    path = to_path(params.text_document.uri)
    snap = ls.engine.latest_snapshot(ls.directory_of(path))
    if snap is None:
        return None
    lines = Lines(snap.sources.get(path) or ls.engine.documents.data(path))
    if not ls.engine.is_fresh(snap):
        # The text changed since the last analysis (it is running now): answer at once
        # from it only where the hovered line reads the same in both, else say nothing.
        now = Lines(ls.engine.documents.data(path))
        if now.lsp_line(params.position.line) != lines.lsp_line(params.position.line):
            return None
    row, col = lines.point(params.position.line, params.position.character)
    found = queries.find(snap, path, row, col)
    if found is None:
        return None
    if found.kind in ("crash_inv", "lock_inv", "spec"):
        text = render.relation_markdown(found)
    else:
        st = ls.engine.status(snap, found.function)
        if found.kind == "function":
            text = render.function_markdown(found.function, st, render.consts_of(snap))
        else:
            assert found.stmt is not None
            src = lines.line(found.stmt.span.start.line).decode("utf-8", errors="replace")
            text = render.statement_markdown(found, st, src, snap)
    rng = lines.range(found.span) if found.span is not None else None
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text), rng)
