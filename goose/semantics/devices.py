"""Models of the machine library: `disk`, `twodisk`, `filesys`, `prims`.

Each device state is an immutable value; an operation returns the new state and its result.
Results that are byte strings are returned as `bytes` (the machine allocates a fresh slice),
lists of names as `list[str]`. Every call is one atomic step, except `filesys.List`, which
is not atomic: it starts a listing and a second step finishes it (see `list_end`).

Crash: `crash(host)` keeps durable state. A process crash keeps everything written; a host
crash keeps only what was made durable (`disk.Barrier`, `filesys.Fsync`/`FsyncDir`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from goose.semantics import errors as E
from goose.semantics.values import Fd

BLOCK_SIZE = 4096
MAX_APPEND = 4096


def zero_block() -> bytes:
    return _ZERO


_ZERO = bytes(BLOCK_SIZE)


@dataclass(frozen=True)
class TwoDisk:
    d: tuple[tuple[bytes, ...], tuple[bytes, ...]]
    failed: int = -1  # -1: none; 0: Disk1; 1: Disk2

    @staticmethod
    def fresh(size: int) -> TwoDisk:
        blocks = (_ZERO,) * size
        return TwoDisk((blocks, blocks))


@dataclass(frozen=True)
class Disk:
    blocks: tuple[bytes, ...]
    synced: tuple[bytes, ...]

    @staticmethod
    def fresh(size: int) -> Disk:
        blocks = (_ZERO,) * size
        return Disk(blocks, blocks)


@dataclass(frozen=True)
class FileSys:
    """Directories map names to inodes; inodes hold bytes; fds map to (inode, mode).

    `sdirs`/`sinodes` are what a host crash keeps (the fsynced state)."""

    dirs: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    inodes: tuple[tuple[int, bytes], ...] = ()
    fds: tuple[tuple[int, tuple[int, str]], ...] = ()
    next_ino: int = 0
    next_fd: int = 0
    sdirs: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    sinodes: tuple[tuple[int, bytes], ...] = ()
    listings: tuple[tuple[Any, tuple[str, frozenset, frozenset]], ...] = ()

    def dir(self, d: str) -> dict[str, int]:
        for name, ents in self.dirs:
            if name == d:
                return dict(ents)
        raise KeyError(d)

    def with_dir(self, d: str, ents: dict[str, int]) -> FileSys:
        new = tuple((n, tuple(sorted(ents.items())) if n == d else e) for n, e in self.dirs)
        fs = replace(self, dirs=new)
        # Listings in progress see the change (List is not atomic).
        if self.listings:
            ls = []
            names = set(ents)
            for tid, (ld, always, maybe) in self.listings:
                if ld == d:
                    changed = (always | maybe) ^ names
                    ls.append((tid, (ld, always & names, (maybe | changed) - (always & names))))
                else:
                    ls.append((tid, (ld, always, maybe)))
            fs = replace(fs, listings=tuple(ls))
        return fs


@dataclass(frozen=True)
class Devices:
    """The machine's durable and kernel state."""

    twodisk: TwoDisk | None = None
    disk: Disk | None = None
    fs: FileSys | None = None
    random_values: tuple[int, ...] = field(default=(0, 1), compare=False)

    def key(self) -> tuple:
        return (self.twodisk, self.disk, self.fs)

    def crash(self, host: bool) -> Devices:
        d = self
        if d.disk is not None and host:
            d = replace(d, disk=Disk(d.disk.synced, d.disk.synced))
        if d.fs is not None:
            fs = d.fs
            if host:
                fs = replace(fs, dirs=fs.sdirs, inodes=fs.sinodes)
            d = replace(d, fs=replace(fs, fds=(), listings=()))
        return d


def nchoices(dev: Devices, pkg: str, name: str) -> int:
    if pkg == "prims" and name == "RandomUint64":
        return len(dev.random_values)
    return 1


def footprint(pkg: str, name: str, args: list[Any]) -> tuple[set, set]:
    """Resources a call reads and writes (for partial-order reduction)."""
    if pkg == "twodisk":
        if name == "Read":
            return {("td", args[0], args[1]), ("tdf",)}, set()
        if name == "Write":
            return {("tdf",)}, {("td", args[0], args[1])}
        return set(), set()
    if pkg == "disk":
        if name == "Read":
            return {("d", args[0])}, set()
        if name == "Write":
            return set(), {("d", args[0])}
        if name == "Barrier":
            return set(), {("dsync",)}
        return set(), set()
    if pkg == "filesys":
        return set(), {("fs",)}
    return set(), set()


