"""Move a cached result's spans to where its function and dependencies are now.

A result is cached under a hash of text, so it stays valid when lines are inserted above the
function; its spans, though, were recorded at the old positions. Every span lies in one of the
key's regions (the function, an annotation group, a struct); it moves by that region's shift.
"""

from __future__ import annotations

import copy
from typing import Any

from armada_ls.engine.keys import Region
from goose import ir


class Remapper:
    def __init__(self, old: tuple[Region, ...], new: tuple[Region, ...]) -> None:
        now = {r.id: r for r in new}
        self._moves: list[tuple[Region, int, int]] = []
        for r in old:
            n = now.get(r.id)
            if n is not None and (n.start_line, n.start_byte, n.file) != (r.start_line, r.start_byte, r.file):
                self._moves.append((r, n.start_line - r.start_line, n.start_byte - r.start_byte))

    @property
    def identity(self) -> bool:
        return not self._moves

    def span(self, file: str, span: ir.Span | None) -> ir.Span | None:
        if span is None:
            return None
        for region, dline, dbyte in self._moves:
            if region.file == file and region.start_line <= span.start.line <= region.end_line:
                return ir.Span(
                    ir.Pos(span.start.line + dline, span.start.col),
                    ir.Pos(span.end.line + dline, span.end.col),
                    span.start_byte + dbyte if span.start_byte or span.end_byte else 0,
                    span.end_byte + dbyte if span.start_byte or span.end_byte else 0,
                )
        return span


def remap_result(result: Any, remapper: Remapper) -> Any:
    """A copy of a FunctionResult with every span moved (the cached one is left alone)."""
    if remapper.identity:
        return result
    out = copy.deepcopy(result)
    out.span = remapper.span(out.file, out.span)
    for ob in out.obligations:
        ob.span = remapper.span(ob.file, ob.span)
        ob.clause_span = remapper.span(ob.clause_file or ob.file, ob.clause_span)
        ob.crash_point = remapper.span(ob.file, ob.crash_point)
        ob.hint_span = remapper.span(ob.file, ob.hint_span)
    return out


