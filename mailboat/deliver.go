package mailboat

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// Deliver stores msg in user's mailbox; it needs no user lock and runs concurrently with
// every other operation. The message is written to a spool file, linked into the mailbox
// directory (from then on it survives a crash of the process, and in durable mode one of
// the host) and then added to the mailbox's index, which makes it visible to Pickup all at
// once; a crash before the link leaves nothing in the mailbox. The caller must not modify
// msg until Deliver returns; Deliver does not keep it.
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
	id := linkIntoMailbox(spoolName, dir)
	if mb.durable {
		filesys.FsyncDir(dir)
	}
	box := mb.boxes[user]
	box.indexLock.Lock()
	box.index[id] = true
	box.indexLock.Unlock()
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
// retrying while the name is taken, and returns that name.
func linkIntoMailbox(spoolName string, dir string) string {
	for {
		id := "msg" + prims.UInt64ToString(prims.RandomUint64())
		if filesys.Link(SpoolDir, spoolName, dir, id) {
			return id
		}
	}
}
