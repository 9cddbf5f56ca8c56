// Package mailboat is the mail library of the Mailboat server: per-user mailboxes stored as
// one file per message in a Maildir-like layout, with delivery that is atomic under
// concurrency and crashes.
//
// The package is written in the Goose subset so that Armada can verify it: it uses only
// uint64, bool, string, byte slices, structs, slices, methods, sync.Mutex and the machine
// library's file system (armada/goose/machine/filesys), which is ambient: the process picks
// the file system once with filesys.Use before calling Init.
//
// Layout under the file system's root: the directory "spool" holds messages being
// delivered, and "user<N>" holds the mailbox of user N, one file per message. A message's
// ID is its file name, "msg" + its arrival number in the mailbox (20 digits, so that names
// sort in arrival order) + "." + its size in bytes.
//
// Seeded bug: linkNext appends the delivered message to the index but never adds it to live:
// the mailbox's set of messages misses a message the spec says it holds (Read finds no such
// message, and a Delete of it does nothing).
//
// EXPECT fail lock-inv at line 87
package mailboat

import (
	"sync"

	"armada/goose/machine/prims"
)

// SpoolDir is the directory where messages are written before they are linked into a
// mailbox. After a crash it may hold partial messages; Recover empties it.
const SpoolDir = "spool"

// Each spool name is its creator's: only the delivery that created it links and deletes it.
//
//@ creator_dir "spool"

// The library's spec, the paper's figure 8 without Pickup and List yet: each user's mailbox
// maps message IDs to contents (has: the IDs it holds). Deliver adds msg under an ID the
// mailbox does not hold; Delete removes one; Read reads a piece of one; Lock and Unlock
// change nothing (the client's lock, which Delete needs, as the paper's Unlock). A streamed delivery
// (Commit) adds its message to each recipient's mailbox at a moment of its own: the internal
// step Arrive, which the spec may take at any time. A crash empties the mailboxes and Init
// adds back (Arrive) each message it finds: that a delivered message survives a crash is
// not promised yet (it needs the crash invariant).
//
//@ spec Mail {
//@   state has: map[uint64]map[string]bool
//@   state msgs: map[uint64]map[string][]byte
//@   op Deliver(user uint64, msg []byte) { choose id string such that !has[user][id]; has[user][id] = true; msgs[user][id] = msg }
//@   op Delete(user uint64, id string) { has[user][id] = false }
//@   op Lock(user uint64) { }
//@   op Unlock(user uint64) { }
//@   op Read(user uint64, id string, off uint64, length uint64) []byte {
//@     if !has[user][id] || off >= len(msgs[user][id]) { return msgs[user][id][0:0] }
//@     if off + length > len(msgs[user][id]) { return msgs[user][id][off:len(msgs[user][id])] }
//@     return msgs[user][id][off:off + length]
//@   }
//@   internal Arrive(user uint64, id string, msg []byte) { require !has[user][id]; has[user][id] = true; msgs[user][id] = msg }
//@   crash { has = map[uint64]map[string]bool{} }
//@ }

// Message is one message of a mailbox, as returned by Pickup.
type Message struct {
	ID       string
	Contents string
}

// Entry is one message of a mailbox as List returns it: its ID and size in bytes.
type Entry struct {
	ID   string
	Size uint64
	seq  uint64
}

// Mailboat is the library's in-memory state: one mailbox record per user and the
// durability mode, all fixed by Init.
type Mailboat struct {
	users   uint64
	boxes   []*mailbox //@ invariant uint64(len(boxes)) == users && (forall j uint64 :: j < users ==> boxes[j] != nil && boxes[j].user == j) && filesys.IsDir[SpoolDir]
	durable bool
}

