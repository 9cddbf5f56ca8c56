// Package rt2calleelendsspecok is a verifier test: the twin of redteam2_callee_lends_spec.
// Get relies only on what lend's ensures says of the spec state it hands back (ret == S.n),
// not on the value S.n had before the call.
//
// EXPECT warning progress at line 36
package rt2calleelendsspecok

import "sync"

//@ spec S {
//@   state n: uint64
//@   op Get() uint64 { return n }
//@   op Bump() { if n < 5 { n = n + 1 } }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 1; crashes 0
//@   thread { Get() }
//@   thread { Bump() }
//@ }

type C struct {
	mu  *sync.Mutex //@ lock_inv acc(out) && acc(v) && (!out ==> acc(S.n) && v == S.n)
	out bool
	v   uint64
}

//@ init
func Init() *C {
	return &C{mu: new(sync.Mutex)}
}

//@ implements S.Bump
func (c *C) Bump() {
	for {
		c.mu.Lock()
		if !c.out {
			w := c.v
			if w < 5 {
				w = w + 1
			}
			c.v = w //@ linearize
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
	}
}

//@ requires acc(S.n) && S.n == x
//@ ensures acc(S.n) && ret == S.n
func (c *C) lend(x uint64) uint64 {
	c.mu.Lock()
	if !c.out {
		c.mu.Unlock()
		for {
		}
	}
	c.v = x
	c.out = false
	c.mu.Unlock()
	for {
		c.mu.Lock()
		if !c.out {
			break
		}
		c.mu.Unlock()
	}
	c.out = true
	y := c.v
	c.mu.Unlock()
	return y
}

//@ implements S.Get
func (c *C) Get() uint64 {
	for {
		c.mu.Lock()
		if !c.out {
			break
		}
		c.mu.Unlock()
	}
	c.out = true
	x := c.v
	c.mu.Unlock()
	y := c.lend(x)
	c.mu.Lock()
	if !c.out {
		c.mu.Unlock()
		for {
		}
	}
	c.out = false
	c.v = y
	d := y //@ linearize
	c.mu.Unlock()
	return d
}