def call(dev: Devices, gen: int, tid: Any, pkg: str, name: str, args: list[Any], choice: int) -> tuple[Devices, Any]:
    """Perform one machine-library call; raise UndefinedBehavior where the model says so."""
    if pkg == "prims":
        return dev, _prims(dev, name, args, choice)
    if pkg == "twodisk":
        return _twodisk(dev, name, args)
    if pkg == "disk":
        return _disk(dev, name, args)
    if pkg == "filesys":
        return _filesys(dev, gen, tid, name, args)
    raise E.Unsupported("unsupported", f"unknown package {pkg}")


def _prims(dev: Devices, name: str, args: list[Any], choice: int) -> Any:
    if name == "RandomUint64":
        return dev.random_values[choice]
    if name == "UInt64ToString":
        return str(args[0])
    raise E.Unsupported("unsupported", f"prims.{name} is handled by the machine")


def _twodisk(dev: Devices, name: str, args: list[Any]) -> tuple[Devices, Any]:
    td = dev.twodisk
    if td is None:
        raise E.Unsupported("unsupported", "twodisk used but the machine has no two disks")
    size = len(td.d[0])
    if name == "Size":
        return dev, size
    d, a = args[0], args[1]
    if d > 1:
        raise E.UndefinedBehavior(E.UB_DISK_ADDR, f"twodisk.{name}: no disk {d}")
    if a >= size:
        raise E.UndefinedBehavior(E.UB_DISK_ADDR, f"twodisk.{name}: address {a} is out of range (disk size {size})")
    if name == "Read":
        if td.failed == d:
            return dev, (_ZERO, False)
        return dev, (td.d[d][a], True)
    if name == "Write":
        v = args[2]
        if len(v) != BLOCK_SIZE:
            raise E.UndefinedBehavior(E.UB_BLOCK_SIZE, f"twodisk.Write of {len(v)} bytes: a block is {BLOCK_SIZE} bytes")
        if td.failed == d:
            return dev, None
        disk = td.d[d]
        disk = disk[:a] + (bytes(v),) + disk[a + 1:]
        both = (disk, td.d[1]) if d == 0 else (td.d[0], disk)
        return replace(dev, twodisk=TwoDisk(both, td.failed)), None
    raise E.Unsupported("unsupported", f"twodisk.{name}")


def fail_disk(dev: Devices, d: int) -> Devices:
    assert dev.twodisk is not None
    return replace(dev, twodisk=replace(dev.twodisk, failed=d))


def _disk(dev: Devices, name: str, args: list[Any]) -> tuple[Devices, Any]:
    dk = dev.disk
    if dk is None:
        raise E.Unsupported("unsupported", "disk used but the machine has no disk")
    size = len(dk.blocks)
    if name == "Size":
        return dev, size
    if name == "Barrier":
        return replace(dev, disk=Disk(dk.blocks, dk.blocks)), None
    a = args[0]
    if a >= size:
        raise E.UndefinedBehavior(E.UB_DISK_ADDR, f"disk.{name}: address {a} is out of range (disk size {size})")
    if name == "Read":
        return dev, dk.blocks[a]
    if name == "Write":
        v = args[1]
        if len(v) != BLOCK_SIZE:
            raise E.UndefinedBehavior(E.UB_BLOCK_SIZE, f"disk.Write of {len(v)} bytes: a block is {BLOCK_SIZE} bytes")
        return replace(dev, disk=Disk(dk.blocks[:a] + (bytes(v),) + dk.blocks[a + 1:], dk.synced)), None
    raise E.Unsupported("unsupported", f"disk.{name}")


def _fd(fs: FileSys, gen: int, f: Any, op: str) -> tuple[int, str]:
    if not isinstance(f, Fd):
        raise E.UndefinedBehavior(E.UB_BAD_FD, f"filesys.{op} of an invalid file descriptor")
    if f.gen != gen:
        raise E.UndefinedBehavior(E.UB_BAD_FD, f"filesys.{op} of a file descriptor from before a crash")
    for n, v in fs.fds:
        if n == f.n:
            return v
    raise E.UndefinedBehavior(E.UB_BAD_FD, f"filesys.{op} of a closed file descriptor")


