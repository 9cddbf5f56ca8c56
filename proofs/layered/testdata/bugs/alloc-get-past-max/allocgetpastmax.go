// Package allocgetpastmax is a seeded bug in the allocator layer (proofs/layered/alloc): Get
// tests next > Max instead of next >= Max, so it hands out Max itself, which its contract
// (and the disk of the store above) does not allow.
//
// EXPECT fail postcondition at line 32
package allocgetpastmax

import "sync"

// Max is the number of block numbers the allocator hands out.
const Max uint64 = 16

// Alloc hands out the numbers next, next+1, ... below Max.
type Alloc struct {
	mu   *sync.Mutex //@ lock_inv acc(next) && next <= Max
	next uint64
}

// Get returns a number below Max that it has not returned since the last Recover or Reserve
// past it, or false when there is none left.
//
//@ ensures ret1 ==> ret0 < Max
func (a *Alloc) Get() (uint64, bool) {
	a.mu.Lock()
	if a.next > Max {
		a.mu.Unlock()
		return 0, false
	}
	b := a.next
	a.next = b + 1
	a.mu.Unlock()
	return b, true
}

// Next is the number Get would try next: Max when none is left.
//
//@ ensures ret <= Max
func (a *Alloc) Next() uint64 {
	a.mu.Lock()
	n := a.next
	a.mu.Unlock()
	return n
}

// Reserve marks every number below n as in use (a layer above restoring the allocator
// after a crash from what it keeps on disk).
//
//@ requires n <= Max
//@ ensures true
func (a *Alloc) Reserve(n uint64) {
	a.mu.Lock()
	if a.next < n {
		a.next = n
	}
	a.mu.Unlock()
}

// Recover returns an allocator with every number free: memory is all it has, and a crash
// lost it.
//
//@ recover
//@ ensures ret != nil
func Recover() *Alloc {
	return &Alloc{mu: new(sync.Mutex), next: 0}
}
