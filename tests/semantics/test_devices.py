"""The machine-library models and the crash model, table-driven on the device states."""

from __future__ import annotations

import pytest

from goose.semantics import devices as D
from goose.semantics import errors as E
from goose.semantics.values import Fd


def fs_with_dir() -> D.Devices:
    dev, _ = D.call(D.Devices(fs=D.FileSys()), 0, 0, "filesys", "Mkdir", ["d"], 0)
    return dev


def test_twodisk_failure_drops_writes_and_fails_reads() -> None:
    dev = D.Devices(twodisk=D.TwoDisk.fresh(2))
    blk = bytes([7]) * D.BLOCK_SIZE
    dev, _ = D.call(dev, 0, 0, "twodisk", "Write", [0, 1, blk], 0)
    dev = D.fail_disk(dev, 0)
    dev, _ = D.call(dev, 0, 0, "twodisk", "Write", [0, 0, blk], 0)
    assert D.call(dev, 0, 0, "twodisk", "Read", [0, 1], 0)[1] == (bytes(D.BLOCK_SIZE), False)
    assert D.call(dev, 0, 0, "twodisk", "Read", [1, 0], 0)[1] == (bytes(D.BLOCK_SIZE), True)
    assert dev.crash(host=False).twodisk == dev.twodisk  # durable, and the failure persists


@pytest.mark.parametrize("args,code", [
    (["Write", [0, 5, bytes(D.BLOCK_SIZE)]], E.UB_DISK_ADDR),
    (["Write", [0, 0, b"short"]], E.UB_BLOCK_SIZE),
    (["Read", [2, 0]], E.UB_DISK_ADDR),
])
def test_twodisk_undefined(args: list, code: str) -> None:
    with pytest.raises(E.UndefinedBehavior) as ei:
        D.call(D.Devices(twodisk=D.TwoDisk.fresh(2)), 0, 0, "twodisk", args[0], args[1], 0)
    assert ei.value.code == code


def test_filesys_create_append_link_list_delete() -> None:
    dev = fs_with_dir()
    dev, (fd, ok) = D.call(dev, 0, 0, "filesys", "Create", ["d", "a"], 0)
    assert ok and fd == Fd(0, 0)
    assert D.call(dev, 0, 0, "filesys", "Create", ["d", "a"], 0)[1] == (None, False)
    dev, _ = D.call(dev, 0, 0, "filesys", "Append", [fd, b"hi"], 0)
    dev, ok2 = D.call(dev, 0, 0, "filesys", "Link", ["d", "a", "d", "b"], 0)
    assert ok2 is True
    assert D.call(dev, 0, 0, "filesys", "Link", ["d", "a", "d", "b"], 0)[1] is False
    dev, _ = D.call(dev, 0, 0, "filesys", "Delete", ["d", "a"], 0)
    dev, tok = D.call(dev, 0, 7, "filesys", "List", ["d"], 0)
    dev, names = D.list_end(dev, 7, 0)
    assert names == ["b"]
    dev, rfd = D.call(dev, 0, 0, "filesys", "Open", ["d", "b"], 0)
    assert D.call(dev, 0, 0, "filesys", "ReadAt", [rfd, 0, 10], 0)[1] == b"hi"
    assert D.open_fds(dev) == 2


def test_list_is_not_atomic() -> None:
    dev = fs_with_dir()
    dev, (fd, _) = D.call(dev, 0, 0, "filesys", "Create", ["d", "a"], 0)
    dev, _ = D.call(dev, 0, 1, "filesys", "List", ["d"], 0)
    dev, _ = D.call(dev, 0, 0, "filesys", "Create", ["d", "b"], 0)  # while listing
    assert D.list_choices(dev, 1) == 2  # "b" may or may not be seen
    assert D.list_end(dev, 1, 0)[1] == ["a"]
    assert D.list_end(dev, 1, 1)[1] == ["a", "b"]


