"""Golden tests for `goose translate`: the model of each package under `golden/<name>/`
(or of a package elsewhere in the repository, listed in SOURCES) must equal
`golden/<name>/expected.model`. `UPDATE_GOLDEN=1 pytest tests/goose/test_golden.py`
rewrites the expected files; review the diff before committing it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from goose.frontend import Frontend
from goose.printer import model

GOLDEN = Path(__file__).parent / "golden"
ROOT = Path(__file__).resolve().parents[2]
# Goldens whose Go source lives elsewhere (read in place, never copied).
SOURCES = {"repldisk": ROOT / "proofs" / "repldisk"}
NAMES = sorted(p.name for p in GOLDEN.iterdir() if p.is_dir())


def source_dir(name: str) -> Path:
    return SOURCES.get(name, GOLDEN / name)


def translate(name: str) -> str:
    res = Frontend().load_package(str(source_dir(name)))
    errors = [d.format() for d in res.diagnostics if d.severity.name == "ERROR"]
    assert not errors, errors
    assert res.package is not None
    return model(res.package)


def test_goldens_present() -> None:
    assert {"evalorder", "goroutines", "boxed", "methods", "repldisk"} <= set(NAMES)


@pytest.mark.parametrize("name", NAMES)
def test_golden(name: str) -> None:
    got = translate(name)
    expected = GOLDEN / name / "expected.model"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        expected.write_text(got, encoding="utf-8")
    assert expected.exists(), f"{expected} is missing: run with UPDATE_GOLDEN=1"
    assert got == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NAMES)
def test_golden_deterministic(name: str) -> None:
    """Same text from a fresh front end, from a warm one, and from the CLI."""
    fe = Frontend()
    d = str(source_dir(name))
    first = model(fe.load_package(d).package)  # type: ignore[arg-type]
    assert model(fe.load_package(d).package) == first  # type: ignore[arg-type]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    r = subprocess.run([sys.executable, "-m", "goose.cli", "translate", d], env=env, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == first


def test_model_has_positions_on_every_statement() -> None:
    text = translate("evalorder")
    for line in text.splitlines():
        s = line.strip()
        if s.startswith(("let ", "return", "do ", "spawn ", "if ", "loop ", "range_")) or " = " in s:
            assert "@evalorder.go:" in s, line


def test_evaluation_order_is_source_order() -> None:
    """Arguments, operands and literal elements appear in the model in source order
    (Goose once evaluated call arguments right to left)."""
    text = translate("evalorder")
    for fn, want in [
        ("Args", ["at(t, 1)", "at(t, 2)", "at(t, 3)"]),
        ("Operands", ["at(t, 1)", "at(t, 2)", "at(t, 3)", "at(t, 4)", "at(t, 5)", "at(t, 6)"]),
        ("Literals", ["at(t, 1)", "at(t, 2)", "at(t, 3)", "at(t, 0)"]),
    ]:
        body = text[text.index(f"func {fn}(") :]
        body = body[: body.index("\n}\n")]
        pos = [body.index(w) for w in want]
        assert pos == sorted(pos), (fn, pos)
