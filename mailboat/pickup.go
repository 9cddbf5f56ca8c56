package mailboat

import (
	"armada/goose/machine/filesys"
)

// Pickup acquires user's lock and returns every message of user's mailbox; it returns
// holding the lock, so that the messages cannot be deleted by anyone else until the caller
// calls Unlock. It takes the IDs from the mailbox's index (its linearization point) and
// then reads each file. Messages delivered concurrently may or may not be included. The
// caller owns the returned slice.
func (mb *Mailboat) Pickup(user uint64) []Message {
	mb.Lock(user)
	dir := UserDir(user)
	box := mb.boxes[user]
	names := make([]string, 0)
	box.indexLock.Lock()
	for name := range box.index {
		names = append(names, name)
	}
	box.indexLock.Unlock()
	msgs := make([]Message, 0)
	for _, name := range names {
		contents := readMessage(dir, name)
		msgs = append(msgs, Message{ID: name, Contents: contents})
	}
	return msgs
}

// readMessage reads the whole file dir/name in chunks of filesys.MaxAppend bytes, stopping
// at the first short chunk, and closes it.
func readMessage(dir string, name string) string {
	f := filesys.Open(dir, name)
	data := make([]byte, 0)
	var off uint64 = 0
	for {
		chunk := filesys.ReadAt(f, off, filesys.MaxAppend)
		data = append(data, chunk...)
		off = off + uint64(len(chunk))
		if uint64(len(chunk)) < filesys.MaxAppend {
			break
		}
	}
	filesys.Close(f)
	return string(data)
}

// Delete removes the message id from user's mailbox. The caller must hold user's lock (from
// Pickup or Lock) and id must be one that Pickup returned since the lock was taken.
func (mb *Mailboat) Delete(user uint64, id string) {
	dir := UserDir(user)
	box := mb.boxes[user]
	box.indexLock.Lock()
	delete(box.index, id)
	box.indexLock.Unlock()
	filesys.Delete(dir, id)
	if mb.durable {
		filesys.FsyncDir(dir)
	}
}
