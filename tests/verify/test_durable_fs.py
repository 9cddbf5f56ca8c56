"""`durable(filesys.Dirs[d][n])` and `durable(filesys.Files[d][n])` (durability.durable_fs)
and filesys.Sync() against the explorer's device: for scripted single-thread call sequences,
the verifier's durable(...) is true exactly when every outcome of a power loss the explorer
enumerates keeps the name as it is now (absent, or naming the same file with all its bytes
for Files; the same presence for Dirs), and the outcomes after a Sync are the explorer's."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
import z3

from armada_ls.verify import durability, filesys, fsleases, smt
from armada_ls.verify.state import Lease, State
from goose import ir
from goose.semantics import devices as D
from tests.verify.test_filesys import NAMES, SCRIPTS, _Ctx, _Ev, _explorer, _verifier

SYNC_SCRIPTS = {
    "sync after unsynced work": [("Create", ("a", "x")), ("Append", ("a/x", 2)), ("Link", ("a", "x", "b", "y")),
                                 ("Sync", ())],
    "sync, then more": [("Create", ("a", "x")), ("Append", ("a/x", 1)), ("Sync", ()), ("Append", ("a/x", 2)),
                        ("Delete", ("a", "x")), ("Create", ("b", "y"))],
    "sync between link and delete": [("Create", ("a", "x")), ("Append", ("a/x", 2)), ("Fsync", ("a/x",)),
                                     ("Link", ("a", "x", "b", "y")), ("Sync", ()), ("Delete", ("a", "x"))],
}
ALL = {**SCRIPTS, **SYNC_SCRIPTS}


def _run_explorer(script: list) -> tuple[D.FileSys, list[D.FileSys]]:
    dev = D.Devices(fs=D.FileSys())
    fds: dict[str, Any] = {}
    for d in ("a", "b"):
        dev, _ = D._filesys(dev, 0, 0, "Mkdir", [d])
    for name, args in script:
        if name == "Create":
            dev, (fd, ok) = D._filesys(dev, 0, 0, name, list(args))
            fds[f"{args[0]}/{args[1]}"] = fd
        elif name == "Append":
            dev, _ = D._filesys(dev, 0, 0, name, [fds[args[0]], b"z" * args[1]])
        elif name in ("Fsync", "Close"):
            dev, _ = D._filesys(dev, 0, 0, name, [fds[args[0]]])
        else:
            dev, _ = D._filesys(dev, 0, 0, name, list(args))
    assert dev.fs is not None
    return dev.fs, [fs for fs, _ in dev.fs.host_outcomes()]


def _explorer_durable(script: list) -> dict[tuple[str, str, str], bool]:
    now, outs = _run_explorer(script)
    cur = {d: dict(e) for d, e in now.dirs}
    data = dict(now.inodes)
    out = {}
    for d, n in NAMES:
        i = cur[d].get(n)
        dirs_ok = files_ok = True
        for fs in outs:
            j = {dd: dict(e) for dd, e in fs.dirs}[d].get(n)
            dirs_ok &= (j is None) == (i is None)
            # inodes keep their numbers across a host crash in the device: same file, all bytes
            files_ok &= j == i and (i is None or dict(fs.inodes)[j] == data[i])
        out[("Dirs", d, n)], out[("Files", d, n)] = dirs_ok, files_ok
    return out


def _verifier_durable(script: list, mode: str) -> dict[tuple[str, str, str], bool]:
    ctx = _Ctx(mode=mode)
    ex = SimpleNamespace(ctx=ctx, ev=_Ev())
    st = State()
    filesys.zero(st)
    for d in ("a", "b"):
        x = z3.String(f"name_{d}")
        st.leases.append(Lease(fsleases.entry_array(d), x, z3.BoolVal(True), z3.IntVal(0), x))
        st.durable[filesys.ISDIR] = z3.Store(filesys.isdir(st), z3.StringVal(d), True)
    span = ir.Span(ir.Pos(0, 0), ir.Pos(0, 0))
    fds: dict[str, Any] = {}

    def run(name: str, *args: Any) -> Any:
        return filesys.call(ex, ir.Call(span=span, type=None, pkg="filesys", name=name,  # type: ignore[arg-type]
                                        args=[SimpleNamespace(value=a) for a in args]), st)

    for name, args in script:
        if name == "Create":
            fd, ok = run(name, *(z3.StringVal(a) for a in args))
            st.assume(ok)
            fds[f"{args[0]}/{args[1]}"] = fd
        elif name == "Append":
            run(name, fds[args[0]], smt.ZEROS(z3.IntVal(args[1])))
        elif name in ("Fsync", "Close"):
            run(name, fds[args[0]])
        else:
            run(name, *(z3.StringVal(a) for a in args))
    assert not ctx.failed, ctx.failed
    out = {}
    for kind in ("Dirs", "Files"):
        for d, n in NAMES:
            goal = durability.durable_fs(st, kind, z3.StringVal(d), z3.StringVal(n))
            yes, no = z3.Solver(), z3.Solver()
            yes.add(*st.path, z3.Not(goal))
            no.add(*st.path, goal)
            proved, refuted = yes.check() == z3.unsat, no.check() == z3.unsat
            assert proved != refuted, (kind, d, n, "durable(...) is neither proved nor refuted")
            out[(kind, d, n)] = proved
    return out


@pytest.mark.parametrize("mode", ["init", "op"])
@pytest.mark.parametrize("name", sorted(ALL))
def test_durable_matches_the_explorer(name: str, mode: str) -> None:
    assert _verifier_durable(ALL[name], mode) == _explorer_durable(ALL[name])


@pytest.mark.parametrize("mode", ["init", "op"])
@pytest.mark.parametrize("name", sorted(SYNC_SCRIPTS))
def test_outcomes_after_sync_match_the_explorer(name: str, mode: str) -> None:
    assert _verifier(SYNC_SCRIPTS[name], mode) == _explorer(SYNC_SCRIPTS[name])
