package mailboat

import (
	"sync"

	"armada/goose/machine/filesys"
)

// Init creates the spool and the mailbox directories of users 0 to users-1 if they do not
// exist yet, indexes the messages already in them in arrival order, and returns the
// library's state. Run Recover after Init and before the first other operation when the
// system may have crashed. A file in a mailbox whose name is not a message ID is ignored.
//
// With durable true, Commit fsyncs the message before linking it into the mailboxes and the
// mailbox directories after, and Delete fsyncs the mailbox directory, so that what they did
// survives a host crash; otherwise it survives only a crash of the process.
func Init(users uint64, durable bool) *Mailboat {
	filesys.Mkdir(SpoolDir)
	boxes := make([]*mailbox, 0)
	var u uint64 = 0
	for u < users {
		dir := UserDir(u)
		filesys.Mkdir(dir)
		index := make([]Entry, 0)
		var next uint64 = 0
		names := filesys.List(dir) // sorted: arrival numbers have a fixed width
		for _, name := range names {
			seq, size, ok := parseID(name)
			if ok {
				index = append(index, Entry{ID: name, Size: size, seq: seq})
				if seq >= next {
					next = seq + 1
				}
			}
		}
		boxes = append(boxes, &mailbox{lock: new(sync.Mutex), indexLock: new(sync.Mutex), index: index, next: next})
		u = u + 1
	}
	return &Mailboat{users: users, boxes: boxes, durable: durable}
}

// Recover deletes every file of the spool: the messages whose delivery a crash interrupted
// (they were never linked into a mailbox) and the spool names of delivered messages whose
// clean-up was interrupted. Call it before any other operation, with no delivery running.
func (mb *Mailboat) Recover() {
	names := filesys.List(SpoolDir)
	for _, name := range names {
		filesys.Delete(SpoolDir, name)
	}
	if mb.durable {
		filesys.FsyncDir(SpoolDir)
	}
}
