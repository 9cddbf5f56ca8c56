// Package ctr is a soundness test: the op's step sits in a loop body that goes back to the
// loop head, so it would be taken once per iteration (twice here), while the loop head,
// which stands for every iteration, knew of none. It was proved.
//
// EXPECT fail refinement at line 29
package ctr

import "sync"

//@ spec C {
//@   state n: uint64
//@   op Inc() { n = uint64(n + 1) }
//@   crash { n = 0 }
//@ }

// Ctr is a counter.
type Ctr struct {
	mu *sync.Mutex //@ lock_inv acc(v) && acc(C.n) && C.n == v
	v  uint64
}

// Inc adds one.
//
//@ implements C.Inc
func (c *Ctr) Inc() {
	c.mu.Lock()
	i := uint64(0)
	for {
		i = i + 1 //@ linearize
		if i >= 2 {
			break
		}
	}
	c.v = c.v + 1
	c.mu.Unlock()
}

// Recover starts from zero, as the spec's crash step does.
//
//@ recover
func Recover() *Ctr {
	n := uint64(0) //@ crash_step
	return &Ctr{mu: new(sync.Mutex), v: n}
}
