package mailboat

import (
	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// Deliver stores msg in user's mailbox. It needs no user lock and runs concurrently with
// every other operation. It writes msg to a new file of the spool, in pieces of at most
// filesys.MaxAppend bytes (fsyncing it in durable mode), links it into the mailbox
// (linkIntoMailbox: the linearization point) and deletes the spool name. A crash before the
// link leaves only a spool file, which Init deletes. The caller must not modify msg until
// Deliver returns; it does not keep it.
//
//@ implements Mail.Deliver
//@ requires user < mb.users
func (mb *Mailboat) Deliver(user uint64, msg []byte) {
	size := uint64(len(msg))
	var name string
	var f filesys.File
	for {
		name = prims.UInt64ToString(prims.RandomUint64())
		made, ok := filesys.Create(SpoolDir, name)
		if ok {
			f = made
			break
		}
	}
	var off uint64 = 0
	for off < size {
		//@ invariant off <= size && filesys.Files[SpoolDir][name] == msg[:off]
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
	mb.linkIntoMailbox(name, size, user, true)
	filesys.Delete(SpoolDir, name)
}

// linkIntoMailbox links the spool file name, of size bytes, into user's mailbox and adds
// it to the index (else, if not publish, to the mailbox's pending names), under the next
// arrival number or a later one while the name is taken (linkNext). In durable mode it then
// fsyncs the mailbox directory. It returns the message's ID and arrival number.
//
//@ requires user < mb.users && lease(filesys.Dirs["spool"][name]) && filesys.Sealed["spool"][name]
//@ ensures lease(filesys.Dirs["spool"][name]) && filesys.Sealed["spool"][name]
//@ linearizes Mail.Deliver(user, filesys.Files[SpoolDir][name]) if publish
func (mb *Mailboat) linkIntoMailbox(name string, size uint64, user uint64, publish bool) (string, uint64) {
	box := mb.boxes[user]
	var id string
	var seq uint64
	for {
		//@ invariant filesys.Sealed["spool"][name]
		//@ invariant filesys.Files[SpoolDir][name] == old(filesys.Files[SpoolDir][name])
		made, n, ok := linkNext(box, name, size, publish)
		if ok {
			id, seq = made, n
			break
		}
	}
	if mb.durable {
		filesys.FsyncDir(box.dir)
	}
	return id, seq
}

// linkNext takes box's next arrival number and links the spool file name, of size bytes,
// into box's directory under that message ID, and if publish, adds it to the index (else
// to pending, for Commit to index later), all holding the index lock, so that the message
// becomes visible all at once (Deliver's linearization point). It returns the ID, the
// arrival number and whether the link was made (not if the name was taken). The lock is
// released even if the link fails (panics).
//
//@ requires box != nil && filesys.IsDir[SpoolDir] && lease(filesys.Dirs["spool"][name]) && filesys.Sealed["spool"][name]
//@ ensures lease(filesys.Dirs["spool"][name]) && filesys.Sealed["spool"][name]
//@ ensures filesys.Files[SpoolDir][name] == old(filesys.Files[SpoolDir][name])
//@ linearizes Mail.Deliver(box.user, filesys.Files[SpoolDir][name]) if publish && ret2
func linkNext(box *mailbox, name string, size uint64, publish bool) (string, uint64, bool) {
	box.indexLock.Lock()
	defer box.indexLock.Unlock()
	seq := box.next
	box.next = seq + 1
	id := messageID(seq, size)
	if !filesys.Link(SpoolDir, name, box.dir, id) {
		return id, seq, false
	}
	if publish {
		box.live[id] = true //@ linearize id = id
		box.index = append(box.index, Entry{ID: id, Size: size, seq: seq})
	} else {
		box.reserve(id)
	}
	return id, seq, true
}

// reserve records the message id, which the caller has just linked into box's directory
// holding the index lock, as pending: linked, in no index yet.
//
//@ requires box != nil && locked(box.indexLock) && filesys.Dirs[box.dir][id] && !box.live[id] && filesys.Sealed[box.dir][id]
//@ ensures locked(box.indexLock)
func (box *mailbox) reserve(id string) {
	box.pending[id] = true
}
