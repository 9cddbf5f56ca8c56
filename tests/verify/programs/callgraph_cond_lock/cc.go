// Package callgraphcondlock is a verifier test (soundness): S.outer takes S.mu only through
// a call in an `if` condition (`if s.get()`), and Op calls it while holding S.mu: a
// self-deadlock. The call graph used to list only a statement's own calls, so outer was not
// known to take locks and Op was proved.
//
// EXPECT fail deadlock at line 32
package callgraphcondlock

import "sync"

// S is a lock and nothing else.
type S struct {
	mu *sync.Mutex //@ lock_inv true
}

func (s *S) get() bool {
	s.mu.Lock()
	s.mu.Unlock()
	return true
}

func (s *S) outer() uint64 {
	if s.get() {
		return 1
	}
	return 0
}

// Op holds the lock across outer.
func (s *S) Op() {
	s.mu.Lock()
	s.outer()
	s.mu.Unlock()
}