def _filesys(dev: Devices, gen: int, tid: Any, name: str, args: list[Any]) -> tuple[Devices, Any]:
    fs = dev.fs
    if fs is None:
        raise E.Unsupported("unsupported", "filesys used but the machine has no file system")

    def put(new: FileSys, result: Any) -> tuple[Devices, Any]:
        return replace(dev, fs=new), result

    def getdir(d: str) -> dict[str, int]:
        try:
            return fs.dir(d)
        except KeyError:
            raise E.UndefinedBehavior(E.UB_MISSING_FILE, f"filesys.{name}: no directory {d!r}") from None

    inodes = dict(fs.inodes)
    if name == "Mkdir":
        if any(n == args[0] for n, _ in fs.dirs):
            return dev, None
        dirs = fs.dirs + ((args[0], ()),)
        return put(replace(fs, dirs=dirs, sdirs=fs.sdirs + ((args[0], ()),)), None)
    if name == "Create":
        d, n = args
        ents = getdir(d)
        if n in ents:
            return dev, (None, False)
        ino = fs.next_ino
        ents[n] = ino
        inodes[ino] = b""
        fs2 = fs.with_dir(d, ents)
        fds = fs.fds + ((fs.next_fd, (ino, "append")),)
        fs2 = replace(fs2, inodes=tuple(sorted(inodes.items())), fds=fds, next_ino=ino + 1, next_fd=fs.next_fd + 1)
        return put(fs2, (Fd(gen, fs.next_fd), True))
    if name == "Open":
        d, n = args
        ents = getdir(d)
        if n not in ents:
            raise E.UndefinedBehavior(E.UB_MISSING_FILE, f"filesys.Open of missing file {d}/{n}")
        fds = fs.fds + ((fs.next_fd, (ents[n], "read")),)
        return put(replace(fs, fds=fds, next_fd=fs.next_fd + 1), Fd(gen, fs.next_fd))
    if name == "Append":
        f, data = args
        ino, mode = _fd(fs, gen, f, name)
        if mode != "append":
            raise E.UndefinedBehavior(E.UB_BAD_FD, "filesys.Append to a file opened read-only")
        if len(data) > MAX_APPEND:
            raise E.UndefinedBehavior(E.UB_APPEND_LIMIT, f"filesys.Append of {len(data)} bytes: at most {MAX_APPEND} a call")
        inodes[ino] = inodes[ino] + bytes(data)
        return put(replace(fs, inodes=tuple(sorted(inodes.items()))), None)
    if name == "Close":
        (f,) = args
        _fd(fs, gen, f, name)
        return put(replace(fs, fds=tuple((n, v) for n, v in fs.fds if n != f.n)), None)
    if name == "ReadAt":
        f, off, ln = args
        ino, _ = _fd(fs, gen, f, name)
        return dev, inodes[ino][off:off + ln]
    if name == "Delete":
        d, n = args
        ents = getdir(d)
        if n not in ents:
            raise E.UndefinedBehavior(E.UB_DELETE_MISSING, f"filesys.Delete of missing file {d}/{n}")
        del ents[n]
        return put(fs.with_dir(d, ents), None)
    if name == "Link":
        sd, sn, dd, dn = args
        src = getdir(sd)
        if sn not in src:
            raise E.UndefinedBehavior(E.UB_MISSING_FILE, f"filesys.Link of missing file {sd}/{sn}")
        dst = getdir(dd)
        if dn in dst:
            return dev, False
        dst[dn] = src[sn]
        return put(fs.with_dir(dd, dst), True)
    if name == "List":
        (d,) = args
        ents = getdir(d)
        ls = tuple((t, v) for t, v in fs.listings if t != tid) + ((tid, (d, frozenset(ents), frozenset())),)
        return put(replace(fs, listings=ls), _LISTING)
    if name == "Fsync":
        (f,) = args
        ino, _ = _fd(fs, gen, f, name)
        sin = dict(fs.sinodes)
        sin[ino] = inodes[ino]
        return put(replace(fs, sinodes=tuple(sorted(sin.items()))), None)
    if name == "FsyncDir":
        (d,) = args
        ents = getdir(d)
        sdirs = tuple((n, tuple(sorted(ents.items())) if n == d else e) for n, e in fs.sdirs)
        # Files named by a synced directory keep at least empty contents after a host crash.
        sin = dict(fs.sinodes)
        for ino in ents.values():
            sin.setdefault(ino, b"")
        return put(replace(fs, sdirs=sdirs, sinodes=tuple(sorted(sin.items()))), None)
    raise E.Unsupported("unsupported", f"filesys.{name}")


class _Listing:
    def __repr__(self) -> str:
        return "<listing>"


_LISTING = _Listing()
LISTING = _LISTING


def list_choices(dev: Devices, tid: Any) -> int:
    assert dev.fs is not None
    for t, (_d, _always, maybe) in dev.fs.listings:
        if t == tid:
            return 1 << len(maybe)
    return 1


def list_end(dev: Devices, tid: Any, choice: int) -> tuple[Devices, list[str]]:
    """Finish a listing: names present throughout, plus the chosen subset of the names that
    came or went while it ran."""
    fs = dev.fs
    assert fs is not None
    for t, (_d, always, maybe) in fs.listings:
        if t == tid:
            extra = sorted(maybe)
            names = set(always) | {n for i, n in enumerate(extra) if choice >> i & 1}
            fs2 = replace(fs, listings=tuple((t2, v) for t2, v in fs.listings if t2 != tid))
            return replace(dev, fs=fs2), sorted(names)
    raise E.Unsupported("unsupported", "filesys.List finished without starting")


def open_fds(dev: Devices) -> int:
    return len(dev.fs.fds) if dev.fs is not None else 0
