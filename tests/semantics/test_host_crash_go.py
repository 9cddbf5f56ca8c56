"""The explorer's device models and the Go machine library (MemDisk, MemFS) implement one
host-crash rule: for random valid workloads, the set of states a host crash may leave is the
same on both sides (Go enumerates every sequence of its Chooser's choices)."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from goose.semantics import devices as D

ROOT = Path(__file__).resolve().parents[2]
SIZE = 3


@pytest.fixture(scope="module")
def oracle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("go") is None:
        pytest.fail("go is not installed (the machine library's side cannot be checked)")
    out = tmp_path_factory.mktemp("oracle") / "oracle"
    env = dict(os.environ, GOTOOLCHAIN="local", GOPROXY="off", GOFLAGS="-mod=mod")
    subprocess.run(["go", "build", "-o", str(out), "./tests/semantics/hostcrash_oracle"], cwd=ROOT, env=env,
                   check=True, capture_output=True, timeout=300)
    return out


def go_outcomes(oracle: Path, steps: list) -> list[str]:
    r = subprocess.run([str(oracle)], input=json.dumps(steps), capture_output=True, text=True, check=True, timeout=60)
    return r.stdout.splitlines()


def model_outcomes(steps: list) -> list[str]:
    dev = D.Devices(disk=D.Disk.fresh(SIZE), fs=D.FileSys())
    for d in ("a", "b"):
        dev, _ = D.call(dev, 0, 0, "filesys", "Mkdir", [d], 0)
    fds: dict[str, object] = {}
    for s in steps:
        k = s[0]
        if k == "write":
            dev, _ = D.call(dev, 0, 0, "disk", "Write", [s[1], bytes([s[2]]) * D.BLOCK_SIZE], 0)
        elif k == "barrier":
            dev, _ = D.call(dev, 0, 0, "disk", "Barrier", [], 0)
        elif k == "create":
            dev, (fd, ok) = D.call(dev, 0, 0, "filesys", "Create", [s[1], s[2]], 0)
            assert ok
            fds[f"{s[1]}/{s[2]}"] = fd
        elif k == "append":
            dev, _ = D.call(dev, 0, 0, "filesys", "Append", [fds[f"{s[1]}/{s[2]}"], s[3].encode()], 0)
        elif k == "fsync":
            dev, _ = D.call(dev, 0, 0, "filesys", "Fsync", [fds[f"{s[1]}/{s[2]}"]], 0)
        elif k == "fsyncdir":
            dev, _ = D.call(dev, 0, 0, "filesys", "FsyncDir", [s[1]], 0)
        elif k == "sync":
            dev, _ = D.call(dev, 0, 0, "filesys", "Sync", [], 0)
        elif k == "delete":
            dev, _ = D.call(dev, 0, 0, "filesys", "Delete", [s[1], s[2]], 0)
        elif k == "link":
            dev, ok = D.call(dev, 0, 0, "filesys", "Link", [s[1], s[2], s[3], s[4]], 0)
            assert ok
    out = set()
    for after, _ in dev.host_outcomes():
        assert after.disk is not None and after.fs is not None
        line = "".join(f"{b[0]}," for b in after.disk.blocks)
        ino = dict(after.fs.inodes)
        for d in ("a", "b"):
            line += f" {d}:" + "".join(f"{n}={json.dumps(ino[i].decode())}" for n, i in sorted(after.fs.dir(d).items()))
        out.add(line)
    return sorted(out)


def random_workload(r: random.Random) -> list:
    """A valid workload: names tracked so that every step is allowed."""
    names: dict[str, set[str]] = {"a": set(), "b": set()}
    created: list[str] = []  # files with an append descriptor, as dir/name at creation
    steps: list = []
    for _ in range(r.randint(0, 7)):
        k = r.choice(["write", "barrier", "create", "append", "fsync", "fsyncdir", "delete", "link", "sync"])
        d, n = r.choice("ab"), r.choice("xy")
        if k == "write":
            steps.append(["write", r.randrange(SIZE), r.randint(0, 3)])
        elif k == "barrier":
            steps.append(["barrier"])
        elif k == "create" and n not in names[d] and f"{d}/{n}" not in created:
            names[d].add(n)
            created.append(f"{d}/{n}")
            steps.append(["create", d, n])
        elif k in ("append", "fsync") and created:
            cd, cn = r.choice(created).split("/")
            steps.append([k, cd, cn] + ([r.choice(["p", "qr"])] if k == "append" else []))
        elif k == "fsyncdir":
            steps.append(["fsyncdir", d])
        elif k == "sync":
            steps.append(["sync"])
        elif k == "delete" and n in names[d]:
            names[d].discard(n)
            steps.append(["delete", d, n])
        elif k == "link" and n in names[d]:
            d2, n2 = r.choice("ab"), r.choice("xy")
            if n2 not in names[d2]:
                names[d2].add(n2)
                steps.append(["link", d, n, d2, n2])
    return steps


def test_models_agree_on_hand_written_workloads(oracle: Path) -> None:
    cases = [
        [],
        [["write", 0, 1], ["barrier"], ["write", 0, 2], ["write", 1, 3]],
        [["create", "a", "x"], ["append", "a", "x", "hi"], ["fsync", "a", "x"], ["append", "a", "x", "yo"],
         ["fsyncdir", "a"], ["link", "a", "x", "b", "y"], ["delete", "a", "x"]],
        [["create", "a", "x"], ["delete", "a", "x"], ["fsyncdir", "a"], ["write", 2, 1]],
        # Sync: every directory and file durable, the disk not (it has its own Barrier)
        [["create", "a", "x"], ["append", "a", "x", "hi"], ["link", "a", "x", "b", "y"], ["write", 0, 1],
         ["sync"], ["append", "a", "x", "yo"], ["delete", "b", "y"]],
    ]
    for steps in cases:
        assert go_outcomes(oracle, steps) == model_outcomes(steps), steps


def test_models_agree_on_random_workloads(oracle: Path) -> None:
    r = random.Random(12)
    for _ in range(120):
        steps = random_workload(r)
        assert go_outcomes(oracle, steps) == model_outcomes(steps), steps
