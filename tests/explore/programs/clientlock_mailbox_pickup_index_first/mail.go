// Package clientlockmailboxpickupindexfirst is a seeded twin of clientlock_mailbox: Pickup takes the index lock before the mailbox lock and waits for the mailbox holding it: the holder's Delete waits for the index lock.
package clientlockmailboxpickupindexfirst

import "sync"

// N is the number of users; Max bounds a mailbox.
const N uint64 = 2

const Max uint64 = 3

//@ spec Mail {
//@   state cnt: map[uint64]uint64
//@   op Deliver(u uint64) { require u < N; if cnt[u] < Max { cnt[u] = cnt[u] + 1 } }
//@   op Pickup(u uint64) uint64 { require u < N; return cnt[u] }
//@   op Delete(u uint64) { require u < N; if cnt[u] > 0 { cnt[u] = cnt[u] - 1 } }
//@   op Unlock(u uint64) { require u < N }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@   domain uint64 = {0, 1}
//@ }

type mailbox struct {
	lock  *sync.Mutex // the client's: held from Pickup to Unlock
	ilock *sync.Mutex // the index's: held inside one op
	n     uint64
}

// Server holds one mailbox per user.
type Server struct {
	boxes []*mailbox
}

//@ init
func Init() *Server {
	b := []*mailbox{&mailbox{lock: new(sync.Mutex), ilock: new(sync.Mutex), n: 0},
		&mailbox{lock: new(sync.Mutex), ilock: new(sync.Mutex), n: 0}}
	return &Server{boxes: b}
}

//@ implements Mail.Deliver
//@ requires u < N
func (mb *Server) Deliver(u uint64) {
	b := mb.boxes[u]
	b.ilock.Lock()
	if b.n < Max {
		b.n = b.n + 1 //@ linearize
	} else {
		_ = b.n //@ linearize
	}
	b.ilock.Unlock()
}

//@ implements Mail.Pickup
//@ requires u < N
//@ ensures locked(mb.boxes[u].lock)
func (mb *Server) Pickup(u uint64) uint64 {
	b := mb.boxes[u]
	b.ilock.Lock()
	b.lock.Lock()
	v := b.n //@ linearize
	b.ilock.Unlock()
	return v
}

//@ implements Mail.Delete
//@ requires u < N && locked(mb.boxes[u].lock)
//@ ensures locked(mb.boxes[u].lock)
func (mb *Server) Delete(u uint64) {
	b := mb.boxes[u]
	b.ilock.Lock()
	if b.n > 0 {
		b.n = b.n - 1 //@ linearize
	} else {
		_ = b.n //@ linearize
	}
	b.ilock.Unlock()
}

//@ implements Mail.Unlock
//@ requires u < N && locked(mb.boxes[u].lock)
func (mb *Server) Unlock(u uint64) {
	mb.boxes[u].lock.Unlock() //@ linearize
}
