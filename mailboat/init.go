package mailboat

import (
	"sync"

	"armada/goose/machine/filesys"
)

// Init is the library's start and its recovery: run it once when the process starts,
// before any other operation, whether or not the system crashed. It creates the spool and
// the mailbox directories of users 0 to users-1 if they do not exist yet, deletes every file
// of the spool (messages whose delivery a crash interrupted before they were linked into a
// mailbox, and spool names of delivered messages whose clean-up was interrupted), indexes
// the messages of each mailbox in arrival order and returns the library's state. A file in a
// mailbox whose name is not a message ID is ignored, and so is one shorter than its ID says
// (only possible after a power loss without durable mode): it keeps its arrival number.
//
// With durable true, Deliver and Commit fsync the message before linking it into a mailbox
// and the mailbox directory after, and Delete fsyncs the mailbox directory, so that what
// they did survives a host crash; otherwise it survives only a crash of the process.
//
//@ recover
//@ ensures forall n string :: !filesys.Dirs[SpoolDir][n]
func Init(users uint64, durable bool) *Mailboat {
	filesys.Mkdir(SpoolDir) //@ crash_step
	spooled := filesys.List(SpoolDir)
	var k uint64 = 0
	for k < uint64(len(spooled)) {
		//@ invariant k <= len(spooled) && (forall j uint64 :: k <= j && j < len(spooled) ==> filesys.Dirs[SpoolDir][spooled[j]])
		//@ invariant forall n string :: filesys.Dirs[SpoolDir][n] ==> (exists j uint64 :: k <= j && j < len(spooled) && spooled[j] == n)
		filesys.Delete(SpoolDir, spooled[k])
		k = k + 1
	}
	if durable {
		filesys.FsyncDir(SpoolDir)
	}
	boxes := make([]*mailbox, 0)
	var u uint64 = 0
	for u < users {
		//@ invariant u <= users && uint64(len(boxes)) == u && (forall j uint64 :: j < u ==> boxes[j] != nil && boxes[j].user == j) && (forall j uint64 :: j < len(boxes) ==> acc(boxes[j]))
		//@ invariant (forall d string :: !mailboxDir(d, u) ==> lease(filesys.Dirs[d])) && (forall n string :: !filesys.Dirs[SpoolDir][n])
		//@ invariant (forall j uint64, k string :: j >= u ==> !Mail.has[j][k]) && (forall j uint64 :: j >= u ==> acc(Mail.has[j])) && (forall j uint64 :: j >= u ==> acc(Mail.msgs[j]))
		dir := UserDir(u)
		filesys.Mkdir(dir)
		live := make(map[string]bool)
		index := make([]Entry, 0)
		var next uint64 = 0
		names := filesys.List(dir) // sorted: arrival numbers have a fixed width
		var i uint64 = 0
		for i < uint64(len(names)) {
			//@ invariant i <= len(names) && uint64(len(index)) <= i && (forall j uint64 :: i <= j && j < len(names) ==> filesys.Dirs[dir][names[j]])
			//@ invariant (forall k string :: acc(live[k])) && (forall j uint64 :: j < len(index) ==> acc(index[j])) && (forall n string :: !filesys.Dirs[SpoolDir][n])
			//@ invariant (forall n string :: live[n] ==> filesys.Dirs[dir][n] && filesys.Sealed[dir][n]) && (forall j uint64 :: j < u ==> boxes[j] != nil && boxes[j].user == j)
			//@ invariant (forall n string :: live[n] == Mail.has[u][n]) && (forall n string :: live[n] ==> filesys.Files[dir][n] == Mail.msgs[u][n]) && (forall j uint64, k string :: j > u ==> !Mail.has[j][k])
			name := names[i]
			seq, size, ok := parseID(name)
			if ok {
				if seq >= next {
					next = seq + 1
				}
				// Whole: a byte at offset size-1 and none at size (files are append-only),
				// or none at 0 for an empty message. (One read: the verifier joins the two
				// paths of an `if` that only computes locals, not of one that reads a file.)
				var off uint64 = 0
				var want uint64 = 0
				if size > 0 {
					off = size - 1
					want = 1
				}
				f := filesys.Open(dir, name)
				whole := uint64(len(filesys.ReadAt(f, off, 2))) == want
				filesys.Close(f)
				if whole && !live[name] {
					live[name] = true //@ internal Mail.Arrive(u, name, filesys.Files[dir][name])
					index = append(index, Entry{ID: name, Size: size, seq: seq})
				}
			}
			i = i + 1
		}
		boxes = append(boxes, &mailbox{lock: new(sync.Mutex), indexLock: new(sync.Mutex), user: u, dir: dir, live: live, index: index, next: next, pending: make(map[string]bool)})
		u = u + 1
	}
	return &Mailboat{users: users, boxes: boxes, durable: durable}
}

// The mailbox directories of users below u (Init has handed their leases to their boxes).
//
//@ predicate mailboxDir(d string, u uint64) { exists j uint64 :: j < u && d == UserDir(j) }
