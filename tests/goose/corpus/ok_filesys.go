package corpus

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// The file-system machine library: exclusive create, append, fsync, link, list, delete.
func deliver(user string, msg []byte) {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create("spool", name)
		if !ok {
			continue
		}
		for off := uint64(0); off < uint64(len(msg)); off += filesys.MaxAppend {
			end := off + filesys.MaxAppend
			if end > uint64(len(msg)) {
				end = uint64(len(msg))
			}
			filesys.Append(f, msg[off:end])
		}
		filesys.Fsync(f)
		filesys.Close(f)
		for !filesys.Link("spool", name, user, "msg"+name) {
			name = prims.UInt64ToString(prims.RandomUint64())
		}
		filesys.FsyncDir(user)
		filesys.Delete("spool", name)
		break
	}
}

func listAll(dir string) uint64 {
	names := filesys.List(dir)
	return uint64(len(names))
}

func setup() {
	filesys.Mkdir("spool")
}
