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
    },
    "prims": {
        "RandomUint64": _f([], [T.UINT64]),
        "UInt64ToString": _f([T.UINT64], [T.STRING]),
        "UInt64Get": _f([T.Slice(T.BYTE)], [T.UINT64]),
        "UInt64Put": _f([T.Slice(T.BYTE), T.UINT64], []),
    },
}

# Exported constants and types of the trusted packages.
CONSTS: dict[str, dict[str, tuple[T.Type, int]]] = {
    "disk": {"BlockSize": (T.UINT64, 4096)},
    "twodisk": {"Disk1": (DISK_ID, 0), "Disk2": (DISK_ID, 1), "BlockSize": (T.UINT64, 4096)},
    "filesys": {"MaxAppend": (T.UINT64, 4096)},
    "prims": {},
}

TYPES: dict[str, dict[str, T.Type]] = {
    "disk": {"Block": BLOCK},
    "twodisk": {"Block": BLOCK, "DiskId": DISK_ID},
    "filesys": {"File": FILE},
    "prims": {},
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
