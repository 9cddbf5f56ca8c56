// Package locktwice is a verifier test: lock twice.
//
// EXPECT fail deadlock at line 17
package locktwice

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

func (c *Counter) Twice() {
	c.mu.Lock()
	c.mu.Lock()
	c.mu.Unlock()
}
