// Package rtlockinvaccparamnameok is a verifier test: a lock invariant's acc(n) names the
// struct's field n also in a method with a parameter n (it owned the parameter's value as
// an address instead, so Get failed a race on c.n).
//
// EXPECT verified
package rtlockinvaccparamnameok

import "sync"

// C holds a small number under its lock.
type C struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n <= 3
	n  uint64
}

//@ ensures ret <= 3
func (c *C) Get(n uint64) uint64 {
	c.mu.Lock()
	v := c.n
	c.mu.Unlock()
	return v + n - n
}

//@ requires n <= 3
func (c *C) Set(n uint64) {
	c.mu.Lock()
	c.n = n
	c.mu.Unlock()
}
