// Package loopunlocks is a verifier test: loop unlocks.
//
// EXPECT fail loop-invariant-preserved at line 17
package loopunlocks

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

func (c *Counter) Drain(k uint64) {
	c.mu.Lock()
	for i := uint64(0); i < k; i++ {
		c.mu.Unlock()
	}
}
