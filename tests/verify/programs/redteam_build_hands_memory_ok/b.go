// Package rtbuildhandsmemoryok is a verifier test: the twin of redteam_build_hands_memory
// whose builders hand the lock a box and an array they own, and touch them afterwards only
// under the lock.
//
// EXPECT verified
package rtbuildhandsmemoryok

import "sync"

// B is a box.
type B struct {
	v uint64
}

// C guards its box's value.
type C struct {
	mu  *sync.Mutex //@ lock_inv acc(box) && acc(box.v)
	box *B
}

// Cache guards its values, each at most 100.
type Cache struct {
	mu   *sync.Mutex //@ lock_inv uint64(len(vals)) == 4 && (forall i uint64 :: i < len(vals) ==> acc(vals[i])) && (forall i uint64 :: i < 4 ==> vals[i] <= 100)
	vals []uint64
}

func (c *C) Bump() {
	c.mu.Lock()
	c.box.v = c.box.v + 1
	c.mu.Unlock()
}

//@ ensures ret != nil
func New() *C {
	b := &B{v: 0}
	c := &C{mu: new(sync.Mutex), box: b}
	go c.Bump()
	c.mu.Lock()
	c.box.v = 5
	c.mu.Unlock()
	return c
}

//@ requires i < 4
func (c *Cache) Put(i uint64) {
	c.mu.Lock()
	c.vals[i] = 1
	c.mu.Unlock()
}

//@ ensures ret != nil
func NewCache() *Cache {
	s := make([]uint64, 4)
	s[1] = 100
	c := &Cache{mu: new(sync.Mutex), vals: s}
	go c.Put(0)
	return c
}
