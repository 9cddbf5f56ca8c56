package mailboat

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// The streamed, multi-recipient delivery (the SMTP server's, for messages larger than its
// buffer): Begin, Write, Commit, Abort. A Draft keeps its spool file's descriptor between
// calls, which the verifier does not model yet (a descriptor in a field of a struct the
// caller owns): Begin, Write, Commit and Abort are not verified (mailboat/README.md).

// Draft is a message being delivered: from Begin, a spool file that Write appends to and
// Commit links into the recipients' mailboxes.
// Its fields record what exists on disk, so that Abort can undo a delivery that failed part
// way (a file-system call panics on failure: the caller recovers and calls Abort).
type Draft struct {
	f         filesys.File
	name      string
	open      bool // f is open
	spooled   bool // the spool name exists
	size      uint64
	linkUsers []uint64 // the mailboxes Commit linked the message into, not yet indexed
	linkIDs   []string // and the names
	linkSeqs  []uint64 // and their arrival numbers
	committed bool     // the message is in every recipient's index: delivered
}

// Begin starts a delivery: it creates a new, empty spool file with a random name (a new
// name while the name is taken) open for appending. It needs no lock.
func (mb *Mailboat) Begin() *Draft {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create(SpoolDir, name)
		if ok {
			return &Draft{f: f, name: name, open: true, spooled: true, size: 0,
				linkUsers: make([]uint64, 0), linkIDs: make([]string, 0), linkSeqs: make([]uint64, 0), committed: false}
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

// Commit delivers the draft to every user of users (which must not repeat a user), or to
// none if a file-system call fails (panics) part way: it closes the spool file (fsyncing it
// in durable mode), links it into each mailbox under a new message ID (taken, and linked,
// holding the mailbox's index lock, as Deliver does; fsyncing each mailbox directory in
// durable mode), then adds it to each mailbox's index (the linearization point; no
// file-system call, so nothing fails from here), and finally deletes the spool name. After a
// failure Abort removes the links made so far, which no index lists: no recipient has the
// message, so a retry cannot duplicate it. A crash of the process after some links leaves
// the message in those mailboxes (Init finds it) and in no other.
func (mb *Mailboat) Commit(d *Draft, users []uint64) {
	if mb.durable {
		filesys.Fsync(d.f)
	}
	d.open = false
	filesys.Close(d.f)
	for _, user := range users {
		box := mb.boxes[user]
		for {
			id, seq, ok := linkNext(box, d.name, d.size, false)
			if ok {
				d.linkUsers = append(d.linkUsers, user)
				d.linkIDs = append(d.linkIDs, id)
				d.linkSeqs = append(d.linkSeqs, seq)
				break
			}
		}
		if mb.durable {
			filesys.FsyncDir(box.dir)
		}
	}
	var i uint64 = 0
	for i < uint64(len(d.linkUsers)) {
		// In arrival-number order: a Deliver to the mailbox may have indexed a later
		// number since this one was taken.
		box := mb.boxes[d.linkUsers[i]]
		id, seq := d.linkIDs[i], d.linkSeqs[i]
		box.indexLock.Lock()
		box.live[id] = true
		box.index = append(box.index, Entry{ID: id, Size: d.size, seq: seq})
		j := uint64(len(box.index)) - 1
		for j > 0 && box.index[j-1].seq > seq {
			box.index[j] = box.index[j-1]
			box.index[j-1] = Entry{ID: id, Size: d.size, seq: seq}
			j = j - 1
		}
		box.indexLock.Unlock()
		i = i + 1
	}
	d.committed = true
	filesys.Delete(SpoolDir, d.name)
	d.spooled = false
}

// Delivered reports whether a draft's delivery reached its linearization point: the
// message is in every recipient's mailbox even if deleting the spool name then failed.
//
//@ requires d != nil && acc(d.committed)
//@ ensures acc(d.committed)
func (d *Draft) Delivered() bool {
	return d.committed
}

// Abort undoes what is left of a draft whose delivery will not complete: it closes the file
// if it is open, removes the mailbox names an unfinished Commit made and deletes the spool
// name. A delivered draft keeps them. The names it removes are in no index, so no other
// operation reads or deletes them; it deletes them without the index lock, so that a
// failing Delete cannot leave the lock held.
func (mb *Mailboat) Abort(d *Draft) {
	if d.open {
		d.open = false
		filesys.Close(d.f)
	}
	if !d.committed {
		for len(d.linkIDs) > 0 {
			last := uint64(len(d.linkIDs)) - 1
			box := mb.boxes[d.linkUsers[last]]
			filesys.Delete(box.dir, d.linkIDs[last])
			if mb.durable {
				filesys.FsyncDir(box.dir)
			}
			d.linkIDs = d.linkIDs[:last]
			d.linkUsers = d.linkUsers[:last]
			d.linkSeqs = d.linkSeqs[:last]
		}
	}
	if d.spooled {
		d.spooled = false
		filesys.Delete(SpoolDir, d.name)
	}
}
