// Package lockbuiltok is a verifier test: lock built ok.
//
// EXPECT verified
package lockbuiltok

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

func start() *Counter {
	c := &Counter{mu: new(sync.Mutex), n: 2}
	go bump(c)
	go bump(c)
	return c
}
