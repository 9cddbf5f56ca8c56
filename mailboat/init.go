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
	partialUsers := make([]uint64, 0)
	partialIDs := make([]string, 0)
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
				if seq >= next {
					next = seq + 1
				}
				if hasSize(dir, name, size) {
					index = append(index, Entry{ID: name, Size: size, seq: seq, gone: false})
				} else {
					partialUsers = append(partialUsers, u)
					partialIDs = append(partialIDs, name)
				}
			}
		}
		boxes = append(boxes, &mailbox{lock: new(sync.Mutex), indexLock: new(sync.Mutex), index: index, dead: 0, next: next})
		u = u + 1
	}
	return &Mailboat{users: users, boxes: boxes, durable: durable, partialUsers: partialUsers, partialIDs: partialIDs}
}

// hasSize reports whether the file dir/name holds exactly size bytes: a byte at offset
// size-1 and none at size. Files are append-only, so a shorter one is a partial message.
func hasSize(dir string, name string, size uint64) bool {
	f := filesys.Open(dir, name)
	var ok bool
	if size == 0 {
		ok = uint64(len(filesys.ReadAt(f, 0, 1))) == 0
	} else {
		ok = uint64(len(filesys.ReadAt(f, size-1, 2))) == 1
	}
	filesys.Close(f)
	return ok
}

// Recover deletes every file of the spool (the messages whose Commit a crash interrupted
// before they were linked into a mailbox, and the spool names of delivered messages whose
// clean-up was interrupted) and the partial files Init found in mailboxes (Delivers that a
// crash interrupted). Call it after Init and before any other operation.
func (mb *Mailboat) Recover() {
	names := filesys.List(SpoolDir)
	for _, name := range names {
		filesys.Delete(SpoolDir, name)
	}
	if mb.durable {
		filesys.FsyncDir(SpoolDir)
	}
	var i uint64 = 0
	for i < uint64(len(mb.partialIDs)) {
		dir := UserDir(mb.partialUsers[i])
		filesys.Delete(dir, mb.partialIDs[i])
		if mb.durable {
			filesys.FsyncDir(dir)
		}
		i = i + 1
	}
	mb.partialUsers = make([]uint64, 0)
	mb.partialIDs = make([]string, 0)
}
