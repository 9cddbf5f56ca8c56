// Package ghostfnlockinvbroken is a verifier test: Widen breaks the predicate of the lock
// invariant (the window may grow past 100) when it releases the lock.
//
// EXPECT fail lock-inv at line 25
package ghostfnlockinvbroken

import (
	"sync"
)

//@ predicate window(lo uint64, hi uint64) { lo <= hi && hi - lo <= 100 }

type Pair struct {
	mu *sync.Mutex //@ lock_inv acc(lo) && acc(hi) && window(lo, hi)
	lo uint64
	hi uint64
}

//@ requires p != nil
func (p *Pair) Widen() {
	p.mu.Lock()
	if p.hi < 1000 {
		p.hi = p.hi + 1
	}
	p.mu.Unlock()
}

func New() *Pair {
	return &Pair{mu: new(sync.Mutex), lo: 0, hi: 10}
}
