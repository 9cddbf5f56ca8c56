"""Ghost names of the machine packages: the durable state annotations talk about.

These are not Go values; they name what the model keeps for each machine package, so that a
crash invariant can say what is on disk. Their types are what indexing them gives:

- `twodisk.D1`, `twodisk.D2`: durable contents of disk 1 / disk 2, `map[uint64]twodisk.Block`
  (the contents of a failed disk are whatever they were when it failed).
- `disk.D`: durable contents of the single disk, `map[uint64]disk.Block`.
- `filesys.Dirs`: `map[string]map[string]bool`, `filesys.Dirs[dir][name]` is true when the
  directory holds that name.
- `filesys.Files`: `map[string]map[string][]byte`, the contents of `dir/name`.
- `filesys.Sealed`: `map[string]map[string]bool`, `filesys.Sealed[dir][name]` is true when the
  name leads to a file whose one append descriptor (Create's) is closed, or was voided by a
  crash: nobody appends to it again, so its bytes stay as they are.
- `filesys.Inode`: `map[string]map[string]uint64`, the file `dir/name` leads to (0: none), and
  `filesys.InodeOf`: `map[filesys.File]uint64`, the file a descriptor is open on: a contract
  says which file a descriptor it lends writes (`filesys.InodeOf[d.f] ==
  filesys.Inode["spool"][d.name]`).
- `filesys.Durable`: `map[string]map[string][]byte`, what of `dir/name` survives a host crash
  (its last fsynced contents); `filesys.Files` is what survives a process crash.
- `filesys.Open`: `map[filesys.File]bool`, the file descriptors open in this generation.
- `filesys.IsDir`: `map[string]bool`, the directories made (`filesys.Mkdir`; never removed).

Exported constants of the machine packages (`twodisk.Disk1`, `disk.BlockSize`, ...) come from
`goose.machine_api.CONSTS`, as in Go code.
"""

from __future__ import annotations

from goose import machine_api as M
from goose import types as T

_NAMES = T.Map(T.STRING, T.Map(T.STRING, T.BOOL))
_CONTENTS = T.Map(T.STRING, T.Map(T.STRING, T.Slice(T.BYTE)))

GHOSTS: dict[str, dict[str, T.Type]] = {
    "twodisk": {"D1": T.Map(T.UINT64, M.BLOCK), "D2": T.Map(T.UINT64, M.BLOCK)},
    "disk": {"D": T.Map(T.UINT64, M.BLOCK)},
    "filesys": {
        "Dirs": _NAMES,
        "Files": _CONTENTS,
        "Sealed": _NAMES,
        "Inode": T.Map(T.STRING, T.Map(T.STRING, T.UINT64)),
        "InodeOf": T.Map(M.FILE, T.UINT64),
        "Durable": _CONTENTS,
        "Open": T.Map(M.FILE, T.BOOL),
        "IsDir": T.Map(T.STRING, T.BOOL),
    },
    "prims": {},
}


def machine_name(pkg: str, name: str) -> T.Type | None:
    """The type of `pkg.name` in an annotation: a ghost or an exported constant."""
    if name in GHOSTS.get(pkg, {}):
        return GHOSTS[pkg][name]
    const = M.CONSTS.get(pkg, {}).get(name)
    return const[0] if const is not None else None


def known_names(pkg: str) -> list[str]:
    return sorted(set(GHOSTS.get(pkg, {})) | set(M.CONSTS.get(pkg, {})))
