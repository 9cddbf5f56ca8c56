"""Syntax errors: tree-sitter's ERROR and MISSING nodes become diagnostics."""

from __future__ import annotations

import tree_sitter as ts

from goose.cst import span, text
from goose.report import Reporter


def report_syntax(root: ts.Node, rep: Reporter, file: str, limit: int = 50) -> int:
    """Report every ERROR/MISSING node (outermost ERRORs only), at most `limit`."""
    if not root.has_error:
        return 0
    count = 0
    stack = [root]
    while stack and count < limit:
        n = stack.pop()
        if n.is_missing:
            rep.add(file, n, "syntax", "syntax", f"syntax error: missing `{n.type}`")
            count += 1
            continue
        if n.type == "ERROR":
            snippet = text(n).strip().splitlines()[0][:30] if text(n).strip() else ""
            msg = f"syntax error: unexpected `{snippet}`" if snippet else "syntax error"
            sp = span(n)
            rep.add(file, sp, "syntax", "syntax", msg)
            count += 1
            # Nested errors inside an ERROR are noise; MISSING children still help.
            stack.extend(c for c in reversed(n.children) if c.is_missing)
            continue
        if n.has_error:
            stack.extend(reversed(n.children))
    return count
