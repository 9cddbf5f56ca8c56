// Package rt2callforgets is a verifier test: memory the caller does not own may change
// during a call (the callee, or other threads while it runs, write it under a lock), so
// what the caller knew of it before the call is gone after it. The caller kept it: a
// postcondition about c.n after Unlock (set5: c.n == 5), then another callee's
// (set6: c.n == 6) about the same unchanged heap term, made the path contradictory, and
// Get, which returns 0, was proved to return 1 (the explorer shows 0).
//
// EXPECT fail result at line 54
// EXPECT fail postcondition at line 68
package rt2callforgets

import "sync"

//@ spec Reg {
//@   state v: uint64
//@   op Get() uint64 { return 1 }
//@   crash { }
//@ }

//@ explore {
//@   goroutines 1; ops 1; crashes 0
//@   thread { Get() }
//@ }

type C struct {
	mu *sync.Mutex //@ lock_inv acc(n)
	n  uint64
}

//@ recover
func Recover() *C {
	return &C{mu: new(sync.Mutex)}
}

//@ ensures c.n == 5
func (c *C) set5() {
	c.mu.Lock()
	c.n = 5
	c.mu.Unlock()
}

//@ ensures c.n == 6
func (c *C) set6() {
	c.mu.Lock()
	c.n = 6
	c.mu.Unlock()
}

//@ implements Reg.Get
func (c *C) Get() uint64 {
	c.set5()
	c.set6()
	//@ linearize
	return c.read()
}

func (c *C) read() uint64 {
	return 0
}

// The same with the first fact from the function's own write before Unlock.
//@ ensures ret == 1
func (c *C) inline() uint64 {
	c.mu.Lock()
	c.n = 5
	c.mu.Unlock()
	c.set6()
	return 0
}