// mailbox is the in-memory record of one user's mailbox, the directory dir. lock is the
// user's lock, held from Pickup (or List, or Lock) to Unlock; Delete needs it. indexLock
// protects the rest: live holds the ID of every message of the mailbox, index lists them
// in arrival order with their sizes (and may still list deleted ones: those not in live),
// so that Pickup need not list the directory, and next is the arrival number the next
// message gets. Deleted entries are dropped from index all at once when they are half of
// it, so that deleting every message of a large mailbox costs time in proportion to its
// size, not to its square.
//
// Every message in live or pending is sealed: its writer closed the file, so its bytes never
// change and a reader gets it whole. Only a thread holding indexLock deletes from dir, and every name in live is there (the
// lower-bound lease on dir, which the lock owns): a delivery links its message into dir
// and adds it to live in one critical section, Delete removes it from live and deletes the
// file in another, and Read and Pickup open a message only while they see it in live.
// pending holds the names a streamed delivery (Commit) has linked into dir but not yet
// indexed: they are there too, and in no index; Commit moves them to live, or Abort
// deletes them. A crash loses the index with the operations in flight; Init rebuilds it
// from the directories.
type mailbox struct {
	lock      *sync.Mutex
	indexLock *sync.Mutex //@ lock_inv acc(live) && live != nil && (forall k string :: acc(live[k])) && acc(index) && (forall i uint64 :: i < len(index) ==> acc(index[i])) && acc(next) && dir != SpoolDir && lease(filesys.Dirs[dir], >= live) && acc(pending) && pending != nil && pending != live && (forall k string :: acc(pending[k])) && (forall k string :: pending[k] ==> filesys.Dirs[dir][k] && !live[k] && filesys.Sealed[dir][k]) && (forall k string :: live[k] ==> filesys.Sealed[dir][k]) && acc(Mail.has[user]) && acc(Mail.msgs[user]) && (forall k string :: live[k] == Mail.has[user][k]) && (forall k string :: live[k] ==> filesys.Files[dir][k] == Mail.msgs[user][k])
	user      uint64
	dir       string //@ invariant filesys.IsDir[dir] && dir != SpoolDir
	live      map[string]bool
	index     []Entry
	next      uint64
	pending   map[string]bool
}

// UserDir is the name of the directory that holds the mailbox of user.
//
//@ pure
func UserDir(user uint64) string {
	return "user" + prims.UInt64ToString(user)
}

// Lock acquires user's mailbox lock, which Pickup and Delete need and Deliver does not.
//
//@ implements Mail.Lock
//@ requires user < mb.users
//@ ensures locked(mb.boxes[user].lock)
func (mb *Mailboat) Lock(user uint64) {
	mb.boxes[user].lock.Lock() //@ linearize
}

// Unlock releases user's mailbox lock, taken by Lock, List or Pickup.
//
//@ implements Mail.Unlock
//@ requires user < mb.users && locked(mb.boxes[user].lock)
func (mb *Mailboat) Unlock(user uint64) {
	mb.boxes[user].lock.Unlock() //@ linearize
}

// Users is the number of mailboxes: valid user numbers are 0 to Users()-1.
func (mb *Mailboat) Users() uint64 {
	return mb.users
}

// Durable reports whether deliveries and deletions are fsynced before they return.
func (mb *Mailboat) Durable() bool {
	return mb.durable
}

// messageID is the file name of the message with arrival number seq and size bytes.
//
//@ pure
func messageID(seq uint64, size uint64) string {
	return "msg" + zeros[len(prims.UInt64ToString(seq)):] + prims.UInt64ToString(seq) + "." + prims.UInt64ToString(size)
}

// zeros pads arrival numbers to 20 digits, the most a uint64 has.
const zeros = "00000000000000000000"

// parseID reads the arrival number and size out of a message ID made by messageID; ok is
// false for any other name.
func parseID(id string) (uint64, uint64, bool) {
	n := uint64(len(id))
	if n < 25 || id[0] != 'm' || id[1] != 's' || id[2] != 'g' || id[23] != '.' {
		return 0, 0, false
	}
	var seq uint64 = 0
	var i uint64 = 3
	for i < 23 {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		seq = seq*10 + uint64(c-'0')
		i = i + 1
	}
	var size uint64 = 0
	i = 24
	for i < n {
		c := id[i]
		if c < '0' || c > '9' || i > 43 {
			return 0, 0, false
		}
		size = size*10 + uint64(c-'0')
		i = i + 1
	}
	return seq, size, true
}
