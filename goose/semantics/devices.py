"""Models of the machine library: `disk`, `twodisk`, `filesys`, `prims`.

Each device state is an immutable value; an operation returns the new state and its result.
Results that are byte strings are returned as `bytes` (the machine allocates a fresh slice),
lists of names as `list[str]`. Every call is one atomic step, except `filesys.List`, which
is not atomic: it starts a listing and a second step finishes it (see `list_end`).

Crash: a process crash (`crash(False)`) keeps everything written, as durable as it was; a
host crash (power loss) may lose what was not made durable (`disk.Barrier`,
`filesys.Fsync`/`FsyncDir`): `host_outcomes()` lists every machine it may leave, by the rule
of docs/machine.md, and `crash(True)` is the one that keeps only what was made durable.
"""

from __future__ import annotations

import itertools
import math
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
    """`blocks` is what reads see, `synced` the blocks at the last Barrier, and `since`, per
    block written since then, the distinct values written to it (sorted by address): after
    a host crash each block holds its synced value or any one of those (blocks independently)."""

    blocks: tuple[bytes, ...]
    synced: tuple[bytes, ...]
    since: tuple[tuple[int, tuple[bytes, ...]], ...] = ()

    @staticmethod
    def fresh(size: int) -> Disk:
        blocks = (_ZERO,) * size
        return Disk(blocks, blocks)

    def written(self, a: int, v: bytes) -> Disk:
        since = dict(self.since)
        vals = since.get(a, ())
        if v not in vals:
            since[a] = vals + (v,)
        return Disk(self.blocks[:a] + (v,) + self.blocks[a + 1:], self.synced, tuple(sorted(since.items())))

    def host_outcomes(self) -> list[tuple[Disk, list[str]]]:
        """Every disk a host crash may leave, with what each lost (first: nothing unsynced kept)."""
        per: list[list[tuple[int, bytes, str]]] = []
        for a, vals in self.since:
            opts = [(a, self.synced[a], "its durable value (as of the last Barrier; zeros if none)")]
            for k, v in enumerate(vals):
                if all(v != o[1] for o in opts):
                    opts.append((a, v, f"the value of write {k + 1} of {len(vals)} to it since the last Barrier"))
            per.append(opts)
        _check_count("disk blocks", [len(o) for o in per])
        out = []
        for combo in itertools.product(*per):
            blocks = list(self.blocks)
            lost = []
            for a, v, why in combo:
                blocks[a] = v
                if v != self.blocks[a]:
                    lost.append(f"disk block {a} holds {why}: a later write to it is lost")
            t = tuple(blocks)
            out.append((Disk(t, t), lost))
        if not out:
            out.append((Disk(self.blocks, self.blocks), []))
        return out


MAX_HOST_OUTCOMES = 20_000


def _check_count(what: str, sizes: list[int]) -> None:
    n = 1
    for k in sizes:
        n *= k
        if n > MAX_HOST_OUTCOMES:
            raise E.Unsupported("host-crash-outcomes",
                                f"a host crash here may leave more than {MAX_HOST_OUTCOMES} different states of the {what}: "
                                "lower the bounds (fewer ops, smaller appends) or sync more often")


@dataclass(frozen=True)
class FileSys:
    """Directories map names to inodes; inodes hold bytes; fds map to (inode, mode).

    Durability (docs/machine.md): `sdirs` are the entries at each directory's last FsyncDir
    and `dops` the directory operations since, in order (("create"|"link", name, ino) or
    ("delete", name)); `slen` the length of each file at its last Fsync. After a host crash
    each unsynced directory operation has happened or not (independently), and each file
    still named keeps a prefix of its bytes at least as long as its synced length."""

    dirs: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    inodes: tuple[tuple[int, bytes], ...] = ()
    fds: tuple[tuple[int, tuple[int, str]], ...] = ()
    next_ino: int = 0
    next_fd: int = 0
    sdirs: tuple[tuple[str, tuple[tuple[str, int], ...]], ...] = ()
    dops: tuple[tuple[str, tuple[tuple, ...]], ...] = ()
    slen: tuple[tuple[int, int], ...] = ()
    listings: tuple[tuple[Any, tuple[str, frozenset, frozenset]], ...] = ()

    def logged(self, d: str, op: tuple) -> FileSys:
        ops = dict(self.dops)
        ops[d] = ops.get(d, ()) + (op,)
        return replace(self, dops=tuple(sorted(ops.items())))

    def host_outcomes(self) -> list[tuple[FileSys, list[str]]]:
        """Every file system a host crash may leave, with what each lost (first: every
        unsynced operation and byte lost)."""
        ops = [(d, op) for d, dl in self.dops for op in dl]
        _check_count("file system's directories", [2] * len(ops))
        inodes = dict(self.inodes)
        slen = dict(self.slen)
        synced = dict(self.sdirs)
        seen: dict[tuple, int] = {}
        out: list[tuple[FileSys, list[str]]] = []
        for mask in range(1 << len(ops)):
            ents = {d: dict(e) for d, e in synced.items()}
            lost = []
            for i, (d, op) in enumerate(ops):
                if not mask >> i & 1:
                    what = {"create": "Create", "link": "Link", "delete": "Delete"}[op[0]]
                    lost.append(f"{what} {d}/{op[1]} did not survive (not made durable by FsyncDir({d!r}))")
                    continue
                if op[0] == "delete":
                    ents[d].pop(op[1], None)
                else:
                    ents[d][op[1]] = op[2]
            named = sorted({ino for e in ents.values() for ino in e.values()})
            lens = [range(min(slen.get(ino, 0), len(inodes[ino])), len(inodes[ino]) + 1) for ino in named]
            _check_count("file system", [len(seen) + math.prod(len(r) for r in lens)])
            for combo in itertools.product(*lens):
                kept = tuple((ino, inodes[ino][:n]) for ino, n in zip(named, combo, strict=True))
                dirs = tuple((d, tuple(sorted(e.items()))) for d, e in sorted(ents.items()))
                key = (dirs, kept)
                if key in seen:
                    continue
                seen[key] = len(out)
                why = list(lost)
                for ino, n in zip(named, combo, strict=True):
                    if n < len(inodes[ino]):
                        name = next(f"{d}/{nm}" for d, e in sorted(ents.items()) for nm, i in sorted(e.items()) if i == ino)
                        why.append(f"file {name} keeps {n} of its {len(inodes[ino])} bytes "
                                   f"({slen.get(ino, 0)} made durable by Fsync)")
                fs = FileSys(dirs=dirs, inodes=kept, fds=(), next_ino=self.next_ino, next_fd=self.next_fd, sdirs=dirs,
                             dops=(), slen=tuple((ino, len(b)) for ino, b in kept))
                out.append((fs, why))
        return out

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
        """A process crash (host=False: everything kept, still as durable as it was), or the
        host crash that keeps only what was made durable (the first of `host_outcomes`)."""
        if host:
            return self.host_outcomes()[0][0]
        d = self
        if d.fs is not None:
            d = replace(d, fs=replace(d.fs, fds=(), listings=()))
        return d

    def host_outcomes(self) -> list[tuple[Devices, list[str]]]:
        """Every machine a host crash (power loss) may leave, deduplicated, each with the
        losses a trace shows; the first keeps only what was made durable. `twodisk` writes
        are durable when they return (the package has no barrier)."""
        disks = self.disk.host_outcomes() if self.disk is not None else [(None, [])]
        fss = self.fs.host_outcomes() if self.fs is not None else [(None, [])]
        _check_count("machine", [len(disks), len(fss)])
        out = []
        for (dk, l1), (fs, l2) in itertools.product(disks, fss):
            out.append((replace(self, disk=dk, fs=fs), l1 + l2))
        return out


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
        if name == "Write":  # a Write and a Barrier do not commute (which one the Barrier covers)
            return {("dsync",)}, {("d", args[0])}
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
        return replace(dev, disk=dk.written(a, bytes(v))), None
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


