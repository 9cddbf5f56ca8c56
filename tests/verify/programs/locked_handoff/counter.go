// Package lockedhandoff is a verifier test: a function may return holding a lock
// (`ensures locked(c.mu)`) and another may take a held lock and release it
// (`requires locked(c.mu)`); the lock invariant holds at each hand-over.
//
// EXPECT verified
package lockedhandoff

import "sync"

// Max bounds the counter.
const Max uint64 = 10

// Counter is a bounded counter under a lock.
type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n <= Max
	n  uint64
}

//@ ensures locked(c.mu)
func (c *Counter) acquire() {
	c.mu.Lock()
}

//@ requires locked(c.mu)
func (c *Counter) release() {
	c.mu.Unlock()
}

//@ ensures ret <= Max
func (c *Counter) Inc() uint64 {
	c.acquire()
	if c.n < Max {
		c.n = c.n + 1
	}
	v := c.n
	c.release()
	return v
}

//@ requires locked(c.mu)
//@ ensures locked(c.mu) && ret <= Max
func (c *Counter) peek() uint64 {
	return c.n
}

//@ ensures ret <= Max
func (c *Counter) Get() uint64 {
	c.acquire()
	v := c.peek()
	c.release()
	return v
}

//@ ensures ret != nil
func New() *Counter {
	return &Counter{mu: new(sync.Mutex)}
}
