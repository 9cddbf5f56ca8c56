// Package clientlockcounterincrrelocks is a seeded twin of clientlock_counter: Incr Locks the lock its client handed it: it waits for itself.
package clientlockcounterincrrelocks

import "sync"

// Max bounds the counter.
const Max uint64 = 10

//@ spec Ctr {
//@   state n: uint64
//@   op Acquire() { }
//@   op Incr() { if n < Max { n = n + 1 } }
//@   op Get() uint64 { return n }
//@   op Release() { }
//@   crash { n = 0 }
//@ }

//@ explore {
//@   goroutines 2; ops 2; crashes 0
//@ }

// Counter is a bounded counter whose client may hold its lock across operations.
type Counter struct {
	mu *sync.Mutex
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

//@ implements Ctr.Incr
//@ requires locked(c.mu)
//@ ensures locked(c.mu)
func (c *Counter) Incr() {
	c.mu.Lock()
	if c.n < Max {
		c.n = c.n + 1 //@ linearize
	} else {
		_ = c.n //@ linearize
	}
}

//@ implements Ctr.Get
func (c *Counter) Get() uint64 {
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
