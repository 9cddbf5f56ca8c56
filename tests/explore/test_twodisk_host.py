"""The replicated disk under `crash_model host` (tests/verify/programs/host_twodisk_repl):
the verifier proves it (a twodisk.Write is durable when it returns, so a power loss leaves
what a process crash leaves), and the explorer, with a host crash in its bounds, agrees; the
seeded bug that never writes disk 2 is found by both."""

from __future__ import annotations

from pathlib import Path

from armada_ls.explore import explore_path

PROGRAMS = Path(__file__).resolve().parents[1] / "verify" / "programs"


def test_correct_replicated_disk_passes_with_a_host_crash() -> None:
    res = explore_path(str(PROGRAMS / "host_twodisk_repl"))
    assert res.status == "pass", (res.status, res.messages)


def test_write_skipping_disk2_is_found_with_a_host_crash() -> None:
    res = explore_path(str(PROGRAMS / "host_twodisk_repl_skips_disk2"))
    assert res.status == "fail" and res.violation is not None, (res.status, res.messages)
