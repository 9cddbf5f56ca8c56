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


def test_a_string_constant_may_be_sliced_and_indexed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Go gives a (non-constant) string, or its byte: `zeros[k:]` pads a number."""
    text = ('package p\n\nconst zeros = "0000"\n\nfunc pad(k uint64) string {\n'
            '\treturn zeros[k:] + zeros[:k]\n}\n\nfunc first() byte {\n\treturn zeros[1]\n}\n')
    path = tmp_path / "p.go"
    path.write_text(text)
    res = Frontend().check_source(str(path), text)
    assert not res.diagnostics, res.diagnostics


def test_a_sliced_string_constant_runs_in_the_explorer_semantics(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from goose.semantics.run import run_function

    text = ('package p\n\nconst zeros = "0000"\n\nfunc main() {\n\ts := zeros[1:] + "x"\n'
            '\tif s != "000x" || zeros[0] != 48 {\n\t\tpanic("wrong")\n\t}\n}\n')
    bad = text.replace('"000x"', '"0000x"')
    path = tmp_path / "p.go"
    path.write_text(text)
    res = Frontend().check_source(str(path), text)
    assert not res.diagnostics, res.diagnostics
    out = run_function(res.package, "main")
    assert out.error is None and not out.deadlock, out.error
    path.write_text(bad)  # and the check can fail: the semantics computed the slice
    res = Frontend().check_source(str(path), bad)
    out = run_function(res.package, "main")
    assert out.error is not None and "wrong" in str(out.error), out.error
