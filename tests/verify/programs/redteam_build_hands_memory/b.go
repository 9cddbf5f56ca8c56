// Package rtbuildhandsmemory is a verifier test: a lock invariant that owns memory beyond
// its struct (another object's field, a slice's array) takes it from the builder, who must
// own it and loses it. NewNil builds a lock over a nil box (Bump then panics in Go),
// NewKeep and NewKeepSlice go on writing what the lock owns while Bump or Put run (data
// races); all three were proved.
//
// EXPECT fail lock-inv at line 39
// EXPECT fail race at line 46
// EXPECT fail race at line 61
package rtbuildhandsmemory

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
func NewNil() *C {
	return &C{mu: new(sync.Mutex), box: nil}
}

func NewKeep() *C {
	b := &B{v: 0}
	c := &C{mu: new(sync.Mutex), box: b}
	go c.Bump()
	b.v = 5
	return c
}

//@ requires i < 4
func (c *Cache) Put(i uint64) {
	c.mu.Lock()
	c.vals[i] = 1
	c.mu.Unlock()
}

func NewKeepSlice() *Cache {
	s := make([]uint64, 4)
	c := &Cache{mu: new(sync.Mutex), vals: s}
	go c.Put(0)
	s[1] = 1000
	return c
}
