"""Tokens of the annotation language, with exact file positions.

An annotation group is lexed line by line: each `AnnotationLine` knows where its text starts
in the file, so a token's span is that start plus the token's byte offset in the line. Lines
are separated by NEWLINE tokens; the parser decides where a newline ends a clause (see
`parser.py`). `//` starts a comment that runs to the end of the line.
"""

from __future__ import annotations

from dataclasses import dataclass

from goose.ir import AnnotationLine, Pos, Span

IDENT = "ident"
INT = "int"
STRING = "string"
OP = "op"
NEWLINE = "newline"
EOF = "eof"
ERROR = "error"

# Longest first, so that `==>` wins over `==` and `::` over `:`.
_OPERATORS = sorted(
    [
        "==>",
        "...",
        "&^",
        "::",
        "==",
        "!=",
        "<=",
        ">=",
        "&&",
        "||",
        "<<",
        ">>",
        ":=",
        "+",
        "-",
        "*",
        "/",
        "%",
        "&",
        "|",
        "^",
        "<",
        ">",
        "!",
        "?",
        ":",
        "=",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        ",",
        ";",
        ".",
    ],
    key=len,
    reverse=True,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    span: Span
    value: int | str | None = None

    def is_op(self, *ops: str) -> bool:
        return self.kind == OP and self.text in ops

    def is_word(self, *words: str) -> bool:
        return self.kind == IDENT and self.text in words

    def describe(self) -> str:
        """How an error message names this token."""
        if self.kind == EOF:
            return "end of annotation"
        if self.kind == NEWLINE:
            return "end of line"
        return f"'{self.text}'"


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "0": "\0"}


def _unescape(raw: str) -> str:
    """Go's common string escapes; an unknown escape is kept as written."""
    out: list[str] = []
    i = 0
    while i < len(raw):
        if raw[i] == "\\" and i + 1 < len(raw) and raw[i + 1] in _ESCAPES:
            out.append(_ESCAPES[raw[i + 1]])
            i += 2
        else:
            out.append(raw[i])
            i += 1
    return "".join(out)


def _byte_offsets(text: str) -> list[int] | range:
    """Byte offset of every character index (and of the end) in the UTF-8 encoding."""
    if text.isascii():
        return range(len(text) + 1)
    out = [0]
    for ch in text:
        out.append(out[-1] + len(ch.encode("utf-8")))
    return out


def _span(line: AnnotationLine, offs: list[int] | range, i: int, j: int) -> Span:
    b0, b1 = offs[i], offs[j]
    return Span(Pos(line.pos.line, line.pos.col + b0), Pos(line.pos.line, line.pos.col + b1))


def _lex_line(line: AnnotationLine) -> list[Token]:
    text = line.text
    offs = _byte_offsets(text)
    toks: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in " \t\r":
            i += 1
            continue
        if text.startswith("//", i):
            break
        if ch.isalpha() or ch == "_":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            toks.append(Token(IDENT, text[i:j], _span(line, offs, i, j), text[i:j]))
            i = j
            continue
        if ch.isdigit():
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            try:
                toks.append(Token(INT, word, _span(line, offs, i, j), int(word, 0)))
            except ValueError:
                toks.append(
                    Token(ERROR, word, _span(line, offs, i, j), f"malformed number '{word}'")
                )
            i = j
            continue
        if ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                toks.append(Token(ERROR, text[i:], _span(line, offs, i, n), "unterminated string"))
                break
            raw = text[i + 1 : j]
            value = _unescape(raw)
            toks.append(Token(STRING, text[i : j + 1], _span(line, offs, i, j + 1), value))
            i = j + 1
            continue
        if ch == "'":  # a rune literal, Go's untyped integer constant: '0' is 48
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            raw = text[i + 1 : j] if j < n else ""
            value = "'" if raw == "\\'" else _unescape(raw)
            if j >= n or len(value) != 1:  # (an unknown escape stays two characters)
                end = min(j + 1, n)
                toks.append(Token(ERROR, text[i:end], _span(line, offs, i, end),
                                  f"malformed rune literal {text[i:end]} (one character, or an "
                                  "escape \\n \\t \\r \\\\ \\' \\0)"))
                i = end
                continue
            toks.append(Token(INT, text[i : j + 1], _span(line, offs, i, j + 1), ord(value)))
            i = j + 1
            continue
        for op in _OPERATORS:
            if text.startswith(op, i):
                toks.append(Token(OP, op, _span(line, offs, i, i + len(op))))
                i += len(op)
                break
        else:
            toks.append(
                Token(ERROR, ch, _span(line, offs, i, i + 1), f"unexpected character '{ch}'")
            )
            i += 1
    return toks


def lex(lines: list[AnnotationLine]) -> list[Token]:
    """All tokens of a group: each line's tokens, a NEWLINE after each line, then EOF."""
    toks: list[Token] = []
    for line in lines:
        toks.extend(_lex_line(line))
        end = _span(line, _byte_offsets(line.text), len(line.text), len(line.text))
        toks.append(Token(NEWLINE, "\n", end))
    if lines:
        last = toks[-1].span
    else:
        last = Span(Pos(0, 0), Pos(0, 0))
    toks.append(Token(EOF, "", last))
    return toks
