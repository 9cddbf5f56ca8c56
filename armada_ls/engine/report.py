"""Verification reports as data: the JSON of `armada verify --format json` and SARIF 2.1.0.

Lines are 1-based; JSON columns are 1-based byte columns (as in the text output), SARIF
columns are 1-based UTF-16 code units (`columnKind: utf16CodeUnits`, SARIF's default).
"""

from __future__ import annotations

import os
from typing import Any

from armada_ls.engine.convert import counterexample_lines
from goose import ir
from goose.diagnostics import Diagnostic, Severity

TOOL = "armada"
TOOL_VERSION = "0.1.0"
INFO_URI = "https://github.com/armada-verify/armada"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note", Severity.HINT: "note"}


def _pos(span: ir.Span | None) -> dict[str, int] | None:
    if span is None:
        return None
    return {"line": span.start.line + 1, "col": span.start.col + 1,
            "endLine": span.end.line + 1, "endCol": span.end.col + 1}


def obligation_json(ob: Any) -> dict[str, Any]:
    return {
        "kind": ob.kind,
        "status": ob.status.value,
        "severity": getattr(ob, "severity", "error"),
        "message": ob.message,
        "file": ob.file,
        **(_pos(ob.span) or {}),
        "clause": ({"file": ob.clause_file or ob.file, **(_pos(ob.clause_span) or {})}
                   if ob.clause_span is not None else None),
        "crashPoint": _pos(ob.crash_point),
        "reason": ob.reason,
        "timeMs": round(ob.time_ms, 3),
        "counterexample": counterexample_lines(ob.counterexample),
        "counterexampleData": counterexample_data(ob.counterexample),
        "hint": ob.hint,
    }


def counterexample_data(cex: Any) -> dict[str, Any] | None:
    """The counterexample as fields: the facts the failing clause reads, where it fails, the
    values per failing address (`table`), and the write timeline."""
    if cex is None:
        return None
    return {
        "facts": list(getattr(cex, "facts", []) or []),
        "where": dict(getattr(cex, "focus", {}) or {}),
        "values": {k: v for k, v in cex.variables.items() if not k.endswith("(where it fails)")},
        "table": {a: dict(c) for a, c in (getattr(cex, "cells", {}) or {}).items()},
        "durable": dict(cex.durable),
        "spec": dict(cex.spec),
        "handedToRecovery": list(cex.helping),
        "writes": list(cex.on_disk),
        "crash": bool(getattr(cex, "crash", False)),
    }


def function_json(r: Any) -> dict[str, Any]:
    return {
        "function": r.function,
        "file": r.file,
        "line": r.span.start.line + 1,
        "status": r.status.value,
        "timeMs": round(r.time_ms, 3),
        "error": r.error,
        "crashModel": getattr(r, "crash_model", "process"),
        "obligations": [obligation_json(o) for o in r.obligations],
    }


def diagnostic_json(d: Diagnostic) -> dict[str, Any]:
    return {"file": d.file, **(_pos(d.span) or {}), "code": d.code, "category": d.category,
            "severity": _LEVEL[d.severity], "message": d.message,
            "related": [{"file": r.file, **(_pos(r.span) or {}), "message": r.message} for r in d.related]}


# ---------------------------------------------------------------- SARIF


class _Columns:
    def __init__(self) -> None:
        self._lines: dict[str, list[bytes]] = {}

    def utf16(self, file: str, line: int, byte_col: int) -> int:
        lines = self._lines.get(file)
        if lines is None:
            try:
                with open(file, "rb") as f:
                    lines = f.read().split(b"\n")
            except OSError:
                lines = []
            self._lines[file] = lines
        text = lines[line][:byte_col] if line < len(lines) else b""
        return sum(2 if ord(c) > 0xFFFF else 1 for c in text.decode("utf-8", errors="replace")) + 1


def _location(file: str, span: ir.Span, cols: _Columns, base: str) -> dict[str, Any]:
    rel = os.path.relpath(file, base) if os.path.isabs(file) else file
    return {"physicalLocation": {
        "artifactLocation": {"uri": rel.replace(os.sep, "/"), "uriBaseId": "SRCROOT"},
        "region": {
            "startLine": span.start.line + 1,
            "startColumn": cols.utf16(file, span.start.line, span.start.col),
            "endLine": span.end.line + 1,
            "endColumn": cols.utf16(file, span.end.line, span.end.col),
        },
    }}


def sarif(diagnostics: list[Diagnostic], base: str, descriptions: dict[str, str] | None = None) -> dict[str, Any]:
    """One SARIF run with a rule per diagnostic code."""
    cols = _Columns()
    rule_ids = sorted({d.code for d in diagnostics})
    index = {r: i for i, r in enumerate(rule_ids)}
    descriptions = descriptions or {}
    rules = [{"id": r, "name": r.replace("/", "-"),
              "shortDescription": {"text": descriptions.get(r, _describe(r))},
              "defaultConfiguration": {"level": "error" if not r.startswith("hint/") else "note"}}
             for r in rule_ids]
    results = []
    for d in diagnostics:
        message = d.message
        cex = d.data.get("counterexample")
        if isinstance(cex, list) and cex:
            message += " — counterexample: " + "; ".join(map(str, cex))
        res: dict[str, Any] = {
            "ruleId": d.code, "ruleIndex": index[d.code], "level": _LEVEL[d.severity],
            "message": {"text": message},
            "locations": [_location(d.file, d.span, cols, base)],
        }
        if d.related:
            res["relatedLocations"] = [
                {"id": i + 1, **_location(r.file, r.span, cols, base), "message": {"text": r.message}}
                for i, r in enumerate(d.related)]
        results.append(res)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": TOOL, "version": TOOL_VERSION, "informationUri": INFO_URI,
                                "rules": rules}},
            "originalUriBaseIds": {"SRCROOT": {"uri": "file://" + base.rstrip("/") + "/"}},
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    }


def _describe(code: str) -> str:
    head, _, rest = code.partition("/")
    return {
        "verify": f"proof obligation `{rest}` not proved",
        "explore": f"explorer finding: {rest}",
        "goose": f"unsupported Go: {rest}",
        "annot": f"annotation error: {rest}",
        "hint": f"hint: {rest}",
    }.get(head, code)
