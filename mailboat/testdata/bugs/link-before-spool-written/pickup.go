package mailboat

import (
	"armada/goose/machine/filesys"
)

// List acquires user's lock and returns the ID and size of every message of user's
// mailbox in arrival order; it returns holding the lock, so that nobody else who keeps to
// the lock deletes them until the caller calls Unlock. It reads the mailbox's index (its
// linearization point), not the files. Messages delivered concurrently may or may not be
// included. The caller owns the returned slice.
//
//@ requires user < mb.users
//@ ensures locked(mb.boxes[user].lock) && (forall j uint64 :: j < len(ret) ==> acc(ret[j]))
func (mb *Mailboat) List(user uint64) []Entry {
	box := mb.boxes[user]
	box.lock.Lock()
	box.indexLock.Lock()
	entries := make([]Entry, 0)
	for i, e := range box.index {
		//@ invariant uint64(len(entries)) <= i && (forall j uint64 :: j < len(entries) ==> acc(entries[j]))
		_ = i
		if box.live[e.ID] {
			entries = append(entries, e)
		}
	}
	box.indexLock.Unlock()
	return entries
}

// Pickup is List followed by reading every message: it returns holding user's lock, with
// the messages in arrival order. It reads them holding the mailbox's index lock (released
// even if a file-system call fails), so deliveries to the user wait for it; its memory
// grows with the mailbox. A server should List and then Read one message at a time.
//
//@ requires user < mb.users
//@ ensures locked(mb.boxes[user].lock)
func (mb *Mailboat) Pickup(user uint64) []Message {
	box := mb.boxes[user]
	entries := mb.List(user)
	msgs := make([]Message, 0)
	box.indexLock.Lock()
	defer box.indexLock.Unlock()
	for i, e := range entries {
		//@ invariant uint64(len(msgs)) <= i && (forall j uint64 :: j < len(msgs) ==> acc(msgs[j])) && (forall j uint64 :: j < len(entries) ==> acc(entries[j]))
		_ = i
		if !box.live[e.ID] { // deleted since List (by a caller that does not hold the lock)
			continue
		}
		f := filesys.Open(box.dir, e.ID)
		// In chunks of at most filesys.MaxAppend bytes, stopping early at the end of
		// the file.
		data := make([]byte, 0)
		var off uint64 = 0
		for off < e.Size {
			//@ decreases e.Size - off
			n := e.Size - off
			if n > filesys.MaxAppend {
				n = filesys.MaxAppend
			}
			chunk := filesys.ReadAt(f, off, n)
			if uint64(len(chunk)) == 0 {
				break
			}
			data = append(data, chunk...)
			off = off + uint64(len(chunk))
		}
		filesys.Close(f)
		msgs = append(msgs, Message{ID: e.ID, Contents: string(data)})
	}
	return msgs
}

// Read returns up to length bytes of the message id of user's mailbox from offset off
// (fewer at its end; none if the mailbox has no message id). The caller must hold user's
// lock, so that the message is still there when it reads again.
//
//@ implements Mail.Read
//@ requires user < mb.users
func (mb *Mailboat) Read(user uint64, id string, off uint64, length uint64) []byte {
	box := mb.boxes[user]
	// Read holding the index lock, while the index lists the message: a Delete cannot
	// remove it meanwhile. The lock is released even if a file-system call fails.
	box.indexLock.Lock()
	defer box.indexLock.Unlock()
	if !box.live[id] {
		none := make([]byte, 0) //@ linearize
		return none
	}
	f := filesys.Open(box.dir, id)
	data := filesys.ReadAt(f, off, length) //@ linearize
	filesys.Close(f)
	return data
}

// Delete removes the message id from user's mailbox (nothing if it has no message id).
// The caller must hold user's lock (from List, Pickup or Lock).
//
//@ implements Mail.Delete
//@ requires user < mb.users && locked(mb.boxes[user].lock)
//@ ensures locked(mb.boxes[user].lock)
func (mb *Mailboat) Delete(user uint64, id string) {
	box := mb.boxes[user]
	box.indexLock.Lock()
	defer box.indexLock.Unlock() // even if a file-system call fails
	present := box.live[id] //@ linearize
	if !present {
		return
	}
	delete(box.live, id)
	filesys.Delete(box.dir, id)
	if mb.durable {
		filesys.FsyncDir(box.dir)
	}
	if uint64(len(box.live))*2 < uint64(len(box.index)) {
		kept := make([]Entry, 0)
		for i, x := range box.index {
			//@ invariant uint64(len(kept)) <= i && (forall j uint64 :: j < len(kept) ==> acc(kept[j]))
			_ = i
			if box.live[x.ID] {
				kept = append(kept, x)
			}
		}
		box.index = kept
	}
}
