// Package ctr: a loop that searches for a free slot and takes the op's step on the
// iteration that leaves the loop (then breaks), and a loop in another op that counts its
// steps and linearizes after it: both verify.
//
// EXPECT verified
package ctr

import "sync"

//@ spec C {
//@   state n: uint64
//@   op Inc() { n = uint64(n + 1) }
//@   op Get() uint64 { return n }
//@   crash { n = 0 }
//@ }

// Ctr is a counter.
type Ctr struct {
	mu *sync.Mutex //@ lock_inv acc(v) && acc(C.n) && C.n == v
	v  uint64
}

// Inc adds one, after spinning a few rounds.
//
//@ implements C.Inc
func (c *Ctr) Inc() {
	c.mu.Lock()
	i := uint64(0)
	for i < 3 {
		//@ invariant i < 3 && C.n == c.v
		//@ decreases 3 - i
		if i == 2 {
			c.v = c.v + 1 //@ linearize
			break
		}
		i = i + 1
	}
	c.mu.Unlock()
}

// Get reads the count.
//
//@ implements C.Get
func (c *Ctr) Get() uint64 {
	c.mu.Lock()
	r := c.v //@ linearize
	c.mu.Unlock()
	return r
}

// Recover starts from zero, as the spec's crash step does.
//
//@ recover
func Recover() *Ctr {
	n := uint64(0) //@ crash_step
	return &Ctr{mu: new(sync.Mutex), v: n}
}
