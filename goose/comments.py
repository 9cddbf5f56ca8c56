"""Finds `//@` and `/*@ ... @*/` annotation groups and the node each belongs to.

Rules (docs/annotations.md repeats them for users):
- consecutive `//@` lines form one group; a `/*@ ... @*/` block is one group; `// @` is
  accepted as `//@`, because gofmt rewrites `//@` to `// @` in doc comments (the lines
  directly above a declaration);
- a group on the same line as the end of a statement, field or declaration is *trailing*
  and belongs to it;
- otherwise it belongs to the next statement / field / declaration below it; a group at the
  top of a loop body with no statement before it belongs to the loop (`invariant`);
- a top-level group that opens with `spec`, `crash_inv`, `explore`, `may_fail`, `ghost` or
  `predicate` (a ghost function's declaration), or is separated from
  the next declaration by a blank line, belongs to the package.
"""

from __future__ import annotations

import re

import tree_sitter as ts

from goose.cst import span
from goose.ir import AnnotationGroup, AnnotationLine, Pos, Span

PACKAGE_KEYWORDS = re.compile(r"^\s*(spec|crash_inv|explore|may_fail|ghost|predicate)\b")
ANCHOR_TYPES = {
    "function_declaration": "func",
    "method_declaration": "func",
    "type_declaration": "struct",
    "const_declaration": "const",
    "field_declaration": "field",
}


_OPENERS = re.compile(rb"//@|// @|/\*@")


def _annotation_comments(root: ts.Node) -> list[ts.Node]:
    """Comment nodes that open like an annotation. Found from the text (each candidate's
    node looked up by its offset) rather than by a tree query, whose cost grows with the
    square of the nesting depth (30,000 nested blocks took seconds)."""
    data = root.text or b""
    out: list[ts.Node] = []
    for m in _OPENERS.finditer(data):
        i = root.start_byte + m.start()
        n = root.descendant_for_byte_range(i, i + 1)
        if n is not None and n.type == "comment" and n.start_byte == i:
            out.append(n)
    return out


def _is_annotation(node: ts.Node) -> bool:
    t = node.text or b""
    return _is_line_annotation(t) or t.startswith(b"/*@")


def _is_line_annotation(t: bytes) -> bool:
    return t.startswith(b"//@") or t.startswith(b"// @")


def _lines_of(node: ts.Node, file: str) -> list[AnnotationLine]:
    raw = node.text or b""
    row, col = node.start_point
    if _is_line_annotation(raw):
        skip = 3 if raw.startswith(b"//@") else 4
        body = raw[skip:].decode("utf-8", errors="replace")
        return [AnnotationLine(body, Pos(row, col + skip), 0)]
    # Block: strip `/*@` and `@*/` (or `*/`); keep every line with its own position.
    inner = raw[3:]
    end_trim = 3 if inner.endswith(b"@*/") else 2 if inner.endswith(b"*/") else 0
    inner = inner[: len(inner) - end_trim] if end_trim else inner
    out: list[AnnotationLine] = []
    c = col + 3
    for i, part in enumerate(inner.split(b"\n")):
        out.append(AnnotationLine(part.decode("utf-8", errors="replace"), Pos(row + i, c), 0))
        c = 0
    return out


def _siblings(container: ts.Node) -> list[ts.Node]:
    """Children of a statement list / declaration list, flattening tree-sitter's wrappers."""
    out: list[ts.Node] = []
    for c in container.named_children:
        if c.type == "statement_list":
            out.extend(c.named_children)
        else:
            out.append(c)
    return out


def collect(root: ts.Node, file: str) -> tuple[dict[int, list[AnnotationGroup]], list[AnnotationGroup]]:
    """Annotation groups keyed by the id of the node they belong to, and the package's own."""
    anchors: dict[int, list[AnnotationGroup]] = {}
    package: list[AnnotationGroup] = []
    containers: dict[int, ts.Node] = {}
    for c in _annotation_comments(root):
        if not _is_annotation(c) or c.parent is None:
            continue
        cont = c.parent
        if cont.type == "statement_list" and cont.parent is not None:
            cont = cont.parent
        containers.setdefault(cont.id, cont)
    for cont in containers.values():
        kids = _siblings(cont)
        i = 0
        while i < len(kids):
            k = kids[i]
            if k.type != "comment" or not _is_annotation(k):
                i += 1
                continue
            group_nodes = [k]
            j = i + 1
            if _is_line_annotation(k.text or b""):
                while (
                    j < len(kids)
                    and kids[j].type == "comment"
                    and _is_line_annotation(kids[j].text or b"")
                    and kids[j].start_point[0] == group_nodes[-1].end_point[0] + 1
                ):
                    group_nodes.append(kids[j])
                    j += 1
            prev = next((kids[p] for p in range(i - 1, -1, -1) if kids[p].type != "comment"), None)
            nxt = next((kids[p] for p in range(j, len(kids)) if kids[p].type != "comment"), None)
            lines: list[AnnotationLine] = []
            for g in group_nodes:
                lines.extend(_lines_of(g, file))
            first, last = group_nodes[0], group_nodes[-1]
            sp = Span(span(first).start, span(last).end)
            group = AnnotationGroup(lines, sp, file=file)
            _attach(group, cont, prev, nxt, first, last, anchors, package)
            i = j
    for groups in anchors.values():
        groups.sort(key=lambda g: g.span.start)
    package.sort(key=lambda g: g.span.start)
    return anchors, package


def _attach(
    group: AnnotationGroup,
    cont: ts.Node,
    prev: ts.Node | None,
    nxt: ts.Node | None,
    first: ts.Node,
    last: ts.Node,
    anchors: dict[int, list[AnnotationGroup]],
    package: list[AnnotationGroup],
) -> None:
    top = cont.type == "source_file"
    if top and PACKAGE_KEYWORDS.match(group.lines[0].text):
        group.anchor = "package"
        package.append(group)
        return
    if prev is not None and prev.end_point[0] == first.start_point[0]:
        _put(group, prev, True, anchors)
        return
    if cont.type == "block" and prev is None and cont.parent is not None and cont.parent.type == "for_statement":
        # `//@ invariant` at the top of a loop body: the loop's own annotation.
        group.anchor = "loop"
        anchors.setdefault(cont.parent.id, []).append(group)
        return
    if nxt is not None and (not top or nxt.start_point[0] == last.end_point[0] + 1):
        _put(group, nxt, False, anchors)
        return
    if top:
        group.anchor = "package"
        package.append(group)
        return
    if prev is not None:
        _put(group, prev, True, anchors)
        return
    # An annotation alone in an empty block: it belongs to the block's owner.
    owner = cont.parent if cont.parent is not None else cont
    _put(group, owner, False, anchors)


def _put(group: AnnotationGroup, node: ts.Node, trailing: bool, anchors: dict[int, list[AnnotationGroup]]) -> None:
    group.anchor = ANCHOR_TYPES.get(node.type, "stmt")
    group.trailing = trailing
    anchors.setdefault(node.id, []).append(group)
