// Package oplockmailboxunlockfirst is a verifier test: seeded from oplock_mailbox: Unlock
// releases user 0's lock whatever user its client holds: user 1's lock stays held forever
// and user 0's is unlocked under another client's feet.
//
// EXPECT fail safety at line 90
package oplockmailboxunlockfirst

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

type box struct {
	lock  *sync.Mutex
	ilock *sync.Mutex //@ lock_inv acc(n) && acc(Mail.cnt[id]) && n == Mail.cnt[id]
	id    uint64
	n     uint64
}

// Mailboat holds one box per user.
type Mailboat struct {
	boxes []*box //@ invariant uint64(len(boxes)) == N && (forall j uint64 :: j < N ==> boxes[j] != nil && boxes[j].id == j)
}

//@ init
func Init() *Mailboat {
	b := []*box{&box{lock: new(sync.Mutex), ilock: new(sync.Mutex), id: 0, n: 0},
		&box{lock: new(sync.Mutex), ilock: new(sync.Mutex), id: 1, n: 0}}
	return &Mailboat{boxes: b}
}

//@ implements Mail.Deliver
//@ requires u < N
func (mb *Mailboat) Deliver(u uint64) {
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
func (mb *Mailboat) Pickup(u uint64) uint64 {
	b := mb.boxes[u]
	b.lock.Lock()
	b.ilock.Lock()
	v := b.n //@ linearize
	b.ilock.Unlock()
	return v
}

//@ implements Mail.Delete
//@ requires u < N && locked(mb.boxes[u].lock)
//@ ensures locked(mb.boxes[u].lock)
func (mb *Mailboat) Delete(u uint64) {
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
func (mb *Mailboat) Unlock(u uint64) {
	mb.boxes[0].lock.Unlock() //@ linearize
}
