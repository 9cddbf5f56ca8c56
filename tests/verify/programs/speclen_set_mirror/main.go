// Package speclensetmirror is a verifier test of `len` of a spec map kept exactly by
// insertions and deletions: a set in memory (a Go map under a lock that owns the spec's
// set) mirrors the spec's keys (`has` of both), so Count, the Go map's len, is the spec's
// len(keys); adding a present key or removing an absent one changes neither. The keys are
// below K and the crash invariant counts them, so the crash step, which deletes each,
// leaves the set empty with len 0.
//
// EXPECT verified
package speclensetmirror

import "sync"

const K uint64 = 2

//@ spec Set {
//@   state keys: map[uint64]bool
//@   op Add(k uint64) { require k < K; keys[k] = true }
//@   op Remove(k uint64) { require k < K; delete(keys, k) }
//@   op Count() uint64 { return len(keys) }
//@   crash { delete(keys, 0); delete(keys, 1) }
//@ }

//@ crash_inv forall k uint64 :: has(Set.keys, k) ==> k < K
//@ crash_inv len(Set.keys) == (has(Set.keys, 0) ? 1 : 0) + (has(Set.keys, 1) ? 1 : 0)

//@ explore {
//@   goroutines 2; ops 2; crashes 1
//@   domain uint64 = {1, 2}
//@ }

type Mirror struct {
	mu *sync.Mutex //@ lock_inv acc(m) && m != nil && (forall k uint64 :: acc(m[k])) && acc(Set.keys) && len(m) == len(Set.keys) && (forall k uint64 :: has(m, k) == has(Set.keys, k))
	m  map[uint64]bool
}

//@ implements Set.Add
//@ requires k < K
func (s *Mirror) Add(k uint64) {
	s.mu.Lock()
	s.m[k] = true //@ linearize
	s.mu.Unlock()
}

//@ implements Set.Remove
//@ requires k < K
func (s *Mirror) Remove(k uint64) {
	s.mu.Lock()
	delete(s.m, k) //@ linearize
	s.mu.Unlock()
}

//@ implements Set.Count
func (s *Mirror) Count() uint64 {
	s.mu.Lock()
	n := uint64(len(s.m)) //@ linearize
	s.mu.Unlock()
	return n
}

//@ recover
func Recover() *Mirror {
	m := make(map[uint64]bool) //@ crash_step
	return &Mirror{mu: new(sync.Mutex), m: m}
}
