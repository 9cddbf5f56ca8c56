// Package ctr is the callee package of a multi-package verifier test: a struct with a lock
// that its importers get only from New or Recover.
//
// EXPECT verified
package ctr

import "sync"

// Counter counts below Limit.
type Counter struct {
	mu *sync.Mutex //@ lock_inv acc(n) && n < Limit
	n  uint64
}

// Limit bounds the count.
const Limit uint64 = 1000

// New returns a counter at zero.
//
//@ ensures ret != nil
func New() *Counter {
	return &Counter{mu: new(sync.Mutex), n: 0}
}

// Add adds one (up to Limit - 1) and returns the count before, which is below Limit.
//
//@ ensures ret < Limit
func (c *Counter) Add() uint64 {
	c.mu.Lock()
	old := c.n
	if c.n+1 < Limit {
		c.n = c.n + 1
	}
	c.mu.Unlock()
	return old
}

// Recover is the package's recovery: a fresh counter.
//
//@ recover
//@ ensures ret != nil
func Recover() *Counter {
	return New()
}
