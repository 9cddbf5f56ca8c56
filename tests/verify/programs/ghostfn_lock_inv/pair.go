// Package ghostfnlockinv is a verifier test: a lock-protected in-memory pair whose lock
// invariant is a predicate (the window [lo, hi] is ordered and at most 100 wide).
//
// EXPECT verified
package ghostfnlockinv

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
func (p *Pair) Shift() {
	p.mu.Lock()
	if p.hi < 1000 {
		p.lo = p.lo + 1
		p.hi = p.hi + 1
	}
	p.mu.Unlock()
}

//@ requires p != nil
//@ ensures ret <= 100
func (p *Pair) Width() uint64 {
	p.mu.Lock()
	w := p.hi - p.lo
	p.mu.Unlock()
	return w
}

func New() *Pair {
	p := &Pair{mu: new(sync.Mutex), lo: 0, hi: 10}
	go p.Shift()
	return p
}
