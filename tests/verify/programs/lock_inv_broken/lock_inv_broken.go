// Package lockinvbroken is a verifier test: lock inv broken.
//
// EXPECT fail lock-inv at line 18
package lockinvbroken

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

func (c *Counter) Add1() {
	c.mu.Lock()
	c.n = c.n + 1
	c.mu.Unlock()
}
