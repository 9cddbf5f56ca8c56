// Package lockrace is a verifier test: lock race.
//
// EXPECT fail race at line 22
package lockrace

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

func (c *Counter) Add2() {
	c.mu.Lock()
	c.n = c.n + 2
	c.mu.Unlock()
}

func (c *Counter) Peek() uint64 {
	return c.n
}
