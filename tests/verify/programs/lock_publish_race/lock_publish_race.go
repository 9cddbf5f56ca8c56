// Package lockpublishrace is a verifier test: lock publish race.
//
// EXPECT fail race at line 26
package lockpublishrace

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

//@ requires c != nil
func bump(c *Counter) {
	c.mu.Lock()
	c.n = c.n + 2
	c.mu.Unlock()
}

// After building the counter its lock owns n: writing n without the lock races with bump.
func start() {
	c := &Counter{mu: new(sync.Mutex)}
	go bump(c)
	c.n = 4
}
