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
// delivered, and "user<N>" holds the mailbox of user N, one file per message, named
// "msg<random>". A message's ID is its file name.
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

// Mailboat is the library's in-memory state: one mailbox record per user and the
// durability mode.
type Mailboat struct {
	users   uint64
	boxes   []*mailbox
	durable bool
}

// mailbox is the in-memory record of one user's mailbox. lock is the user's lock, held from
// Pickup (or Lock) to Unlock; Delete needs it. index is the set of message IDs in the
// mailbox directory, so that Pickup need not list the directory: Init fills it from the
// directory, Deliver adds an ID after linking the message, Delete removes one after
// unlinking it. indexLock protects index (Deliver takes it without the user's lock).
//
// The index stays exact because this library is the only writer of the mailbox
// directories (it already assumes that: its locks are in memory) and a crash loses both
// the index and the operations in flight; Init rebuilds it from the directories.
type mailbox struct {
	lock      *sync.Mutex
	indexLock *sync.Mutex
	index     map[string]bool
}

// UserDir is the name of the directory that holds the mailbox of user.
func UserDir(user uint64) string {
	return "user" + prims.UInt64ToString(user)
}

// Lock acquires user's mailbox lock, which Pickup and Delete need and Deliver does not.
func (mb *Mailboat) Lock(user uint64) {
	mb.boxes[user].lock.Lock()
}

// Unlock releases user's mailbox lock, taken by Lock or Pickup.
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
