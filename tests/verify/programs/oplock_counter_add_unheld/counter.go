// Package oplockcounteraddunheld is a verifier test of ops that hand a held lock to their
// client, seeded from oplock_counter: Add lost its `requires locked(c.mu)`: it reads and
// writes the counter with no lock (a race with Peek) and steps Ctr.n it does not own.
//
// EXPECT fail race at line 47
package oplockcounteraddunheld

import "sync"

// Max bounds the counter.
const Max uint64 = 10

//@ spec Ctr {
//@   state n: uint64
//@   op Acquire() { }
//@   op Add() { if n < Max { n = n + 1 } }
//@   op Get() uint64 { return n }
//@   op Peek() uint64 { return n }
//@   op Release() { }
//@   crash { n = 0 }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@ }

// Counter is a bounded counter whose client may hold its lock across operations.
type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && acc(Ctr.n) && n == Ctr.n
	n  uint64
}

//@ init
func Init() *Counter {
	return &Counter{mu: new(sync.Mutex), n: 0}
}

//@ implements Ctr.Acquire
//@ ensures locked(c.mu)
func (c *Counter) Acquire() {
	c.mu.Lock() //@ linearize
}

//@ implements Ctr.Add
func (c *Counter) Add() {
	if c.n < Max {
		c.n = c.n + 1 //@ linearize
	} else {
		_ = c.n //@ linearize
	}
}

//@ implements Ctr.Get
//@ requires locked(c.mu)
//@ ensures locked(c.mu)
func (c *Counter) Get() uint64 {
	v := c.n //@ linearize
	return v
}

//@ implements Ctr.Peek
func (c *Counter) Peek() uint64 {
	c.mu.Lock()
	v := c.n //@ linearize
	c.mu.Unlock()
	return v
}

//@ implements Ctr.Release
//@ requires locked(c.mu)
func (c *Counter) Release() {
	c.mu.Unlock() //@ linearize
}
