"""`armada init`: set up a user's Go module for Armada.

It vendors the Go machine library shipped with this Python package (goose/machine: disk,
twodisk, filesys, prims, and the shims with Goose's machine API) into `.armada/go/` of the
module, points `go.mod` at it with `require`/`replace` lines, and writes a starter
annotated package with a test and an editor settings hint. A vendored copy (rather than a
`replace` into site-packages) keeps the module building when the Python environment moves
or is upgraded; `armada init --update` refreshes it. Nothing existing is overwritten.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import goose
from goose import machine_api as M
from goose.frontend import find_module

MACHINE = Path(goose.__file__).resolve().parent / "machine"
LIBRARY_PACKAGES = ("disk", "twodisk", "filesys", "prims", "enc")
VENDOR = ".armada/go"
PSEUDO = "v0.0.0-00010101000000-000000000000"
GO_MIN = (1, 22)  # the library uses math/rand/v2
BEGIN = "// armada: the machine library (written by `armada init`; refresh with `armada init --update`)"
END = "// armada: end"


class InitError(Exception):
    """A reason `armada init` cannot proceed; nothing has been written."""


@dataclass
class InitResult:
    module: str
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # existing files left as they were


def machine_library() -> Path:
    """The Go machine library shipped with this package (present in a wheel install too)."""
    missing = [p for p in LIBRARY_PACKAGES if not (MACHINE / p).is_dir()]
    if missing:
        raise InitError(f"the Go machine library is missing from {MACHINE} ({', '.join(missing)}): reinstall armada")
    return MACHINE


def _copy_go(src: Path, dst: Path) -> None:
    """The Go sources of a package tree (no tests: they are ours, not the user's)."""
    for d, _subdirs, files in os.walk(src):
        rel = Path(d).relative_to(src)
        for name in files:
            if name.endswith(".go") and not name.endswith("_test.go") or name == "go.mod":
                (dst / rel).mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(d) / name, dst / rel / name)


def vendor(root: Path) -> list[str]:
    """Copy the library into root/.armada/go; returns the module paths it provides."""
    lib = machine_library()
    base = root / VENDOR
    if base.exists():
        shutil.rmtree(base)
    armada = base / M.MODULE
    for pkg in LIBRARY_PACKAGES:
        _copy_go(lib / pkg, armada / "goose" / "machine" / pkg)
    (armada / "go.mod").write_text(f"module {M.MODULE}\n\ngo 1.22\n", encoding="utf-8")
    modules = [M.MODULE]
    for mod, d in sorted(M.COMPAT_MODULES.items()):
        src = lib / "compat" / d
        if src.is_dir():
            _copy_go(src, base / "compat" / d)
            modules.append(mod)
    return modules


def gomod_block(modules: list[str]) -> str:
    lines = [BEGIN, "require ("]
    lines += [f"\t{m} {PSEUDO}" for m in modules]
    lines += [")", "", "replace ("]
    for m in modules:
        target = f"./{VENDOR}/{M.MODULE}" if m == M.MODULE else f"./{VENDOR}/compat/{M.COMPAT_MODULES[m]}"
        lines.append(f"\t{m} => {target}")
    lines += [")", END]
    return "\n".join(lines) + "\n"


def updated_gomod(gomod: Path, modules: list[str]) -> str:
    """go.mod's text with our block added or replaced (raises InitError, writing nothing,
    if go.mod already names one of the modules itself)."""
    text = gomod.read_text(encoding="utf-8")
    block = gomod_block(modules)
    pattern = re.compile(re.escape(BEGIN) + r".*?" + re.escape(END) + r"\n?", re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _m: block, text)
    else:
        for m in modules:
            # A module already required or replaced by hand: adding ours would make go.mod
            # invalid (duplicate requirement), so stop and say which line is in the way.
            if re.search(rf"^\s*(require\s+|replace\s+|\t){re.escape(m)}\s", text, re.M):
                raise InitError(f"{gomod} already requires or replaces {m}: remove that line (armada init writes its own)")
        text = text.rstrip("\n") + "\n\n" + block
    return text


