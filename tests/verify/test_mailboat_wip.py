"""The crash-invariant proof of Mailboat that mailboat/README.md describes but the library
does not hold yet (docs/wip/mailboat-crash-inv.patch) still applies to the library: the
README's instructions (`git apply`) work, and a change to the library that breaks the patch
shows here rather than in the next attempt to land it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PATCH = ROOT / "docs" / "wip" / "mailboat-crash-inv.patch"


def test_the_crash_invariant_patch_applies_to_the_library(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "mailboat", tmp_path / "mailboat",
                    ignore=shutil.ignore_patterns("testdata"))
    done = subprocess.run(["git", "apply", str(PATCH)], cwd=tmp_path,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "crash_inv forall u uint64, k string :: Mail.has[u][k]" in \
        (tmp_path / "mailboat" / "mailboat.go").read_text()
