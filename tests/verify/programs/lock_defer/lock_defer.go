// Package lockdefer is a verifier test: lock defer.
//
// EXPECT verified
package lockdefer

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

//@ ensures ret % 2 == 0
func (c *Counter) Get() uint64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n
}
