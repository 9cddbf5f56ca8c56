// Package locknotheld is a verifier test: lock not held.
//
// EXPECT fail safety at line 16
package locknotheld

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

func (c *Counter) Oops() {
	c.mu.Unlock()
}
