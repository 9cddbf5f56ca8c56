"""The trusted packages Goose code may import, as the type checker sees them.

The Go side lives in `goose/machine/<pkg>`; this table must match its exported API (a test
compares them). Only names listed here may be used from Goose code: set-up helpers of the Go
packages (`filesys.UseMem`, `twodisk.Fail`, ...) are for tests and servers, not for
verified code.
"""

from __future__ import annotations

from goose import types as T

MODULE = "armada"
MACHINE_PREFIX = f"{MODULE}/goose/machine/"

BLOCK = T.Slice(T.BYTE)
FILE = T.Named("filesys", "File")
DISK_ID = T.UINT64


def _f(params: list[T.Type], results: list[T.Type]) -> T.Func:
    return T.Func(tuple(params), tuple(results))


# package short name -> {name -> Func type or value type}
FUNCS: dict[str, dict[str, T.Func]] = {
    "disk": {
        "Read": _f([T.UINT64], [BLOCK]),
        "Write": _f([T.UINT64, BLOCK], []),
        "Size": _f([], [T.UINT64]),
        "Barrier": _f([], []),
    },
    "twodisk": {
        "Read": _f([DISK_ID, T.UINT64], [BLOCK, T.BOOL]),
        "Write": _f([DISK_ID, T.UINT64, BLOCK], []),
        "Size": _f([], [T.UINT64]),
    },
    "filesys": {
        "Create": _f([T.STRING, T.STRING], [FILE, T.BOOL]),
        "Append": _f([FILE, T.Slice(T.BYTE)], []),
        "Close": _f([FILE], []),
        "Open": _f([T.STRING, T.STRING], [FILE]),
        "ReadAt": _f([FILE, T.UINT64, T.UINT64], [T.Slice(T.BYTE)]),
        "Delete": _f([T.STRING, T.STRING], []),
        "Link": _f([T.STRING, T.STRING, T.STRING, T.STRING], [T.BOOL]),
        "List": _f([T.STRING], [T.Slice(T.STRING)]),
        "Mkdir": _f([T.STRING], []),
        "Fsync": _f([FILE], []),
        "FsyncDir": _f([T.STRING], []),
        "Sync": _f([], []),
    },
    "prims": {
        "RandomUint64": _f([], [T.UINT64]),
        "UInt64ToString": _f([T.UINT64], [T.STRING]),
        "UInt64Get": _f([T.Slice(T.BYTE)], [T.UINT64]),
        "UInt64Put": _f([T.Slice(T.BYTE), T.UINT64], []),
        "UInt32Get": _f([T.Slice(T.BYTE)], [T.UINT32]),
        "UInt32Put": _f([T.Slice(T.BYTE), T.UINT32], []),
        "Linearize": _f([], []),  # a marker for Goose's proofs: no state changes
        "Sleep": _f([T.UINT64], []),  # no state changes (time is not modelled)
    },
    # Fixed-layout records: offsets are explicit, so each field is one call and the
    # verifier models each call exactly (armada_ls/verify/blocks.py); docs/machine.md#enc.
    "enc": {
        "Get64": _f([T.Slice(T.BYTE), T.UINT64], [T.UINT64]),
        "Put64": _f([T.Slice(T.BYTE), T.UINT64, T.UINT64], []),
        "GetBytes": _f([T.Slice(T.BYTE), T.UINT64, T.UINT64], [T.Slice(T.BYTE)]),
        "PutBytes": _f([T.Slice(T.BYTE), T.UINT64, T.Slice(T.BYTE)], []),
        "Append64": _f([T.Slice(T.BYTE), T.UINT64], [T.Slice(T.BYTE)]),
    },
}

# Exported constants and types of the trusted packages.
CONSTS: dict[str, dict[str, tuple[T.Type, int]]] = {
    "disk": {"BlockSize": (T.UINT64, 4096)},
    "twodisk": {"Disk1": (DISK_ID, 0), "Disk2": (DISK_ID, 1), "BlockSize": (T.UINT64, 4096)},
    "filesys": {"MaxAppend": (T.UINT64, 4096)},
    "prims": {},
    "enc": {},
}

TYPES: dict[str, dict[str, T.Type]] = {
    "disk": {"Block": BLOCK},
    "twodisk": {"Block": BLOCK, "DiskId": DISK_ID},
    "filesys": {"File": FILE},
    "prims": {},
    "enc": {},
    "sync": {"Mutex": T.MUTEX, "Cond": T.COND},
}

