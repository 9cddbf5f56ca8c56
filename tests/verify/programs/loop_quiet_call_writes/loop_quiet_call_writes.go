// Package loopquietcallwrites is a verifier test: the loop also calls reset, whose contract
// takes the counter (`acc(c.mode)`) and sets its mode to 0 in the last iteration: the
// head forgets the mode, and the postcondition c.mode == 7 fails.
//
// EXPECT fail postcondition at line 58
package loopquietcallwrites

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

//@ requires c != nil && acc(c.mode)
//@ ensures acc(c.mode)
func reset(c *Counter) {
	c.mode = 0
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
		if i == 10 {
			reset(c)
		}
	}
	return c.mode
}
