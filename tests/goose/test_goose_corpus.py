"""The front end's corpus: every file in `corpus/` is checked on its own.

Accepted files (`ok_*.go`) must give no diagnostics at all. Rejected files carry
`// ERROR <substring>` on each line where an error must be reported: each such line gets a
diagnostic whose message or code contains the substring, and no other line gets an error
(every error in a file is reported, not just the first). Every diagnostic has a code, a
category and a range inside the file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from goose.diagnostics import Diagnostic, Severity
from goose.frontend import Frontend
from goose.rejections import REJECTIONS

CORPUS = Path(__file__).parent / "corpus"
ROOT = Path(__file__).resolve().parents[2]
FILES = sorted(p.name for p in CORPUS.glob("*.go"))
ACCEPTED = [f for f in FILES if f.startswith("ok_")]
REJECTED = [f for f in FILES if not f.startswith("ok_")]
ERROR_RE = re.compile(r"//\s*ERROR\s+(.+?)\s*$")
CATEGORIES = {"syntax", "unsupported", "future", "error", "warning", "info"}
FORMAT_RE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<cat>[a-z]+): (?P<msg>.+) \[(?P<code>[a-z]+/[a-z0-9-]+|syntax)\]$")

# Rejection codes that no Go file can reach on its own, with the reason.
UNREACHABLE: dict[str, str] = {}


def expectations(text: str) -> dict[int, str]:
    """0-based line -> expected substring."""
    out: dict[int, str] = {}
    for i, line in enumerate(text.splitlines()):
        m = ERROR_RE.search(line)
        if m:
            out[i] = m.group(1)
    return out


def check(name: str) -> tuple[str, list[Diagnostic]]:
    path = CORPUS / name
    text = path.read_text(encoding="utf-8")
    return text, Frontend().check_source(str(path), text).diagnostics


def assert_well_formed(text: str, diags: list[Diagnostic]) -> None:
    lines = text.encode("utf-8").split(b"\n")
    for d in diags:
        assert d.code, d
        assert d.category in CATEGORIES, d
        assert d.message.strip(), d
        s, e = d.span.start, d.span.end
        assert (s.line, s.col) <= (e.line, e.col), d.format()
        for p in (s, e):
            assert 0 <= p.line < len(lines), d.format()
            assert 0 <= p.col <= len(lines[p.line]), d.format()


def test_corpus_size() -> None:
    assert len(FILES) >= 50
    assert len(ACCEPTED) >= 30
    assert len(REJECTED) >= 40


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted(name: str) -> None:
    text, diags = check(name)
    assert not expectations(text), "accepted files carry no ERROR comments"
    assert [d.format() for d in diags] == []


@pytest.mark.parametrize("name", REJECTED)
def test_rejected(name: str) -> None:
    text, diags = check(name)
    want = expectations(text)
    assert want, "a rejected file needs at least one `// ERROR` comment"
    assert_well_formed(text, diags)
    shown = "\n".join(d.format() for d in diags)
    for line, sub in want.items():
        hits = [d for d in diags if d.span.start.line == line]
        assert hits, f"line {line + 1}: no diagnostic (want {sub!r}); got:\n{shown}"
        assert any(sub in d.message or sub in d.code for d in hits), (
            f"line {line + 1}: no diagnostic contains {sub!r}; got:\n{shown}"
        )
    extra = [d for d in diags if d.severity == Severity.ERROR and d.span.start.line not in want]
    assert not extra, "errors on lines without an ERROR comment:\n" + "\n".join(d.format() for d in extra)


def test_every_rejection_code_is_pinned() -> None:
    """Each construct of goose/rejections.py has a corpus file that triggers it."""
    seen: set[str] = set()
    for name in REJECTED:
        _, diags = check(name)
        seen.update(d.code for d in diags)
    missing = {f"goose/{k}" for k in REJECTIONS} - seen - {f"goose/{k}" for k in UNREACHABLE}
    assert not missing, sorted(missing)


def test_rejection_table_is_well_formed() -> None:
    for name, (category, msg) in REJECTIONS.items():
        assert re.fullmatch(r"[a-z0-9-]+", name)
        assert category in ("unsupported", "future")
        assert msg and msg[0].islower() or msg[0] == "`", name


# ---------------------------------------------------------------- the CLI


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    return subprocess.run(
        [sys.executable, "-m", "goose.cli", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_cli_clean_file_exits_0() -> None:
    r = run_cli("check", str(CORPUS / "ok_methods.go"))
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("name", ["rej_type_errors.go", "rej_label.go", "rej_syntax.go", "rej_import.go"])
def test_cli_errors_exit_1_with_format(name: str) -> None:
    path = CORPUS / name
    r = run_cli("check", str(path))
    assert r.returncode == 1, r.stdout + r.stderr
    out = r.stdout.splitlines()
    assert out
    lines: set[int] = set()
    for ln in out:
        m = FORMAT_RE.match(ln)
        assert m, f"bad format: {ln!r}"
        assert os.path.abspath(os.path.join(ROOT, m["file"])) == str(path)
        assert m["cat"] in CATEGORIES
        assert int(m["col"]) >= 1
        lines.add(int(m["line"]) - 1)
    assert lines == set(expectations(path.read_text(encoding="utf-8")))


def test_cli_bad_path_exits_2(tmp_path: Path) -> None:
    r = run_cli("check", str(tmp_path / "does-not-exist.go"))
    assert r.returncode == 2
    assert "does-not-exist.go" in r.stderr
    r = run_cli("translate", str(tmp_path / "nope"))
    assert r.returncode == 2
    # A bad path among good ones: exit 2, but the good paths are still checked and printed.
    r = run_cli("check", str(CORPUS / "rej_goto.go"), str(tmp_path / "missing.go"))
    assert r.returncode == 2
    assert "[goose/goto]" in r.stdout and "missing.go" in r.stderr


def test_cli_directory(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.go").write_text((CORPUS / "ok_methods.go").read_text())
    assert run_cli("check", str(tmp_path)).returncode == 0
    (pkg / "b.go").write_text("package corpus\n\nfunc bad(x int) {\n}\n")
    r = run_cli("check", str(tmp_path))
    assert r.returncode == 1
    assert re.search(r"b\.go:3:12: unsupported: .* \[goose/signed-int\]$", r.stdout, re.M), r.stdout
    # An ignored directory is skipped.
    (pkg / ".goose-ignore").write_text("")
    assert run_cli("check", str(tmp_path)).returncode == 0


def test_accepted_files_are_go(tmp_path: Path) -> None:
    """Accepted means valid Go too: every ok_ file (one package, so names are distinct)
    passes `go vet` against the machine library."""
    if shutil.which("go") is None:
        pytest.skip("go is not installed")
    (tmp_path / "go.mod").write_text((ROOT / "go.mod").read_text())
    (tmp_path / "goose").symlink_to(ROOT / "goose")
    pkg = tmp_path / "corpus"
    pkg.mkdir()
    for name in ACCEPTED:
        shutil.copy(CORPUS / name, pkg / name)
    env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod")
    r = subprocess.run(["go", "vet", "./corpus/"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr


def test_cli_translate_with_errors(tmp_path: Path) -> None:
    """translate prints the model of what it could lower on stdout, the diagnostics on
    stderr, and exits 1."""
    pkg = tmp_path / "p"
    pkg.mkdir()
    (pkg / "p.go").write_text("package p\n\nfunc F(x int) uint64 {\n\treturn 1\n}\n\nfunc G() uint64 {\n\treturn 2\n}\n")
    r = run_cli("translate", str(pkg))
    assert r.returncode == 1
    assert "[goose/signed-int]" in r.stderr and "p.go:3:10:" in r.stderr
    assert r.stdout.startswith("package p\n") and "func G() -> (uint64) {  @p.go:7:1" in r.stdout
