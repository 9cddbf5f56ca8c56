"""Small helpers over tree-sitter nodes: spans, text, children by field."""

from __future__ import annotations

import tree_sitter as ts

from goose.ir import Pos, Span


def span(node: ts.Node) -> Span:
    """Line/column span of a node (IR spans carry no byte offsets: see `ir.Span`)."""
    s, e = node.start_point, node.end_point
    return Span(Pos(s[0], s[1]), Pos(e[0], e[1]))


def text(node: ts.Node) -> str:
    return node.text.decode("utf-8", errors="replace") if node.text is not None else ""


def named(node: ts.Node) -> list[ts.Node]:
    """Named children, without comments."""
    return [c for c in node.named_children if c.type != "comment"]


def field(node: ts.Node, name: str) -> ts.Node | None:
    return node.child_by_field_name(name)


def fields(node: ts.Node, name: str) -> list[ts.Node]:
    return [c for c in node.children_by_field_name(name) if c.type != "comment"]


def operator(node: ts.Node) -> str:
    op = node.child_by_field_name("operator")
    return text(op) if op is not None else ""


def statements(block: ts.Node) -> list[ts.Node]:
    """The statements of a `block` (tree-sitter-go wraps them in a statement_list)."""
    out: list[ts.Node] = []
    for c in block.named_children:
        if c.type == "statement_list":
            out.extend(s for s in c.named_children if s.type != "comment")
        elif c.type != "comment":
            out.append(c)
    return out


def unparen(node: ts.Node) -> ts.Node:
    while node.type == "parenthesized_expression":
        inner = named(node)
        if not inner:
            break
        node = inner[0]
    return node
