"""Go literals as values: integer, string and rune literals; whether a constant fits a type."""

from __future__ import annotations

import ast as pyast
import re

import tree_sitter as ts

from goose import types as T
from goose.cst import text


def parse_int(lit: str) -> int:
    s = lit.replace("_", "").lower()
    if s.startswith("0x"):
        return int(s[2:], 16)
    if s.startswith("0b"):
        return int(s[2:], 2)
    if s.startswith("0o"):
        return int(s[2:], 8)
    if len(s) > 1 and s.startswith("0"):
        return int(s[1:], 8)
    return int(s)


def parse_string(node: ts.Node) -> str:
    raw = text(node)
    if node.type == "raw_string_literal":
        return raw[1:-1]
    try:
        v = pyast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return raw[1:-1]
    return v if isinstance(v, str) else raw[1:-1]


def parse_rune(raw: str) -> int | None:
    try:
        v = pyast.literal_eval(raw)
    except (ValueError, SyntaxError):
        return None
    if isinstance(v, str) and len(v) == 1:
        return ord(v)
    return None


_ESCAPE = re.compile(r"\\(?:x([0-9a-fA-F]{2})|([0-7]{3})|.)")


def _non_utf8_escape(raw: str) -> bool:
    """Does a Go string literal spell a byte >= 0x80 with \\x or octal? The IR holds
    strings as text, where such a byte is not representable (it would become a 2-byte
    character, and len would be wrong)."""
    for m in _ESCAPE.finditer(raw):
        hexd, octd = m.group(1), m.group(2)
        if (hexd and int(hexd, 16) >= 0x80) or (octd and int(octd, 8) >= 0x80):
            return True
    return False


def fits(value: int, ty: T.Type) -> bool:
    if ty == T.UNTYPED_INT:
        return True
    return 0 <= value < (1 << T.int_bits(ty))
