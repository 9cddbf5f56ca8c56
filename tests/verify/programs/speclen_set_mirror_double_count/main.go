// Package speclensetmirrordoublecount is a verifier test of `len` of a spec map: the code
// counts every Add in a field of its own, also an Add of a key already present, where the
// spec's len(keys) does not grow, so the counter and len part at the first repeated Add.
//
// EXPECT fail lock-inv at line 40
package speclensetmirrordoublecount

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
	mu *sync.Mutex //@ lock_inv acc(m) && m != nil && (forall k uint64 :: acc(m[k])) && acc(Set.keys) && acc(n) && n == len(Set.keys) && (forall k uint64 :: has(m, k) == has(Set.keys, k))
	m  map[uint64]bool
	n  uint64
}

//@ implements Set.Add
//@ requires k < K
func (s *Mirror) Add(k uint64) {
	s.mu.Lock()
	s.m[k] = true //@ linearize
	s.n = s.n + 1
	s.mu.Unlock()
}

//@ implements Set.Remove
//@ requires k < K
func (s *Mirror) Remove(k uint64) {
	s.mu.Lock()
	if _, ok := s.m[k]; ok {
		s.n = s.n - 1
	}
	delete(s.m, k) //@ linearize
	s.mu.Unlock()
}

//@ implements Set.Count
func (s *Mirror) Count() uint64 {
	s.mu.Lock()
	c := s.n //@ linearize
	s.mu.Unlock()
	return c
}

//@ recover
func Recover() *Mirror {
	m := make(map[uint64]bool) //@ crash_step
	return &Mirror{mu: new(sync.Mutex), m: m}
}
