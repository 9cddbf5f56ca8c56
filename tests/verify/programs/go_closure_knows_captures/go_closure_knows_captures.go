// Package goclosureknowscaptures is a verifier test: go closure knows captures.
//
// EXPECT verified
package goclosureknowscaptures

import (
	"sync"
)

type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n % 2 == 0
	n  uint64
}

// The goroutine body is verified at its go statement: it knows c is not nil.
//@ requires c != nil
func spawn(c *Counter) {
	go func() {
		c.mu.Lock()
		c.n = c.n + 2
		c.mu.Unlock()
	}()
}
