// Package callgraphcondlockafter is a verifier test, the correct twin of callgraph_cond_lock:
// Op calls outer (which takes S.mu in an `if` condition) only after releasing S.mu.
//
// EXPECT verified
package callgraphcondlockafter

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

// Op releases the lock before outer.
func (s *S) Op() {
	s.mu.Lock()
	s.mu.Unlock()
	s.outer()
}
