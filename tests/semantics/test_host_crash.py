"""The host-crash rule of docs/machine.md on the device models: every outcome it allows is
listed, nothing else, each once.

disk: each block holds its value at the last Barrier or any value written to it since
(blocks independently). filesys: each directory operation since the directory's last
FsyncDir has happened or not (independently); each file still named keeps a prefix of its
bytes at least as long as its length at its last Fsync."""

from __future__ import annotations

import itertools

import pytest

from goose.semantics import devices as D
from goose.semantics import errors as E


def blk(n: int) -> bytes:
    return bytes([n]) * D.BLOCK_SIZE


def disk_call(dev: D.Devices, name: str, *args: object) -> D.Devices:
    return D.call(dev, 0, 0, "disk", name, list(args), 0)[0]


def fs_call(dev: D.Devices, name: str, *args: object) -> tuple[D.Devices, object]:
    return D.call(dev, 0, 0, "filesys", name, list(args), 0)


def test_disk_outcomes_are_the_barrier_value_or_any_later_write_per_block() -> None:
    dev = D.Devices(disk=D.Disk.fresh(3))
    dev = disk_call(dev, "Write", 0, blk(1))
    dev = disk_call(dev, "Barrier")
    dev = disk_call(dev, "Write", 0, blk(2))
    dev = disk_call(dev, "Write", 0, blk(3))
    dev = disk_call(dev, "Write", 0, blk(2))  # a repeated value is one outcome
    dev = disk_call(dev, "Write", 1, blk(4))
    outs = dev.host_outcomes()
    got = [o.disk.blocks for o, _ in outs]
    want = {(b0, b1, blk(0)) for b0 in (blk(1), blk(2), blk(3)) for b1 in (blk(0), blk(4))}
    assert set(got) == want and len(got) == len(want)
    assert outs[0][0].disk.blocks == (blk(1), blk(0), blk(0))  # first: only what the Barrier covered
    assert outs[0][1] and all("lost" in m for m in outs[0][1])
    # After the crash the state is durable: nothing more to lose.
    after = outs[3][0]
    assert len(after.host_outcomes()) == 1 and after.host_outcomes()[0][0] == after


def test_disk_barrier_makes_writes_durable_and_process_crash_keeps_them_volatile() -> None:
    dev = disk_call(D.Devices(disk=D.Disk.fresh(1)), "Write", 0, blk(5))
    proc = dev.crash(False)
    assert proc.disk.blocks[0] == blk(5)
    assert {o.disk.blocks[0] for o, _ in proc.host_outcomes()} == {blk(0), blk(5)}  # still unsynced
    synced = disk_call(dev, "Barrier")
    assert [o.disk.blocks for o, _ in synced.host_outcomes()] == [(blk(5),)]


def test_write_and_barrier_do_not_commute_for_the_explorer() -> None:
    r_w, w_w = D.footprint("disk", "Write", [0, blk(1)])
    r_b, w_b = D.footprint("disk", "Barrier", [])
    assert (w_w & (r_b | w_b)) or (w_b & (r_w | w_w)), "a Write and a Barrier must be dependent"
    r2, w2 = D.footprint("disk", "Write", [1, blk(1)])
    assert not (w_w & (r2 | w2)) and not (w2 & (r_w | w_w)), "writes to different blocks commute"


def fs_with(*dirs: str) -> D.Devices:
    dev = D.Devices(fs=D.FileSys())
    for d in dirs:
        dev, _ = fs_call(dev, "Mkdir", d)
    return dev


def view(dev: D.Devices) -> tuple:
    """Directories with each name's contents."""
    fs = dev.fs
    assert fs is not None
    ino = dict(fs.inodes)
    return tuple((d, tuple((n, ino[i]) for n, i in ents)) for d, ents in fs.dirs)


def test_unsynced_file_keeps_any_prefix_at_least_its_synced_length() -> None:
    dev = fs_with("d")
    dev, (fd, _) = fs_call(dev, "Create", "d", "f")
    dev, _ = fs_call(dev, "FsyncDir", "d")
    dev, _ = fs_call(dev, "Append", fd, b"ab")
    dev, _ = fs_call(dev, "Fsync", fd)
    dev, _ = fs_call(dev, "Append", fd, b"cde")
    got = [view(o) for o, _ in dev.host_outcomes()]
    want = [(("d", (("f", b"ab"[:2] + b"cde"[:k]),)),) for k in range(4)]
    assert sorted(got) == sorted(want) and len(got) == 4
    assert view(dev.crash(True)) == (("d", (("f", b"ab"),)),)
    lost = dev.host_outcomes()[0][1]
    assert lost == ["file d/f keeps 2 of its 5 bytes (2 made durable by Fsync)"]


def test_each_unsynced_directory_operation_happens_or_not() -> None:
    dev = fs_with("a", "b")
    dev, (fd, _) = fs_call(dev, "Create", "a", "x")
    dev, _ = fs_call(dev, "Fsync", fd)
    dev, _ = fs_call(dev, "Close", fd)
    dev, (fd2, _) = fs_call(dev, "Create", "a", "y")  # empty, never synced
    dev, _ = fs_call(dev, "Close", fd2)
    dev, _ = fs_call(dev, "FsyncDir", "a")  # a: {x, y} durable
    dev, _ = fs_call(dev, "Link", "a", "x", "b", "z")  # unsynced in b
    dev, _ = fs_call(dev, "Delete", "a", "y")  # unsynced in a
    outs = dev.host_outcomes()
    got = {view(o) for o, _ in outs}
    want = set()
    for link, delete in itertools.product((False, True), repeat=2):
        a = (("x", b""),) + ((("y", b""),) if not delete else ())
        b = (("z", b""),) if link else ()
        want.add((("a", a), ("b", b)))
    assert got == want and len(outs) == 4
    # The link keeps naming the same file as its source.
    for o, _ in outs:
        ents = dict(o.fs.dirs)
        if ents["b"]:
            assert dict(ents["b"])["z"] == dict(ents["a"])["x"]
    msgs = [m for _, lost in outs for m in lost]
    assert "Link b/z did not survive (not made durable by FsyncDir('b'))" in msgs
    assert "Delete a/y did not survive (not made durable by FsyncDir('a'))" in msgs


def test_create_then_delete_unsynced_and_files_no_name_keeps_are_gone() -> None:
    dev = fs_with("d")
    dev, (fd, _) = fs_call(dev, "Create", "d", "t")
    dev, _ = fs_call(dev, "Append", fd, b"z")
    dev, _ = fs_call(dev, "Fsync", fd)
    dev, _ = fs_call(dev, "Delete", "d", "t")
    got = {view(o) for o, _ in dev.host_outcomes()}
    # create kept or not, delete kept or not: t is there only if created and not deleted
    assert got == {(("d", ()),), (("d", (("t", b"z"),)),)}
    for o, _ in dev.host_outcomes():
        named = {i for _, e in o.fs.dirs for _, i in e}
        assert {i for i, _ in o.fs.inodes} == named
        assert o.fs.fds == ()


def test_too_many_outcomes_is_a_clear_error_not_a_hang() -> None:
    dev = fs_with("d")
    dev, (fd, _) = fs_call(dev, "Create", "d", "big")
    dev, _ = fs_call(dev, "FsyncDir", "d")
    for _ in range(6):
        dev, _ = fs_call(dev, "Append", fd, bytes(4096))
    with pytest.raises(E.Unsupported) as ei:
        dev.host_outcomes()
    assert "more than" in ei.value.message and "host crash" in ei.value.message
