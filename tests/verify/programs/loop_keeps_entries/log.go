// Package loopkeepsentries is a verifier test of a loop that only appends: Save writes a
// record to a fresh spool file (a creator directory) in chunks, then links it into "logs"
// and deletes the spool name. The chunk loop changes no directory entry, so the spool name
// is still there after it (the loop keeps the entries), and Link and Delete cannot panic.
// Recover reads the first log in a loop that only reads, then deletes it: still there.
//
// EXPECT verified
package loopkeepsentries

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

//@ creator_dir "spool"

//@ init
func Init() {
	filesys.Mkdir("spool")
	filesys.Mkdir("logs")
}

// Save stores rec under a new name in "logs" and says whether it did (false when a name was
// taken).
func Save(rec []byte) bool {
	name := prims.UInt64ToString(prims.RandomUint64())
	f, ok := filesys.Create("spool", name)
	if !ok {
		return false
	}
	var off uint64 = 0
	for off < uint64(len(rec)) {
		end := off + filesys.MaxAppend
		if end > uint64(len(rec)) {
			end = uint64(len(rec))
		}
		filesys.Append(f, rec[off:end])
		off = end
	}
	filesys.Close(f)
	linked := filesys.Link("spool", name, "logs", name)
	filesys.Delete("spool", name)
	return linked
}

// Recover checks the first log's first 64 bytes and deletes it.
//
//@ recover
func Recover() {
	names := filesys.List("logs")
	if len(names) == 0 {
		return
	}
	f := filesys.Open("logs", names[0])
	var off uint64 = 0
	for off < 64 {
		//@ decreases 64 - off
		b := filesys.ReadAt(f, off, 8)
		if uint64(len(b)) == 0 {
			break
		}
		off = off + 8
	}
	filesys.Close(f)
	filesys.Delete("logs", names[0])
}
