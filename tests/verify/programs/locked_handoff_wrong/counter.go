// Package lockedhandoffwrong is a verifier test: returning a held lock whose invariant is
// broken, releasing a lock the thread does not hold, and taking it twice are caught.
//
// EXPECT fail lock-inv at line 24
// EXPECT fail safety at line 34
// EXPECT fail deadlock at line 40
package lockedhandoffwrong

import "sync"

// Max bounds the counter.
const Max uint64 = 10

// Counter is a bounded counter under a lock.
type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n <= Max
	n  uint64
}

//@ ensures locked(c.mu)
func (c *Counter) acquireAndBump() {
	c.mu.Lock()
	c.n = c.n + 1
	return
}

//@ requires locked(c.mu)
func (c *Counter) release() {
	c.mu.Unlock()
}

func (c *Counter) Reset() {
	c.n = 0
	c.release()
}

//@ ensures locked(c.mu)
func (c *Counter) twice() {
	c.mu.Lock()
	c.acquireAndBump()
}
