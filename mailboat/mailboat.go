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

// Mailboat is the library's in-memory state: one lock per user and the durability mode.
type Mailboat struct {
	users   uint64
	locks   []*sync.Mutex
	durable bool
}

// UserDir is the name of the directory that holds the mailbox of user.
func UserDir(user uint64) string {
	return "user" + prims.UInt64ToString(user)
}

// Lock acquires user's mailbox lock, which Pickup and Delete need and Deliver does not.
func (mb *Mailboat) Lock(user uint64) {
	mb.locks[user].Lock()
}

// Unlock releases user's mailbox lock, taken by Lock or Pickup.
func (mb *Mailboat) Unlock(user uint64) {
	mb.locks[user].Unlock()
}

// Users is the number of mailboxes: valid user numbers are 0 to Users()-1.
func (mb *Mailboat) Users() uint64 {
	return mb.users
}

// Durable reports whether deliveries and deletions are fsynced before they return.
func (mb *Mailboat) Durable() bool {
	return mb.durable
}
