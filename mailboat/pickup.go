package mailboat

import (
	"armada/goose/machine/filesys"
)

// List acquires user's lock and returns the ID and size of every message of user's
// mailbox in arrival order; it returns holding the lock, so that the messages cannot be
// deleted by anyone else until the caller calls Unlock. It reads the mailbox's index (its
// linearization point), not the files. Messages delivered concurrently may or may not be
// included. The caller owns the returned slice.
func (mb *Mailboat) List(user uint64) []Entry {
	mb.Lock(user)
	box := mb.boxes[user]
	box.indexLock.Lock()
	entries := make([]Entry, 0)
	for _, e := range box.index {
		if !e.gone {
			entries = append(entries, e)
		}
	}
	box.indexLock.Unlock()
	return entries
}

// Pickup is List followed by reading every message: it returns holding user's lock, with
// the messages in arrival order. Its memory grows with the mailbox; a server should List
// and then Read one message at a time.
func (mb *Mailboat) Pickup(user uint64) []Message {
	entries := mb.List(user)
	dir := UserDir(user)
	msgs := make([]Message, 0)
	for _, e := range entries {
		contents := readMessage(dir, e.ID)
		msgs = append(msgs, Message{ID: e.ID, Contents: contents})
	}
	return msgs
}

// Read returns up to length bytes of the message id of user's mailbox from offset off
// (fewer at its end). The caller must hold user's lock and id must be one that List or
// Pickup returned since the lock was taken.
func (mb *Mailboat) Read(user uint64, id string, off uint64, length uint64) []byte {
	f := filesys.Open(UserDir(user), id)
	data := filesys.ReadAt(f, off, length)
	filesys.Close(f)
	return data
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
// List, Pickup or Lock) and id must be one that List or Pickup returned since the lock was
// taken.
func (mb *Mailboat) Delete(user uint64, id string) {
	dir := UserDir(user)
	box := mb.boxes[user]
	seq, _, _ := parseID(id)
	box.indexLock.Lock()
	// Binary search for the first entry with an arrival number >= seq.
	var lo uint64 = 0
	var hi = uint64(len(box.index))
	for lo < hi {
		mid := lo + (hi-lo)/2
		if box.index[mid].seq < seq {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	if lo < uint64(len(box.index)) && box.index[lo].ID == id && !box.index[lo].gone {
		e := box.index[lo]
		box.index[lo] = Entry{ID: e.ID, Size: e.Size, seq: e.seq, gone: true}
		box.dead = box.dead + 1
		if box.dead*2 > uint64(len(box.index)) {
			live := make([]Entry, 0)
			for _, x := range box.index {
				if !x.gone {
					live = append(live, x)
				}
			}
			box.index = live
			box.dead = 0
		}
	}
	box.indexLock.Unlock()
	filesys.Delete(dir, id)
	if mb.durable {
		filesys.FsyncDir(dir)
	}
}
