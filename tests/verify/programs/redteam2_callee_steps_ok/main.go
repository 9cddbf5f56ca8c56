// Package rt2calleestepsok is a verifier test: the twin of redteam2_callee_steps and
// redteam2_callee_steps_recover. A caller of a helper that steps the spec relies on the
// helper's `ensures` (Diff returns the difference of the two reads, which bump's contract
// bounds; recovery builds the lock from what inc says), and spec state the caller kept
// (S.k, not handed to bump) keeps its value across the call.
//
// EXPECT verified
package rt2calleestepsok

import "sync"

//@ spec S {
//@   state n: uint64
//@   state k: uint64
//@   op Diff() uint64 { return n - k }
//@   internal Inc() { require n < 1; n = n + 1 }
//@   crash { n = 0; k = 0 }
//@ }

//@ explore {
//@   goroutines 1; ops 1; crashes 1
//@   thread { Diff() }
//@ }

type Box struct {
	v uint64
}

type C struct {
	mu *sync.Mutex //@ lock_inv acc(v) && acc(S.n) && acc(S.k) && v == S.n && v < 100 && S.k == 0
	v  uint64
}

//@ requires acc(S.n) && acc(c.v) && c.v == S.n && c.v < 100
//@ ensures acc(S.n) && acc(c.v) && c.v == S.n && c.v < 100 && c.v >= old(c.v)
func (c *C) bump() {
	if c.v < 1 {
		c.v = c.v + 1 //@ internal S.Inc()
	}
}

//@ implements S.Diff
func (c *C) Diff() uint64 {
	c.mu.Lock()
	c.bump()
	y := c.v //@ linearize
	c.mu.Unlock()
	return y
}

//@ requires acc(b.v) && acc(S.n) && b.v == S.n && b.v < 1
//@ ensures acc(b.v) && acc(S.n) && b.v == S.n && b.v <= 1
func inc(b *Box) {
	b.v = b.v + 1 //@ internal S.Inc()
}

//@ recover
func Recover() *C {
	b := &Box{v: 0} //@ crash_step
	inc(b)
	return &C{mu: new(sync.Mutex), v: b.v}
}