# which arguments of each call are names (directories included), as the Go library checks them
_NAME_ARGS = {"Mkdir": (0,), "Create": (0, 1), "Open": (0, 1), "Delete": (0, 1), "Link": (0, 1, 2, 3),
              "List": (0,), "FsyncDir": (0,)}


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

    for k in _NAME_ARGS.get(name, ()):
        n = args[k]
        if n in ("", ".", "..") or "/" in n or "\x00" in n:
            raise E.UndefinedBehavior(E.UB_BAD_NAME, f"filesys.{name}: invalid name {n!r}: a name must be "
                                      "non-empty, not \".\" or \"..\", and contain no \"/\" or NUL byte")
    inodes = dict(fs.inodes)
    if name == "Mkdir":
        if any(n == args[0] for n, _ in fs.dirs):
            return dev, None
        dirs = tuple(sorted(fs.dirs + ((args[0], ()),)))
        return put(replace(fs, dirs=dirs, sdirs=tuple(sorted(fs.sdirs + ((args[0], ()),)))), None)
    if name == "Create":
        d, n = args
        ents = getdir(d)
        if n in ents:
            return dev, (None, False)
        ino = fs.next_ino
        ents[n] = ino
        inodes[ino] = b""
        fs2 = fs.with_dir(d, ents).logged(d, ("create", n, ino))
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
        ino, mode = _fd(fs, gen, f, name)
        if mode != "read":
            raise E.UndefinedBehavior(E.UB_BAD_FD, "filesys.ReadAt of a descriptor from Create (append-only)")
        return dev, inodes[ino][off:off + ln]
    if name == "Delete":
        d, n = args
        ents = getdir(d)
        if n not in ents:
            raise E.UndefinedBehavior(E.UB_DELETE_MISSING, f"filesys.Delete of missing file {d}/{n}")
        del ents[n]
        return put(fs.with_dir(d, ents).logged(d, ("delete", n)), None)
    if name == "Link":
        sd, sn, dd, dn = args
        src = getdir(sd)
        if sn not in src:
            raise E.UndefinedBehavior(E.UB_MISSING_FILE, f"filesys.Link of missing file {sd}/{sn}")
        dst = getdir(dd)
        if dn in dst:
            return dev, False
        dst[dn] = src[sn]
        return put(fs.with_dir(dd, dst).logged(dd, ("link", dn, src[sn])), True)
    if name == "List":
        (d,) = args
        ents = getdir(d)
        ls = tuple((t, v) for t, v in fs.listings if t != tid) + ((tid, (d, frozenset(ents), frozenset())),)
        return put(replace(fs, listings=ls), _LISTING)
    if name == "Fsync":
        (f,) = args
        ino, _ = _fd(fs, gen, f, name)
        slen = dict(fs.slen)
        slen[ino] = len(inodes[ino])
        return put(replace(fs, slen=tuple(sorted(slen.items()))), None)
    if name == "FsyncDir":
        (d,) = args
        ents = getdir(d)
        sdirs = tuple((n, tuple(sorted(ents.items())) if n == d else e) for n, e in fs.sdirs)
        return put(replace(fs, sdirs=sdirs, dops=tuple((n, o) for n, o in fs.dops if n != d)), None)
    if name == "Sync":  # every FsyncDir and every Fsync at once (syncfs)
        return put(replace(fs, sdirs=fs.dirs, dops=(), slen=tuple((i, len(b)) for i, b in fs.inodes)), None)
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
