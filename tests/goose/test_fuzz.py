"""Property: random mutations of valid Go files never crash the front end, and its caches
change nothing.

Mutations are byte-level (delete, insert, replace a range, duplicate a range) or token
insertions that push the parser and the lowering into odd corners (`{`, `}`, `func`, `//@`,
`interface{}`, `go`, `chan`, ...). Each mutant is checked twice: fresh (`check_source`) and
incrementally (the edit applied to a parsed `SourceFile`, re-lowered by a warm `Frontend`,
as the language server does). Neither may raise, every diagnostic must have a code, a
category and a range inside the mutated file, and the warm front end must agree with a cold
one on the same tree. (How long a check takes is measured by `make bench-frontend`, not here.)
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goose.frontend import Frontend
from goose.source import SourceFile

CORPUS = Path(__file__).parent / "corpus"
SEEDS = sorted(p for p in CORPUS.glob("ok_*.go"))
TEXTS = {p.name: p.read_bytes() for p in SEEDS}
TOKENS = [
    b"{", b"}", b"(", b")", b"func", b"func() {", b"//@", b"//@ requires x > 0\n", b"/*@", b"@*/",
    b"interface{}", b"go", b"go func() {}()", b"chan", b"<-", b"defer", b"select {}", b"switch",
    b"\n", b";", b":=", b"=", b"...", b"&", b"*", b"[", b"]", b"[]", b"map[", b"struct{", b"type T ",
    b"var ", b"const ", b"return", b"for", b"range", b"if", b"else", b"_", b"nil", b"\"", b"`",
    b"'", b"/*", b"*/", b"0x", b"1e9", b"-", b"int", b"uint64", b"\xc3\xa9", b"\xf0\x9f\x98\x80",
    b"\xff", b"\x00", b"package p\n", b"import \"fmt\"\n", b"label:", b"goto", b"x.(T)",
]
CATEGORIES = {"syntax", "unsupported", "future", "error", "warning", "info"}


@st.composite
def mutation(draw: st.DrawFn) -> tuple[int, int, bytes]:
    """(start, end, replacement) as fractions resolved against the file later."""
    kind = draw(st.sampled_from(["delete", "insert", "replace", "token", "token", "dup"]))
    a = draw(st.integers(0, 10_000))
    span = draw(st.integers(0, 200))
    if kind == "delete":
        return a, span, b""
    if kind == "insert":
        return a, 0, draw(st.binary(min_size=1, max_size=12))
    if kind == "replace":
        return a, span, draw(st.binary(max_size=20))
    if kind == "dup":
        return a, -span - 1, b""  # negative length: duplicate the range in place
    return a, 0, b" " + draw(st.sampled_from(TOKENS)) + draw(st.sampled_from([b"", b" ", b"\n"]))


def apply(data: bytes, m: tuple[int, int, bytes]) -> tuple[int, int, bytes]:
    a, n, new = m
    start = a % (len(data) + 1)
    if n < 0:
        end = min(len(data), start - n - 1)
        return end, end, data[start:end]
    return start, min(len(data), start + n), new


def well_formed(text: str, diags) -> None:  # type: ignore[no-untyped-def]
    lines = text.encode("utf-8").split(b"\n")
    for d in diags:
        assert d.code and d.category in CATEGORIES and d.message, d
        for p in (d.span.start, d.span.end):
            assert 0 <= p.line < len(lines), d.format()
            assert 0 <= p.col <= len(lines[p.line]), d.format()
        assert (d.span.start.line, d.span.start.col) <= (d.span.end.line, d.span.end.col), d.format()


WARM = Frontend()


@settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "250")),
    deadline=None,  # speed is the benchmark's business (bench/frontend.py), not this test's
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=False,
)
@given(st.sampled_from(sorted(TEXTS)), st.lists(mutation(), min_size=1, max_size=4))
def test_mutants_never_crash(name: str, ms: list[tuple[int, int, bytes]]) -> None:
    path = str(CORPUS / "fuzz" / name)
    data = TEXTS[name]
    src = SourceFile(path, data.decode("utf-8"))
    WARM.check_source(path, src.text)
    for m in ms:
        start, end, new = apply(data, m)
        raw = data[:start] + new + data[end:]
        # Incremental: the edit as the language server applies it. An edit that leaves
        # invalid UTF-8 arrives as a whole new text (an editor never sends invalid text).
        text = raw.decode("utf-8", errors="replace")
        data = text.encode("utf-8")
        if data == raw:
            src.edit_bytes(start, end, new)
        else:
            src.replace(text)
        res = WARM.lower(str(CORPUS / "fuzz"), {path: src})
        assert src.text == text
        well_formed(text, res.diagnostics)
    # The warm front end's caches change nothing: a fresh Frontend on the same tree agrees.
    cold = Frontend().lower(str(CORPUS / "fuzz"), {path: src})
    assert [d.format() for d in cold.diagnostics] == [d.format() for d in res.diagnostics]
    # Fresh: the final mutant from scratch, and it agrees with the incremental result.
    fresh = Frontend().check_source(path, text)
    well_formed(text, fresh.diagnostics)
    # tree-sitter's error recovery is history-dependent (an incremental reparse of broken
    # text may recover differently from a fresh parse; NUL bytes, which its lexer reads like
    # end of input, make this common), so only texts that parse cleanly must agree exactly.
    if "\x00" not in text and not src.tree.root_node.has_error:
        assert [d.format() for d in fresh.diagnostics] == [d.format() for d in res.diagnostics]


def test_pathological_inputs() -> None:
    """Inputs no mutation is likely to reach: empty, huge nesting, long lines, binary."""
    cases = [
        "",
        "package",
        "package p\n" + "func f() {" * 500,
        "package p\nfunc f() uint64 { return " + "(" * 300 + "1" + ")" * 300 + " }\n",
        "package p\nfunc f() { x := uint64(0)\n" + "x++\n" * 3000 + "_ = x }\n",
        "package p\nfunc f() bool { return " + " && ".join(["true"] * 2000) + " }\n",
        "package p\n//@" + "(" * 2000 + "\nfunc f() {}\n",
        "\x00\xff\ufffd" * 1000,
        "package p\nvar " + "x, " * 2000 + "y uint64\n",
        "package p\ntype T struct {" + "".join(f"f{i} uint64\n" for i in range(2000)) + "}\n",
        # Nesting past Python's recursion limit (each once raised RecursionError).
        "package p\nfunc f(x " + "*" * 3000 + "uint64) {}\n",
        "package p\nfunc f(x " + "[]" * 3000 + "uint64) {}\n",
        "package p\nfunc f() {" + "{" * 1000 + "}" * 1000 + "}\n",
        "package p\nfunc f(x uint64) {" + "if x > 0 {" * 400 + "}" * 400 + "}\n",
        "package p\nfunc f(x uint64) uint64 {" + "if x == 0 { return 0 } else " * 1500 + "{ return 1 }\n}\n",
        "package p\nfunc f(x uint64) uint64 { return x" + " + x" * 3000 + " }\n",
        "package p\nconst C = 1" + " + 1" * 3000 + "\n",
        "package p\nfunc f(x bool) bool { return " + "!" * 3000 + "x }\n",
        "package p\nfunc f() {" + "go func() {" * 300 + "}()" * 300 + "}\n",
        "package p\nfunc f(x []uint64) []uint64 { return x" + "[:]" * 3000 + " }\n",
    ]
    for text in cases:
        res = Frontend().check_source("/tmp/pathological/p.go", text)
        well_formed(text, res.diagnostics)