STARTER = '''// Package {pkg} is a starter written by `armada init`: a one-block durable register on
// the machine's disk, with its specification and proof annotations. Run
//
//	armada verify ./...
//
// to prove it, and edit it into your own code (docs: docs/walkthrough.md of Armada).
package {pkg}

import (
	"sync"

	"armada/goose/machine/disk"
)

//@ disk_size 1
//@ spec Register {{
//@   state val: disk.Block
//@   op Put(b disk.Block) {{ require len(b) == disk.BlockSize; val = b }}
//@   op Get() disk.Block {{ return val }}
//@   crash {{ }}
//@ }}

// What survives a crash: the register's value is block 0.
//@ crash_inv Register.val == disk.D[0]

// Register is the durable register; mu guards block 0.
type Register struct {{
	mu *sync.Mutex //@ lock_inv lease(disk.D[0])
}}

// Recover builds the register after a crash (or at start).
//@ recover
func Recover() *Register {{
	return &Register{{mu: new(sync.Mutex)}}
}}

// Put stores b durably.
//@ implements Register.Put
//@ requires len(b) == disk.BlockSize
func (r *Register) Put(b disk.Block) {{
	r.mu.Lock()
	disk.Write(0, b) //@ linearize
	r.mu.Unlock()
}}

// Get returns the stored block.
//@ implements Register.Get
func (r *Register) Get() disk.Block {{
	r.mu.Lock()
	v := disk.Read(0) //@ linearize
	r.mu.Unlock()
	return v
}}
'''

STARTER_TEST = '''package {pkg}

import (
	"testing"

	"armada/goose/machine/disk"
)

func TestPutGet(t *testing.T) {{
	disk.Use(disk.NewMemDisk(1))
	r := Recover()
	b := make([]byte, disk.BlockSize)
	b[0] = 7
	r.Put(b)
	if got := Recover().Get(); got[0] != 7 {{
		t.Fatalf("after recovery the register holds %d, want 7", got[0])
	}}
}}
'''

VSCODE_SETTINGS = {
    "armada.verifyOn": "change",
    "armada.serverPath": "",
}
VSCODE_EXTENSIONS = {"recommendations": ["armada.armada-vscode", "golang.go"]}


def _write_new(path: Path, text: str, res: InitResult, root: Path) -> None:
    rel = str(path.relative_to(root))
    if path.exists():
        res.kept.append(rel)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    res.created.append(rel)


def init(directory: str, package: str = "register", starter: bool = True, update: bool = False) -> InitResult:
    """Set up the module that holds `directory` (see the module docstring)."""
    mod = find_module(directory)
    if mod is None:
        raise InitError(f"{directory}: not inside a Go module (no go.mod here or above); run `go mod init NAME` first")
    if mod.path == M.MODULE:
        raise InitError(f"{mod.root}: the module is named {M.MODULE!r}, the name of Armada's machine library; rename it in go.mod")
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", package):
        raise InitError(f"{package!r} is not a Go package name (lower-case letters, digits, _)")
    root = Path(mod.root)
    go = re.search(r"^go\s+(\d+)\.(\d+)", (root / "go.mod").read_text(encoding="utf-8"), re.M)
    if go is not None and (int(go.group(1)), int(go.group(2))) < GO_MIN:
        raise InitError(f"{root / 'go.mod'} says go {go.group(1)}.{go.group(2)}; the machine library needs go "
                        f"{GO_MIN[0]}.{GO_MIN[1]} or newer: run `go mod edit -go={GO_MIN[0]}.{GO_MIN[1]}` first")
    res = InitResult(mod.path)
    machine_library()
    modules = [M.MODULE, *sorted(m for m, d in M.COMPAT_MODULES.items() if (MACHINE / "compat" / d).is_dir())]
    gomod = updated_gomod(root / "go.mod", modules)  # checked before anything is written
    if vendor(root) != modules:
        raise InitError("the machine library changed while it was being copied; run armada init again")
    res.created.append(VENDOR + "/")
    (root / "go.mod").write_text(gomod, encoding="utf-8")
    res.created.append("go.mod (require/replace block)")
    if update:
        return res
    if starter:
        _write_new(root / package / f"{package}.go", STARTER.format(pkg=package), res, root)
        _write_new(root / package / f"{package}_test.go", STARTER_TEST.format(pkg=package), res, root)
    _write_new(root / ".vscode" / "settings.json", json.dumps(VSCODE_SETTINGS, indent=2) + "\n", res, root)
    _write_new(root / ".vscode" / "extensions.json", json.dumps(VSCODE_EXTENSIONS, indent=2) + "\n", res, root)
    gi = root / ".gitignore"
    existing = gi.read_text(encoding="utf-8") if gi.exists() else ""
    if ".armada-cache" not in existing:
        gi.write_text(existing + ("" if existing.endswith("\n") or not existing else "\n") + ".armada-cache/\n", encoding="utf-8")
        res.created.append(".gitignore (.armada-cache/)")
    return res
