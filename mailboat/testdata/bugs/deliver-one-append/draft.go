package mailboat

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// The streamed, multi-recipient delivery (the SMTP server's, for messages larger than its
// buffer): Begin, Write, Commit, Abort. A Draft owns its spool file: the descriptor
// (`filesys.Open[d.f]` in the contracts, while d.open) and the spool name (the lease on its
// entry, while d.spooled), handed from call to call with the Draft.

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
	links     []link // the names Commit linked the message under, pending in their mailboxes
	committed bool   // the message is in every recipient's index: delivered
}

// link is one name a Commit made: the message's ID in user's mailbox, and its arrival number.
type link struct {
	user uint64
	id   string
	seq  uint64
}

// Begin starts a delivery: it creates a new, empty spool file with a random name (a new
// name while the name is taken) open for appending. It needs no lock.
//
//@ ensures ret != nil && acc(ret.f) && acc(ret.name) && acc(ret.open) && acc(ret.spooled) && acc(ret.size) && acc(ret.links) && acc(ret.committed)
//@ ensures (forall j uint64 :: j < len(ret.links) ==> acc(ret.links[j])) && ret.open && ret.spooled && !ret.committed && len(ret.links) == 0 && filesys.Open[ret.f] && lease(filesys.Dirs["spool"][ret.name])
//@ ensures filesys.InodeOf[ret.f] == filesys.Inode["spool"][ret.name]
func (mb *Mailboat) Begin() *Draft {
	for {
		name := prims.UInt64ToString(prims.RandomUint64())
		f, ok := filesys.Create(SpoolDir, name)
		if ok {
			return &Draft{f: f, name: name, open: true, spooled: true, size: 0,
				links: make([]link, 0), committed: false}
		}
	}
}

// Write appends data to the draft, in pieces of at most filesys.MaxAppend bytes. The
// caller may reuse data when Write returns.
//
//@ requires d != nil && acc(d.f) && acc(d.open) && acc(d.size) && d.open && filesys.Open[d.f]
//@ ensures acc(d.f) && acc(d.open) && acc(d.size) && d.open && filesys.Open[d.f]
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
// in durable mode), links it into each mailbox under a new message ID, pending there (taken,
// and linked, holding the mailbox's index lock, as Deliver does; fsyncing each mailbox
// directory in durable mode), then indexes it in each mailbox (the linearization point; no
// file-system call, so nothing fails from here), and finally deletes the spool name. After a
// failure Abort removes the pending links made so far: no recipient has the message, so a
// retry cannot duplicate it. A crash of the process after some links leaves the message in
// those mailboxes (Init finds it) and in no other.
//
//@ requires d != nil && acc(d.f) && acc(d.name) && acc(d.open) && acc(d.spooled) && acc(d.size) && acc(d.links) && acc(d.committed)
//@ requires d.open && d.spooled && !d.committed && len(d.links) == 0 && filesys.Open[d.f] && lease(filesys.Dirs["spool"][d.name])
//@ requires filesys.InodeOf[d.f] == filesys.Inode["spool"][d.name]
//@ requires (forall j uint64 :: j < len(d.links) ==> acc(d.links[j])) && (forall j uint64 :: j < len(users) ==> acc(users[j])) && (forall j uint64 :: j < len(users) ==> users[j] < mb.users)
//@ ensures acc(d.f) && acc(d.name) && acc(d.open) && acc(d.spooled) && acc(d.size) && acc(d.links) && acc(d.committed)
//@ ensures (forall j uint64 :: j < len(users) ==> acc(users[j]))
//@ ensures !d.open
//@ ensures !d.spooled && d.committed
func (mb *Mailboat) Commit(d *Draft, users []uint64) {
	if mb.durable {
		filesys.Fsync(d.f)
	}
	d.open = false
	filesys.Close(d.f)
	name := d.name
	var k uint64 = 0
	for k < uint64(len(users)) {
		//@ invariant filesys.Sealed["spool"][name]
		//@ invariant k <= len(users) && (forall j uint64 :: j < len(users) ==> acc(users[j])) && (forall j uint64 :: j < len(users) ==> users[j] < mb.users) && (forall j uint64 :: j < len(d.links) ==> acc(d.links[j])) && (forall j uint64 :: j < len(d.links) ==> d.links[j].user < mb.users)
		user := users[k]
		id, seq := mb.linkIntoMailbox(name, d.size, user, false)
		d.links = append(d.links, link{user: user, id: id, seq: seq})
		k = k + 1
	}
	var i uint64 = 0
	for i < uint64(len(d.links)) {
		//@ invariant i <= len(d.links) && (forall j uint64 :: j < len(users) ==> acc(users[j])) && (forall j uint64 :: j < len(d.links) ==> acc(d.links[j])) && (forall j uint64 :: j < len(d.links) ==> d.links[j].user < mb.users)
		l := d.links[i]
		mb.boxes[l.user].admit(l.id, d.size, l.seq)
		i = i + 1
	}
	d.committed = true
	filesys.Delete(SpoolDir, name)
	d.spooled = false
}

