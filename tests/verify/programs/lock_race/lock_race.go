// Package lockrace is a verifier test: lock race.
//
// EXPECT fail race at line 16
package lockrace

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

func (c *Counter) Peek() uint64 {
	return c.n
}
