"""The engine without LSP: stale results are never shown, the cache persists, the per-function
hard limit kills a runaway worker, and --jobs runs functions in parallel."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from armada_ls.engine import Engine, Settings

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "repl.go"
FAKE = "tests.lsp.standins:fake_verify"
SLEEPY = "tests.lsp.standins:sleepy_verify"


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    d = tmp_path / "repl"
    d.mkdir()
    shutil.copy(FIXTURE, d / "repl.go")
    return d


def test_results_belong_to_their_text(pkg):
    e = Engine(verify_impl=FAKE)
    try:
        path = str(pkg / "repl.go")
        text = FIXTURE.read_text()
        a = e.open(path, text, 1)
        run = e.verify(a)
        run.future.result(60)
        assert e.status(a, "Rep.Read").state == "verified"
        assert e.status(a, "Rep.Write").state == "failed"
        # v2 changes Read (and moves Write down a line): Read has no result for v2, Write's
        # result is reused with its spans moved
        b = e.change(path, 2, [(((0, 0), (0, 0)), "// header\n")])
        line = next(i for i, t in enumerate(text.splitlines()) if "v2, _ := twodisk.Read" in t) + 1
        b = e.change(path, 3, [(((line, 0), (line, 0)), "\t// edited\n")])
        assert e.status(b, "Rep.Read").state == "not-verified"
        w = e.status(b, "Rep.Write")
        assert w.state == "failed"
        old = e.status(a, "Rep.Write").result.obligations[0].span
        assert w.result.obligations[0].span.start.line == old.start.line + 1
        diags = e.diagnostics(b, path)
        assert {d.code for d in diags} == {"verify/refinement", "hint/helping"}
        assert all(d.span.start.line == old.start.line + 1 for d in diags)
    finally:
        e.close()


def test_cache_persists_across_engines(pkg, tmp_path):
    cache = tmp_path / "cache"
    e1 = Engine(cache_dir=cache, verify_impl=FAKE)
    try:
        run = e1.verify(e1.refresh(str(pkg)))
        run.future.result(60)
    finally:
        e1.close()
    e2 = Engine(cache_dir=cache, verify_impl=FAKE)
    try:
        snap = e2.refresh(str(pkg))
        run = e2.verify(snap)
        assert run.future.done(), "everything came from the cache"
        assert run.counts() == {"proved": 1, "failed": 1, "unknown": 0}
    finally:
        e2.close()


def test_function_hard_limit_kills_and_reports_unknown(pkg, tmp_path):
    cache = tmp_path / "cache"
    # sleepy_verify sleeps timeoutMs; the hard limit is shorter
    e = Engine(Settings(timeoutMs=30000, functionTimeoutMs=500), cache_dir=cache, verify_impl=SLEEPY)
    try:
        t0 = time.monotonic()
        run = e.verify(e.refresh(str(pkg)))
        run.future.result(60)
        assert time.monotonic() - t0 < 10
        for r in run.results.values():
            assert r.status.value == "unknown" and r.error.startswith("timeout")
        assert not list(cache.rglob("*.pkl")), "a timeout is not a result to keep"
    finally:
        e.close()


def test_jobs_run_in_parallel(pkg):
    """Two functions of 1.5 s each: one after the other would take 3 s."""
    e = Engine(Settings(timeoutMs=1500, jobs=2), verify_impl=SLEEPY)
    try:
        t0 = time.monotonic()
        run = e.verify(e.refresh(str(pkg)))
        run.future.result(60)
        assert sum(run.counts().values()) == 2
        assert time.monotonic() - t0 < 2.9
    finally:
        e.close()


def test_engine_does_not_import_the_protocol():
    import subprocess
    import sys

    code = ("import sys, armada_ls.engine, armada_ls.cli, armada_ls.verify, armada_ls.explore, armada_ls.logic;"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('pygls', 'lsprotocol')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=str(FIXTURE.parents[3]), timeout=120)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr


def test_edits_postpone_a_debounced_verification(pkg):
    """The debounce runs from the last edit: while edits keep coming (and no analysis
    catches up with them, as in a fast burst) the solver does not start; once they stop,
    it does."""
    e = Engine(verify_impl=FAKE)
    e.configure({"debounceMs": 1500})
    try:
        path, directory = str(pkg / "repl.go"), str(pkg)
        e.open(path, FIXTURE.read_text(), 1)
        e.schedule(directory)
        version = 1
        end = time.monotonic() + 3.0  # twice the debounce
        while time.monotonic() < end:
            version += 1
            e.edit(path, version, [(((0, 0), (0, 0)), " " if version % 2 else "")])
            e.postpone(directory)
            time.sleep(0.1)
        assert e.scheduler.latest(directory) is None and e.debouncing(directory)
        for _ in range(600):
            if e.scheduler.latest(directory) is not None:
                break
            time.sleep(0.01)
        assert e.scheduler.latest(directory) is not None and not e.debouncing(directory)
    finally:
        e.close()
