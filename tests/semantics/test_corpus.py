"""Differential tests: each corpus program run by Go and by the semantics must print the same.

A program is `corpus/<name>/run.go` (Goose: `func Run() (...)`) plus `main.go`, a fixed
non-Goose printer (`fmt.Println(Run())`, or `panic: <value>`). The semantics runs only
run.go and formats Run's results as `fmt.Println` would. A file `expect` containing
`ub <code>` marks a program that is legal Go but undefined behaviour in the model: the
semantics must report exactly that.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from goose import types as T
from goose.frontend import load_package
from goose.semantics.errors import GoPanic, UndefinedBehavior
from goose.semantics.format import println
from goose.semantics.run import run_function

CORPUS = Path(__file__).parent / "corpus"
PROGRAMS = sorted(p.name for p in CORPUS.iterdir() if (p / "run.go").exists())
ROOT = Path(__file__).resolve().parents[2]


def test_corpus_is_large_enough() -> None:
    assert len(PROGRAMS) >= 30


@pytest.fixture(scope="session")
def go_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("go") is None:
        pytest.skip("go is not installed")
    out = tmp_path_factory.mktemp("corpusbin")
    env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod")
    subprocess.run(["go", "build", "-o", str(out) + "/", "./tests/semantics/corpus/..."],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    results = {}
    for name in PROGRAMS:
        r = subprocess.run([str(out / name)], capture_output=True, text=True, timeout=30)
        results[name] = r.stdout
    return results


def semantics_output(name: str, tmp: Path, seed: int | None) -> tuple[str, Exception | None]:
    shutil.copy(CORPUS / name / "run.go", tmp / "run.go")
    res = load_package(str(tmp))
    errors = [d.format() for d in res.diagnostics if d.severity.name == "ERROR"]
    assert not errors, errors
    pkg = res.package
    out = run_function(pkg, "Run", seed=seed)
    if out.error is not None:
        if isinstance(out.error, GoPanic | UndefinedBehavior):
            return f"panic: {out.error.message}\n", out.error
        raise out.error
    assert not out.deadlock, "deadlock"
    fd = pkg.funcs["Run"]
    rtype = fd.results[0] if len(fd.results) == 1 else T.Tuple(tuple(fd.results))
    vals = [out.result] if len(fd.results) == 1 else list(out.result)
    types = [rtype] if len(fd.results) == 1 else list(fd.results)
    return println(out.state, vals, types) + "\n", None


@pytest.mark.parametrize("name", PROGRAMS)
@pytest.mark.parametrize("seed", [None, 1, 2])
def test_program(name: str, seed: int | None, go_outputs: dict[str, str], tmp_path: Path) -> None:
    got, err = semantics_output(name, tmp_path, seed)
    expect = CORPUS / name / "expect"
    if expect.exists():
        kind, code = expect.read_text().split()
        assert kind == "ub"
        assert isinstance(err, UndefinedBehavior), got
        assert err.code == code
        return
    assert got == go_outputs[name]
