package mailboat

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// Draft is a message being delivered: from Begin, a spool file that Write appends to and
// Commit links into the recipients' mailboxes; from NewDraft, the record of a DeliverDraft.
// Its fields record what exists on disk, so that Abort can undo a delivery that failed part
// way (a file-system call panics on failure: the caller recovers and calls Abort).
type Draft struct {
	f         filesys.File
	name      string
	open      bool // f is open
	spooled   bool // the spool name exists
	size      uint64
	linkUsers []uint64 // the mailboxes holding a name for the message (links, or DeliverDraft's file)
	linkIDs   []string // and those names
	committed bool     // the message is in the recipients' indexes: delivered
}

// Begin starts a delivery: it creates a new, empty spool file with a random name (a new
// name while the name is taken) open for appending. It needs no lock.
func (mb *Mailboat) Begin() *Draft {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create(SpoolDir, name)
		if ok {
			return &Draft{f: f, name: name, open: true, spooled: true, size: 0,
				linkUsers: make([]uint64, 0), linkIDs: make([]string, 0), committed: false}
		}
	}
}

// Write appends data to the draft, in pieces of at most filesys.MaxAppend bytes. The
// caller may reuse data when Write returns.
func (mb *Mailboat) Write(d *Draft, data []byte) {
	var off uint64 = 0
	var size = uint64(len(data))
	for off < size {
		end := off + filesys.MaxAppend
		if end > size {
			end = size
		}
		filesys.Append(d.f, data[off:end])
		d.size = d.size + (end - off)
		off = end
	}
}

// Commit delivers the draft to every user of users (which must not repeat a user): it
// closes the spool file (fsyncing it in durable mode), links it into each mailbox under a
// new message ID (fsyncing each mailbox directory in durable mode), then adds the message
// to each mailbox's index, which makes it visible to List and Pickup (the linearization
// point), and finally deletes the spool name. If a file-system call fails before the
// indexes are updated, Abort removes the links made so far: no recipient has the message,
// so a retry cannot duplicate it. A crash of the process in the middle of Commit, after some
// links, leaves the message in those mailboxes (Init finds it) and in no other.
func (mb *Mailboat) Commit(d *Draft, users []uint64) {
	if mb.durable {
		filesys.Fsync(d.f)
	}
	d.open = false
	filesys.Close(d.f)
	for _, user := range users {
		dir := UserDir(user)
		id := mb.linkIntoMailbox(d, user)
		d.linkUsers = append(d.linkUsers, user)
		d.linkIDs = append(d.linkIDs, id)
		if mb.durable {
			filesys.FsyncDir(dir)
		}
	}
	var i uint64 = 0
	for i < uint64(len(d.linkUsers)) {
		seq, _, _ := parseID(d.linkIDs[i])
		mb.addToIndex(d.linkUsers[i], d.linkIDs[i], d.size, seq)
		i = i + 1
	}
	d.committed = true
	filesys.Delete(SpoolDir, d.name)
	d.spooled = false
}

// Delivered reports whether a draft's Commit reached its linearization point: the message
// is in every recipient's mailbox even if Commit then failed to delete the spool name.
func (d *Draft) Delivered() bool {
	return d.committed
}

// Abort undoes what is left of a draft whose delivery will not complete: it closes the
// file if it is open, removes the mailbox names an unfinished Commit or DeliverDraft made
// (they were never visible) and deletes the spool name. A delivered draft keeps them.
func (mb *Mailboat) Abort(d *Draft) {
	if d.open {
		d.open = false
		filesys.Close(d.f)
	}
	if !d.committed {
		for len(d.linkIDs) > 0 {
			last := uint64(len(d.linkIDs)) - 1
			dir := UserDir(d.linkUsers[last])
			filesys.Delete(dir, d.linkIDs[last])
			if mb.durable {
				filesys.FsyncDir(dir)
			}
			d.linkIDs = d.linkIDs[:last]
			d.linkUsers = d.linkUsers[:last]
		}
	}
	if d.spooled {
		d.spooled = false
		filesys.Delete(SpoolDir, d.name)
	}
}

// Deliver stores msg in user's mailbox: DeliverDraft with a new draft.
func (mb *Mailboat) Deliver(user uint64, msg []byte) {
	mb.DeliverDraft(mb.NewDraft(), user, msg)
}

// NewDraft returns an empty draft for DeliverDraft, which has no spool file.
func (mb *Mailboat) NewDraft() *Draft {
	return &Draft{name: "", open: false, spooled: false, size: 0,
		linkUsers: make([]uint64, 0), linkIDs: make([]string, 0), committed: false}
}

// DeliverDraft stores msg in user's mailbox; d must come from NewDraft. It needs no user
// lock and runs concurrently with every other operation. Since the size is known, it needs
// no spool: it creates the file in the mailbox under its final ID, which carries the size,
// writes msg, closes the file (fsyncing it and the directory in durable mode) and adds it
// to the index, which makes it visible all at once (the linearization point). A crash part
// way leaves a file shorter than its ID says; Init does not index such a file and Recover
// deletes it. d records what exists, so that after a failed file-system call (a panic)
// Abort(d) closes the file and removes it. The caller must not modify msg until
// DeliverDraft returns; it does not keep it.
func (mb *Mailboat) DeliverDraft(d *Draft, user uint64, msg []byte) {
	size := uint64(len(msg))
	dir := UserDir(user)
	box := mb.boxes[user]
	var id string
	var seq uint64
	for {
		box.indexLock.Lock()
		seq = box.next
		box.next = seq + 1
		box.indexLock.Unlock()
		id = messageID(seq, size)
		f, ok := filesys.Create(dir, id)
		if ok {
			d.f = f
			d.open = true
			d.linkUsers = append(d.linkUsers, user)
			d.linkIDs = append(d.linkIDs, id)
			break
		}
	}
	var off uint64 = 0
	for off < size {
		end := off + filesys.MaxAppend
		if end > size {
			end = size
		}
		filesys.Append(d.f, msg[off:end])
		off = end
	}
	d.size = size
	if mb.durable {
		filesys.Fsync(d.f)
	}
	d.open = false
	filesys.Close(d.f)
	if mb.durable {
		filesys.FsyncDir(dir)
	}
	mb.addToIndex(user, id, size, seq)
	d.committed = true
}

// linkIntoMailbox links the draft's spool file into user's mailbox under the next arrival
// number, taking a later one while the name is taken, and returns the message ID.
func (mb *Mailboat) linkIntoMailbox(d *Draft, user uint64) string {
	box := mb.boxes[user]
	for {
		box.indexLock.Lock()
		seq := box.next
		box.next = seq + 1
		box.indexLock.Unlock()
		id := messageID(seq, d.size)
		if filesys.Link(SpoolDir, d.name, UserDir(user), id) {
			return id
		}
	}
}

// addToIndex inserts the message id of size bytes and arrival number seq into user's
// index, keeping the index in arrival-number order (deliveries to one mailbox that run at
// once may create their files in one order and get here in the other).
func (mb *Mailboat) addToIndex(user uint64, id string, size uint64, seq uint64) {
	box := mb.boxes[user]
	box.indexLock.Lock()
	box.index = append(box.index, Entry{ID: id, Size: size, seq: seq, gone: false})
	j := uint64(len(box.index)) - 1
	for j > 0 && box.index[j-1].seq > seq {
		box.index[j] = box.index[j-1]
		box.index[j-1] = Entry{ID: id, Size: size, seq: seq, gone: false}
		j = j - 1
	}
	box.indexLock.Unlock()
}
