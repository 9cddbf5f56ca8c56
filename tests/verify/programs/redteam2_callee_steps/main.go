// Package rt2calleesteps is a verifier test: a helper that takes a spec step (here an
// internal step) on spec state its caller hands it (`requires acc(S.n)`, given back by its
// `ensures`) may change it, so after the call the caller knows of that state only what the
// `ensures` says. It kept the old value: Diff read c.v, called bump (which incremented v
// and S.n together), read c.v again and concluded both reads equal, as the ensures
// `c.v == S.n` spoke of the unchanged S.n (proved; the explorer: Diff returns 1).
//
// EXPECT fail result at line 50
package rt2calleesteps

import "sync"

//@ spec S {
//@   state n: uint64
//@   op Diff() uint64 { return 0 }
//@   internal Inc() { require n < 1; n = n + 1 }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 1; ops 1; crashes 0
//@   thread { Diff() }
//@ }

type C struct {
	mu *sync.Mutex //@ lock_inv acc(v) && acc(S.n) && v == S.n && v < 100
	v  uint64
}

//@ init
func Init() *C {
	return &C{mu: new(sync.Mutex)}
}

//@ requires acc(S.n) && acc(c.v) && c.v == S.n && c.v < 100
//@ ensures acc(S.n) && acc(c.v) && c.v == S.n && c.v < 100
func (c *C) bump() {
	if c.v < 1 {
		c.v = c.v + 1 //@ internal S.Inc()
	}
}

//@ implements S.Diff
func (c *C) Diff() uint64 {
	c.mu.Lock()
	x := c.v
	c.bump()
	y := c.v //@ linearize
	c.mu.Unlock()
	return y - x
}
