// Package rt2calleestepsrecover is a verifier test: the recovery side of
// redteam2_callee_steps. Recovery owns all spec state and nothing interferes, but a helper
// it calls may step the spec (inc's internal step): after the call the spec state is what
// the helper's `ensures` says, not what it was. Recovery kept S.n == 0 from its crash step,
// so inc's `b.v == S.n` made b.v 0 and the lock invariant d == 0 was proved of d = b.v,
// which is 1 (the explorer: Get after recovery returns 1).
//
// EXPECT fail lock-inv at line 38
package rt2calleestepsrecover

import "sync"

//@ spec S {
//@   state n: uint64
//@   op Get() uint64 { return 0 }
//@   internal Inc() { require n < 1; n = n + 1 }
//@   crash { n = 0 }
//@ }

//@ explore {
//@   goroutines 1; ops 1; crashes 1
//@   thread { Get() }
//@ }

type Box struct {
	v uint64
}

type C struct {
	mu *sync.Mutex //@ lock_inv acc(d) && d == 0
	d  uint64
}

//@ recover
func Recover() *C {
	b := &Box{v: 0} //@ crash_step
	inc(b)
	return &C{mu: new(sync.Mutex), d: b.v}
}

//@ requires acc(b.v) && acc(S.n) && b.v == S.n && b.v < 1
//@ ensures acc(b.v) && acc(S.n) && b.v == S.n
func inc(b *Box) {
	b.v = b.v + 1 //@ internal S.Inc()
}

//@ implements S.Get
func (c *C) Get() uint64 {
	c.mu.Lock()
	x := c.d //@ linearize
	c.mu.Unlock()
	return x
}
