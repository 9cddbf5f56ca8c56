package mailboat

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// Deliver stores msg in user's mailbox; it needs no lock and runs concurrently with every
// other operation. The message becomes visible all at once (when it is linked into the
// mailbox) or, if the process crashes first, never. The caller must not modify msg until
// Deliver returns; Deliver does not keep it.
func (mb *Mailboat) Deliver(user uint64, msg []byte) {
	f, spoolName := createSpoolFile()
	var off uint64 = 0
	var size = uint64(len(msg))
	for off < size {
		end := off + filesys.MaxAppend
		if end > size {
			end = size
		}
		filesys.Append(f, msg[off:end])
		off = end
	}
	if mb.durable {
		filesys.Fsync(f)
	}
	filesys.Close(f)
	dir := UserDir(user)
	linkIntoMailbox(spoolName, dir)
	if mb.durable {
		filesys.FsyncDir(dir)
	}
	filesys.Delete(SpoolDir, spoolName)
}

// createSpoolFile creates a new, empty file with a random name in the spool, retrying while
// the name is taken, and returns it open for appending with its name.
func createSpoolFile() (filesys.File, string) {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create(SpoolDir, name)
		if ok {
			return f, name
		}
	}
}

// linkIntoMailbox links the spool file spoolName into dir under a fresh random name,
// retrying while the name is taken. The link is the moment the delivery happens.
func linkIntoMailbox(spoolName string, dir string) {
	for {
		id := "msg" + prims.UInt64ToString(prims.RandomUint64())
		if filesys.Link(SpoolDir, spoolName, dir, id) {
			return
		}
	}
}
