// Package oplockfsboxtwolocks is oplock_fsbox with Delete also taking the box's index lock
// while it runs on the client's user lock (in the families' order): giving the index lock's
// field back keeps the user lock's map of seen names, so the user lock is handed back whole.
//
// EXPECT verified
package oplockfsboxtwolocks

import (
	"sync"

	"armada/goose/machine/filesys"
	"armada/goose/machine/prims"
)

// N is the number of users.
const N uint64 = 2

//@ spec Mail {
//@   op Deliver(u uint64) { require u < N }
//@   op Pickup(u uint64) { require u < N }
//@   op Delete(u uint64, name string) { require u < N }
//@   op Unlock(u uint64) { require u < N }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@   domain uint64 = {0, 1}
//@   domain string = {"0", "1"}
//@ }

type box struct {
	lock  *sync.Mutex //@ lock_inv seen != nil && (forall k string :: acc(seen[k])) && lease(filesys.Dirs[dir], >= seen) && filesys.IsDir[dir]
	ilock *sync.Mutex //@ lock_inv acc(next) && filesys.IsDir[dir]
	dir   string
	seen  map[string]bool
	next  uint64
}

// Mailboat holds one box per user.
type Mailboat struct {
	boxes []*box //@ invariant uint64(len(boxes)) == N && (forall j uint64 :: j < N ==> boxes[j] != nil)
}

//@ recover
func Open() *Mailboat {
	filesys.Mkdir("user0")
	filesys.Mkdir("user1")
	b := []*box{
		&box{lock: new(sync.Mutex), ilock: new(sync.Mutex), dir: "user0", seen: make(map[string]bool), next: 0},
		&box{lock: new(sync.Mutex), ilock: new(sync.Mutex), dir: "user1", seen: make(map[string]bool), next: 0},
	}
	return &Mailboat{boxes: b}
}

//@ implements Mail.Deliver
//@ requires u < N
func (mb *Mailboat) Deliver(u uint64) {
	b := mb.boxes[u]
	b.ilock.Lock()
	n := b.next
	b.next = n + 1
	b.ilock.Unlock()
	f, ok := filesys.Create(b.dir, prims.UInt64ToString(n)) //@ linearize
	if ok {
		filesys.Close(f)
	}
}

//@ implements Mail.Pickup
//@ requires u < N
//@ ensures locked(mb.boxes[u].lock)
func (mb *Mailboat) Pickup(u uint64) {
	b := mb.boxes[u]
	b.lock.Lock()
	names := filesys.List(b.dir) //@ linearize
	for i := uint64(0); i < uint64(len(names)); i++ {
		//@ invariant forall n string :: b.seen[n] ==> filesys.Dirs[b.dir][n]
		//@ invariant forall k uint64 :: k < uint64(len(names)) ==> filesys.Dirs[b.dir][names[k]]
		b.seen[names[i]] = true
	}
}

//@ implements Mail.Delete
//@ requires u < N && locked(mb.boxes[u].lock)
//@ ensures locked(mb.boxes[u].lock)
func (mb *Mailboat) Delete(u uint64, name string) {
	b := mb.boxes[u]
	b.ilock.Lock()
	if b.seen[name] {
		filesys.Delete(b.dir, name) //@ linearize
		delete(b.seen, name)
	} else {
		_ = name //@ linearize
	}
	b.ilock.Unlock()
}

//@ implements Mail.Unlock
//@ requires u < N && locked(mb.boxes[u].lock)
func (mb *Mailboat) Unlock(u uint64) {
	mb.boxes[u].lock.Unlock() //@ linearize
}
