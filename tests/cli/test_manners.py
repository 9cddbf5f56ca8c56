"""Command-line manners: help text on every option of `armada` and `goose`, documented exit
codes, no internal error when the reader of the output goes away (`... | head`), `armada
init` in a user's module, and the LICENSE."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from armada_ls import scaffold
from armada_ls.cli import _parser as armada_parser
from goose.cli import parser as goose_parser

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "lsp" / "fixtures" / "repl.go"
GO_ENV = {"GOTOOLCHAIN": "local", "GOPROXY": "off", "GOFLAGS": "-mod=mod"}


def all_actions(p: argparse.ArgumentParser, path: str = "") -> list[tuple[str, argparse.Action]]:
    out: list[tuple[str, argparse.Action]] = []
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for name, sub in a.choices.items():
                out.extend(all_actions(sub, f"{path} {name}".strip()))
        elif not isinstance(a, argparse._HelpAction):
            out.append((path, a))
    return out


@pytest.mark.parametrize("make", [armada_parser, goose_parser], ids=["armada", "goose"])
def test_every_option_has_help_text(make) -> None:  # type: ignore[no-untyped-def]
    p = make()
    actions = all_actions(p)
    assert len(actions) >= 2
    missing = [f"{cmd}: {a.option_strings or a.dest}" for cmd, a in actions if not (a.help or "").strip()]
    assert not missing, missing
    for a in p._actions:
        if isinstance(a, argparse._SubParsersAction):
            for choice in a._choices_actions:  # each command's one-line help
                assert (choice.help or "").strip(), choice.dest


@pytest.mark.parametrize("make", [armada_parser, goose_parser], ids=["armada", "goose"])
def test_exit_codes_are_in_the_help(make) -> None:  # type: ignore[no-untyped-def]
    text = make().format_help()
    for code in ("0 ", "1 ", "2 ", "141 "):
        assert f"\n  {code}" in text, text


def python_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env["ARMADA_TEST_IMPLS"] = "armada_ls.verify:verify_function=tests.lsp.standins:fake_verify"
    return env


def into_closed_pipe(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    """Run with stdout a pipe whose reader has already gone away, as `| head` leaves it."""
    r, w = os.pipe()
    os.close(r)
    try:
        p = subprocess.run([sys.executable, "-m", *args], stdout=w, stderr=subprocess.PIPE, cwd=cwd,
                           env=python_env(), timeout=300)
    finally:
        os.close(w)
    return p


def test_armada_verify_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    d = tmp_path / "repl"
    d.mkdir()
    shutil.copy(FIXTURE, d / "repl.go")
    p = into_closed_pipe(["armada_ls.cli", "verify", "--no-cache", str(d)], tmp_path)
    err = p.stderr.decode()
    assert "Broken pipe" not in err and "internal error" not in err and "Traceback" not in err, err
    assert p.returncode == 141, err


def test_armada_explore_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    p = into_closed_pipe(["armada_ls.cli", "explore", "-q", "--goroutines", "1", "--ops-each", "1", "--crashes", "0",
                          "--disk-failures", "0", str(ROOT / "proofs" / "repldisk")], tmp_path)
    err = p.stderr.decode()
    assert "Broken pipe" not in err and "internal error" not in err and "Traceback" not in err, err
    assert p.returncode == 141, err


def test_goose_check_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    p = into_closed_pipe(["goose.cli", "check", str(ROOT / "tests" / "goose" / "corpus" / "rej_goto.go")], tmp_path)
    err = p.stderr.decode()
    assert "Broken pipe" not in err and "Traceback" not in err, err
    assert p.returncode == 141, err


# ---------------------------------------------------------------- armada init


def new_module(tmp_path: Path, name: str = "example.com/m") -> Path:
    m = tmp_path / "m"
    m.mkdir()
    (m / "go.mod").write_text(f"module {name}\n\ngo 1.22\n")
    return m


def armada_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "armada_ls.cli", *args], cwd=cwd, env=python_env(),
                          capture_output=True, text=True, timeout=300)


def test_init_outside_a_module_is_a_usage_error(tmp_path: Path) -> None:
    r = armada_cli("init", str(tmp_path), cwd=tmp_path)
    assert r.returncode == 2 and "go mod init" in r.stderr
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_init_refuses_a_module_that_already_replaces_armada(tmp_path: Path) -> None:
    m = new_module(tmp_path)
    text = "module example.com/m\n\ngo 1.22\n\nreplace armada => ../armada\n"
    (m / "go.mod").write_text(text)
    r = armada_cli("init", cwd=m)
    assert r.returncode == 2 and "already requires or replaces armada" in r.stderr, r.stderr
    assert (m / "go.mod").read_text() == text and not (m / ".armada").exists()


def test_init_rejects_a_bad_package_name_an_old_go_and_the_armada_module_name(tmp_path: Path) -> None:
    m = new_module(tmp_path)
    assert armada_cli("init", "--package", "Not-Go", cwd=m).returncode == 2
    (m / "go.mod").write_text("module example.com/m\n\ngo 1.21\n")
    r = armada_cli("init", cwd=m)
    assert r.returncode == 2 and "go mod edit -go=1.22" in r.stderr, r.stderr
    assert (m / "go.mod").read_text() == "module example.com/m\n\ngo 1.21\n" and not (m / ".armada").exists()
    (m / "go.mod").write_text("module armada\n\ngo 1.22\n")
    r = armada_cli("init", cwd=m)
    assert r.returncode == 2 and "rename it" in r.stderr


def test_init_twice_keeps_files_and_one_gomod_block_and_update_refreshes(tmp_path: Path) -> None:
    m = new_module(tmp_path)
    (m / ".gitignore").write_text("bin/")
    assert armada_cli("init", cwd=m).returncode == 0
    starter = m / "register" / "register.go"
    starter.write_text(starter.read_text() + "\n// mine\n")
    r = armada_cli("init", cwd=m)
    assert r.returncode == 0 and "kept  register/register.go" in r.stdout
    assert starter.read_text().endswith("// mine\n")
    gomod = (m / "go.mod").read_text()
    assert gomod.count(scaffold.BEGIN) == 1 and gomod.count("armada => ./.armada/go/armada") == 1
    assert (m / ".gitignore").read_text() == "bin/\n.armada-cache/\n"
    lost = m / ".armada" / "go" / "armada" / "goose" / "machine" / "disk" / "disk.go"
    lost.unlink()
    assert armada_cli("init", "--update", cwd=m).returncode == 0
    assert lost.exists()
    assert not any(p.name.endswith("_test.go") for p in (m / ".armada").rglob("*"))


def test_init_module_builds_with_goose_style_imports(tmp_path: Path) -> None:
    """After init, code written against Goose's machine library (every shim) builds and its
    tests run offline; `goose check` accepts it."""
    m = new_module(tmp_path)
    assert armada_cli("init", "--no-starter", cwd=m).returncode == 0
    app = m / "app"
    app.mkdir()
    for name in ("ok_compat_goose2019.go", "ok_compat_primitive.go", "ok_compat_marshal.go"):
        (app / name).write_text((ROOT / "tests" / "goose" / "corpus" / name).read_text().replace("package corpus", "package app"))
    (app / "app_test.go").write_text(
        'package app\n\nimport (\n\t"testing"\n\n\t"armada/goose/machine/disk"\n)\n\n'
        "func TestRoundTrip(t *testing.T) {\n\tdisk.Use(disk.NewMemDisk(2))\n\tWriteHeader(5)\n"
        "\tif ReadHeader() != 5 {\n\t\tt.Fatal(\"header\")\n\t}\n"
        "\tr := DecodeRecord(EncodeRecord(&Record{Id: 3, Refs: []uint64{1, 2}, Name: []byte(\"x\")}))\n"
        "\tif r.Id != 3 || len(r.Refs) != 2 || string(r.Name) != \"x\" {\n\t\tt.Fatal(r)\n\t}\n}\n")
    env = dict(os.environ, **GO_ENV)
    for cmd in (["go", "vet", "./..."], ["go", "test", "./..."]):
        r = subprocess.run(cmd, cwd=m, env=env, capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stdout + r.stderr
    r = subprocess.run([sys.executable, "-m", "goose.cli", "check", "./..."], cwd=m, env=python_env(),
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr


def test_license_is_mit_at_the_root_and_the_extension_reuses_it() -> None:
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License")
    assert (ROOT / "vscode-extension" / "LICENSE").read_text() == text
    assert 'license = "MIT"' in (ROOT / "pyproject.toml").read_text()


def test_init_editor_hint_names_real_extension_settings() -> None:
    """The settings `armada init` writes are settings the extension declares, and the
    recommended extension id is the extension's."""
    import json

    pkg = json.loads((ROOT / "vscode-extension" / "package.json").read_text())
    declared = set(pkg["contributes"]["configuration"]["properties"])
    assert set(scaffold.VSCODE_SETTINGS) <= declared, set(scaffold.VSCODE_SETTINGS) - declared
    assert f"{pkg['publisher']}.{pkg['name']}" in scaffold.VSCODE_EXTENSIONS["recommendations"]
