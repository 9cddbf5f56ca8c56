// Package specchoosememoryids is a verifier test of a choose whose value the code picks, in
// memory: ids come from a counter under a lock that owns the spec's last id, and the code
// names the id it hands out (`linearize x = id`); the spec allows any id but the last. A
// crash forgets the ids (the crash step restarts them), so recovery takes the crash step
// before it builds the lock whose invariant relates the counter to the spec.
//
// EXPECT verified
package specchoosememoryids

import "sync"

//@ spec Ids {
//@   state last: uint64
//@   op Fresh() uint64 { choose x uint64 such that x != last; last = x; return x }
//@   crash { last = 0 }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@ }

type Alloc struct {
	mu   *sync.Mutex //@ lock_inv acc(next) && acc(Ids.last) && next == Ids.last
	next uint64
}

//@ implements Ids.Fresh
func (a *Alloc) Fresh() uint64 {
	a.mu.Lock()
	id := a.next + 1
	a.next = id //@ linearize x = id
	a.mu.Unlock()
	return id
}

//@ recover
func Recover() *Alloc {
	n := uint64(0) //@ crash_step
	return &Alloc{mu: new(sync.Mutex), next: n}
}
