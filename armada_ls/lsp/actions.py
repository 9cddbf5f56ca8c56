"""textDocument/codeAction: quick fixes that insert a suggested ghost statement.

The fixes come from the engine's diagnostics for the current text (not from the client's
copy of `data`), so an action can never apply to text it was not computed for."""

from __future__ import annotations

from lsprotocol import types as lsp

from armada_ls.lsp.convert import LineCache, diagnostic, to_path, to_uri
from armada_ls.lsp.server import ArmadaServer


def _overlaps(a: lsp.Range, b: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return (p.line, p.character)

    return key(a.start) <= key(b.end) and key(b.start) <= key(a.end)


def code_action(ls: ArmadaServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    path = to_path(params.text_document.uri)
    snap = ls.engine.latest_snapshot(ls.directory_of(path))
    if snap is None or not ls.engine.is_fresh(snap):
        return []  # an edit computed for older text would land in the wrong place
    lines = LineCache(lambda p: snap.sources.get(p) or ls.engine.documents.data(p))
    out: list[lsp.CodeAction] = []
    seen: set[tuple[str, int, int, str]] = set()
    for d in ls.engine.diagnostics(snap, path):
        fix = d.data.get("fix")
        if not isinstance(fix, dict):
            continue
        diag = diagnostic(d, lines)
        if not _overlaps(diag.range, params.range):
            continue
        where = (str(fix["file"]), int(fix["line"]), int(fix["col"]), str(fix["text"]))
        if where in seen:
            continue
        seen.add(where)
        pos = lines(where[0]).to_utf16(where[1], where[2])
        edit = lsp.WorkspaceEdit(changes={to_uri(where[0]): [lsp.TextEdit(lsp.Range(pos, pos), where[3])]})
        out.append(lsp.CodeAction(str(fix["title"]), kind=lsp.CodeActionKind.QuickFix,
                                  diagnostics=[diag], edit=edit, is_preferred=True))
    return out
