// Package loopquietcallkeeps is a verifier test: a loop whose body calls functions whose
// contracts name no memory (`acc`) and no held lock keeps the values of the memory the
// caller owns: the counter's mode, set before the loop, is known after it without an
// invariant; so is a record allocated in the loop's body beside it. The lock-protected
// total is not the caller's: it is read again under the lock.
//
// EXPECT verified
package loopquietcallkeeps

import "sync"

type Counter struct {
	mode  uint64
	steps uint64
}

type Total struct {
	mu  *sync.Mutex //@ lock_inv acc(sum)
	sum uint64
}

type rec struct {
	v uint64
}

//@ requires n < 100
//@ ensures ret == n + 1
func next(n uint64) uint64 {
	return n + 1
}

//@ requires t != nil
func (t *Total) add(k uint64) {
	t.mu.Lock()
	t.sum = t.sum + k
	t.mu.Unlock()
}

//@ requires c != nil && acc(c.mode) && acc(c.steps) && t != nil
//@ ensures acc(c.mode) && acc(c.steps) && c.mode == 7 && ret == 7
func Run(c *Counter, t *Total) uint64 {
	c.mode = 7
	var i uint64 = 0
	for i < 10 {
		//@ invariant i <= 10
		i = next(i)
		t.add(i)
		r := &rec{v: i}
		_ = r
	}
	return c.mode
}
