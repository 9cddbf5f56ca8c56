// Package lockeven is a verifier test: lock even.
//
// EXPECT verified
package lockeven

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

//@ requires c != nil
func (c *Counter) Add2() {
	c.mu.Lock()
	c.n = c.n + 2
	c.mu.Unlock()
}
