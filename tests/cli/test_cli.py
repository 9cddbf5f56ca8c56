"""`armada verify` / `armada explore` end to end, as a subprocess: exit codes, text, JSON,
SARIF shape, the cache and --jobs. The stand-in verifier (tests/lsp/standins.py) makes the
verdicts deterministic; tests marked `real` use the real verifier when it is available."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "lsp" / "fixtures" / "repl.go"
STANDIN = "armada_ls.verify:verify_function=tests.lsp.standins:fake_verify"


def armada(*args: str, standin: bool = True, cwd: Path | None = None, script: str | None = None,
           impls: str | None = None):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    if standin:
        env["ARMADA_TEST_IMPLS"] = STANDIN
    else:
        env.pop("ARMADA_TEST_IMPLS", None)
    if impls:
        env["ARMADA_TEST_IMPLS"] = impls
    cmd = [script] if script else [sys.executable, "-m", "armada_ls.cli"]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, env=env,
                          cwd=cwd or ROOT, timeout=300)


@pytest.fixture
def pkg(tmp_path: Path) -> Path:
    d = tmp_path / "repl"
    d.mkdir()
    shutil.copy(FIXTURE, d / "repl.go")
    return d


def with_helping(pkg: Path) -> Path:
    f = pkg / "repl.go"
    f.write_text(f.read_text().replace("twodisk.Write(twodisk.Disk1, a, v)\n",
                                       "twodisk.Write(twodisk.Disk1, a, v) //@ helping Disk.Write(a, v)\n"))
    return pkg


def test_usage_errors_exit_2(tmp_path):
    assert armada().returncode == 2
    assert armada("verify").returncode == 2
    r = armada("verify", str(tmp_path / "missing"))
    assert r.returncode == 2 and "not a directory" in r.stderr
    assert armada("frobnicate").returncode == 2


def test_failure_text_exit_1(pkg):
    r = armada("verify", "--no-cache", str(pkg))
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert any(": Rep.Write: FAILED, 0/1 obligations proved" in line for line in lines), r.stdout
    assert any(": Rep.Read: ok, 1/1 obligations proved" in line for line in lines)
    err = next(line for line in lines if ": error: " in line)
    file, line, col = err.split(":")[:3]
    assert file.endswith("repl.go") and int(line) == 1 + next(
        i for i, t in enumerate(FIXTURE.read_text().splitlines()) if "twodisk.Write(twodisk.Disk1" in t)
    assert int(col) == 2 and err.endswith("[verify/refinement]")
    assert "    crash point: " in r.stdout and "    hint: add `//@ helping Disk.Write(a, v)`" in r.stdout
    assert lines[-1].startswith("2 functions: 1 proved, 1 failed, 0 unknown")


def test_all_proved_exit_0_and_explain(pkg):
    r = armada("verify", "--no-cache", "--explain", str(with_helping(pkg)))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "    proved  refinement: " in r.stdout and "    proved  postcondition: " in r.stdout


def test_front_end_errors_are_errors(pkg):
    f = pkg / "repl.go"
    f.write_text(with_helping(pkg).joinpath("repl.go").read_text() + "\nfunc Bad(x int) int {\n\treturn x\n}\n")
    r = armada("verify", "--no-cache", str(f))
    assert r.returncode == 1
    assert any(":" in line and "[goose/" in line for line in r.stdout.splitlines()), r.stdout
    assert "Bad: not verified" in r.stdout
    broken = pkg / "broken.go"
    broken.write_text("package repl\n\nfunc Oops( {\n")
    r = armada("verify", "--no-cache", "--format", "json", str(pkg))
    data = json.loads(r.stdout)
    assert r.returncode == 1 and not data["ok"]
    assert any(d["code"] == "syntax" for d in data["diagnostics"])


def test_json_shape(pkg):
    r = armada("verify", "--no-cache", "--format", "json", str(pkg))
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["summary"]["functions"] == 2 and data["summary"]["failed"] == 1
    write = next(f for f in data["functions"] if f["function"] == "Rep.Write")
    assert write["status"] == "failed"
    ob = write["obligations"][0]
    assert {"kind", "status", "message", "file", "line", "col", "clause", "crashPoint",
            "counterexample", "timeMs", "hint"} <= set(ob)
    assert ob["kind"] == "refinement" and ob["hint"] == "helping Disk.Write(a, v)"


def test_sarif_shape(pkg):
    r = armada("verify", "--no-cache", "--format", "sarif", str(pkg), cwd=pkg.parent)
    assert r.returncode == 1
    log = json.loads(r.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "armada"
    rule_ids = [rule["id"] for rule in driver["rules"]]
    assert "verify/refinement" in rule_ids and "hint/helping" in rule_ids
    for res in run["results"]:
        assert res["ruleId"] in rule_ids and rule_ids[res["ruleIndex"]] == res["ruleId"]
        assert res["level"] in ("error", "warning", "note")
        assert res["message"]["text"]
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == "repl/repl.go"
        assert loc["region"]["startLine"] >= 1 and loc["region"]["startColumn"] >= 1
    failed = next(r for r in run["results"] if r["ruleId"] == "verify/refinement")
    assert failed["level"] == "error"
    assert failed["relatedLocations"][0]["message"]["text"] == "the crash point"


def test_cache_persists_and_jobs(pkg, tmp_path):
    cache = tmp_path / "cache"
    r1 = armada("verify", "--cache-dir", str(cache), "--jobs", "2", str(pkg))
    assert r1.returncode == 1
    files = list(cache.rglob("*.pkl"))
    assert len(files) == 2
    r2 = armada("verify", "--cache-dir", str(cache), str(pkg))
    assert r2.returncode == 1
    strip = [line.rsplit(",", 1)[0] for line in r1.stdout.splitlines()[:-1]]
    assert strip == [line.rsplit(",", 1)[0] for line in r2.stdout.splitlines()[:-1]]
    # editing one function re-verifies only that one (a new cache entry)
    f = pkg / "repl.go"
    f.write_text(f.read_text().replace("\tv2, _ := twodisk.Read", "\t// changed\n\tv2, _ := twodisk.Read"))
    armada("verify", "--cache-dir", str(cache), str(pkg))
    assert len(list(cache.rglob("*.pkl"))) == 3


def test_without_a_verifier_nothing_is_proved(pkg):
    r = armada("verify", "--no-cache", str(pkg), standin=False,
               impls="armada_ls.verify:verify_function=no_such_module:verify_function")
    assert r.returncode == 1
    assert "the verifier is not available" in r.stdout and " ok," not in r.stdout
    assert "note: the verifier is not available in this build" in r.stdout


def test_a_run_answered_from_the_cache_does_not_load_the_verifier(tmp_path):
    """Every function from the cache: the verifier (and Z3) is never imported, which is
    most of what a warm run would cost."""
    cache = tmp_path / "cache"
    counter = ROOT / "proofs" / "counter"
    assert armada("verify", "--cache-dir", str(cache), str(counter), standin=False).returncode == 0
    probe = ("import sys; from armada_ls.cli import main; code = main(['verify', '--cache-dir', "
             f"{str(cache)!r}, {str(counter)!r}]); "
             "print('LOADED' if 'armada_ls.verify.api' in sys.modules else 'NOT LOADED'); sys.exit(code)")
    r = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert r.returncode == 0, r.stdout + r.stderr
    assert " ok," in r.stdout and r.stdout.strip().endswith("NOT LOADED"), r.stdout


def test_real_verifier_repldisk_and_missing_helping():
    r = armada("verify", "--no-cache", "proofs/repldisk", standin=False)
    assert r.returncode == 0, r.stdout + r.stderr
    r = armada("verify", "--no-cache", "--format", "json", "proofs/repldisk/testdata/bugs/helping-missing", standin=False)
    assert r.returncode == 1
    data = json.loads(r.stdout)
    failed = [o for f in data["functions"] for o in f["obligations"] if o["status"] == "failed"]
    assert failed and all("helping" in o["hint"] for o in failed)


def test_console_script_if_installed(pkg):
    script = ROOT / ".venv" / "bin" / "armada"
    if not script.exists():
        pytest.skip("run `make setup` to install the console scripts")
    r = armada("verify", "--no-cache", str(with_helping(pkg)), script=str(script))
    assert r.returncode == 0, r.stdout + r.stderr


def test_explore_exit_codes(tmp_path):
    from armada_ls.engine import tasks

    r = armada("explore", str(tmp_path / "missing"), standin=False)
    assert r.returncode == 2
    if not tasks.explorer_available():
        r = armada("explore", str(ROOT / "proofs" / "repldisk"), standin=False)
        assert r.returncode == 2 and "not available" in r.stderr


def test_explore_finds_the_seeded_bug_and_passes_the_correct_code():
    r = armada("explore", "-q", "--goroutines", "1", "--ops-each", "1", "proofs/repldisk", standin=False)
    assert r.returncode == 0, r.stdout + r.stderr
    r = armada("explore", "-q", "--format", "json", "proofs/repldisk/testdata/bugs/write-skips-disk2", standin=False)
    assert r.returncode == 1, r.stdout + r.stderr
    data = json.loads(r.stdout)
    assert data["status"] == "fail" and data["findings"][0]["code"] == "explore/refinement"
    assert data["findings"][0]["related"], "each trace step is a related location"


def test_a_directory_without_go_files_is_a_usage_error_not_a_vacuous_pass(tmp_path):
    (tmp_path / "sub").mkdir()
    shutil.copy(FIXTURE, tmp_path / "sub" / "repl.go")
    r = armada("verify", str(tmp_path), standin=False)
    assert r.returncode == 2
    assert "DIR/..." in r.stderr


def test_dir_dot_dot_dot_verifies_every_package_below(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(FIXTURE, tmp_path / name / "repl.go")
    (tmp_path / "ignored").mkdir()
    (tmp_path / "ignored" / ".goose-ignore").write_text("ordinary Go\n")
    (tmp_path / "ignored" / "x.go").write_text("package x\n\nfunc F() int { return 1 }\n")
    r = armada("verify", "--no-cache", "--format", "json", f"{tmp_path}/...")
    data = json.loads(r.stdout)
    files = {os.path.dirname(f["file"]) for f in data["functions"]}
    assert files == {str(tmp_path / "a"), str(tmp_path / "b")}


def test_nothing_to_verify_is_not_success(tmp_path):
    d = tmp_path / "types"
    d.mkdir()
    (d / "t.go").write_text("package types\n\ntype T struct {\n\tx uint64\n}\n")
    r = armada("verify", "--no-cache", str(d), standin=False)
    assert r.returncode == 1
    assert "no functions were found" in r.stdout
