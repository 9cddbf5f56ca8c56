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
package mailboat

import (
	"sync"

	"armada/goose/machine/prims"
)

// SpoolDir is the directory where messages are written before they are linked into a
// mailbox. After a crash it may hold partial messages; Recover empties it.
const SpoolDir = "spool"

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
	gone bool // deleted; left in the index until the next compaction
}

// Mailboat is the library's in-memory state: one mailbox record per user and the
// durability mode.
type Mailboat struct {
	users   uint64
	boxes   []*mailbox
	durable bool
	// partialUsers[i] and partialIDs[i] name a file that Init found shorter than its ID
	// says (a Deliver that a crash interrupted); Recover deletes them.
	partialUsers []uint64
	partialIDs   []string
}

// mailbox is the in-memory record of one user's mailbox. lock is the user's lock, held from
// Pickup (or List, or Lock) to Unlock; Delete needs it. index lists the messages of the
// mailbox directory in arrival order, so that Pickup need not list the directory: Init
// fills it from the directory, Commit adds an entry after linking the message, Delete
// marks one deleted. next is the arrival number the next message gets. The index is sorted by
// arrival number, so Delete finds an entry by binary search; deleted entries are dropped
// all at once when they are half of the index (dead counts them), so that deleting every
// message of a large mailbox costs time in proportion to its size, not to its square.
// indexLock protects index, dead and next (Commit takes it without the user's lock).
//
// The index stays exact because this library is the only writer of the mailbox
// directories (it already assumes that: its locks are in memory) and a crash loses both
// the index and the operations in flight; Init rebuilds it from the directories.
type mailbox struct {
	lock      *sync.Mutex
	indexLock *sync.Mutex
	index     []Entry
	dead      uint64
	next      uint64
}

// UserDir is the name of the directory that holds the mailbox of user.
func UserDir(user uint64) string {
	return "user" + prims.UInt64ToString(user)
}

// Lock acquires user's mailbox lock, which Pickup and Delete need and Deliver does not.
func (mb *Mailboat) Lock(user uint64) {
	mb.boxes[user].lock.Lock()
}

// Unlock releases user's mailbox lock, taken by Lock, List or Pickup.
func (mb *Mailboat) Unlock(user uint64) {
	mb.boxes[user].lock.Unlock()
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
func messageID(seq uint64, size uint64) string {
	digits := prims.UInt64ToString(seq)
	var zeros string = "00000000000000000000"
	return "msg" + zeros[len(digits):] + digits + "." + prims.UInt64ToString(size)
}

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
