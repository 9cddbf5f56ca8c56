// Package rt2calleelendsspec is a verifier test: spec state handed to a callee
// (`requires acc(S.n)`) comes back (`ensures acc(S.n)`) with whatever value it has then,
// also from a callee that takes no spec step itself: lend gives S.n to the lock (out =
// false), lets Bump step it, and takes it out again. Diff kept S.n's old value across the
// call, so lend's `ret == S.n` made y equal to x and Diff was proved to return 0 (the
// explorer: 1 after a Bump).
//
// EXPECT fail result at line 102
package rt2calleelendsspec

import "sync"

//@ spec S {
//@   state n: uint64
//@   op Diff() uint64 { return 0 }
//@   op Bump() { if n < 5 { n = n + 1 } }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 2; ops 1; crashes 0
//@   thread { Diff() }
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

//@ implements S.Diff
func (c *C) Diff() uint64 {
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
	d := y - x //@ linearize
	c.mu.Unlock()
	return d
}