// admit indexes the message id, of size bytes and arrival number seq, which a Commit linked
// into box's directory (pending): in arrival-number order, as a Deliver to the mailbox may
// have indexed a later number since this one was taken. A name an Abort removed meanwhile
// stays out.
//
//@ requires box != nil
func (box *mailbox) admit(id string, size uint64, seq uint64) {
	box.indexLock.Lock()
	if box.pending[id] {
		delete(box.pending, id)
		box.live[id] = true //@ internal Mail.Arrive(box.user, id, filesys.Files[box.dir][id])
		box.index = append(box.index, Entry{ID: id, Size: size, seq: seq})
		j := uint64(len(box.index)) - 1
		for j > 0 && box.index[j-1].seq > seq {
			//@ invariant j < len(box.index) && (forall i uint64 :: i < len(box.index) ==> acc(box.index[i]))
			box.index[j] = box.index[j-1]
			box.index[j-1] = Entry{ID: id, Size: size, seq: seq}
			j = j - 1
		}
	}
	box.indexLock.Unlock()
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
// if it is open, removes the names an unfinished Commit linked into mailboxes (still pending
// there: in no index, so no other operation reads them) and deletes the spool name. A
// delivered draft keeps them. The caller aborts a draft at most once, and not after Commit
// returned: the spool name is still the draft's.
//
//@ requires d != nil && acc(d.f) && acc(d.name) && acc(d.open) && acc(d.spooled) && acc(d.links) && acc(d.committed)
//@ requires (d.open ==> filesys.Open[d.f]) && d.spooled && lease(filesys.Dirs["spool"][d.name])
//@ requires (forall j uint64 :: j < len(d.links) ==> acc(d.links[j])) && (forall j uint64 :: j < len(d.links) ==> d.links[j].user < mb.users)
//@ ensures acc(d.f) && acc(d.name) && acc(d.open) && acc(d.spooled) && acc(d.links) && acc(d.committed)
//@ ensures !d.open && !d.spooled
func (mb *Mailboat) Abort(d *Draft) {
	name := d.name
	if d.open {
		d.open = false
		filesys.Close(d.f)
	}
	if !d.committed {
		var i uint64 = 0
		for i < uint64(len(d.links)) {
			//@ invariant i <= len(d.links) && (forall j uint64 :: j < len(d.links) ==> acc(d.links[j])) && (forall j uint64 :: j < len(d.links) ==> d.links[j].user < mb.users)
			l := d.links[i]
			mb.boxes[l.user].unlink(l.id, mb.durable)
			i = i + 1
		}
		d.links = d.links[:0]
	}
	if d.spooled {
		d.spooled = false
		filesys.Delete(SpoolDir, name)
	}
}

// unlink deletes the name id from box's directory if it is still pending there (linked by
// a Commit, in no index; fsyncing the directory in durable mode), holding the index lock,
// which it releases even if the Delete fails (panics).
//
//@ requires box != nil
func (box *mailbox) unlink(id string, durable bool) {
	box.indexLock.Lock()
	defer box.indexLock.Unlock()
	if box.pending[id] {
		delete(box.pending, id)
		filesys.Delete(box.dir, id)
		if durable {
			filesys.FsyncDir(box.dir)
		}
	}
}
