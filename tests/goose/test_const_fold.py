"""Constant folding never crashes on operands of mismatched kinds: `1 << "x"` is an error
diagnostic (found by the front end's fuzz test, where it raised ValueError)."""

from __future__ import annotations

from goose.frontend import Frontend


def test_shift_by_a_string_constant_is_an_error_not_a_crash(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for body in ('const A = 1 << "x"\n', 'func f() uint64 {\n\treturn 1 << "x"\n}\n'):
        path = tmp_path / "p.go"
        text = "package p\n\n" + body
        path.write_text(text)
        res = Frontend().check_source(str(path), text)
        assert any(d.code == "goose/type" and "x" in d.message for d in res.diagnostics), res.diagnostics