@pytest.mark.parametrize("op,args,code", [
    ("Delete", ["d", "missing"], E.UB_DELETE_MISSING),
    ("Open", ["d", "missing"], E.UB_MISSING_FILE),
    ("Link", ["d", "missing", "d", "x"], E.UB_MISSING_FILE),
    ("Append", [Fd(0, 99), b"x"], E.UB_BAD_FD),
    ("Close", [Fd(0, 99)], E.UB_BAD_FD),
    ("Create", ["d", ""], E.UB_BAD_NAME),
    ("Create", ["d", "a/b"], E.UB_BAD_NAME),
    ("Link", ["d", "x", "d", ".."], E.UB_BAD_NAME),
])
def test_filesys_undefined(op: str, args: list, code: str) -> None:
    with pytest.raises(E.UndefinedBehavior) as ei:
        D.call(fs_with_dir(), 0, 0, "filesys", op, args, 0)
    assert ei.value.code == code


def test_read_through_an_append_descriptor() -> None:
    dev = fs_with_dir()
    dev, (fd, _) = D.call(dev, 0, 0, "filesys", "Create", ["d", "a"], 0)
    with pytest.raises(E.UndefinedBehavior) as ei:
        D.call(dev, 0, 0, "filesys", "ReadAt", [fd, 0, 1], 0)  # MemFS panics: append-only
    assert ei.value.code == E.UB_BAD_FD


def test_append_limit_and_crashed_fd() -> None:
    dev = fs_with_dir()
    dev, (fd, _) = D.call(dev, 0, 0, "filesys", "Create", ["d", "a"], 0)
    with pytest.raises(E.UndefinedBehavior) as ei:
        D.call(dev, 0, 0, "filesys", "Append", [fd, bytes(D.MAX_APPEND + 1)], 0)
    assert ei.value.code == E.UB_APPEND_LIMIT
    after = dev.crash(host=False)
    assert D.open_fds(after) == 0
    with pytest.raises(E.UndefinedBehavior) as ei:
        D.call(after, 1, 0, "filesys", "Append", [fd, b"x"], 0)  # an fd of generation 0
    assert ei.value.code == E.UB_BAD_FD


def test_process_crash_keeps_everything_host_crash_only_what_was_fsynced() -> None:
    dev = fs_with_dir()
    dev, (fd, _) = D.call(dev, 0, 0, "filesys", "Create", ["d", "a"], 0)
    dev, _ = D.call(dev, 0, 0, "filesys", "Append", [fd, b"one"], 0)
    dev, _ = D.call(dev, 0, 0, "filesys", "Fsync", [fd], 0)
    dev, _ = D.call(dev, 0, 0, "filesys", "FsyncDir", ["d"], 0)
    dev, _ = D.call(dev, 0, 0, "filesys", "Append", [fd, b"two"], 0)
    dev, (_fd2, _) = D.call(dev, 0, 0, "filesys", "Create", ["d", "b"], 0)
    proc = dev.crash(host=False)
    assert set(proc.fs.dir("d")) == {"a", "b"}
    host = dev.crash(host=True)
    assert set(host.fs.dir("d")) == {"a"}
    ino = host.fs.dir("d")["a"]
    assert dict(host.fs.inodes)[ino] == b"one"


def test_disk_host_crash_keeps_what_the_barrier_flushed() -> None:
    dev = D.Devices(disk=D.Disk.fresh(2))
    one, two = bytes([1]) * D.BLOCK_SIZE, bytes([2]) * D.BLOCK_SIZE
    dev, _ = D.call(dev, 0, 0, "disk", "Write", [0, one], 0)
    dev, _ = D.call(dev, 0, 0, "disk", "Barrier", [], 0)
    dev, _ = D.call(dev, 0, 0, "disk", "Write", [0, two], 0)
    assert dev.crash(host=False).disk.blocks[0] == two
    assert dev.crash(host=True).disk.blocks[0] == one