# Methods of sync types, called through a pointer.
SYNC_METHODS: dict[str, dict[str, T.Func]] = {
    "Mutex": {"Lock": _f([], []), "Unlock": _f([], [])},
    "Cond": {"Wait": _f([], []), "Signal": _f([], []), "Broadcast": _f([], [])},
}
# sync.NewCond(&mu) is the only constructor call allowed from sync.
SYNC_FUNCS: dict[str, T.Func] = {"NewCond": _f([T.Pointer(T.MUTEX)], [T.Pointer(T.COND)])}

ALLOWED_IMPORTS: dict[str, str] = {"sync": "sync"} | {
    pkg: MACHINE_PREFIX + pkg for pkg in FUNCS
}

# ---------------------------------------------------------------- Goose's machine library
#
# Programs written for Goose import its machine library under other paths: the 2019 layout
# (`github.com/tchajed/goose/machine`, with the primitives in the root package), the
# goose-lang one, and the later `github.com/goose-lang/primitive`. Each maps to one of our
# packages, which the IR names (`prims`, `disk`, `filesys`), so the semantics and the
# verifier see one machine whatever the spelling. Go shims with the same API live in
# goose/machine/compat/<module>; `go.mod` replaces the module paths with them.

COMPAT_MODULES: dict[str, str] = {
    # module path -> the shim's directory under goose/machine/compat
    "github.com/tchajed/goose": "tchajed-goose",
    "github.com/goose-lang/goose": "goose-lang-goose",
    "github.com/goose-lang/primitive": "goose-lang-primitive",
    "github.com/tchajed/marshal": "tchajed-marshal",
}

COMPAT_IMPORTS: dict[str, str] = {
    "github.com/tchajed/goose/machine": "prims",
    "github.com/tchajed/goose/machine/disk": "disk",
    "github.com/tchajed/goose/machine/filesys": "filesys",
    "github.com/goose-lang/goose/machine": "prims",
    "github.com/goose-lang/goose/machine/disk": "disk",
    # The asynchronous disk: writes reach the disk at Barrier; ours has the same API and a
    # Barrier, so it is the same package to the model.
    "github.com/goose-lang/goose/machine/async_disk": "disk",
    "github.com/goose-lang/goose/machine/filesys": "filesys",
    "github.com/goose-lang/primitive": "prims",
    "github.com/goose-lang/primitive/disk": "disk",
    "github.com/goose-lang/primitive/async_disk": "disk",
    "github.com/goose-lang/primitive/filesys": "filesys",
}

# A `disk.Disk` value (the later style passes the disk around): a handle on the one disk
# of the machine. Its methods are the package's functions.
DISK_HANDLE = T.Named("disk", "Disk")
HANDLE_METHODS: dict[T.Type, tuple[str, dict[str, T.Func]]] = {
    DISK_HANDLE: ("disk", {n: FUNCS["disk"][n] for n in ("Read", "Write", "Size", "Barrier")}),
}
# Functions only the compat packages have, and the IR they become: `disk.Get()` is the
# handle (a constant: there is one disk).
COMPAT_FUNCS: dict[str, dict[str, T.Func]] = {"disk": {"Get": _f([], [DISK_HANDLE])}}
COMPAT_TYPES: dict[str, dict[str, T.Type]] = {
    "disk": {"Disk": DISK_HANDLE},
    "sync": {"RWMutex": T.MUTEX},  # accepted as a mutex: readers are serialised
}
# sync.RWMutex's reader methods, as the mutex's (the model serialises readers).
RW_METHODS: dict[str, str] = {"RLock": "Lock", "RUnlock": "Unlock"}

# Goose's primitives Armada's machine does not model: a clear error names them.
GOOSE_ONLY: dict[str, set[str]] = {
    "prims": {"Assume", "Assert", "Exit", "WaitTimeout", "TimeNow", "NewProph", "Spawn", "WaitForAllThreads"},
    "disk": {"Init", "ReadTo", "Close", "NewMemDisk", "NewFileDisk"},
    "filesys": {"AtomicCreate", "DefaultFs", "NewDirFs"},
}


def canonical(path: str) -> str | None:
    """The package an import path names, as the IR calls it (`prims`, `disk`, `sync`, ...);
    None for an import outside the machine library."""
    for short, p in ALLOWED_IMPORTS.items():
        if p == path:
            return short
    return COMPAT_IMPORTS.get(path)
